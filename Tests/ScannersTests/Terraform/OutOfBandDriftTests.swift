import Core
import Foundation
import Testing

@testable import Scanners

/// `refresh = true` on `terraform-state`: real terraform with the real AWS provider applies two S3 buckets
/// against moto's AWS API on loopback, then one is retagged and the other deleted behind Terraform's back.
/// Only the `-refresh-only` plan can see that; the `-refresh=false` plan must not.
@Suite(.serialized) struct OutOfBandDriftTests {
    let runner = LiveProcessRunner()

    @Test func refreshOnlyPlanReportsChangesMadeOutsideTerraform() async throws {
        guard let terraform = TestTools.requireTerraform(#function), let aws = AWSEmulation.require(#function) else {
            return
        }
        let work = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-oob")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let root = work + "/infra"
        try TestTools.copyTree(TestTools.fixture("terraform/moto"), to: root)
        let moto = try await MotoServer.start(python: aws.python, script: root + "/serve.py")
        defer { moto.stop() }

        let environment = try aws.terraformEnvironment(home: work)
        let variables = ["endpoint": moto.url]
        func terraformCall(_ arguments: [String]) async throws {
            let output = try await runner.run(
                ToolInvocation(
                    tool: "terraform", executable: terraform, arguments: arguments, workingDirectory: root,
                    environment: environment, timeoutSeconds: 180))
            #expect(output.exitCode == 0, "\(arguments): \(output.stderrTail())")
        }
        try await terraformCall(["init", "-input=false", "-no-color"])
        try await terraformCall(["apply", "-auto-approve", "-input=false", "-no-color", "-var", "endpoint=\(moto.url)"])

        let context = ScanContext(
            workingDirectory: work, runner: runner, fileSystem: LocalFileSystem(),
            tools: ToolPaths(terraform: terraform), toolEnvironment: environment, timeoutSeconds: 180)
        func scan(refresh: Bool?) async throws -> (TargetScan, [ToolRecord]) {
            var records: [ToolRecord] = []
            let target = ScanTarget(
                source: .terraformState, path: "infra", initialize: false, vars: variables, refresh: refresh)
            let result = try await TerraformSource().collect(target, context: context, records: &records)
            return (result, records)
        }

        // Applied and untouched: neither plan finds anything.
        let (clean, cleanRecords) = try await scan(refresh: true)
        #expect(clean.drift.isEmpty, "\(clean.drift.map(\.title))")
        #expect(cleanRecords.contains { $0.command.contains("plan") && $0.command.contains("-refresh-only") })

        try moto.outOfBand(["tag", "steadystate-logs", "team", "intruder"])
        try moto.outOfBand(["delete", "steadystate-assets"])

        // Without read access to the live objects, out-of-band drift is invisible (and no refresh-only plan runs).
        let (blind, blindRecords) = try await scan(refresh: nil)
        #expect(blind.drift.isEmpty, "\(blind.drift.map(\.title))")
        #expect(!blindRecords.contains { $0.command.contains("-refresh-only") })

        let (seen, _) = try await scan(refresh: true)
        let byIdentity = Dictionary(seen.drift.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(seen.drift.count == 2, "\(seen.drift.map(\.title))")
        let retagged = try #require(byIdentity["aws_s3_bucket.logs"])
        #expect(retagged.changeType == .modified)
        #expect(retagged.outOfBand == true)
        #expect(retagged.severity == .medium)
        #expect(retagged.title == "aws_s3_bucket.logs was changed outside Terraform")
        #expect(retagged.evidence.contains(Evidence(path: "tags.team", value: "intruder", before: "platform")))
        #expect(retagged.location == SourceLocation(file: "infra/main.tf", line: 27))
        let deleted = try #require(byIdentity["aws_s3_bucket.assets"])
        #expect(deleted.changeType == .removed)
        #expect(deleted.severity == .high)
        #expect(deleted.outOfBand == true)
        #expect(deleted.title == "aws_s3_bucket.assets was deleted outside Terraform")
        // Fingerprints are the original's drift fingerprints, so its issues are recognised.
        #expect(deleted.fingerprint == Fingerprint.compute(
            source: "terraform", identity: "aws_s3_bucket.assets", discriminator: "removed"))
        // The refresh-only plan never lands in the repository.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".tfplan") }
        #expect(leftovers.isEmpty)
    }
}

/// moto's server and the AWS provider mirror, as `scripts/install-aws-emulation.sh` installs them.
struct AWSEmulation {
    var python: String
    var mirror: String

    static func require(_ test: String) -> AWSEmulation? {
        let environment = ProcessInfo.processInfo.environment
        let tools = TestTools.packageRoot + "/.tools"
        let python = environment["STEADYSTATE_MOTO_PYTHON"] ?? tools + "/moto-venv/bin/python"
        let mirror = environment["STEADYSTATE_AWS_MIRROR"] ?? tools + "/mirror"
        let zip = mirror + "/registry.terraform.io/hashicorp/aws/terraform-provider-aws_3.39.0_linux_amd64.zip"
        if LocalFileSystem().isExecutable(python), FileManager.default.fileExists(atPath: zip) {
            return AWSEmulation(python: python, mirror: mirror)
        }
        if TestTools.isCI {
            Issue.record("moto or the AWS provider mirror is missing; CI must run scripts/install-aws-emulation.sh")
        } else {
            print("skipping \(test): run scripts/install-aws-emulation.sh for moto and the AWS provider")
        }
        return nil
    }

    /// A terraform environment whose CLI config installs the AWS provider from the mirror, offline.
    func terraformEnvironment(home: String) throws -> [String: String] {
        var environment = try TestTools.terraformEnvironment(home: home)
        let rc = home + "/terraformrc-aws"
        let config = """
            disable_checkpoint = true
            provider_installation {
              filesystem_mirror {
                path    = "\(mirror)"
                include = ["registry.terraform.io/hashicorp/*"]
              }
              direct { exclude = ["registry.terraform.io/hashicorp/*"] }
            }

            """
        try LocalFileSystem().writeFile(rc, Data(config.utf8))
        environment["TF_CLI_CONFIG_FILE"] = rc
        return environment
    }
}

/// `serve.py` of the fixture: moto on a free loopback port, alive until its stdin closes.
final class MotoServer: @unchecked Sendable {  // immutable after start; Process is only waited on
    let url: String
    private let python: String
    private let script: String
    private let process: Process
    private let input: Pipe

    private init(url: String, python: String, script: String, process: Process, input: Pipe) {
        self.url = url
        self.python = python
        self.script = script
        self.process = process
        self.input = input
    }

    static func start(python: String, script: String) async throws -> MotoServer {
        try await TestSupport.offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [script, "serve"]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                line.append(byte)
            }
            guard let port = Int(String(decoding: line, as: UTF8.self)) else {
                process.terminate()
                throw MotoError.noPort(String(decoding: line, as: UTF8.self))
            }
            return MotoServer(
                url: "http://127.0.0.1:\(port)", python: python, script: script, process: process, input: input)
        }
    }

    /// Changes the emulated account directly through the AWS API, as a person in the console would.
    func outOfBand(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        process.environment = ["MOTO_URL": url, "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MotoError.commandFailed(arguments) }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    enum MotoError: Error, CustomStringConvertible {
        case noPort(String)
        case commandFailed([String])

        var description: String {
            switch self {
            case .noPort(let line): "moto's serve.py printed no port (got '\(line)'); run it by hand to see why"
            case .commandFailed(let arguments): "serve.py \(arguments.joined(separator: " ")) failed"
            }
        }
    }
}
