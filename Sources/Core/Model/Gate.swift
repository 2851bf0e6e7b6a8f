/// The merge gate: applies waivers, then decides pass or fail and the exit code.
///
/// Exit codes are distinct, unlike the original's single 1: 0 pass, 1 findings at or above the threshold,
/// 2 usage or config error (decided before any scan, elsewhere), 3 a target could not be scanned. A tool
/// failure wins over a gate failure because an incomplete scan cannot vouch for anything.
public enum Gate {
    public struct Decision: Sendable, Equatable {
        public var findings: [Finding]
        public var waived: [WaivedFinding]
        public var expiredWaivers: [Waiver]
        public var verdict: Verdict
    }

    public static func decide(
        findings: [Finding], waivers: [Waiver], threshold: GateThreshold, categories: [FindingCategory],
        failedTargets: Int, today: String
    ) -> Decision {
        var kept: [Finding] = []
        var waived: [WaivedFinding] = []
        var expired: [Waiver] = []
        let sorted = ReportOrder.sorted(findings)
        if waivers.isEmpty {
            kept = sorted  // the usual case, and 190k findings on a large plan: nothing to match
        } else {
            kept.reserveCapacity(sorted.count)
            for finding in sorted {
                let matching = waivers.filter { $0.matches(finding) }
                if let active = matching.first(where: { !$0.isExpired(today: today) }) {
                    waived.append(WaivedFinding(finding: finding, waiver: active))
                    continue
                }
                for waiver in matching where !expired.contains(waiver) { expired.append(waiver) }
                kept.append(finding)
            }
        }
        var gating = 0
        for finding in kept where categories.contains(finding.category) && threshold.fails(finding.severity) {
            gating += 1
        }
        let outcome: Verdict.Outcome = failedTargets > 0 ? .error : (gating > 0 ? .fail : .pass)
        let exitCode: Int32 =
            switch outcome {
            case .pass: ExitStatus.pass
            case .fail: ExitStatus.gateFailed
            case .error: ExitStatus.toolFailed
            }
        return Decision(
            findings: kept, waived: waived, expiredWaivers: expired,
            verdict: Verdict(
                outcome: outcome, failOn: threshold, gating: gating, total: kept.count, failedTargets: failedTargets,
                exitCode: exitCode))
    }
}

/// The process exit statuses, in one place so the docs, the action and the code agree.
public enum ExitStatus {
    public static let pass: Int32 = 0
    public static let gateFailed: Int32 = 1
    public static let usageError: Int32 = 2
    public static let toolFailed: Int32 = 3
    /// The gate passed but the GitHub surface could not finish (a 5xx, a network failure, a wrong token).
    public static let gitHubFailed: Int32 = 4
}
