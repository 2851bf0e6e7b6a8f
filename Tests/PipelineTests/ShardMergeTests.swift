import Core
import Foundation
import Testing

@testable import Pipeline

/// `--shard I/N`, `targets --json` and `merge`: a CI matrix must find exactly what one job finds.
@Suite struct ShardMergeTests {
    @Test(arguments: [
        ("1/1", Shard(index: 1, count: 1)), ("2/3", Shard(index: 2, count: 3)), ("3/3", Shard(index: 3, count: 3)),
        ("0/3", nil), ("4/3", nil), ("1/0", nil), ("a/b", nil), ("2", nil), ("1/2/3", nil), ("", nil),
    ] as [(String, Shard?)])
    func shardsParse(text: String, expected: Shard?) {
        #expect(Shard(parsing: text) == expected)
    }

    @Test(arguments: [1, 2, 3, 5, 12])
    func sharesAreDisjointCompleteBalancedAndOrderFree(count: Int) {
        let targets = (1...10).map { ScanTarget(source: .kubernetes, path: "k8s/app-\($0)") }
        let shares = (1...count).map { Shard(index: $0, count: count).select(targets) }
        let names = shares.flatMap { $0.map(\.name) }
        #expect(names.sorted() == targets.map(\.name).sorted())
        #expect(Set(names).count == names.count)
        let sizes = shares.map(\.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
        // The same targets listed in another order are split the same way.
        let reversed = (1...count).map { Shard(index: $0, count: count).select(targets.reversed()) }
        #expect(zip(shares, reversed).allSatisfy { Set($0.map(\.name)) == Set($1.map(\.name)) })
    }

    static func options(_ command: String, shard: Shard? = nil, sarif: String? = nil) -> ScanOptions {
        ScanOptions(
            command: command, inputs: .init(), format: .json, sarifPath: sarif, allowsGitHub: command != "scan",
            shard: shard)
    }

    /// The monorepo fixture (every source kind, real tools) scanned once, and as three shards merged.
    @Test func shardedAndMergedEqualsUnsharded() async throws {
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["steadystate/config.toml": DiscoveryScanTests.excludeConfig], under: root)
        let reports = try TestSupport.temporaryDirectory("shards")
        defer { TestSupport.cleanUp(reports) }

        let whole = CollectingOutput()
        let wholeCode = await ScanCommand.run(
            Self.options("scan", sarif: reports + "/whole.sarif"), environment: TestSupport.environment(in: root, output: whole))
        let expected = try JSONDecoder().decode(ScanReport.self, from: Data(whole.standardOutput.utf8))
        #expect(expected.targets.count == MonorepoFixture.expectedTargets.count)
        #expect(!expected.findings.isEmpty)

        var paths: [String] = []
        var seen: [String] = []
        for index in 1...3 {
            let output = CollectingOutput()
            _ = await ScanCommand.run(
                Self.options("scan", shard: Shard(index: index, count: 3)),
                environment: TestSupport.environment(in: root, output: output))
            let shard = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
            seen += shard.targets.map(\.name)
            #expect(output.standardError.contains("steadystate: shard \(index)/3:"))
            let path = reports + "/shard-\(index).json"
            try FileManager.default.copyItem(atPath: root + "/.steadystate/report.json", toPath: path)
            paths.append(path)
        }
        #expect(seen.sorted() == expected.targets.map(\.name).sorted(), "every target in exactly one shard")

        let merged = CollectingOutput()
        let mergedCode = await MergeCommand.run(
            Self.options("merge", sarif: reports + "/merged.sarif"), reports: paths,
            environment: TestSupport.environment(in: root, output: merged))
        let combined = try JSONDecoder().decode(ScanReport.self, from: Data(merged.standardOutput.utf8))
        #expect(mergedCode == wholeCode)
        #expect(combined.verdict == expected.verdict)
        #expect(combined.findings.map(\.fingerprint) == expected.findings.map(\.fingerprint))
        #expect(combined.findings == expected.findings)
        #expect(combined.targets == expected.targets)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: reports + "/merged.sarif"))
                == Data(contentsOf: URL(fileURLWithPath: reports + "/whole.sarif")), "one SARIF, byte for byte")
        let runReport = try JSONDecoder().decode(
            RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: root + "/.steadystate/report.json")))
        #expect(runReport.command == "merge")
        #expect(runReport.mergedReports == paths)
        #expect(runReport.targets.map(\.name).sorted() == expected.targets.map(\.name).sorted())
    }

    @Test func aMissingShardIsAFailedTargetNotACleanOne() async throws {
        let root = try TestSupport.temporaryDirectory("merge-missing")
        defer { TestSupport.cleanUp(root) }
        let config = """
            [[targets]]
            name = "a"
            source = "docker-compose"
            path = "a/compose.yaml"
            [[targets]]
            name = "b"
            source = "docker-compose"
            path = "b/compose.yaml"

            """
        try TestSupport.write(
            [
                "steadystate/config.toml": config, "a/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n",
                "b/compose.yaml": "services:\n  db:\n    image: postgres:16\n    privileged: true\n",
            ], under: root)
        let output = CollectingOutput()
        _ = await ScanCommand.run(
            Self.options("scan", shard: Shard(index: 1, count: 2)), environment: TestSupport.environment(in: root, output: output))
        let only = root + "/only-shard.json"
        try FileManager.default.copyItem(atPath: root + "/.steadystate/report.json", toPath: only)

        let merged = CollectingOutput()
        let code = await MergeCommand.run(
            Self.options("merge"), reports: [only], environment: TestSupport.environment(in: root, output: merged))
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(merged.standardOutput.utf8))
        #expect(code == ExitStatus.toolFailed)
        #expect(report.verdict.outcome == .error)
        let missing = try #require(report.targets.first { $0.status == .failed })
        #expect(missing.error?.contains("not in any shard report") == true)
        #expect(report.targets.count == 2)
    }

    /// Each shard report already carries the expired-waiver warning; the merged report says it once.
    @Test func anExpiredWaiverIsWarnedOnceAfterMerge() async throws {
        let root = try TestSupport.temporaryDirectory("merge-expired")
        defer { TestSupport.cleanUp(root) }
        let config = """
            [[targets]]
            name = "b"
            source = "docker-compose"
            path = "b/compose.yaml"
            [[suppress]]
            rule = "docker-privileged"
            reason = "until the migration"
            expires = 2020-01-01

            """
        try TestSupport.write(
            [
                "steadystate/config.toml": config,
                "b/compose.yaml": "services:\n  db:\n    image: postgres:16\n    privileged: true\n",
            ], under: root)
        _ = await ScanCommand.run(
            Self.options("scan", shard: Shard(index: 1, count: 1)),
            environment: TestSupport.environment(in: root, output: CollectingOutput()))
        let shard = root + "/shard-1.json"
        try FileManager.default.copyItem(atPath: root + "/.steadystate/report.json", toPath: shard)

        let merged = CollectingOutput()
        _ = await MergeCommand.run(
            Self.options("merge"), reports: [shard], environment: TestSupport.environment(in: root, output: merged))
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(merged.standardOutput.utf8))
        #expect(report.expiredWaivers.count == 1)
        #expect(report.warnings.filter { $0.contains("expired on 2020-01-01") }.count == 1, "\(report.warnings)")
    }

    @Test(arguments: [
        ("missing.json", nil as String?, "missing.json: cannot be read"),
        ("broken.json", "{\"command\": ", "broken.json: is not a steadystate run report"),
        ("scan.json", "{\"verdict\": {}}", "scan.json: is not a steadystate run report"),
    ])
    func unreadableReportsAreUsageErrorsNamingTheFile(name: String, content: String?, message: String) async throws {
        let root = try TestSupport.temporaryDirectory("merge-bad")
        defer { TestSupport.cleanUp(root) }
        if let content { try TestSupport.write([name: content], under: root) }
        let output = CollectingOutput()
        let code = await MergeCommand.run(
            Self.options("merge"), reports: [name], environment: TestSupport.environment(in: root, output: output))
        #expect(code == ExitStatus.usageError)
        #expect(output.standardError.contains("steadystate: \(message)"), "\(output.standardError)")
    }

    @Test func targetsJSONFeedsAMatrix() throws {
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["steadystate/config.toml": DiscoveryScanTests.excludeConfig], under: root)
        let output = CollectingOutput()
        let code = TargetsCommand.run(
            inputs: .init(), directory: nil, shards: 3, format: .json,
            environment: TestSupport.environment(in: root, output: output))
        #expect(code == 0)
        let listing = try JSONDecoder().decode(TargetsCommand.Listing.self, from: Data(output.standardOutput.utf8))
        #expect(listing.shards == ["1/3", "2/3", "3/3"])
        #expect(listing.targets.map(\.path) == MonorepoFixture.expectedTargets.map(\.1))
        let assignment = Shard.assignment(listing.targets.map(\.name), count: 3)
        #expect(listing.targets.allSatisfy { $0.shard == assignment[$0.name] })

        let many = CollectingOutput()
        _ = TargetsCommand.run(
            inputs: .init(), directory: nil, shards: 50, format: .json, environment: TestSupport.environment(in: root, output: many))
        let capped = try JSONDecoder().decode(TargetsCommand.Listing.self, from: Data(many.standardOutput.utf8))
        #expect(capped.shards.count == MonorepoFixture.expectedTargets.count, "no shard is left without a target")
    }
}
