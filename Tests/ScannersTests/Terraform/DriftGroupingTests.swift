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

/// The linking itself, on thousands of resources (so it runs a chunk per core): chains, instance keys,
/// cycles, references to resources that did not drift, against the one loop it replaced.
@Suite struct DriftGroupingScaleTests {
    /// The sequential algorithm `DriftGrouping.link` replaced, kept here as the oracle.
    static func oracle(_ drift: [Finding], resources: [Resource]) -> [String?] {
        func base(_ address: String) -> String {
            guard address.hasSuffix("]"), let open = address.lastIndex(of: "[") else { return address }
            return String(address[..<open])
        }
        let drifted = Set(drift.map { base($0.resource) })
        var parent: [String: String] = [:]
        for resource in resources {
            let own = base(resource.address)
            guard drifted.contains(own) else { continue }
            let targets = Set(resource.references.values.flatMap { $0 }.map(base)).subtracting([own])
            if let cause = targets.filter(drifted.contains).sorted().first { parent[own] = cause }
        }
        func root(of address: String) -> String? {
            var current = address
            var seen: Set<String> = [address]
            while let next = parent[current], seen.insert(next).inserted { current = next }
            return current == address ? nil : current
        }
        return drift.map { root(of: base($0.resource)) }
    }

    @Test(arguments: [10, 3000])
    func causesMatchTheSequentialLoop(_ count: Int) {
        var random = Mutator.Generator(state: UInt64(count))
        let resources = (0..<count).map { index -> Resource in
            let address = index % 7 == 0 ? "aws_x.r\(index)[\(index % 3)]" : "aws_x.r\(index)"
            let references = (0..<Int(random.next() % 4)).map { _ in "aws_x.r\(Int(random.next() % UInt64(count)))" }
            let loop = index % 50 == 0 ? ["aws_x.r\(index)", "aws_x.r\((index + 1) % count)[0]"] : []
            return Resource(
                address: address, type: "aws_x", name: "r\(index)", attributes: [:],
                references: ["a": references, "b": loop])
        }
        let drift = resources.enumerated().compactMap { index, resource -> Finding? in
            guard index % 3 != 1 else { return nil }
            return Finding(
                ruleID: "drift-modified", category: .drift, severity: .medium, title: resource.address, detail: "",
                source: "terraform", fingerprintSource: "terraform", target: "t", resource: resource.address,
                resourceType: resource.type, identity: resource.address)
        }
        var linked = drift
        DriftGrouping.link(&linked, resources: resources)
        #expect(linked.map(\.causedBy) == Self.oracle(drift, resources: resources))
        #expect(linked.contains { $0.causedBy != nil })
    }
}
