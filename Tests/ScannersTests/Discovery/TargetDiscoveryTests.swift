import Core
import Foundation
import Testing

@testable import Scanners

/// Monorepo discovery: every root found, nothing else, and each pass-over explained.
struct TargetDiscoveryTests {
    /// A manifest is text with a line starting `apiVersion:` and a line starting `kind:`, in either order, with
    /// LF or CRLF line ends; the keys indented, in a comment, or only one of them do not make one.
    @Test(arguments: [
        ("apiVersion: v1\nkind: Pod\n", true),
        ("kind: Pod\nmetadata: {}\napiVersion: v1", true),
        ("apiVersion: v1\r\nkind: Pod\r\n", true),
        ("# a file\n---\napiVersion: apps/v1\nkind: Deployment", true),
        ("apiVersion: v1\n", false),
        ("kind: Pod\n", false),
        ("  apiVersion: v1\n  kind: Pod\n", false),
        ("# apiVersion: v1\n# kind: Pod\n", false),
        ("", false),
        ("\n\n\n", false),
        ("apiVersion: v1 kind: Pod", false),
    ])
    func manifestTextNeedsBothKeysAtALineStart(text: String, isManifest: Bool) {
        #expect(ManifestText.isManifest(text) == isManifest)
    }

    @Test func findsExactlyEveryRootOfTheMonorepo() throws {
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        let (targets, skipped) = TargetDiscovery.discover(
            root: root, fileSystem: LocalFileSystem(), exclude: MonorepoFixture.exclude)
        #expect(
            targets.map { "\($0.source.rawValue) \($0.path)" } == MonorepoFixture.expectedTargets.map { "\($0) \($1)" })
        #expect(targets.map(\.name) == targets.map(\.path))
        #expect(Set(skipped) == MonorepoFixture.expectedSkipped, "\(skipped)")
    }

    /// The fixture must be realistic: git itself hides what discovery treats as ignored, and shows every target.
    @Test func theIgnoredFolderIsIgnoredByGitToo() throws {
        guard Git.require("theIgnoredFolderIsIgnoredByGitToo") != nil else { return }
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        let visible = try Git.visibleFiles(in: root)
        #expect(!visible.contains { $0.hasPrefix("scratch/") })
        #expect(!visible.contains("manifests/monitoring/dev.local.yaml"))
        for (_, path) in MonorepoFixture.expectedTargets {
            #expect(visible.contains { $0.hasPrefix(path + "/") }, "git shows nothing in \(path)")
        }
    }

    @Test func withoutExcludesTheExcludedFolderIsARoot() throws {
        let root = try MonorepoFixture.create()
        defer { TestSupport.cleanUp(root) }
        let (targets, _) = TargetDiscovery.discover(root: root, fileSystem: LocalFileSystem())
        #expect(targets.contains { $0.path == "legacy/old-stack" && $0.source == .terraform })
    }

    @Test func aRepositoryThatIsOneRootIsDot() throws {
        let root = try TestSupport.temporaryDirectory("one-root")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(
            [
                "main.tf": "resource \"terraform_data\" \"a\" {}\n",
                "docker-compose.yml": "services:\n  a:\n    image: x\n",
            ],
            under: root)
        let (targets, skipped) = TargetDiscovery.discover(root: root, fileSystem: LocalFileSystem())
        #expect(
            targets.map(\.name) == [". (terraform)", ". (docker-compose)"], "one folder, two kinds: names say which")
        #expect(targets.map(\.path) == [".", "."])
        #expect(skipped.isEmpty)
    }

    @Test func emptyRepositoriesFindNothing() throws {
        let root = try TestSupport.temporaryDirectory("empty")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(["README.md": "# nothing here\n", "config/app.yaml": "name: app\n"], under: root)
        let (targets, skipped) = TargetDiscovery.discover(root: root, fileSystem: LocalFileSystem())
        #expect(targets.isEmpty && skipped.isEmpty)
    }

    @Test func symbolicLinkLoopsAndLinksOutOfTheRepositoryAreNotFollowed() throws {
        let root = try TestSupport.temporaryDirectory("links")
        let outside = try TestSupport.temporaryDirectory("outside")
        defer {
            TestSupport.cleanUp(root)
            TestSupport.cleanUp(outside)
        }
        try TestSupport.write(["app/main.tf": "resource \"terraform_data\" \"a\" {}\n"], under: root)
        try TestSupport.write(["main.tf": "resource \"terraform_data\" \"b\" {}\n"], under: outside)
        try FileManager.default.createSymbolicLink(atPath: root + "/app/loop", withDestinationPath: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/elsewhere", withDestinationPath: outside)
        let (targets, skipped) = TargetDiscovery.discover(root: root, fileSystem: LocalFileSystem())
        #expect(targets.map(\.path) == ["app"])
        #expect(skipped == ["elsewhere/ (a link to a folder outside the repository)"])
    }

    struct TerraformCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var hasBackend = false
        var hasProvider = false
        var sources: [String] = []
        var testDescription: String { name }
    }

    static let terraformCases: [TerraformCase] = [
        .init(name: "backend", text: "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n  }\n}\n", hasBackend: true),
        .init(name: "cloud", text: "terraform {\n  cloud {\n    organization = \"o\"\n  }\n}\n", hasBackend: true),
        .init(name: "provider", text: "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n", hasProvider: true),
        .init(
            name: "required_providers alone says nothing",
            text: "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n"),
        .init(
            name: "local module sources",
            text: "module \"a\" {\n  source = \"./a\"\n}\nmodule \"b\" {\n  source   = \"../b\"\n}\n",
            sources: ["envs/a", "b"]),
        .init(
            name: "a source climbing out of the repository is dropped",
            text: "module \"a\" {\n  source = \"../../x\"\n}\n"),
        .init(
            name: "registry and git sources are not local",
            text: "module \"a\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n"),
        .init(
            name: "comments do not count", text: "# backend \"s3\" {}\n// provider \"aws\" {}\n#  source = \"./x\"\n"),
        .init(
            name: "attributes named like blocks",
            text: "resource \"x\" \"y\" {\n  provider = aws.east\n  backend = \"z\"\n}\n"),
        .init(
            name: "JSON syntax",
            text:
                "{\n  \"terraform\": {\n    \"backend\": {\"local\": {}}\n  },\n  \"module\": {\"a\": {\n    \"source\": \"./a\"\n  }}\n}\n",
            hasBackend: true, sources: ["envs/a"]),
    ]

    @Test(arguments: terraformCases)
    func terraformFoldersAreReadByTheirBlocks(_ example: TerraformCase) {
        let folder = TerraformFolder.scan(path: "envs", texts: [example.text])
        #expect(folder.hasBackend == example.hasBackend)
        #expect(folder.hasProvider == example.hasProvider)
        #expect(folder.moduleSources == example.sources)
    }

    @Test func aModuleWithAProviderIsStillAModuleWhenCalled() throws {
        let root = try TestSupport.temporaryDirectory("providers")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(
            [
                "live/main.tf": "module \"legacy\" {\n  source = \"../legacy-module\"\n}\n",
                "legacy-module/main.tf": "provider \"aws\" {}\n",
                "modules/bootstrap/main.tf": "provider \"aws\" {}\n",
            ], under: root)
        let (targets, skipped) = TargetDiscovery.discover(root: root, fileSystem: LocalFileSystem())
        #expect(
            targets.map(\.path) == ["live", "modules/bootstrap"], "a provider block makes an uncalled folder a root")
        #expect(skipped == ["legacy-module (terraform module used by live)"])
    }

    @Test func kustomizeComponentsAreNotTargets() throws {
        let root = try TestSupport.temporaryDirectory("components")
        defer { TestSupport.cleanUp(root) }
        try TestSupport.write(
            [
                "kustomize/app/kustomization.yaml": "resources: [deployment.yaml]\ncomponents: [../tls]\n",
                "kustomize/app/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
                "kustomize/tls/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
                "kustomize/remote/kustomization.yml": "resources:\n  - https://github.com/org/repo//deploy?ref=v1\n",
            ], under: root)
        let (targets, skipped) = TargetDiscovery.discover(root: root, fileSystem: LocalFileSystem())
        #expect(targets.map(\.path) == ["kustomize/app", "kustomize/remote"])
        #expect(skipped == ["kustomize/tls (kustomize component)"])
    }
}
