import Core
import Foundation
import Testing

@testable import Scanners

/// The `helm` source with real helm: chart rendering with overrides and `# Source` attribution, failures,
/// and the original's captured `helm list` form.
@Suite struct HelmSourceTests {
    func render(
        _ target: ScanTarget, in root: String, helm: String, fileSystem: any FileSystem = LocalFileSystem()
    ) async throws -> (TargetScan, [ToolRecord]) {
        var records: [ToolRecord] = []
        let scan = try await HelmSource().collect(
            target, context: KubeTestTools.context(root: root, helm: helm, fileSystem: fileSystem), records: &records)
        return (scan, records)
    }

    @Test func overridesReachTheRenderAndObjectsPointAtTheirTemplates() async throws {
        guard let helm = KubeTestTools.require(.helm, #function) else { return }
        let root = try KubeTestTools.repository([
            ("helm/web", "charts/web"), ("helm/values-prod.yaml", "env/values-prod.yaml"),
        ])
        defer { TestSupport.cleanUp(root) }
        let fileSystem = RecordingFileSystem()
        let target = ScanTarget(
            source: .helm, path: "charts/web", release: "shop", values: ["env/values-prod.yaml"],
            set: ["image.repository": "registry.local/nginx"], namespace: "retail", kubeVersion: "1.29.0")
        let (scan, records) = try await render(target, in: root, helm: helm, fileSystem: fileSystem)

        let located = scan.inventory.resources.map { "\($0.address) @ \($0.location?.file ?? "")" }
        #expect(
            located.sorted() == [
                "ConfigMap/retail/shop-web-info @ charts/web/templates/configmap.yaml",
                "Pod/retail/shop-web-test @ charts/web/templates/tests/test-connection.yaml",
                "Service/retail/shop-web @ charts/web/templates/service.yaml",
                "ServiceAccount/retail/shop-web @ charts/web/templates/service.yaml",
                "apps/Deployment/retail/shop-web @ charts/web/templates/deployment.yaml",
                "apps/StatefulSet/retail/shop-cache @ charts/web/charts/cache/templates/statefulset.yaml",
            ])
        #expect(scan.inventory.resources.allSatisfy { $0.location?.line == nil })
        let deployment = try #require(scan.inventory.resources(ofType: "Deployment").first)
        #expect(deployment.attributes.value(at: "spec.replicas") == .number(3), "values file")
        #expect(
            deployment.attributes.value(at: "spec.template.spec.containers.0.image")
                == .string("registry.local/nginx:1.27"),
            "--set and the values file together")
        let info = try #require(scan.inventory.resources(ofType: "ConfigMap").first)
        #expect(info.attributes.value(at: "data.kubeVersion") == .string("v1.29.0"))

        #expect(
            records.map(\.command).first
                == "helm template shop charts/web -f env/values-prod.yaml --set image.repository=*** --namespace retail --kube-version 1.29.0"
        )
        #expect(records.allSatisfy { !$0.command.contains("registry.local") }, "--set values stay out of records")
        #expect(records.allSatisfy { $0.exitCode == 0 })
        #expect(scan.toolVersions["helm"]?.hasPrefix("v") == true)
        // helm's home and cache lived in a temporary folder, now gone; nothing was written into the chart.
        #expect(fileSystem.temporaryDirectories.count == 1)
        #expect(fileSystem.temporaryDirectories.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        #expect(!FileManager.default.fileExists(atPath: root + "/.home"))
    }

    @Test func setWinsOverValuesFilesAndReleaseDefaultsToTheFolderName() async throws {
        guard let helm = KubeTestTools.require(.helm, #function) else { return }
        let root = try KubeTestTools.repository([
            ("helm/web", "charts/web"), ("helm/values-prod.yaml", "values-prod.yaml"),
        ])
        defer { TestSupport.cleanUp(root) }
        let target = ScanTarget(
            source: .helm, path: "./charts/web/", values: ["values-prod.yaml"], set: ["replicaCount": "5"])
        let (scan, _) = try await render(target, in: root, helm: helm)
        let deployment = try #require(scan.inventory.resources(ofType: "Deployment").first)
        #expect(deployment.address == "apps/Deployment/default/web-web", "release `web`, helm's default namespace")
        #expect(deployment.attributes.value(at: "spec.replicas") == .number(5))
    }

    @Test func brokenTemplateNamesTheTemplateAndCause() async throws {
        guard let helm = KubeTestTools.require(.helm, #function) else { return }
        let root = try KubeTestTools.repository([("helm/broken", "charts/broken")])
        defer { TestSupport.cleanUp(root) }
        let fileSystem = RecordingFileSystem()
        do {
            _ = try await render(
                ScanTarget(source: .helm, path: "charts/broken"), in: root, helm: helm, fileSystem: fileSystem)
            Issue.record("a broken template must fail the target")
        } catch let error as ToolError {
            guard case .failed(let command, let code, let tail) = error else {
                Issue.record("expected a failed helm call, got \(error)")
                return
            }
            #expect(command == "helm template broken charts/broken")
            #expect(code == 1)
            #expect(!tail.contains("--debug"))
            #expect(
                error.description
                    == "'helm template broken charts/broken' exited with status 1: Error: broken/templates/deployment.yaml:11:27 "
                    + "executing \"broken/templates/deployment.yaml\" at <.Values.image.repository>: "
                    + "nil pointer evaluating interface {}.repository")
        }
        #expect(fileSystem.temporaryDirectories.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }

    @Test func missingHelmIsNotFoundWithAHint() async throws {
        let root = try KubeTestTools.repository([("helm/web", "charts/web")])
        defer { TestSupport.cleanUp(root) }
        var records: [ToolRecord] = []
        await #expect(
            throws: ToolError.notFound(tool: "helm", searched: "test", hint: ToolLocator.Tool.helm.installHint)
        ) {
            try await HelmSource().collect(
                ScanTarget(source: .helm, path: "charts/web"), context: KubeTestTools.context(root: root),
                records: &records)
        }
    }

    @Test func packagedChartIsRendered() async throws {
        guard let helm = KubeTestTools.require(.helm, #function) else { return }
        let root = try KubeTestTools.repository([("helm/web", "src/web")])
        defer { TestSupport.cleanUp(root) }
        let packaged = try await LiveProcessRunner().run(
            ToolInvocation(
                tool: "helm", executable: helm, arguments: ["package", "src/web", "-d", "dist"], workingDirectory: root,
                environment: ["PATH": "/usr/bin:/bin", "HOME": root + "/.home"], timeoutSeconds: 60))
        #expect(packaged.exitCode == 0, "\(packaged.stderrTail())")
        let (scan, records) = try await render(
            ScanTarget(source: .helm, path: "dist/shop-web-0.1.0.tgz"), in: root, helm: helm)
        #expect(records.first?.command == "helm template shop-web dist/shop-web-0.1.0.tgz")
        #expect(scan.inventory.count == 6)
        #expect(scan.inventory.resources.allSatisfy { $0.location?.file == "dist/shop-web-0.1.0.tgz" })
    }

    // MARK: Pure parts

    @Test func sourceCommentsAttributeEachDocument() {
        let rendered = """
            ---
            # Source: web/templates/a.yaml
            apiVersion: v1
            kind: A
            ---
            apiVersion: v1
            kind: NoSource
            ---
            # Source: web/charts/sub/templates/b.yaml
            # another comment
            apiVersion: v1
            """
        let index = HelmTemplate.SourceIndex(rendered: rendered)
        #expect(index.source(forLine: 3) == "web/templates/a.yaml")
        #expect(index.source(forLine: 6) == nil)
        #expect(index.source(forLine: 11) == "web/charts/sub/templates/b.yaml")
        #expect(
            HelmTemplate.location(ofSource: "web/charts/sub/templates/b.yaml", chart: "deploy/charts/app")
                == "deploy/charts/app/charts/sub/templates/b.yaml")
        #expect(HelmTemplate.location(ofSource: "web/templates/a.yaml", chart: ".") == "templates/a.yaml")
    }

    @Test func defaultReleaseNames() {
        #expect(HelmTemplate.defaultRelease(forChart: "charts/web/") == "web")
        #expect(HelmTemplate.defaultRelease(forChart: "dist/web-api-1.2.3.tgz") == "web-api")
        #expect(HelmTemplate.defaultRelease(forChart: "dist/web.tar.gz") == "web")
        #expect(HelmTemplate.defaultRelease(forChart: "/work/repo/web") == "web", "a chart at the repository root")
    }

    @Test func helmStderrIsCondensedToItsError() {
        let stderr = """
            walk.go:75: found symbolic link in path
            Error: web/templates/x.yaml:16:10
              executing "web/templates/x.yaml" at <.Values.nope.deeper>:
                nil pointer evaluating interface {}.deeper

            Use --debug flag to render out invalid YAML
            """
        #expect(
            HelmTemplate.condense(stderr: stderr)
                == "walk.go:75: found symbolic link in path\nError: web/templates/x.yaml:16:10 executing "
                + "\"web/templates/x.yaml\" at <.Values.nope.deeper>: nil pointer evaluating interface {}.deeper")
        #expect(HelmTemplate.condense(stderr: "plain failure\n") == "plain failure")
    }
}
