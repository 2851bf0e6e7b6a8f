import Core
import Foundation
import GitHubEmulator
import Testing

/// Every call of a reconciliation failing once, in each way GitHub fails, then a clean rerun: the tracker must
/// end exactly where a run without faults leaves it, with no duplicate issue, pull request or branch.
///
/// The scenario makes every kind of write: labels and issues created, a stale issue updated, a closed one
/// reopened, one whose finding is gone closed, and a fix PR (blob, tree, commit, branch, pull, label).
@Suite(.serialized) struct GitHubFaultMatrixTests {
    typealias H = GitHubRunHarness

    static let faults: [(String, GitHubEmulator.Fault)] = [
        ("500", .status(500)),
        ("timeout", .delay(seconds: H.clientTimeout + 1)),
        ("reset", .dropConnection),
        ("403 secondary limit", .secondaryRateLimit(retryAfter: 1)),
        ("422", .status(422)),
    ]

    /// A fingerprint no finding has: its open issue must close as fixed.
    static let goneKey = String(repeating: "f", count: 64)

    /// A fresh emulator holding the repository and the issues that need an update, a reopen and a close.
    static func scenario(root: String, keys: [String]) async throws -> (GitHubEmulator, URL) {
        let emulator = GitHubEmulator(token: H.token)
        let api = try await emulator.start()
        _ = await emulator.seedRepository(H.slug, files: try H.files(under: root))
        if keys.count >= 2 {
            await emulator.createIssueAsHuman(H.slug, title: "[steadystate] stale", body: "old text\n\n<!-- steadystate-fp: \(keys[0]) -->", labels: ["steadystate"])
            let closed = await emulator.createIssueAsHuman(H.slug, title: "[steadystate] fixed once", body: "old\n\n<!-- steadystate-fp: \(keys[1]) -->", labels: ["steadystate"])
            await emulator.closeIssueAsHuman(H.slug, number: closed, reason: "completed")
        }
        await emulator.createIssueAsHuman(H.slug, title: "[steadystate] gone", body: "gone\n\n<!-- steadystate-fp: \(goneKey) -->", labels: ["steadystate"])
        return (emulator, api)
    }

    @Test func everyCallFailingOnceConvergesOnTheRerun() async throws {
        try await ReliabilityLedger.record("GitHub fault matrix") { counts in
            let root = try H.makeRepository()
            defer { TestSupport.cleanUp(root) }

            // The keys the scan files, from a first clean run.
            let (probe, probeAPI) = try await Self.scenario(root: root, keys: [])
            let probeRun = try await H.run(in: root, api: probeAPI)
            #expect(probeRun.status == 0, "\(probeRun.output)")
            let keys = await probe.issues(H.slug).compactMap { H.fingerprint(of: $0.body) }.filter { $0 != Self.goneKey }.sorted()
            await probe.stop()
            try #require(keys.count >= 3, "the example files too few issues: \(keys.count)")

            // The clean run of the scenario: the expected end state, and every call it makes.
            let (clean, cleanAPI) = try await Self.scenario(root: root, keys: keys)
            let first = try await H.run(in: root, api: cleanAPI)
            #expect(first.status == 0, "\(first.output)")
            let expected = await H.state(of: clean)
            let calls = await clean.requestLog()
            let methods = Set(calls.map(\.method))
            #expect(methods.isSuperset(of: ["GET", "POST", "PATCH"]), "\(methods)")
            #expect(expected.openPulls.count == 1 && expected.closedKeys.contains(Self.goneKey), "\(expected)")
            #expect(expected.duplicates.isEmpty)
            let rerun = try await H.run(in: root, api: cleanAPI)
            let rerunWrites = Array(await clean.requestLog().dropFirst(calls.count)).filter { $0.method != "GET" }
            #expect(rerun.status == 0 && rerunWrites.isEmpty, "a clean rerun wrote: \(rerunWrites.map(\.path))")
            await clean.stop()
            print("reliability: the scenario makes \(calls.count) calls: \(calls.map { "\($0.method) \($0.path.split(separator: "?")[0])" })")

            var runs: [GitHubRunHarness.Run] = [first, rerun]
            // Every call fails once, and every kind of fault is used; the whole call × fault product (5× the
            // runs, about eight minutes on 2 cores) runs with STEADYSTATE_FULL_FAULT_MATRIX=1.
            let isFull = ProcessInfo.processInfo.environment["STEADYSTATE_FULL_FAULT_MATRIX"] == "1"
            for index in calls.indices {
                let chosen = isFull ? Self.faults : [Self.faults[index % Self.faults.count]]
                for (name, fault) in chosen {
                    let (emulator, api) = try await Self.scenario(root: root, keys: keys)
                    await emulator.inject(fault, atRequest: index)
                    counts.faultsInjected += 1
                    let faulted = try await H.run(in: root, api: api)
                    let call = "\(calls[index].method) \(calls[index].path.split(separator: "?")[0])"
                    #expect(faulted.status == 0 || faulted.status == 4, "\(name) on call \(index) (\(call)): \(faulted.output)")
                    if faulted.status == 4 {
                        #expect(faulted.output.contains("GitHub: "), "\(name) on \(call): the error does not name the call")
                    }
                    // A delayed request still lands on the server: let it, before the rerun reads.
                    if case .delay = fault { try await Task.sleep(for: .seconds(2)) }
                    let healed = try await H.run(in: root, api: api)
                    #expect(healed.status == 0, "\(name) on \(call): the rerun failed: \(healed.output)")
                    let state = await H.state(of: emulator)
                    counts.duplicates += state.duplicates.count
                    #expect(state == expected, "\(name) on call \(index) (\(call)):\n\(state)\nexpected\n\(expected)")
                    runs += [faulted, healed]
                    counts.leaks += H.leaks(of: H.token, in: [faulted, healed], log: await emulator.requestLog())
                    await emulator.stop()
                }
            }
            counts.secretsPlanted += 1
            #expect(counts.leaks == 0, "the token leaked")
        }
    }

    @Test func concurrentRunsLeaveNoDuplicates() async throws {
        try await ReliabilityLedger.record("concurrent runs") { counts in
            let roots = try (0..<3).map { _ in try H.makeRepository() }
            defer { roots.forEach(TestSupport.cleanUp) }
            for round in 0..<4 {
                let (emulator, api) = try await Self.scenario(root: roots[0], keys: [])
                // Half the rounds, the first write of each run is slowed, so the runs interleave differently.
                if round % 2 == 1 { await emulator.inject(.delay(seconds: 0.2), method: "POST", pathContains: "/issues", times: 3) }
                let results = try await withThrowingTaskGroup(of: GitHubRunHarness.Run.self) { group in
                    for root in roots { group.addTask { try await H.run(in: root, api: api) } }
                    var all: [GitHubRunHarness.Run] = []
                    for try await run in group { all.append(run) }
                    return all
                }
                counts.concurrentRuns += results.count
                let afterRace = await H.state(of: emulator)
                // A run that raced may leave a twin it did not see; the next run closes it.
                _ = try await H.run(in: roots[0], api: api)
                let settled = await H.state(of: emulator)
                counts.duplicates += settled.duplicates.count
                #expect(settled.duplicates.isEmpty, "round \(round): \(settled)\nafter the race: \(afterRace)")
                #expect(results.allSatisfy { $0.status == 0 || $0.status == 4 }, "\(results.map(\.output))")
                await emulator.stop()
            }
        }
    }

    /// A fork's pull request gets a read-only token: the exit code is the scan's, never a GitHub failure.
    @Test(arguments: [("none", Int32(0)), ("high", Int32(1))])
    func aReadOnlyTokenKeepsTheScansExitCode(failOn: String, expected: Int32) async throws {
        let root = try H.makeRepository(failOn: failOn)
        defer { TestSupport.cleanUp(root) }
        let emulator = GitHubEmulator(token: H.token, readOnlyTokens: ["ghs_readonly"])
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        _ = await emulator.seedRepository(H.slug, files: try H.files(under: root))
        let run = try await H.run(in: root, api: api, token: "ghs_readonly")
        #expect(run.status == expected, "\(run.output)")
        #expect(run.output.contains("cannot write"), "\(run.output)")
        let issues = await emulator.issues(H.slug)
        let pulls = await emulator.pulls(H.slug)
        #expect(issues.isEmpty && pulls.isEmpty)
    }
}
