import Core
import Foundation
import Testing

@testable import Scanners

/// The `kustomize` source with real kubectl: a base and two overlays, a broken kustomization, no kubectl.
@Suite struct KustomizeSourceTests {
    func collect(_ path: String, in root: String, kubectl: String?) async throws -> (TargetScan, [ToolRecord]) {
        var records: [ToolRecord] = []
        let scan = try await KustomizeSource().collect(
            ScanTarget(source: .kustomize, path: path), context: KubeTestTools.context(root: root, kubectl: kubectl),
            records: &records)
        return (scan, records)
    }

    @Test func overlayIsRenderedAndObjectsPointAtTheirOrigin() async throws {
        guard let kubectl = KubeTestTools.require(.kubectl, #function) else { return }
        let root = try KubeTestTools.repository([("kustomize", "deploy")])
        defer { TestSupport.cleanUp(root) }
        let (scan, records) = try await collect("deploy/overlays/prod", in: root, kubectl: kubectl)
        let located = scan.inventory.resources.map { "\($0.address) @ \($0.location?.file ?? "")" }
        #expect(
            located == [
                "ConfigMap/prod/prod-settings-9f9c6b5h98 @ deploy/overlays/prod/kustomization.yaml",
                "Service/prod/prod-web @ deploy/base/service.yaml",
                "apps/Deployment/prod/prod-web @ deploy/base/deployment.yaml",
            ])
        let deployment = try #require(scan.inventory.resources(ofType: "Deployment").first)
        #expect(deployment.attributes.value(at: "spec.replicas") == .number(3))
        #expect(deployment.attributes.value(at: "spec.template.spec.containers.0.image") == .string("nginx:1.27"))
        #expect(records.first?.command == "kubectl kustomize deploy/overlays/prod")
        #expect(records.allSatisfy { $0.exitCode == 0 })
        #expect(scan.toolVersions["kubectl"]?.hasPrefix("v1.") == true)
        #expect(scan.warnings.isEmpty)
    }

    @Test func withoutOriginAnnotationsObjectsPointAtTheKustomization() async throws {
        guard let kubectl = KubeTestTools.require(.kubectl, #function) else { return }
        let root = try KubeTestTools.repository([("kustomize", "deploy")])
        defer { TestSupport.cleanUp(root) }
        let (scan, _) = try await collect("deploy/overlays/staging/", in: root, kubectl: kubectl)
        #expect(scan.inventory.resources.map(\.address) == ["Service/staging/web", "apps/Deployment/staging/web"])
        #expect(
            scan.inventory.resources.allSatisfy { $0.location?.file == "deploy/overlays/staging/kustomization.yaml" })
    }

    @Test func failingBuildKeepsKubectlsError() async throws {
        guard let kubectl = KubeTestTools.require(.kubectl, #function) else { return }
        let root = try KubeTestTools.repository([("kustomize", "deploy")])
        defer { TestSupport.cleanUp(root) }
        do {
            _ = try await collect("deploy/broken", in: root, kubectl: kubectl)
            Issue.record("a broken kustomization must fail the target")
        } catch let error as ToolError {
            guard case .failed(let command, let code, let tail) = error else {
                Issue.record("expected a failed kubectl call, got \(error)")
                return
            }
            #expect(command == "kubectl kustomize deploy/broken")
            #expect(code == 1)
            #expect(tail.contains("missing.yaml"))
            #expect(
                error.description.hasPrefix(
                    "'kubectl kustomize deploy/broken' exited with status 1: error: accumulating resources"))
        }
    }

    @Test func missingKubectlAndMissingFolder() async throws {
        let root = try KubeTestTools.repository([("kustomize", "deploy")])
        defer { TestSupport.cleanUp(root) }
        await #expect(
            throws: ToolError.notFound(tool: "kubectl", searched: "test", hint: ToolLocator.Tool.kubectl.installHint)
        ) {
            try await collect("deploy/overlays/prod", in: root, kubectl: nil)
        }
        await #expect(throws: ToolError.directoryMissing(path: "deploy/overlays/qa")) {
            try await collect("deploy/overlays/qa", in: root, kubectl: "/bin/true")
        }
    }

    @Test func originAnnotationPaths() {
        func object(_ origin: String) -> JSONValue {
            ["metadata": ["annotations": [KustomizeSource.originAnnotation: .string(origin)]]]
        }
        #expect(
            KustomizeSource.origin(of: object("path: ../../base/a.yaml\n"), kustomization: "k/o/p") == "k/base/a.yaml")
        #expect(KustomizeSource.origin(of: object("path: a.yaml\nrepo: https://x\n"), kustomization: "k") == nil)
        #expect(
            KustomizeSource.origin(of: object("path: ../../a.yaml\n"), kustomization: "k") == nil,
            "outside the repository")
        #expect(KustomizeSource.origin(of: ["metadata": ["name": "x"]], kustomization: "k") == nil)
    }
}
