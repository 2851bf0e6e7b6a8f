import Core
import Foundation
import Testing

@testable import Scanners

/// The original's captured `{"config", "ps"}` file: declared services reconciled with running containers,
/// with the original's change types and fingerprints.
struct ComposeSnapshotTests {
    static let snapshot = "compose/snapshot/compose-snapshot.json"

    /// What the original reports for the fixture, in its order (computed independently of this code:
    /// `sha256("docker-compose|<service>|<change>")`).
    static let expected: [(String, ChangeType)] = [
        ("web", .modified), ("cache", .added), ("queue", .modified), ("old-api", .removed), ("stray", .removed),
    ]

    @Test func driftFollowsTheOriginalsReconcile() async throws {
        let scan = try await ComposeSourceTests.collect(Self.snapshot)
        #expect(scan.drift.map(\.resource) == Self.expected.map(\.0))
        #expect(scan.drift.map(\.changeType) == Self.expected.map(\.1))
        for (finding, (service, change)) in zip(scan.drift, Self.expected) {
            #expect(finding.fingerprint == Fingerprint.sha256Hex("docker-compose|\(service)|\(change.rawValue)"))
            #expect(finding.source == "docker-compose")
            #expect(finding.ruleID == "drift-\(change.rawValue)")
            #expect(finding.category == .drift)
            #expect(finding.resourceType == "docker_compose_service")
        }
        let web = try #require(scan.drift.first)
        #expect(web.severity == .medium)
        #expect(web.evidence == [Evidence(path: "image", value: "nginx:1.25", before: "nginx:1.27")])
        #expect(web.location == SourceLocation(file: Self.snapshot, line: 5))
        #expect(scan.drift.first { $0.resource == "old-api" }?.severity == .high)
        #expect(scan.drift.first { $0.resource == "cache" }?.severity == .low)
    }

    @Test func declaredServicesAreResourcesForTheRules() async throws {
        let scan = try await ComposeSourceTests.collect(Self.snapshot)
        #expect(
            scan.inventory.resources.map(\.address) == ["web", "worker", "db", "cache", "queue", "network/default"])
        let worker = try ComposeSourceTests.resource(scan, "worker")
        #expect(worker.attributes["privileged"] == .bool(true))
        #expect(
            try ComposeSourceTests.resource(scan, "web").attributes["environment"]
                == .object(["LOG_LEVEL": .string("info"), "FEATURE_X": .null]))
    }

    @Test func severalTargetsPrefixTheIdentity() async throws {
        let scan = try await ComposeSourceTests.collect(Self.snapshot, identityPrefix: "ops/compose")
        let web = try #require(scan.drift.first)
        #expect(web.identity == "ops/compose/web")
        #expect(web.fingerprint == Fingerprint.sha256Hex("docker-compose|ops/compose/web|modified"))
    }

    @Test func anIncompleteSnapshotIsRefused() async throws {
        let root = try TestSupport.temporaryDirectory("compose-snapshot")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(
            [
                "a.json": #"{"config": {"services": {}}}"#, "b.json": #"{"ps": []}"#,
                "c.json": #"{"config": {}, "ps": [1]}"#,
            ],
            under: root)
        let context = ScanContext(
            workingDirectory: root, runner: LiveProcessRunner(), fileSystem: LocalFileSystem(), tools: ToolPaths(),
            toolEnvironment: [:], timeoutSeconds: 30)
        var records: [ToolRecord] = []
        for (file, message) in [
            ("a.json", "a.json: a captured compose snapshot needs a 'ps' list"),
            ("b.json", "b.json: a captured compose snapshot needs a 'config' object"),
            ("c.json", "c.json:1: 'ps[0]' must be an object"),
        ] {
            do {
                _ = try await ComposeSource().collect(
                    ScanTarget(source: .dockerCompose, path: file), context: context, records: &records)
                Issue.record("\(file) must be refused")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error)")
            }
        }
    }

    /// The original, run on the same captured file, must report the same drift with the same fingerprints.
    @Test func fingerprintsMatchThePythonOriginal() async throws {
        let environment = ProcessInfo.processInfo.environment
        let python =
            environment["STEADYSTATE_ORIGINAL_PYTHON"].flatMap { LocalFileSystem().isExecutable($0) ? $0 : nil }
            ?? TestTools.originalPython()
        guard let python else {
            if TestTools.isCI { Issue.record("the Python original is not installed; CI must install it") }
            print("skipping: the original steadystate is not installed (.tools/orig-venv)")
            return
        }
        let script = """
            import sys
            from pathlib import Path
            from steadystate.sources import _docker_compose
            for d in _docker_compose(Path(sys.argv[1])).collect_drift():
                print(d.fingerprint, d.identity, d.change_type.value)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, TestTools.fixture(Self.snapshot)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let theirs = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        let ours = try await ComposeSourceTests.collect(Self.snapshot).drift.map {
            "\($0.fingerprint) \($0.identity) \($0.changeType?.rawValue ?? "")"
        }
        #expect(ours == theirs && ours.count == Self.expected.count)
    }
}
