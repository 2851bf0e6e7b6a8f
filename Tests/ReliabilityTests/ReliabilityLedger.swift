import Foundation

/// Counts what the reliability tests did, one line per test in a ledger file, so a run can print one table.
///
/// Swift Testing runs tests in parallel and in no promised order, so no test can be "the last one". Each test
/// writes a `begin` line before it starts and an `end` line with its counts when it finishes; a test whose
/// process crashed leaves a `begin` without an `end`, which `scripts/reliability-summary.sh` counts as a crash.
/// The file is `STEADYSTATE_RELIABILITY_LEDGER`, else `reliability-ledger.jsonl` in the temporary folder.
enum ReliabilityLedger {
    /// What one test did.
    struct Counts: Sendable {
        var inputsFuzzed = 0
        var faultsInjected = 0
        var concurrentRuns = 0
        var secretsPlanted = 0
        var duplicates = 0
        var leaks = 0
    }

    static var path: String {
        ProcessInfo.processInfo.environment["STEADYSTATE_RELIABILITY_LEDGER"]
            ?? NSTemporaryDirectory() + "reliability-ledger.jsonl"
    }

    private static let lock = NSLock()

    private static func append(_ line: String) {
        lock.withLock {
            let data = Data((line + "\n").utf8)
            if let handle = FileHandle(forWritingAtPath: path) {
                handle.seekToEndOfFile()
                handle.write(data)
                handle.closeFile()
            } else {
                FileManager.default.createFile(atPath: path, contents: data)
            }
        }
    }

    /// Runs `body` between a `begin` and an `end` line; the counts are written even when an expectation failed.
    static func record(_ name: String, _ body: (inout Counts) async throws -> Void) async rethrows {
        append("begin \(name)")
        var counts = Counts()
        defer {
            append(
                "end \(name) fuzzed=\(counts.inputsFuzzed) faults=\(counts.faultsInjected) concurrent=\(counts.concurrentRuns)"
                    + " secrets=\(counts.secretsPlanted) duplicates=\(counts.duplicates) leaks=\(counts.leaks)")
            print(
                "reliability: \(name): fuzzed \(counts.inputsFuzzed), faults \(counts.faultsInjected), concurrent \(counts.concurrentRuns),"
                    + " secrets \(counts.secretsPlanted), duplicates \(counts.duplicates), leaks \(counts.leaks)")
        }
        try await body(&counts)
    }
}
