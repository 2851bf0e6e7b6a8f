import Foundation
import Testing

@testable import Core

/// Runbook patches applied to real fixture files: in-place edits that keep every other byte, and clear errors
/// when a patch no longer applies.
struct PatchTests {
    /// `main.tf` is the bundled example's real Terraform; the YAML and JSON files are fixtures of their own.
    static func file(_ name: String) -> String? {
        let path =
            name == "main.tf"
            ? TestSupport.packageRoot + "/examples/demo/infra/main.tf" : TestSupport.fixture("patch/" + name)
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    static func apply(_ patch: JSONValue, values: [String: String] = [:]) throws -> [FileChange] {
        let patches = try FixPatch.parse(patch, values: values)
        return try PatchApplier.apply(patches) { path in
            path.hasPrefix("repo/") ? Self.file(String(path.dropFirst(5))) : nil
        }
    }

    @Test func yamlValuesAreSetInPlaceKeepingCommentsAndQuotes() throws {
        let changes = try Self.apply([
            ["file": "repo/values.yaml", "path": "image.tag", "value": "1.27.1"],
            ["file": "repo/values.yaml", "path": "replicaCount", "value": 3],
            ["file": "repo/values.yaml", "path": "podSecurityContext.runAsNonRoot", "value": true],
            ["file": "repo/values.yaml", "path": "service.ports.1", "value": 8443],
        ])
        #expect(changes.count == 1)
        let before = try #require(Self.file("values.yaml"))
        let expected = before.replacingOccurrences(of: "tag: '1.25.3'", with: "tag: '1.27.1'")
            .replacingOccurrences(of: "replicaCount: 2   #", with: "replicaCount: 3   #")
            .replacingOccurrences(of: "runAsNonRoot: false", with: "runAsNonRoot: true")
            .replacingOccurrences(of: "[80, 443]", with: "[80, 8443]")
        #expect(changes[0].after == expected)
    }

    @Test func jsonValuesKeepJSONQuoting() throws {
        let changes = try Self.apply(["file": "repo/settings.json", "path": "logging.level", "value": "{severity}"],
                                     values: ["severity": "info"])
        #expect(changes[0].after.contains(#""level": "info""#))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(changes[0].after.utf8))["logging"]?["retention_days"] == 7)
    }

    @Test func exactTextReplacementInHCLWithPlaceholders() throws {
        let changes = try Self.apply(
            ["file": "repo/main.tf", "replace": "acl    = \"public-read\"", "with": "acl    = \"private\" # {rule}"],
            values: ["rule": "aws-s3-public-acl"])
        #expect(changes[0].after.contains("acl    = \"private\" # aws-s3-public-acl"))
        #expect(!changes[0].after.contains("public-read\""))
    }

    @Test func unifiedDiffApplies() throws {
        let diff = """
            --- a/repo/main.tf
            +++ b/repo/main.tf
            @@ -35,3 +35,3 @@
                 to_port     = 22
                 protocol    = "tcp"
            -    cidr_blocks = ["0.0.0.0/0"]
            +    cidr_blocks = ["10.0.0.0/8"]
            """
        let changes = try Self.apply(["diff": .string(diff)])
        let before = try #require(Self.file("main.tf"))
        // The header says line 35; the block sits at 37, its only exact match, as `patch` would accept.
        #expect(changes[0].after == before.replacingOccurrences(
            of: "    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]",
            with: "    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]"))
    }

    struct Stale: Sendable, CustomTestStringConvertible {
        var patch: JSONValue
        var error: PatchError
        var testDescription: String { error.description }
    }

    static let stale: [Stale] = [
        .init(patch: ["file": "repo/main.tf", "replace": "acl = \"gone\"", "with": "x"],
              error: .textNotFound(file: "repo/main.tf", text: "acl = \"gone\"")),
        .init(patch: ["file": "repo/main.tf", "replace": "resource", "with": "x"],
              error: .textAmbiguous(file: "repo/main.tf", text: "resource", count: 14)),
        .init(patch: ["file": "repo/values.yaml", "path": "image.digest", "value": "x"],
              error: .pathNotFound(file: "repo/values.yaml", path: "image.digest")),
        .init(patch: ["file": "repo/values.yaml", "path": "image", "value": "x"],
              error: .unsupportedValue(file: "repo/values.yaml", path: "image", reason: "it holds a list or a mapping, not a single value")),
        .init(patch: ["file": "repo/missing.tf", "replace": "a", "with": "b"], error: .fileMissing("repo/missing.tf")),
        .init(patch: ["file": "../etc/passwd", "replace": "a", "with": "b"], error: .outsideRepository("../etc/passwd")),
        .init(patch: ["file": "repo/main.tf", "replace": "{nope}", "with": "b"], error: .unfilledPlaceholder("nope")),
        .init(patch: ["diff": "--- a/repo/main.tf\n+++ b/repo/main.tf\n@@ -1,1 +1,1 @@\n-not in the file\n+x\n"],
              error: .hunkDoesNotApply(file: "repo/main.tf", hunk: 1, line: 1)),
    ]

    @Test(arguments: stale)
    func stalePatchesFailWithAClearError(_ example: Stale) {
        #expect(throws: example.error) { try Self.apply(example.patch) }
    }
}
