import Core
import Foundation
import Pipeline
import Scanners
import Testing

/// End-to-end runs of `ci`/`scan` in-process: real files in a temporary repository, real tools, the gate's
/// exit codes and every output it writes.
@Suite(.serialized)
struct ScanCommandTests {
    /// A repository holding the small captured plan and an optional config.
    static func repository(config: String? = nil, extra: [String: String] = [:]) throws -> String {
        let root = try TestSupport.temporaryDirectory("ci")
        try TestSupport.copyFixture("pipeline/small-plan.json", to: root + "/infra/plan.json")
        try TestSupport.copyFixture("pipeline/clean-plan.json", to: root + "/clean/plan.json")
        var files = extra
        if let config { files["steadystate/config.toml"] = config }
        try TestSupport.write(files, under: root)
        return root
    }

    static func run(
        _ arguments: CommandLineInputs, in root: String, command: String = "ci", format: OutputFormat = .console,
        sarif: String? = nil, variables: [String: String] = [:], runner: (any ProcessRunner)? = nil
    ) async -> (code: Int32, output: CollectingOutput) {
        let output = CollectingOutput()
        let environment = TestSupport.environment(
            in: root, variables: variables, runner: runner ?? LiveProcessRunner(), output: output)
        let code = await ScanCommand.run(
            ScanOptions(
                command: command, inputs: arguments, format: format, sarifPath: sarif, allowsGitHub: command == "ci"),
            environment: environment)
        return (code, output)
    }

    struct GateCase: Sendable, CustomTestStringConvertible {
        var failOn: String
        var path = "infra/plan.json"
        var expectedCode: Int32
        var expectedVerdict: String
        var testDescription: String { "\(failOn) on \(path)" }
    }

    static let gateCases: [GateCase] = [
        .init(failOn: "high", expectedCode: 1, expectedVerdict: "steadystate ci: FAIL -- 1 of 3 finding(s) at/above 'high'"),
        .init(failOn: "medium", expectedCode: 1, expectedVerdict: "steadystate ci: FAIL -- 2 of 3 finding(s) at/above 'medium'"),
        // Unlike the original, `low` and `any` really gate low findings (the added security group).
        .init(failOn: "low", expectedCode: 1, expectedVerdict: "steadystate ci: FAIL -- 3 of 3 finding(s) at/above 'low'"),
        .init(failOn: "any", expectedCode: 1, expectedVerdict: "steadystate ci: FAIL -- 3 of 3 finding(s) at/above 'any'"),
        .init(failOn: "critical", expectedCode: 0, expectedVerdict: "steadystate ci: PASS -- 3 finding(s) below gate"),
        .init(failOn: "none", expectedCode: 0, expectedVerdict: "steadystate ci: PASS -- 3 finding(s) below gate"),
        .init(failOn: "any", path: "clean/plan.json", expectedCode: 0, expectedVerdict: "steadystate ci: PASS -- clean -- no drift/malfunction"),
    ]

    @Test(arguments: gateCases)
    func gateExitCodesAndVerdictLine(_ example: GateCase) async throws {
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let (code, output) = await Self.run(.init(path: example.path, failOn: example.failOn), in: root)
        #expect(code == example.expectedCode, "\(output.standardOutput)\n\(output.standardError)")
        #expect(output.lastLine == example.expectedVerdict)
    }

    @Test func configErrorExitsTwoBeforeAnyToolRuns() async throws {
        let root = try Self.repository(config: "[ci]\nfail_on = \"high\n")
        defer { TestSupport.cleanUp(root) }
        let runner = FaultInjectingRunner()
        let (code, output) = await Self.run(.init(), in: root, runner: runner)
        #expect(code == ExitStatus.usageError)
        #expect(output.standardError.hasPrefix("steadystate: steadystate/config.toml:2:"))
        #expect(output.standardError.split(separator: "\n").count == 1, "one line")
        #expect(runner.log.calls.isEmpty)
        let report = try String(contentsOfFile: root + "/.steadystate/report.json", encoding: .utf8)
        #expect(report.contains("malformed"))
    }

    @Test func explicitlyNamedConfigThatIsMissingIsAnError() async throws {
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let (code, output) = await Self.run(.init(config: "ci/steadystate.toml"), in: root)
        #expect(code == ExitStatus.usageError)
        #expect(output.standardError.contains("ci/steadystate.toml: not found (named by flag --config)"))
    }

    @Test func toolFailureExitsThreeAndOtherTargetsStillScan() async throws {
        let config = """
            [[targets]]
            name = "live"
            source = "terraform-state"
            path = "live"
            [[targets]]
            name = "captured"
            source = "terraform"
            path = "infra/plan.json"
            """
        let root = try Self.repository(config: config, extra: ["live/main.tf": "resource \"terraform_data\" \"x\" {}\n"])
        defer { TestSupport.cleanUp(root) }
        let runner = FaultInjectingRunner(failure: { call in
            call.arguments.first == "plan"
                ? .failed(command: call.commandLine, exitCode: 1, stderrTail: "Error: Failed to load state\nboom")
                : nil
        })
        let (code, output) = await Self.run(.init(), in: root, runner: runner)
        #expect(code == ExitStatus.toolFailed, "\(output.standardOutput)\n\(output.standardError)")
        #expect(output.lastLine.hasPrefix("steadystate ci: FAIL -- 1 target(s) could not be scanned"))
        #expect(output.standardOutput.contains("aws_security_group.bastion"), "the captured target was still scanned")
        let report = try String(contentsOfFile: root + "/.steadystate/report.json", encoding: .utf8)
        #expect(report.contains("boom"), "the run report keeps the tool's stderr tail")
    }

    @Test func sensitiveValuesNeverLeaveTheRunner() async throws {
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let summary = root + "/summary.md"
        for format in OutputFormat.allCases {
            let (_, output) = await Self.run(
                .init(path: "infra/plan.json"), in: root, format: format, sarif: "out.sarif",
                variables: ["GITHUB_STEP_SUMMARY": summary])
            let written = try [root + "/out.sarif", root + "/.steadystate/report.json", summary].map {
                try String(contentsOfFile: $0, encoding: .utf8)
            }
            for text in [output.standardOutput, output.standardError] + written {
                #expect(!text.contains("hunter2-very-secret"))
                #expect(!text.contains("old-secret-value"))
            }
        }
    }

    @Test func waiversApplyUntilTheyExpire() async throws {
        let active = """
            [[suppress]]
            rule = "aws-sg-ssh-open"
            reason = "bastion, reviewed"
            expires = 2099-01-01
            """
        var root = try Self.repository(config: active)
        var (code, output) = await Self.run(.init(path: "infra/plan.json", failOn: "high"), in: root)
        #expect(code == 0)
        #expect(output.lastLine == "steadystate ci: PASS -- 2 finding(s) below gate")
        TestSupport.cleanUp(root)

        root = try Self.repository(config: active.replacingOccurrences(of: "2099-01-01", with: "2020-01-01"))
        defer { TestSupport.cleanUp(root) }
        (code, output) = await Self.run(.init(path: "infra/plan.json", failOn: "high"), in: root)
        #expect(code == 1)
        #expect(output.standardOutput.contains("expired") || output.standardError.contains("expired"))
    }

    @Test func originalMutesFileWaivesByFingerprint() async throws {
        let fingerprint = Fingerprint.sha256Hex("terraform|aws_db_instance.main|modified")
        let mutes = "{\"\(fingerprint)\": {\"title\": \"db churn\", \"by\": \"ops\", \"note\": \"known\", \"added\": \"2026-01-01\"}}"
        let root = try Self.repository(extra: ["steadystate/mutes.json": mutes])
        defer { TestSupport.cleanUp(root) }
        let (code, output) = await Self.run(.init(path: "infra/plan.json", failOn: "medium"), in: root)
        #expect(code == 1)
        #expect(output.lastLine == "steadystate ci: FAIL -- 1 of 2 finding(s) at/above 'medium'")
    }

    @Test func jsonOutputIsDeterministicAndCarriesOriginalFingerprints() async throws {
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let first = await Self.run(.init(path: "infra/plan.json"), in: root, format: .json)
        let second = await Self.run(.init(path: "infra/plan.json"), in: root, format: .json)
        #expect(first.output.standardOutput == second.output.standardOutput)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(first.output.standardOutput.utf8))
        let drift = try #require(report.findings.first { $0.resource == "aws_db_instance.main" })
        #expect(drift.fingerprint == Fingerprint.sha256Hex("terraform|aws_db_instance.main|modified"))
        let rule = try #require(report.findings.first { $0.ruleID == "aws-sg-ssh-open" })
        #expect(rule.fingerprint == Fingerprint.sha256Hex("terraform|aws_security_group.bastion|aws-sg-ssh-open"))
    }

    @Test func severalTargetsPrefixIdentitiesWithTheirPath() async throws {
        let config = """
            [[targets]]
            source = "terraform"
            path = "infra/plan.json"
            [[targets]]
            source = "terraform"
            path = "./clean/plan.json"
            """
        let root = try Self.repository(config: config)
        defer { TestSupport.cleanUp(root) }
        let (_, output) = await Self.run(.init(), in: root, format: .json)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
        let identities = Set(report.findings.map(\.identity))
        #expect(identities.contains("infra/plan.json/aws_db_instance.main"))
        #expect(report.targets.map(\.name) == ["infra/plan.json", "./clean/plan.json"])
    }

    @Test func scanNeverTalksToGitHubAndSaysScan() async throws {
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let (code, output) = await Self.run(.init(path: "clean/plan.json", to: "console,github"), in: root, command: "scan")
        #expect(code == 0)
        #expect(output.lastLine == "steadystate scan: PASS -- clean -- no drift/malfunction")
        #expect(!output.standardError.contains("GitHub"))
    }

    @Test func stepSummaryIsAppendedNotOverwritten() async throws {
        let root = try Self.repository(extra: ["summary.md": "# earlier step\n"])
        defer { TestSupport.cleanUp(root) }
        _ = await Self.run(.init(path: "infra/plan.json"), in: root, variables: ["GITHUB_STEP_SUMMARY": root + "/summary.md"])
        let summary = try String(contentsOfFile: root + "/summary.md", encoding: .utf8)
        #expect(summary.hasPrefix("# earlier step\n"))
        #expect(summary.count > "# earlier step\n".count)
    }
}

/// `packs`, `profile` and `severity` reach the rules of every target.
extension ScanCommandTests {
    @Test func packsAndSeverityOverridesApplyToTheScan() async throws {
        var root = try Self.repository(config: "[ci]\nseverity = { \"aws-sg-ssh-open\" = \"critical\" }\n")
        var (code, output) = await Self.run(.init(path: "infra/plan.json"), in: root, format: .json)
        var report = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
        #expect(code == 1)
        #expect(report.findings.first { $0.ruleID == "aws-sg-ssh-open" }?.severity == .critical)
        TestSupport.cleanUp(root)

        root = try Self.repository(config: "[ci]\npacks = [\"k8s\", \"docker\"]\n")
        defer { TestSupport.cleanUp(root) }
        (code, output) = await Self.run(.init(path: "infra/plan.json"), in: root, format: .json)
        report = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
        #expect(!report.findings.contains { $0.category == .security }, "the aws pack is off")
        #expect(report.findings.contains { $0.category == .drift }, "drift does not depend on packs")
    }

    @Test func anUnknownPackIsAUsageErrorAndAnUnknownRuleAWarning() async throws {
        var root = try Self.repository(config: "[ci]\npacks = [\"aws\", \"k8\"]\n")
        var (code, output) = await Self.run(.init(path: "infra/plan.json"), in: root)
        #expect(code == ExitStatus.usageError)
        #expect(output.standardError.contains("packs = 'k8' is not allowed; use one of: aws, gcp, azure, k8s, docker"))
        TestSupport.cleanUp(root)

        root = try Self.repository(config: "[ci]\nseverity = { \"k8s-no-such-rule\" = \"high\" }\n")
        defer { TestSupport.cleanUp(root) }
        (code, output) = await Self.run(.init(path: "infra/plan.json", failOn: "none"), in: root)
        #expect(code == 0)
        #expect(output.standardError.contains("severity override for unknown rule 'k8s-no-such-rule' (ignored)"))
    }
}
