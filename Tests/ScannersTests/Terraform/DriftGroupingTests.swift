import Core
import Foundation
import Testing

@testable import Scanners

/// Drift that follows other drift points at its root cause, on a real terraform plan.
@Suite struct DriftGroupingTests {
    @Test func aDependentsDriftPointsAtItsRootCause() async throws {
        guard let terraform = TestTools.requireTerraform(#function) else { return }
        let runner = LiveProcessRunner()
        let work = try LocalFileSystem().createTemporaryDirectory(prefix: "steadystate-drift-group")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let root = work + "/infra"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        func write(_ text: String) throws { try text.write(toFile: root + "/main.tf", atomically: true, encoding: .utf8) }
        try write("""
            resource "terraform_data" "base" { input = "v1" }
            resource "terraform_data" "middle" { input = terraform_data.base.output }
            resource "terraform_data" "leaf" { input = terraform_data.middle.output }
            resource "terraform_data" "alone" { input = "x" }
            """)
        let environment = try TestTools.terraformEnvironment(home: work)
        for arguments in [["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]] {
            let output = try await runner.run(
                ToolInvocation(
                    tool: "terraform", executable: terraform, arguments: arguments, workingDirectory: root,
                    environment: environment, timeoutSeconds: 120))
            #expect(output.exitCode == 0, "\(arguments): \(output.stderrTail())")
        }
        try write("""
            resource "terraform_data" "base" { input = "v2" }
            resource "terraform_data" "middle" { input = terraform_data.base.output }
            resource "terraform_data" "leaf" { input = terraform_data.middle.output }
            resource "terraform_data" "alone" { input = "y" }
            """)
        let context = ScanContext(
            workingDirectory: work, runner: runner, fileSystem: LocalFileSystem(), tools: ToolPaths(terraform: terraform),
            toolEnvironment: environment, timeoutSeconds: 120)
        var records: [ToolRecord] = []
        let scan = try await TerraformSource().collect(
            ScanTarget(source: .terraformState, path: "infra"), context: context, records: &records)
        let cause = Dictionary(scan.drift.map { ($0.resource, $0.causedBy) }, uniquingKeysWith: { first, _ in first })
        #expect(cause["terraform_data.base"] == .some(nil))
        #expect(cause["terraform_data.alone"] == .some(nil))
        #expect(cause["terraform_data.middle"] == .some("terraform_data.base"), "\(cause)")
        #expect(cause["terraform_data.leaf"] == .some("terraform_data.base"), "\(cause)")
    }
}
