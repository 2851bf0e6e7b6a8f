import Core
import Foundation
import Testing

@testable import Scanners

/// The original's `helm` source: release status drift from a captured `helm list --output json`.
@Suite struct HelmReleaseListTests {
    let context = RuleEngine.Context(source: .helm, target: "releases.json")

    func capture() throws -> String {
        try String(contentsOfFile: TestTools.fixture("helm/releases.json"), encoding: .utf8)
    }

    @Test func statusesMapToTheOriginalsChangeTypes() throws {
        let result = try HelmReleaseList.driftFindings(in: try capture(), file: "releases.json", context: context)
        #expect(
            result.findings.map { "\($0.changeType?.rawValue ?? "") \($0.identity) \($0.severity)" } == [
                "modified shop/api medium", "added shop/search low", "removed tools/legacy high",
                "modified ingress medium", "modified monitoring/? medium", "modified jobs/cron medium",
            ])
        #expect(result.findings.allSatisfy { $0.resourceType == "HelmRelease" && $0.source == "helm" })
        let api = try #require(result.findings.first)
        #expect(api.title == "helm release shop/api is failed")
        #expect(api.location == SourceLocation(file: "releases.json", line: 3))
        #expect(
            api.evidence == [
                Evidence(path: "status", value: "failed"), Evidence(path: "chart", value: "api-2.0.1"),
                Evidence(path: "revision", value: "12"),
            ])
        #expect(result.findings[3].evidence.first == Evidence(path: "status", value: "pending-upgrade"))
        #expect(api.fingerprint == "c33ae1dbcebe4102df7dc14c05d241085a014e4bcddf7e258aa6f0fb4efd04d3")
        #expect(result.warnings.isEmpty)
    }

    @Test func fingerprintsMatchThePythonOriginal() throws {
        guard let python = KubeTestTools.originalPython() else {
            print("skipping: the original steadystate is not installed (.tools/orig-venv)")
            return
        }
        let script = """
            import json, sys
            from steadystate.sources.helm import drifts_from_helm_releases
            for d in drifts_from_helm_releases(json.load(open(sys.argv[1]))):
                print(d.fingerprint, d.identity, d.change_type.value)
            """
        let theirs = try KubeTestTools.runPython(
            python, script: script, arguments: [TestTools.fixture("helm/releases.json")])
        let ours = try HelmReleaseList.driftFindings(in: try capture(), file: "releases.json", context: context)
            .findings.map { "\($0.fingerprint) \($0.identity) \($0.changeType?.rawValue ?? "")" }
        #expect(ours == theirs && ours.count == 6)
    }

    @Test func captureFileThroughTheSource() async throws {
        let root = try KubeTestTools.repository([("helm/releases.json", "ops/releases.json")])
        defer { TestSupport.cleanUp(root) }
        var records: [ToolRecord] = []
        let scan = try await HelmSource().collect(
            ScanTarget(source: .helm, path: "ops/releases.json"), context: KubeTestTools.context(root: root),
            records: &records)
        #expect(records.isEmpty, "a capture runs no tool, so helm need not be installed")
        #expect(scan.drift.count == 6)
        #expect(scan.inventory.count == 0)
        #expect(scan.drift.first?.location?.file == "ops/releases.json")
    }

    struct ShapeCase: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var testDescription: String { message }
    }

    static let shapes: [ShapeCase] = [
        .init(
            text: "{\"name\": \"web\"}",
            message: "r.json:1: is not a captured `helm list --output json` (a JSON array of releases); for a chart, "
                + "point the target at its folder"),
        .init(
            text: "[\n  {\"name\": \"web\"\n",
            message:
                "r.json:3: not valid JSON: did not find expected ',' or '}' (while parsing a flow mapping at line 2)"),
    ]

    @Test(arguments: shapes)
    func wrongShapesAreClearErrors(_ example: ShapeCase) {
        do {
            _ = try HelmReleaseList.driftFindings(in: example.text, file: "r.json", context: context)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == example.message)
        }
    }

    @Test func nonObjectEntriesAreSkippedWithAWarning() throws {
        let result = try HelmReleaseList.driftFindings(
            in: "[\n  \"web\",\n  {\"name\": \"x\", \"status\": \"failed\"}\n]", file: "r.json", context: context)
        #expect(result.findings.map(\.identity) == ["x"])
        #expect(result.warnings == ["r.json:2: skipped an entry that is not a release object"])
    }
}
