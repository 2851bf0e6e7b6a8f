import Core
import Foundation
import Testing

@testable import Scanners

/// The manifest reader: documents, lists, JSON, skipped non-manifests, located errors, the original's identity.
@Suite struct ManifestReaderTests {
    struct IdentityCase: Sendable, CustomTestStringConvertible {
        var object: JSONValue
        var identity: String
        var testDescription: String { identity }
    }

    /// The original's `_identity`: group from `apiVersion`, empty parts dropped.
    static let identities: [IdentityCase] = [
        .init(
            object: ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "shop"]],
            identity: "apps/Deployment/shop/web"),
        .init(object: ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web"]], identity: "Pod/web"),
        .init(
            object: ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "r"]],
            identity: "rbac.authorization.k8s.io/ClusterRole/r"),
        .init(
            object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "namespace": ""]],
            identity: "ConfigMap/c"),
        .init(object: ["apiVersion": "v1", "kind": "Namespace"], identity: "Namespace"),
        .init(object: ["apiVersion": "a/b/c", "kind": "X", "metadata": ["name": 5]], identity: "a/X/5"),
    ]

    @Test(arguments: identities)
    func identityIsTheOriginals(_ example: IdentityCase) {
        #expect(ManifestReader.identity(of: example.object) == example.identity)
    }

    @Test func multiDocumentYAMLGivesEachObjectItsStartLine() throws {
        let text = """
            # leading comment
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            ---
            ---
            # Source: chart/templates/b.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: b, namespace: ns}
            ...
            ---
            just a string
            """
        let read = try ManifestReader.read(text, file: "m.yaml", format: .yaml)
        #expect(read.objects.map(\.identity) == ["ConfigMap/a", "apps/Deployment/ns/b"])
        #expect(read.objects.map(\.line) == [2, 9])
        #expect(read.warnings == ["m.yaml:14: skipped a document that is not a mapping"])
    }

    /// A long stream is read a share of documents per core: its objects and warnings are exactly one loop's over
    /// the documents, in order, with their lines (objects, lists, empty documents and skipped ones mixed).
    @Test(arguments: [63, 64, 65, 301])
    func longStreamsReadAsOneLoopReadsThem(count: Int) throws {
        let documents = (0..<count).map { index -> String in
            switch index % 5 {
            case 0: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\(index)\ndata:\n  on: yes\n  n: 0x1F\n"
            case 1:
                "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: s\(index)}\n"
            case 2: "# only a comment\n"
            case 3: "- just\n- a list of \(index)\n"
            default: "kind: Orphan\nmetadata: {name: o\(index)}\n"
            }
        }
        let text = documents.joined(separator: "---\n")
        let read = try ManifestReader.read(text, file: "stream.yaml", format: .yaml)
        var expected = ManifestRead()
        for root in try ManifestReader.documents(in: text, file: "stream.yaml", format: .yaml) {
            expected.objects += ManifestReader.objects(
                in: root, file: "stream.yaml", format: .yaml, warnings: &expected.warnings)
        }
        #expect(read.objects == expected.objects)
        #expect(read.warnings == expected.warnings)
        #expect(read.objects.count == (0..<count).filter { $0 % 5 < 2 }.count)
    }

    @Test func listsArraysAndTypedListsAreUnwrapped() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Secret
                metadata: {name: s}
              - metadata: {name: no-kind}
            ---
            apiVersion: apps/v1
            kind: DeploymentList
            items:
              - metadata: {name: d1, namespace: ns}
              - apiVersion: apps/v1beta2
                kind: Deployment
                metadata: {name: d2}
            ---
            - {apiVersion: v1, kind: Pod, metadata: {name: p}}
            ---
            apiVersion: v1
            kind: List
            items: null
            """
        let read = try ManifestReader.read(text, file: "l.yaml", format: .yaml)
        #expect(read.objects.map(\.identity) == ["Secret/s", "apps/Deployment/ns/d1", "apps/Deployment/d2", "Pod/p"])
        #expect(read.objects.map(\.line) == [4, 12, 13, 17])
        #expect(read.warnings == ["l.yaml:7: skipped a document: not a Kubernetes object: no apiVersion or kind"])
    }

    @Test func jsonIsReadWithJSONRulesAndLines() throws {
        let text =
            "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"ConfigMap\",\n\t\"metadata\": {\"name\": \"c\"},\n"
            + "\t\"data\": {\"yes\": \"on\", \"n\": 1e3, \"t\": true, \"s\": \"caf\\u00e9 \\ud83d\\ude00\"}\n}\n"
        let read = try ManifestReader.read(text, file: "c.json", format: .json)
        let object = try #require(read.objects.first)
        #expect(object.line == 1)
        #expect(object.object["data"] == ["yes": "on", "n": 1000, "t": true, "s": "café 😀"])
    }

    @Test func surrogatePairEscapesBecomeYAMLEscapes() {
        #expect(YAMLStream.yamlCompatibleJSON(#"["\ud83d\ude00"]"#) == #"["\U0001f600"]"#)
        #expect(YAMLStream.yamlCompatibleJSON(#"["\\ud83d\\ude00"]"#) == #"["\\ud83d\\ude00"]"#, "escaped backslashes")
        #expect(YAMLStream.yamlCompatibleJSON(#"["\u00e9\n", "\ud83d"]"#) == #"["\u00e9\n", "\ud83d"]"#)
    }

    @Test func yamlScalarsFollowYAMLTypingAndMergeKeys() throws {
        let text = """
            defaults: &defaults
              replicas: 2
              paused: false
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              <<: *defaults
              replicas: 3
              minReadySeconds: 0x10
              label: "007"
              empty: ~
              ratio: .inf
            """
        let read = try ManifestReader.read(text, file: "d.yaml", format: .yaml)
        let spec = try #require(read.objects.first?.object["spec"])
        #expect(
            spec == [
                "replicas": 3, "paused": false, "minReadySeconds": 16, "label": "007", "empty": nil, "ratio": ".inf",
            ])
    }

    @Test func kustomizationsAreSkippedWithAHint() throws {
        let text = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n"
        let read = try ManifestReader.read(text, file: "k/kustomization.yaml", format: .yaml)
        #expect(read.objects.isEmpty)
        #expect(read.warnings.first?.hasPrefix("k/kustomization.yaml:1: skipped a Kustomization") == true)
        let bare = try ManifestReader.read("resources: [a.yaml]\n", file: "k/kustomization.yml", format: .yaml)
        #expect(
            bare.warnings == [
                "k/kustomization.yml:1: skipped a document: a kustomization; scan its folder with source \"kustomize\""
            ])
    }

    struct BrokenCase: Sendable, CustomTestStringConvertible {
        var text: String
        var format: ManifestReader.Format
        var message: String
        var testDescription: String { message }
    }

    static let broken: [BrokenCase] = [
        .init(
            text: "apiVersion: v1\nkind: A\n---\nmetadata:\n  labels: [unclosed\ndata: 1\n", format: .yaml,
            message: "f:6: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 5)"),
        .init(
            text: "a: 1\nb:\n\tc: 2\n", format: .yaml,
            message:
                "f:3: not valid YAML: found character that cannot start any token (while scanning for the next token at line 3)"
        ),
        .init(
            text: "kind: A\nkind: B\n", format: .yaml,
            message: "f:1: not valid YAML: duplicate key 'kind' in one mapping"),
        .init(
            text: "{\"a\": [1, 2}\n", format: .json,
            message: "f:1: not valid JSON: did not find expected ',' or ']' (while parsing a flow sequence at line 1)"),
    ]

    @Test(arguments: broken)
    func brokenDocumentsNameFileAndLine(_ example: BrokenCase) {
        #expect(throws: ManifestError.self) {
            try ManifestReader.read(example.text, file: "f", format: example.format)
        }
        do {
            _ = try ManifestReader.read(example.text, file: "f", format: example.format)
        } catch {
            #expect(error.description == example.message)
            #expect(error.toolError.description == example.message)
        }
    }

    @Test func nonUTF8IsRefused() {
        #expect(throws: ManifestError.notText(file: "bin.yaml")) {
            try ManifestReader.read(Data([0xff, 0xfe, 0x00, 0x41]), file: "bin.yaml", format: .yaml)
        }
    }

    @Test func resourcesFollowTheConventions() throws {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n"
        let object = try #require(try ManifestReader.read(text, file: "a.yaml", format: .yaml).objects.first)
        let resource = object.resource(location: SourceLocation(file: "a.yaml", line: 1))
        #expect(resource.address == "apps/Deployment/shop/web")
        #expect(resource.type == "Deployment")
        #expect(resource.name == "web")
        #expect(resource.namespace == "shop")
        #expect(resource.attributes == object.object)
    }

    @Test func repositoryPathsAreNormalized() {
        #expect(RepoPath.normalize("./a//b/./c/../d/") == "a/b/d")
        #expect(RepoPath.normalize("../x") == "../x")
        #expect(RepoPath.relative("/repo/charts/web", to: "/repo/") == "charts/web")
        #expect(RepoPath.relative("/repo", to: "/repo") == ".")
        #expect(RepoPath.relative("/elsewhere/x", to: "/repo") == "/elsewhere/x")
        #expect(RepoPath.join(".", "a/b") == "a/b")
        #expect(RepoPath.join("overlays/prod", "../../base/web.yaml") == "base/web.yaml")
    }
}
