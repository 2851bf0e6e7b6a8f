import Foundation

/// A JSON Schema (draft 2020-12) validator for exactly the keywords steadystate's own schemas use.
///
/// No maintained Swift JSON Schema package is available, and the shipped schemas need only a small, fixed
/// vocabulary, so this is a deliberately small validator over ``JSONValue``. It is pure and `Sendable`.
///
/// Loading a schema walks every subschema that validation can reach (through applicators and `$ref`) and
/// refuses any keyword outside ``supportedKeywords``: a silently skipped keyword would accept what the
/// schema rejects. `$defs` entries are checked when something refers to them, since only then are they
/// evaluated (which also lets a `$defs` member group schemas, as `#/$defs/kindIs/numeric` does).
///
/// Semantics follow the specification where our schemas rely on them: `pattern` is a search, not a full
/// match; `integer` accepts any number with no fractional part; `enum` and `const` keep `true` and `1`
/// apart; `additionalProperties` sees only its sibling `properties`; `items` applies to every element.
public struct JSONSchema: Sendable {
    /// The keywords this validator implements; a reachable schema using any other is refused.
    public static let supportedKeywords: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "title", "description", "default", "type", "properties", "required",
        "additionalProperties", "enum", "const", "pattern", "minLength", "minItems", "minimum", "items", "allOf",
        "anyOf", "oneOf", "if", "then", "else",
    ]
    /// How deep subschemas may nest (counting each `$ref` hop), both when loading and when validating.
    ///
    /// Recursive schemas (a condition tree refers to itself) would otherwise follow a deeply nested document
    /// down until the stack ran out; beyond this depth the document is reported as too deep instead.
    public static let maximumDepth = 128
    /// The only dialect accepted in `$schema`.
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]

    /// The schema document; subschemas are addressed by JSON Pointer into it.
    let root: JSONValue
    /// Every `pattern` compiled once when loading; `NSRegularExpression` is immutable and `Sendable`.
    private(set) var patterns: [String: NSRegularExpression] = [:]

    /// Checks `root` once, so that validation never meets an unknown keyword or a dangling reference.
    public init(_ root: JSONValue) throws(JSONSchemaError) {
        if let dialect = root["$schema"], dialect != .string(Self.dialect) {
            throw .unsupportedDialect(dialect.compactText)
        }
        self.root = root
        var checked: Set<String> = []
        var patterns: [String: NSRegularExpression] = [:]
        try check(root, at: "#", depth: 0, checked: &checked, patterns: &patterns)
        self.patterns = patterns
    }

    /// Parses and checks schema text (the embedded copies of `docs/schemas/*.json`).
    public init(text: String) throws(JSONSchemaError) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw .malformed(cause: JSONErrorText.describe(error))
        }
        try self.init(value)
    }

    /// The subschema a local `#/$defs/…` reference names, or `nil`.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/$defs/") else { return nil }
        var node: JSONValue? = root
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            node = node?[JSONPointer.unescape(token)]
        }
        return node
    }

    // MARK: - Loading

    private func check(
        _ schema: JSONValue, at pointer: String, depth: Int, checked: inout Set<String>,
        patterns: inout [String: NSRegularExpression]
    )
        throws(JSONSchemaError)
    {
        guard depth <= Self.maximumDepth else { throw .tooDeep(at: pointer) }
        if case .bool = schema { return }
        guard case .object(let members) = schema else {
            throw .invalidKeyword(
                keyword: lastToken(pointer), at: pointer, expected: "a schema (an object or a boolean)")
        }
        for keyword in members.keys.sorted() {
            guard let value = members[keyword] else { continue }
            let here = pointer + "/" + JSONPointer.escape(keyword)
            func sub(_ value: JSONValue, _ location: String) throws(JSONSchemaError) {
                try check(value, at: location, depth: depth + 1, checked: &checked, patterns: &patterns)
            }
            func expect(_ condition: Bool, _ expected: String) throws(JSONSchemaError) {
                if !condition { throw .invalidKeyword(keyword: keyword, at: pointer, expected: expected) }
            }
            switch keyword {
            case "$schema", "$id", "title", "description":
                try expect(value.stringValue != nil, "a string")
            case "default", "const":
                break
            case "$defs":
                try expect(value.objectValue != nil, "an object")
            case "$ref":
                guard let reference = value.stringValue, let target = resolve(reference) else {
                    throw .unresolvedReference(value.compactText, at: pointer)
                }
                if checked.insert(reference).inserted {
                    try sub(target, reference)
                }
            case "type":
                let names = value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue)
                try expect(
                    names.map {
                        !$0.isEmpty && $0.count == (value.arrayValue?.count ?? 1)
                            && $0.allSatisfy(Self.typeNames.contains)
                    }
                        == true,
                    "a type name or an array of type names")
            case "properties":
                guard let properties = value.objectValue else {
                    throw .invalidKeyword(keyword: keyword, at: pointer, expected: "an object")
                }
                for name in properties.keys.sorted() {
                    if let property = properties[name] { try sub(property, here + "/" + JSONPointer.escape(name)) }
                }
            case "required":
                try expect(value.arrayValue?.allSatisfy { $0.stringValue != nil } == true, "an array of strings")
            case "additionalProperties", "items", "if", "then", "else":
                try sub(value, here)
            case "enum":
                try expect(value.arrayValue != nil, "an array")
            case "pattern":
                guard let pattern = value.stringValue else {
                    throw .invalidKeyword(keyword: keyword, at: pointer, expected: "a string")
                }
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    throw .invalidPattern(pattern, at: pointer)
                }
                patterns[pattern] = regex
            case "minLength", "minItems":
                try expect(value.intValue.map { $0 >= 0 } == true, "a non-negative integer")
            case "minimum":
                try expect(value.numberValue != nil, "a number")
            case "allOf", "anyOf", "oneOf":
                guard let branches = value.arrayValue, !branches.isEmpty else {
                    throw .invalidKeyword(keyword: keyword, at: pointer, expected: "a non-empty array of schemas")
                }
                for (index, branch) in branches.enumerated() { try sub(branch, here + "/\(index)") }
            default:
                throw .unsupportedKeyword(keyword: keyword, at: pointer)
            }
        }
    }

    private func lastToken(_ pointer: String) -> String {
        pointer.split(separator: "/").last.map(String.init) ?? pointer
    }
}
