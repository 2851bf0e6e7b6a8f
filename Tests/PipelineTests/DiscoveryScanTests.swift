import Core
import Foundation
import Pipeline
import Scanners
import Testing

/// `ci`, `scan` and `doctor` in a repository that configures no target: discovery decides what is scanned.
@Suite(.serialized)
struct DiscoveryScanTests {
    static let excludeConfig = "[discovery]\nexclude = [\"legacy/**\"]\n"

    /// A runner that fails every tool call at once: for tests that only look at which targets were chosen.
    static let failingRunner = FaultInjectingRunner(failure: { call in
        .failed(command: call.commandLine, exitCode: 1, stderrTail: "not run by this test")
    })

    @Test func ciDiscoversAndScansEveryRootOfAMonorepo() async throws {
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["steadystate/config.toml": Self.excludeConfig], under: root)
        let hasTerraform = TestSupport.terraformBinary != nil
        if !hasTerraform, TestSupport.isCI { Issue.record("terraform not found; CI must install it") }

        let (code, output) = await ScanCommandTests.run(.init(), in: root, format: .json)
        let discovered = output.standardError.split(separator: "\n").filter { $0.contains("discovered") }.map(
            String.init)
        #expect(
            discovered == MonorepoFixture.expectedTargets.map { "steadystate: discovered \($0) target \($1)" },
            "\(output.standardError)")
        #expect(output.standardError.contains("steadystate: discovery skipped 6 path(s)"))

        let report = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
        #expect(report.targets.map(\.name) == MonorepoFixture.expectedTargets.map(\.1))
        #expect(code == report.verdict.exitCode)
        // Every source is registered: each discovered target scans (the monorepo fixture is valid input).
        for target in report.targets where target.status == .failed {
            Issue.record("\(target.name) (\(target.source)) failed: \(target.error ?? "")")
        }
        let compose = try #require(report.targets.first { $0.source == "docker-compose" })
        #expect(compose.status == .scanned && compose.resourceCount == 1)
        if hasTerraform {
            let terraform = report.targets.filter { $0.source == "terraform" }
            #expect(terraform.allSatisfy { $0.status == .scanned }, "\(terraform.compactMap(\.error))")
            // Several targets: identities carry the target's path, so the two roots' modules stay apart.
            let identities = Set(report.findings.map(\.identity))
            #expect(identities.contains("infra/envs/prod/module.network.terraform_data.network"))
            #expect(identities.contains("infra/envs/staging/terraform_data.marker"))
        }

        let runReport = try String(contentsOfFile: root + "/.steadystate/report.json", encoding: .utf8)
        #expect(runReport.contains("\"discovery\""))
        #expect(runReport.contains("k8s/base (kustomize base used by k8s/overlays/prod)"))
        #expect(runReport.contains("legacy/ (excluded by 'legacy/**' in [discovery] exclude)"))
    }

    struct OffCase: Sendable, CustomTestStringConvertible {
        var name: String
        var config: String?
        var inputs = CommandLineInputs()
        var variables: [String: String] = [:]
        var expectedPath: String
        var testDescription: String { name }
    }

    static let offCases: [OffCase] = [
        .init(name: "[discovery] enabled = false", config: "[discovery]\nenabled = false\n", expectedPath: "."),
        .init(name: "[defaults] source", config: "[defaults]\nsource = \"terraform\"\n", expectedPath: "."),
        .init(name: "[ci] path", config: "[ci]\npath = \"infra/envs/prod\"\n", expectedPath: "infra/envs/prod"),
        .init(
            name: "PATH argument", config: nil, inputs: .init(path: "infra/envs/staging"),
            expectedPath: "infra/envs/staging"),
        .init(name: "--source flag", config: nil, inputs: .init(source: "terraform"), expectedPath: "."),
        .init(
            name: "STEADYSTATE_SOURCE", config: nil, variables: ["STEADYSTATE_SOURCE": "terraform"], expectedPath: "."),
        .init(
            name: "[[targets]]", config: "[[targets]]\nsource = \"docker-compose\"\npath = \"services/shop\"\n",
            expectedPath: "services/shop"),
    ]

    @Test(arguments: offCases)
    func discoveryRunsOnlyWhenNothingNamesATarget(_ example: OffCase) async throws {
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        if let config = example.config { try TestSupport.write(["steadystate/config.toml": config], under: root) }
        let (_, output) = await ScanCommandTests.run(
            example.inputs, in: root, format: .json, variables: example.variables, runner: Self.failingRunner)
        #expect(!output.standardError.contains("discover"), "\(output.standardError)")
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
        #expect(report.targets.map(\.path) == [example.expectedPath])
    }

    @Test func aRepositoryWithNothingToDiscoverFallsBackToTheOriginal() async throws {
        let root = try TestSupport.temporaryDirectory("nothing")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["README.md": "# notes\n"], under: root)
        let (_, output) = await ScanCommandTests.run(.init(), in: root, format: .json, runner: Self.failingRunner)
        #expect(output.standardError.contains("steadystate: discovery found no targets; scanning '.' with terraform"))
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
        #expect(report.targets.map { "\($0.source) \($0.path)" } == ["terraform ."])
    }

    @Test func doctorListsTheDiscoveredTargetsAndWhatWasSkipped() async throws {
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["steadystate/config.toml": Self.excludeConfig], under: root)
        let output = CollectingOutput()
        let code = await DoctorCommand.run(
            inputs: .init(), directory: nil, environment: TestSupport.environment(in: root, output: output))
        #expect(code == 0)
        let lines = output.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let start = try #require(lines.firstIndex(of: "targets (discovered):"))
        let listed = lines[(start + 1)...].prefix(MonorepoFixture.expectedTargets.count)
        for ((source, path), line) in zip(MonorepoFixture.expectedTargets, listed) {
            #expect(line.hasPrefix(path) && line.contains(source) && line.contains("[directory]"), "\(line)")
        }
        #expect(lines.contains("skipped: scratch/ (ignored by 'scratch/' in .gitignore)"))
    }
}
