import Core
import Foundation
import Pipeline
import Testing

/// The supporting commands (init, validate, doctor, catalog) and the executable's exit-code mapping.
@Suite(.serialized)
struct CommandTests {
    @Test func initScaffoldsParseableIntentAndNeverOverwrites() async throws {
        let root = try TestSupport.temporaryDirectory("init")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write([".gitignore": "node_modules/", "steadystate/checks.json": "[{\"keep\": true}]"], under: root)
        let output = CollectingOutput()
        let code = InitCommand.run(directory: nil, environment: TestSupport.environment(in: root, output: output))
        #expect(code == 0)
        let config = try String(contentsOfFile: root + "/steadystate/config.toml", encoding: .utf8)
        let parsed = try ProjectConfig.parse(config, file: IntentPaths.config)
        #expect(parsed.warnings.isEmpty)
        #expect(try String(contentsOfFile: root + "/steadystate/checks.json", encoding: .utf8) == "[{\"keep\": true}]")
        #expect(try String(contentsOfFile: root + "/.gitignore", encoding: .utf8) == "node_modules/\n# steadystate run output (reports, temporary plans)\n.steadystate/\n")
        #expect(output.standardOutput.contains("kept     steadystate/checks.json"))

        // A second run changes nothing.
        let again = CollectingOutput()
        #expect(InitCommand.run(directory: nil, environment: TestSupport.environment(in: root, output: again)) == 0)
        #expect(!again.standardOutput.contains("created"))
        #expect(!again.standardOutput.contains(".gitignore"))
    }

    @Test func validateExplainsEveryErrorAndExitsTwo() throws {
        let root = try TestSupport.temporaryDirectory("validate")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(
            ["steadystate/config.toml": "[ci]\nfail_on = \"severe\"\n", "steadystate/mutes.json": "{not json"],
            under: root)
        let output = CollectingOutput()
        let code = ValidateCommand.run(inputs: .init(), directory: nil, environment: TestSupport.environment(in: root, output: output))
        #expect(code == ExitStatus.usageError)
        #expect(output.standardOutput.contains("steadystate/config.toml: [ci] fail_on = 'severe' is not allowed"))
        #expect(output.standardOutput.contains("steadystate/mutes.json: malformed"))
        #expect(output.lastLine == "steadystate validate: 2 error(s)")
    }

    @Test func validateReportsSchemaViolationsFirstAndExitsTwo() throws {
        let root = try TestSupport.temporaryDirectory("validate")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(
            [
                "steadystate/solutions.json": #"[{"name": "a", "autor": "b", "for": "x", "solution": {"kind": "c", "run": "r"}}]"#,
                "steadystate/checks.json": "{not json",
            ],
            under: root)
        let output = CollectingOutput()
        let code = ValidateCommand.run(inputs: .init(), directory: nil, environment: TestSupport.environment(in: root, output: output))
        #expect(code == ExitStatus.usageError)
        let errors = output.standardOutput.split(separator: "\n").filter { $0.hasPrefix("error") }
        #expect(errors.first == "error    steadystate/solutions.json: $[0]: required property 'author' is missing (solutions.schema.json)")
        #expect(errors.contains { $0.hasPrefix("error    steadystate/checks.json") && $0.contains("malformed") })
        #expect(!output.standardOutput.contains("checks.schema.json"), "a file that is not JSON gets no schema lines")
    }

    @Test func validateAcceptsTheExampleRunbook() throws {
        let root = try TestSupport.temporaryDirectory("validate")
        defer { TestSupport.cleanUp(root) }
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/demo/steadystate")
        try TestSupport.write(
            [
                "steadystate/solutions.json": String(contentsOf: example.appendingPathComponent("solutions.json"), encoding: .utf8),
                "steadystate/checks.json": String(contentsOf: example.appendingPathComponent("checks.json"), encoding: .utf8),
            ],
            under: root)
        let output = CollectingOutput()
        let code = ValidateCommand.run(inputs: .init(), directory: nil, environment: TestSupport.environment(in: root, output: output))
        #expect(code == 0, "\(output.standardOutput)")
        #expect(output.lastLine == "steadystate validate: OK")
    }

    @Test func validatePassesWithWarnings() throws {
        let root = try TestSupport.temporaryDirectory("validate")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(
            ["steadystate/config.toml": "[ci]\nfail_on = \"high\"\nfail_onn = 1\n[[suppress]]\nrule = \"x\"\nreason = \"y\"\nexpires = 2020-01-01\n"],
            under: root)
        let output = CollectingOutput()
        let code = ValidateCommand.run(inputs: .init(), directory: nil, environment: TestSupport.environment(in: root, output: output))
        #expect(code == 0)
        #expect(output.standardOutput.contains("unknown key 'fail_onn' in [ci]"))
        #expect(output.standardOutput.contains("expired on 2020-01-01"))
        #expect(output.lastLine == "steadystate validate: OK")
    }

    @Test func doctorShowsEachSettingWithItsOrigin() async throws {
        let root = try TestSupport.temporaryDirectory("doctor")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["steadystate/config.toml": "[defaults]\nsource = \"terraform-state\"\n[ci]\nfail_on = \"high\"\n"], under: root)
        let output = CollectingOutput()
        let code = await DoctorCommand.run(
            inputs: .init(), directory: nil,
            environment: TestSupport.environment(
                in: root, variables: ["STEADYSTATE_FAIL_ON": "critical", "GITHUB_TOKEN": "ghp_secret123456"],
                output: output))
        #expect(code == 0)
        let lines = output.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.hasPrefix("source") && $0.contains("terraform-state") && $0.hasSuffix("steadystate/config.toml [defaults] source") })
        #expect(lines.contains { $0.hasPrefix("fail_on") && $0.contains("critical") && $0.hasSuffix("environment STEADYSTATE_FAIL_ON") })
        #expect(lines.contains { $0.hasPrefix("to") && $0.hasSuffix("built-in default") })
        #expect(output.standardOutput.contains("set (GITHUB_TOKEN); never printed"))
        #expect(!output.standardOutput.contains("ghp_secret123456"))
        if let terraform = TestSupport.terraformBinary {
            #expect(output.standardOutput.contains("Terraform v"), "doctor asks terraform at \(terraform) for its version")
        }
    }

    @Test func doctorListsDataSourcesAndTheCredentialsTheyNeed() async throws {
        guard TestTools.requireTerraform(#function) != nil, let aws = AWSEmulation.require(#function) else { return }
        let root = try TestSupport.temporaryDirectory("doctor-requirements")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.copyFixture("terraform/requirements", to: root + "/infra")
        try TestSupport.write(
            ["steadystate/config.toml": "[[targets]]\nname = \"core\"\nsource = \"terraform-state\"\npath = \"infra\"\n"],
            under: root)
        let rc = try aws.terraformEnvironment(home: root)["TF_CLI_CONFIG_FILE"] ?? ""
        let output = CollectingOutput()
        let code = await DoctorCommand.run(
            inputs: .init(), directory: nil,
            environment: TestSupport.environment(in: root, variables: ["TF_CLI_CONFIG_FILE": rc], output: output))
        #expect(code == 0)
        let text = output.standardOutput
        #expect(text.contains("terraform: what planning configures and reads, even with -refresh=false:"))
        #expect(text.contains("core: providers aws, terraform"), "\(text)")
        #expect(text.contains("2 data source(s) of aws: data.aws_caller_identity.me, module.net.data.aws_region.here"))
        #expect(text.contains("needs AWS read credentials"))
        #expect(text.contains("1 data source(s) of terraform: module.net.data.terraform_remote_state.core"))
        #expect(!FileManager.default.fileExists(atPath: root + "/infra/.terraform.lock.hcl"))
        #expect(!FileManager.default.fileExists(atPath: root + "/infra/.terraform"))
    }

    @Test(arguments: ["steadystate/config.toml", "steadystate/solutions.json", "steadystate/checks.json"])
    func oversizedIntentFilesAreRefusedBeforeParsing(file: String) async throws {
        let root = try TestSupport.temporaryDirectory("oversized")
        defer { TestSupport.cleanUp(root) }
        // Valid-looking content just past the bound: only the size can be the reason for the refusal.
        let filler = file.hasSuffix(".toml")
            ? "# " + String(repeating: "x", count: IntentLimits.maxFileBytes) + "\n"
            : "[" + String(repeating: " ", count: IntentLimits.maxFileBytes) + "]"
        try TestSupport.write([file: filler], under: root)
        let output = CollectingOutput()
        let code = ValidateCommand.run(inputs: .init(), directory: nil, environment: TestSupport.environment(in: root, output: output))
        #expect(code == ExitStatus.usageError)
        #expect(
            output.standardOutput.contains("\(file): \(filler.utf8.count) bytes is more than the \(IntentLimits.maxFileBytes) bytes"),
            "\(output.standardOutput.prefix(2000))")
    }

    @Test func catalogListsEveryRuleOnce() throws {
        let output = CollectingOutput()
        let root = try TestSupport.temporaryDirectory("catalog")
        defer { TestSupport.cleanUp(root) }
        #expect(CatalogCommand.run(format: .json, environment: TestSupport.environment(in: root, output: output)) == 0)
        let rules = try JSONDecoder().decode([RuleDescription].self, from: Data(output.standardOutput.utf8))
        #expect(!rules.isEmpty)
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(rules.contains { $0.id == "aws-sg-ssh-open" })
    }

    /// The real executable: usage errors exit 2 (not ArgumentParser's 64), `--version` prints ours.
    @Test func executableMapsUsageErrorsToTwo() throws {
        let binary = TestSupport.packageRoot + "/.build/debug/steadystate"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the package first")
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        #expect(try run(["--version"]) == (0, SteadystateVersion.current + "\n"))
        #expect(try run(["ci", "--no-such-flag"]).0 == 2)
        #expect(try run(["ci", "--format", "xml"]).0 == 2)
        #expect(try run(["ci", "--fail-on", "severe"]).0 == 2)
        #expect(try run(["catalog"]).0 == 0)
    }
}
