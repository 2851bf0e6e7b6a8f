import Core
import Foundation
import Scanners

/// One target's result: what it found, or why it could not be scanned, and the tool calls it made.
struct TargetOutcome: Sendable {
    /// What the report needs of a scan once its rules have run. Not the `TargetScan`: its inventory holds the
    /// plan's attribute trees (most of a large plan's memory), which the report never reads. (The executable
    /// keeps the decoded plan anyway, to skip freeing it: `ProcessLifetime`.)
    struct Scanned: Sendable {
        var resourceCount: Int
        var toolVersions: [String: String]
        var warnings: [String]
    }

    var target: ScanTarget
    var scan: Scanned?
    var error: ToolError?
    var findings: [Finding]
    var toolRecords: [ToolRecord]
    var durationSeconds: Double
}

/// Scans targets concurrently, bounded by the core count, and returns results in target order so every
/// output stays deterministic however the tasks interleave.
enum TargetScanner {
    static func scanAll(
        _ targets: [ScanTarget], makeContext: @Sendable (ScanTarget) -> ScanContext, rules: [Rule],
        checks: [Check] = [], now: @escaping @Sendable () -> Date
    ) async -> [TargetOutcome] {
        let limit = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var outcomes: [Int: TargetOutcome] = [:]
        await withTaskGroup(of: (Int, TargetOutcome).self) { group in
            var next = 0
            func startNext() {
                guard next < targets.count else { return }
                let index = next
                let target = targets[index]
                let context = makeContext(target)
                next += 1
                group.addTask {
                    (index, await scanOne(target, context: context, rules: rules, checks: checks, now: now))
                }
            }
            for _ in 0..<min(limit, targets.count) { startNext() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                startNext()
            }
        }
        return targets.indices.compactMap { outcomes[$0] }
    }

    static func scanOne(
        _ target: ScanTarget, context: ScanContext, rules: [Rule], checks: [Check] = [], now: @Sendable () -> Date
    ) async -> TargetOutcome {
        let started = now()
        var records: [ToolRecord] = []
        guard let scanner = SourceRegistry.scanner(for: target.source) else {
            return TargetOutcome(
                target: target, scan: nil,
                error: .badInputFile(file: target.path, cause: "source '\(target.source)' is not supported yet"),
                findings: [], toolRecords: [], durationSeconds: 0)
        }
        do {
            let scan = try await scanner.collect(target, context: context, records: &records)
            let ruleContext = RuleEngine.Context(
                source: target.source, target: target.name, identityPrefix: context.identityPrefix)
            let ruleFindings = RuleEngine.evaluate(
                target.rulePolicy.apply(to: rules), over: scan.inventory, context: ruleContext)
            let checkFindings = CustomChecks.evaluate(checks, over: scan.inventory, context: ruleContext)
            // Freeing the inventory (a storage, references and indexes per resource) was 0.07 s on one core at
            // 100k resources; the executable leaves it to process exit, as it does the plan.
            ProcessLifetime.retainUntilExit(scan)
            ProcessLifetime.retainUntilExit(ruleFindings)
            return TargetOutcome(
                target: target,
                scan: TargetOutcome.Scanned(
                    resourceCount: scan.inventory.count, toolVersions: scan.toolVersions, warnings: scan.warnings),
                error: nil, findings: Parallel.joined([scan.drift, ruleFindings, checkFindings]),
                toolRecords: records,
                durationSeconds: now().timeIntervalSince(started))
        } catch {
            return TargetOutcome(
                target: target, scan: nil, error: error, findings: [], toolRecords: records,
                durationSeconds: now().timeIntervalSince(started))
        }
    }
}
