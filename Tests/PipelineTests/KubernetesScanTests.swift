import Core
import Foundation
import Pipeline
import Scanners
import Testing

/// `ci` end to end over Kubernetes-family targets: real helm, one broken chart among good targets.
@Suite(.serialized)
struct KubernetesScanTests {
    static let config = """
        [ci]
        fail_on = "high"

        [[targets]]
        name = "broken-chart"
        source = "helm"
        path = "charts/broken"

        [[targets]]
        name = "web-chart"
        source = "helm"
        path = "charts/web"
        release = "shop"
        values = ["env/values-prod.yaml"]
        namespace = "retail"
        set = { replicaCount = "4" }

        [[targets]]
        name = "manifests"
        source = "k8s"
        path = "deploy"

        [[targets]]
        name = "cluster-capture"
        source = "kubernetes"
        path = "state/capture.json"

        [[targets]]
        name = "releases"
        source = "helm"
        path = "state/releases.json"
        """

    static func repository() throws -> String {
        let root = try TestSupport.temporaryDirectory("ci-kube")
        let copies = [
            ("helm/broken", "charts/broken"), ("helm/web", "charts/web"),
            ("helm/values-prod.yaml", "env/values-prod.yaml"),
            ("kubernetes/manifests", "deploy"), ("kubernetes/capture.json", "state/capture.json"),
            ("helm/releases.json", "state/releases.json"),
        ]
        for (from, to) in copies { try TestSupport.copyFixture(from, to: root + "/" + to) }
        try TestSupport.write(["steadystate/config.toml": config], under: root)
        return root
    }

    @Test func fingerprintSourceNamesPerKind() {
        #expect(SourceKind.kubernetes.fingerprintName == "kubernetes")
        #expect(SourceKind(parsing: "k8s")?.fingerprintName == "kubernetes", "the original's name")
        #expect(SourceKind.helm.fingerprintName == "helm")
        #expect(SourceKind.kustomize.fingerprintName == "kustomize")
        // Rule findings on rendered objects hash `kubernetes`, as the original's Kubernetes pack does for charts and
        // overlays, so a workload keeps its fingerprint across manifest, chart and kustomization.
        for kind in [SourceKind.kubernetes, .helm, .kustomize] {
            #expect(kind.fingerprintSource(for: .security) == "kubernetes")
            #expect(kind.fingerprintSource(for: .custom) == "kubernetes")
        }
        #expect(SourceKind.helm.fingerprintSource(for: .drift) == "helm")
        #expect(SourceKind.terraformState.fingerprintSource(for: .security) == "terraform")
        #expect(SourceRegistry.supportedKinds.contains(.kubernetes))
        #expect(SourceRegistry.supportedKinds.contains(.helm))
        #expect(SourceRegistry.supportedKinds.contains(.kustomize))
    }

    static func helm() -> String? {
        let candidates = [
            ProcessInfo.processInfo.environment["HELM_BIN"], TestSupport.packageRoot + "/.tools/bin/helm",
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func brokenChartFailsItsTargetWhileTheOthersStillScan() async throws {
        guard let helm = Self.helm() else {
            if TestSupport.isCI { Issue.record("helm not found (HELM_BIN, .tools/bin/helm); CI must install it") }
            return
        }
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let output = CollectingOutput()
        let environment = TestSupport.environment(
            in: root, variables: ["STEADYSTATE_HELM_BIN": helm, "HOME": root + "/.home"], output: output)
        let code = await ScanCommand.run(
            ScanOptions(command: "ci", inputs: .init(), format: .json, allowsGitHub: false), environment: environment)
        #expect(code == ExitStatus.toolFailed, "\(output.standardError)")

        let report = try JSONDecoder().decode(JSONValue.self, from: Data(output.standardOutput.utf8))
        let targets = report["targets"]?.arrayValue ?? []
        #expect(
            targets.map { "\($0["name"]?.stringValue ?? "") \($0["status"]?.stringValue ?? "")" } == [
                "broken-chart failed", "web-chart scanned", "manifests scanned", "cluster-capture scanned",
                "releases scanned",
            ])
        #expect(targets.map { $0["resourceCount"]?.intValue ?? -1 } == [0, 6, 8, 9, 0])
        let error = targets.first?["error"]?.stringValue ?? ""
        #expect(error.contains("helm template broken charts/broken"))
        #expect(error.contains("broken/templates/deployment.yaml:11:27"))
        #expect(error.contains("nil pointer evaluating interface {}.repository"))

        // Several targets: identities carry the target path, fingerprints the source's own name.
        let findings = report["findings"]?.arrayValue ?? []
        let capture = findings.filter {
            $0["source"]?.stringValue == "kubernetes" && $0["category"]?.stringValue == "drift"
        }
        #expect(capture.count == 7)
        #expect(capture.contains { $0["identity"]?.stringValue == "state/capture.json/apps/Deployment/shop/old" })
        #expect(
            capture.allSatisfy {
                $0["fingerprint"]?.stringValue
                    == Fingerprint.sha256Hex(
                        "kubernetes|\($0["identity"]?.stringValue ?? "")|\($0["changeType"]?.stringValue ?? "")")
            })
        let releases = findings.filter { $0["source"]?.stringValue == "helm" }
        #expect(releases.count == 6)
        #expect(releases.contains { $0["identity"]?.stringValue == "state/releases.json/tools/legacy" })
        #expect(
            report["warnings"]?.arrayValue?.contains(
                .string("deploy/vendored-chart: skipped a Helm chart; scan it with source \"helm\"")) == true)

        let runReport = try String(contentsOfFile: root + "/.steadystate/report.json", encoding: .utf8)
        #expect(runReport.contains("helm template shop charts/web -f env/values-prod.yaml --set replicaCount=***"))
        #expect(!FileManager.default.fileExists(atPath: root + "/.home"), "helm never used the runner's HOME")
    }
}
