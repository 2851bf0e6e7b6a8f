import Foundation
import Testing

@testable import Core

/// The small JSON Schema validator: the shipped documents pass, each kind of mistake has an exact line, and a
/// schema it cannot fully evaluate is refused.
struct JSONSchemaTests {
    /// Every committed `valid*` fixture and every example runbook file, with the schema it is checked against.
    static func validDocuments() throws -> [(schema: RunbookSchema, path: String)] {
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: RunbookPaths.fixtures.path)
            .filter { $0.hasPrefix("valid") }.sorted().map { RunbookPaths.fixtures.appendingPathComponent($0).path }
        let examplesRoot = RunbookPaths.repoRoot.path + "/examples"
        let examples = (FileManager.default.enumerator(atPath: examplesRoot)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix("steadystate/solutions.json") || $0.hasSuffix("steadystate/checks.json") }
            .sorted().map { examplesRoot + "/" + $0 }
        return (fixtures + examples).map { path in
            ((path as NSString).lastPathComponent.contains("checks") ? .checks : .solutions, path)
        }
    }

    static func document(_ path: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func validFixturesAndExamplesHaveNoViolations() throws {
        let documents = try Self.validDocuments()
        #expect(documents.count >= 5)
        #expect(documents.contains { $0.path.contains("/examples/") })
        for (schema, path) in documents {
            let violations = try schema.schema().validate(Self.document(path))
            #expect(violations.isEmpty, "\(path): \(violations.map(\.description))")
        }
    }

    /// Where a document is invalid and the exact line that says why.
    struct Invalid: Sendable, CustomTestStringConvertible {
        var label: String
        var schema: RunbookSchema?
        var inlineSchema: String = ""
        var document: String
        var path: String
        var message: String
        var testDescription: String { label }
    }

    static let solution = #"{"name": "a", "author": "b", "for": "x", "solution": {"kind": "c", "run": "r"}"#
    static func check(read: String, when: String? = nil) -> String {
        #"[{"name": "n", "read": \#(read), "emit": {"severity": "low", "title": "t"}"#
            + (when.map { #", "when": \#($0)"# } ?? "") + "}]"
    }
    static func condition(_ when: String) -> String {
        check(read: #"{"kind": "resource", "type": "aws_s3_bucket"}"#, when: when)
    }

    static let invalid: [Invalid] = [
        Invalid(
            label: "top level of the wrong type", schema: .solutions, document: "{}", path: "$",
            message: "must be an array, found an object"),
        Invalid(
            label: "wrong enum", schema: .solutions, document: "[" + solution + #", "source": "tf"}]"#,
            path: "$[0].source",
            message:
                "must be one of terraform, terraform-state, helm, kubernetes, k8s, kustomize, docker-compose; found 'tf'"
        ),
        Invalid(
            label: "missing required", schema: .solutions,
            document: #"[{"name": "a", "for": "x", "solution": {"kind": "c", "run": "r"}}]"#, path: "$[0]",
            message: "required property 'author' is missing"),
        Invalid(
            label: "anyOf of required keys", schema: .solutions,
            document: #"[{"name": "a", "author": "b", "solution": {"kind": "c", "target": "t"}}]"#, path: "$[0]",
            message: "must have at least one of 'for', 'match', 'rules' or 'resource'"),
        Invalid(
            label: "wrong type", schema: .solutions, document: "[" + solution + #", "proposed": "yes"}]"#,
            path: "$[0].proposed", message: "must be a boolean, found a string"),
        Invalid(
            label: "pattern mismatch (blank text)", schema: .solutions,
            document: #"[{"name": "  ", "author": "b", "for": "x", "solution": {"kind": "c", "run": "r"}}]"#,
            path: "$[0].name", message: #"must match the pattern '\S'; found '  '"#),
        Invalid(
            label: "extra property, closest oneOf alternative", schema: .solutions,
            document: "[" + solution + #", "patch": {"diff": "d", "extra": 1}}]"#, path: "$[0].patch",
            message: "unexpected property 'extra'"),
        Invalid(
            label: "oneOf matching none", schema: .solutions, document: "[" + solution + #", "patch": 5}]"#,
            path: "$[0].patch", message: "must match exactly one of 2 alternatives; matched none"),
        Invalid(
            label: "oneOf matching two", inlineSchema: #"{"oneOf": [{"type": "number"}, {"type": "integer"}]}"#,
            document: "3", path: "$", message: "must match exactly one of 2 alternatives; matched 2 (#1, #2)"),
        Invalid(
            label: "minItems", schema: .solutions, document: "[" + solution + #", "patch": []}]"#,
            path: "$[0].patch", message: "must have at least 1 item(s)"),
        Invalid(
            label: "if/then: numeric kind needs a selector", schema: .checks,
            document: check(read: #"{"kind": "kubectl-cpu", "namespace": "ns"}"#, when: #"{"op": ">", "value": 1}"#),
            path: "$[0].read", message: "required property 'selector' is missing"),
        Invalid(
            label: "if/then: kubectl kinds need a namespace", schema: .checks,
            document: check(
                read: #"{"kind": "kubectl-log", "selector": "a"}"#, when: #"{"pattern": "p", "expect": "present"}"#),
            path: "$[0].read", message: "required property 'namespace' is missing"),
        Invalid(
            label: "if/then: ordering ops need a number", schema: .checks,
            document: condition(#"{"path": "a", "op": ">", "value": "x"}"#), path: "$[0].when.value",
            message: "must be a number, found a string"),
        Invalid(
            label: "if/else",
            inlineSchema: #"{"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "null"}}"#,
            document: "true", path: "$", message: "must be null, found a boolean"),
        Invalid(
            label: "minItems in a condition tree", schema: .checks, document: condition(#"{"all": []}"#),
            path: "$[0].when.all", message: "must have at least 1 item(s)"),
        Invalid(
            label: "extra property in a condition leaf", schema: .checks,
            document: condition(#"{"not": {"path": "a", "op": "exists", "valu": 1}}"#), path: "$[0].when.not",
            message: "unexpected property 'valu'"),
        Invalid(
            label: "wrong enum in a check", schema: .checks,
            document: check(
                read: #"{"kind": "ansible-service", "selector": "s", "service": "p"}"#, when: #"{"expect": "up"}"#),
            path: "$[0].when.expect", message: "must be one of active, inactive; found 'up'"),
        Invalid(
            label: "minimum", schema: .checks,
            document: check(
                read: #"{"kind": "docker-log", "selector": "s", "tail": 0}"#,
                when: #"{"pattern": "p", "expect": "absent"}"#),
            path: "$[0].read.tail", message: "must be at least 1; found 0"),
        Invalid(
            label: "integer", schema: .checks,
            document: check(
                read: #"{"kind": "docker-log", "selector": "s", "tail": 2.5}"#,
                when: #"{"pattern": "p", "expect": "absent"}"#),
            path: "$[0].read.tail", message: "must be an integer, found a number"),
        Invalid(
            label: "pattern is a search, anchored only by the pattern", schema: .checks,
            document: check(read: #"{"kind": "http", "url": "ftp://x/https://"}"#), path: "$[0].read.url",
            message: "must match the pattern '^https?://'; found 'ftp://x/https://'"),
        Invalid(
            label: "minLength", schema: .checks,
            document: check(read: #"{"kind": "http", "url": "https://x"}"#)
                .replacingOccurrences(of: #""title": "t""#, with: #""title": """#),
            path: "$[0].emit.title", message: "must be at least 1 character(s) long"),
        Invalid(
            label: "const", inlineSchema: #"{"const": "http"}"#, document: #""https""#, path: "$",
            message: "must be 'http'; found 'https'"),
        Invalid(
            label: "type list", inlineSchema: #"{"type": ["string", "number", "null"]}"#, document: "{}", path: "$",
            message: "must be a string, a number or null, found an object"),
    ]

    @Test(arguments: invalid)
    func invalidDocumentGivesPathAndMessage(_ row: Invalid) throws {
        let schema = try row.schema?.schema() ?? JSONSchema(text: row.inlineSchema)
        let violations = schema.validate(try JSONDecoder().decode(JSONValue.self, from: Data(row.document.utf8)))
        #expect(violations.map(\.description) == ["\(row.path): \(row.message)"])
    }

    @Test func violationsNameAJSONPointerToo() throws {
        let document = Self.check(
            read: #"{"kind": "docker-log", "selector": "s", "tail": 0}"#, when: #"{"pattern": "p", "expect": "absent"}"#
        )
        let violations = try RunbookSchema.checks.schema().validate(
            JSONDecoder().decode(JSONValue.self, from: Data(document.utf8)))
        #expect(violations.map(\.pointer) == ["/0/read/tail"])
        #expect(
            JSONSchemaViolation(path: [.key("a b"), .key("x/y")], keyword: "type", message: "").jsonPath
                == #"$["a b"]["x/y"]"#)
    }

    @Test func patternSearchesRatherThanMatchingWhole() throws {
        let schema = try JSONSchema(text: #"{"pattern": "b"}"#)
        #expect(schema.accepts("abc"))
        #expect(!(try JSONSchema(text: #"{"pattern": "^b"}"#).accepts("abc")))
        #expect(schema.accepts(5), "pattern applies to strings only")
    }

    static let refused: [(String, JSONSchemaError)] = [
        (#"{"not": {}}"#, .unsupportedKeyword(keyword: "not", at: "#")),
        (#"{"properties": {"a": {"format": "email"}}}"#, .unsupportedKeyword(keyword: "format", at: "#/properties/a")),
        (#"{"items": {"prefixItems": []}}"#, .unsupportedKeyword(keyword: "prefixItems", at: "#/items")),
        (
            ##"{"$defs": {"a": {"uniqueItems": true}}, "$ref": "#/$defs/a"}"##,
            .unsupportedKeyword(keyword: "uniqueItems", at: "#/$defs/a")
        ),
        (#"{"$ref": "other.json#/$defs/a"}"#, .unresolvedReference("other.json#/$defs/a", at: "#")),
        (##"{"$ref": "#/$defs/missing"}"##, .unresolvedReference("#/$defs/missing", at: "#")),
        (#"{"pattern": "("}"#, .invalidPattern("(", at: "#")),
        (#"{"minLength": "1"}"#, .invalidKeyword(keyword: "minLength", at: "#", expected: "a non-negative integer")),
        (
            #"{"type": "text"}"#,
            .invalidKeyword(keyword: "type", at: "#", expected: "a type name or an array of type names")
        ),
        (
            #"{"$schema": "http://json-schema.org/draft-07/schema#"}"#,
            .unsupportedDialect("http://json-schema.org/draft-07/schema#")
        ),
        ("{", .malformed(cause: "")),
    ]

    @Test(arguments: refused)
    func schemaUsingWhatTheValidatorLacksIsRefused(_ text: String, _ expected: JSONSchemaError) {
        let error = #expect(throws: JSONSchemaError.self) { _ = try JSONSchema(text: text) }
        if case .malformed = expected {
            guard case .malformed = error else {
                Issue.record("expected malformed, got \(String(describing: error))"); return
            }
        } else {
            #expect(error == expected)
        }
        #expect(error?.description.isEmpty == false)
    }

    @Test func recursionIsBoundedOnDeepDocuments() throws {
        let schema = try JSONSchema(
            text: ##"{"$defs": {"n": {"properties": {"a": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"}"##)
        var document: JSONValue = 1
        for _ in 0..<20 { document = ["a": document] }
        #expect(schema.accepts(document))
        for _ in 0..<400 { document = ["a": document] }
        let violations = schema.validate(document)
        #expect(violations.count == 1)
        #expect(violations.first?.message.contains("nests deeper") == true)
    }
}
