/// How one target's scan went.
public struct TargetResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case scanned
        /// The tool failed or the input could not be read; `error` says why.
        case failed
    }

    public var name: String
    public var source: String
    public var path: String
    public var status: Status
    /// Resources the rules looked at.
    public var resourceCount: Int
    public var findingCount: Int
    /// One line: the tool, the command and the cause.
    public var error: String?

    public init(
        name: String, source: String, path: String, status: Status, resourceCount: Int, findingCount: Int,
        error: String? = nil
    ) {
        self.name = name
        self.source = source
        self.path = path
        self.status = status
        self.resourceCount = resourceCount
        self.findingCount = findingCount
        self.error = error
    }
}

/// A finding set aside by a waiver, kept in reports so nothing is hidden.
public struct WaivedFinding: Sendable, Codable, Equatable {
    public var finding: Finding
    public var waiver: Waiver

    public init(finding: Finding, waiver: Waiver) {
        self.finding = finding
        self.waiver = waiver
    }
}

/// The gate's decision and the exit code that carries it.
public struct Verdict: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case pass, fail
        /// A target could not be scanned, so "clean" cannot be claimed.
        case error
    }

    public var outcome: Outcome
    public var failOn: GateThreshold
    /// Findings (not waived, in a gating category) at or above the threshold.
    public var gating: Int
    /// All findings not waived.
    public var total: Int
    public var failedTargets: Int
    /// 0 pass, 1 gate failure, 3 a tool failed. (2, a usage error, never gets this far.)
    public var exitCode: Int32

    public init(outcome: Outcome, failOn: GateThreshold, gating: Int, total: Int, failedTargets: Int, exitCode: Int32) {
        self.outcome = outcome
        self.failOn = failOn
        self.gating = gating
        self.total = total
        self.failedTargets = failedTargets
        self.exitCode = exitCode
    }

    /// The original's verdict line, kept word for word so log greps keep working.
    public func line(command: String = "ci") -> String {
        let prefix = "steadystate \(command):"
        switch outcome {
        case .pass:
            return total == 0
                ? "\(prefix) PASS -- clean -- no drift/malfunction"
                : "\(prefix) PASS -- \(total) finding(s) below gate"
        case .fail:
            return "\(prefix) FAIL -- \(gating) of \(total) finding(s) at/above '\(failOn.rawValue)'"
        case .error:
            return "\(prefix) FAIL -- \(failedTargets) target(s) could not be scanned; "
                + "\(gating) of \(total) finding(s) at/above '\(failOn.rawValue)'"
        }
    }
}

/// Everything one `ci`/`scan` run found: the deterministic part of every output (console, JSON, SARIF,
/// Markdown). Same input, byte-identical report: findings are sorted and nothing here holds a timestamp.
public struct ScanReport: Sendable, Codable, Equatable {
    public static let schemaVersion = 1

    public var schemaVersion: Int
    public var toolVersion: String
    public var verdict: Verdict
    /// Not waived, in report order (worst first).
    public var findings: [Finding]
    public var waived: [WaivedFinding]
    /// Waivers that matched a finding but have expired; the finding counts again.
    public var expiredWaivers: [Waiver]
    public var targets: [TargetResult]
    /// Categories that count toward the gate.
    public var gatingCategories: [FindingCategory]
    public var warnings: [String]
    public var errors: [String]

    public init(
        toolVersion: String, verdict: Verdict, findings: [Finding], waived: [WaivedFinding], expiredWaivers: [Waiver],
        targets: [TargetResult], gatingCategories: [FindingCategory], warnings: [String], errors: [String]
    ) {
        self.schemaVersion = ScanReport.schemaVersion
        self.toolVersion = toolVersion
        self.verdict = verdict
        self.findings = findings
        self.waived = waived
        self.expiredWaivers = expiredWaivers
        self.targets = targets
        self.gatingCategories = gatingCategories
        self.warnings = warnings
        self.errors = errors
    }

    /// Counts of findings (not waived) per severity, worst first, zeros included.
    public var countsBySeverity: [(Severity, Int)] {
        // One pass, counted by rank (1 to 4): a large plan's report holds 190k findings.
        var counts = [Int](repeating: 0, count: 5)
        for finding in findings { counts[finding.severity.rank] += 1 }
        return Severity.allCases.reversed().map { ($0, counts[$0.rank]) }
    }

    /// Whether a finding counts toward the gate (category gates and severity at or above the threshold).
    public func isGating(_ finding: Finding) -> Bool {
        gatingCategories.contains(finding.category) && verdict.failOn.fails(finding.severity)
    }
}
