import Core
import Foundation
import Testing

@testable import Scanners

/// The `kubernetes` source over fixture folders and files, and the original's captured form.
@Suite struct KubernetesSourceTests {
    func collect(_ path: String, in root: String, identityPrefix: String? = nil) async throws -> TargetScan {
        var records: [ToolRecord] = []
        let scan = try await KubernetesSource().collect(
            ScanTarget(source: .kubernetes, path: path),
            context: KubeTestTools.context(root: root, identityPrefix: identityPrefix), records: &records)
        #expect(records.isEmpty, "plain manifests need no tool")
        return scan
    }

    @Test func nestedFolderReadsYAMLListsAndJSONAndSkipsTheRest() async throws {
        let root = try KubeTestTools.repository([("kubernetes/manifests", "deploy")])
        defer { TestSupport.cleanUp(root) }
        let scan = try await collect("deploy", in: root)
        let located = scan.inventory.resources.map {
            "\($0.address) @ \($0.location?.file ?? ""):\($0.location?.line ?? 0)"
        }
        #expect(
            located == [
                "apps/Deployment/shop/web @ deploy/app.yaml:2",
                "Service/shop/web @ deploy/app.yaml:16",
                "batch/CronJob/jobs/nightly @ deploy/nested/cronjob.json:1",
                "ConfigMap/shop/settings @ deploy/nested/deeper/list.yaml:4",
                "rbac.authorization.k8s.io/ClusterRole/reader @ deploy/nested/deeper/list.yaml:11",
                "ConfigMap/shop/first @ deploy/nested/typed-list.json:5",
                "ConfigMap/second @ deploy/nested/typed-list.json:6",
                "Pod/debug @ deploy/pod.yml:1",
            ])
        #expect(
            scan.warnings == [
                "deploy/vendored-chart: skipped a Helm chart; scan it with source \"helm\"",
                "deploy/app.yaml:25: skipped a document: not a Kubernetes object: no apiVersion or kind",
                "deploy/nested/kustomization.yaml:1: skipped a document: a kustomization; scan its folder with source \"kustomize\"",
            ])
        let pod = try #require(scan.inventory.resources(ofType: "Pod").first)
        #expect(pod.attributes.value(at: "spec.hostNetwork") == .bool(true), "YAML 1.1 `yes` is a boolean")
        let cron = try #require(scan.inventory.resources(ofType: "CronJob").first)
        #expect(cron.attributes.value(at: "spec.successfulJobsHistoryLimit") == .number(10))
        #expect(scan.drift.isEmpty)
    }

    @Test func singleFileTargetAndMissingPath() async throws {
        let root = try KubeTestTools.repository([("kubernetes/manifests", "deploy")])
        defer { TestSupport.cleanUp(root) }
        let scan = try await collect("./deploy/nested/../app.yaml", in: root)
        #expect(scan.inventory.resources.map(\.location?.file) == ["deploy/app.yaml", "deploy/app.yaml"])
        await #expect(throws: ToolError.self) { try await collect("deploy/nope.yaml", in: root) }
    }

    @Test func brokenYAMLFailsTheTargetNamingFileAndLine() async throws {
        let root = try KubeTestTools.repository([("kubernetes/broken", "k8s")])
        defer { TestSupport.cleanUp(root) }
        do {
            _ = try await collect("k8s", in: root)
            Issue.record("a broken manifest must fail the target")
        } catch let error as ToolError {
            #expect(
                error
                    == .badInputFile(
                        file: "k8s/bad.yaml:11",
                        cause:
                            "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 10)"
                    ))
            #expect(error.description.hasPrefix("k8s/bad.yaml:11: not valid YAML"))
        }
    }

    @Test func aChartFolderIsRefusedWithAHint() async throws {
        let root = try KubeTestTools.repository([("helm/web", "charts/web")])
        defer { TestSupport.cleanUp(root) }
        await #expect(
            throws: ToolError.badInputFile(
                file: "charts/web", cause: "is a Helm chart (it has a Chart.yaml); scan it with source \"helm\"")
        ) {
            try await collect("charts/web", in: root)
        }
    }

    // MARK: The original's captured {"declared", "observed"} form

    static let expectedCaptureDrift = [
        "modified apps/Deployment/shop/web",
        "modified apps/Deployment/shop/api",
        "added ConfigMap/shop/settings",
        "modified batch/CronJob/jobs/nightly",
        "modified apps/Deployment/shop/scaled",
        "removed apps/Deployment/shop/old",
        "removed apps/DaemonSet/kube-system/agent",
    ]

    @Test func capturedSnapshotGivesTheOriginalsDrift() async throws {
        let root = try KubeTestTools.repository([("kubernetes/capture.json", "state/capture.json")])
        defer { TestSupport.cleanUp(root) }
        let scan = try await collect("state/capture.json", in: root)
        #expect(scan.drift.map { "\($0.changeType?.rawValue ?? "") \($0.identity)" } == Self.expectedCaptureDrift)
        #expect(
            scan.drift.allSatisfy {
                $0.source == "kubernetes"
                    && $0.fingerprint
                        == Fingerprint.sha256Hex("kubernetes|\($0.identity)|\($0.changeType?.rawValue ?? "")")
            })
        let web = try #require(scan.drift.first)
        #expect(web.severity == .medium)
        #expect(web.evidence == [Evidence(path: "images", value: "[\"nginx:1.25\"]", before: "[\"nginx:1.27\"]")])
        #expect(web.location?.file == "state/capture.json")
        // The later duplicate of `api` (replicas 4) replaced the first (3) but kept its place.
        #expect(scan.drift[1].evidence == [Evidence(path: "replicas", value: "4", before: "3")])
        #expect(scan.drift.first { $0.changeType == .removed }?.severity == .high)
        #expect(scan.drift.first { $0.changeType == .added }?.severity == .low)
        // Declared objects are the inventory the rules see (the duplicate identity twice, as declared).
        #expect(scan.inventory.count == 9)
        #expect(
            Fingerprint.sha256Hex("kubernetes|apps/Deployment/shop/web|modified")
                == "fe9adedd5b359ae324427e1b529f51dfd17906e46e4450218e709ffe6a7718b9")
    }

    @Test func capturedSnapshotFingerprintsMatchThePythonOriginal() async throws {
        guard let python = KubeTestTools.originalPython() else {
            print("skipping: the original steadystate is not installed (.tools/orig-venv)")
            return
        }
        let script = """
            import json, sys
            from steadystate.sources.k8s import KubernetesSource
            snap = json.load(open(sys.argv[1]))
            source = KubernetesSource(declared=snap.get("declared"), observed=snap.get("observed"))
            for d in source.collect_drift():
                print(d.fingerprint, d.identity, d.change_type.value)
            """
        let theirs = try KubeTestTools.runPython(
            python, script: script, arguments: [TestTools.fixture("kubernetes/capture.json")])
        let root = try KubeTestTools.repository([("kubernetes/capture.json", "capture.json")])
        defer { TestSupport.cleanUp(root) }
        let ours = try await collect("capture.json", in: root).drift.map {
            "\($0.fingerprint) \($0.identity) \($0.changeType?.rawValue ?? "")"
        }
        #expect(ours == theirs && ours.count == 7)
    }

    @Test func capturedSnapshotIdentitiesArePrefixedInMultiTargetRepositories() async throws {
        let root = try KubeTestTools.repository([("kubernetes/capture.json", "capture.json")])
        defer { TestSupport.cleanUp(root) }
        let scan = try await collect("capture.json", in: root, identityPrefix: "capture.json")
        #expect(scan.drift.first?.identity == "capture.json/apps/Deployment/shop/web")
        #expect(scan.drift.first?.resource == "apps/Deployment/shop/web")
    }

    @Test func captureWithoutObservedSideIsAnError() async throws {
        let root = try TestSupport.temporaryDirectory("steadystate-kube")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["c.json": "{\"declared\": []}\n"], under: root)
        await #expect(
            throws: ToolError.badInputFile(
                file: "c.json:1",
                cause:
                    "a captured {\"declared\", \"observed\"} snapshot needs \"observed\" (the cluster's objects, e.g. kubectl get deploy -o json)"
            )
        ) {
            try await collect("c.json", in: root)
        }
    }

    @Test func capturePropertiesAreImagesAndReplicas() {
        let cron: JSONValue = [
            "kind": "CronJob",
            "spec": [
                "jobTemplate": ["spec": ["template": ["spec": ["containers": [["image": "b"], ["image": "a"]]]]]]
            ],
        ]
        #expect(ClusterCapture.properties(of: cron) == ["images": ["a", "b"]])
        let pod: JSONValue = [
            "kind": "Pod", "spec": ["initContainers": [["image": "i"]], "containers": [["image": ""]]],
        ]
        #expect(ClusterCapture.properties(of: pod) == ["images": ["i"]])
        let service: JSONValue = ["kind": "Service", "spec": ["ports": []]]
        #expect(ClusterCapture.properties(of: service).isEmpty)
        let nullReplicas: JSONValue = ["kind": "ReplicaSet", "spec": ["replicas": nil]]
        #expect(ClusterCapture.properties(of: nullReplicas) == ["replicas": nil])
    }
}
