/// Why a schema cannot be used: it is not JSON, or it asks for something ``JSONSchema`` does not implement.
///
/// Refusing is the point: a validator that skipped an unknown keyword would accept documents the schema
/// means to reject, and the shipped schemas could outgrow it without anyone noticing.
public enum JSONSchemaError: Error, Equatable, CustomStringConvertible {
    /// The schema text is not a JSON document.
    case malformed(cause: String)
    /// A keyword outside ``JSONSchema/supportedKeywords``, at a JSON Pointer into the schema.
    case unsupportedKeyword(keyword: String, at: String)
    /// A supported keyword whose value has the wrong shape (`minLength: "1"`, `required: "a"`).
    case invalidKeyword(keyword: String, at: String, expected: String)
    /// A `$ref` that is not a local `#/$defs/…` pointer, or points at nothing.
    case unresolvedReference(String, at: String)
    /// A `pattern` that `NSRegularExpression` cannot compile.
    case invalidPattern(String, at: String)
    /// A dialect other than draft 2020-12.
    case unsupportedDialect(String)
    /// Schemas nested (or referring) deeper than ``JSONSchema/maximumDepth``.
    case tooDeep(at: String)

    public var description: String {
        switch self {
        case .malformed(let cause): "schema is not JSON: \(cause)"
        case .unsupportedKeyword(let keyword, let at):
            "schema keyword '\(keyword)' at \(at) is not supported by steadystate's validator"
        case .invalidKeyword(let keyword, let at, let expected):
            "schema keyword '\(keyword)' at \(at) must be \(expected)"
        case .unresolvedReference(let reference, let at):
            "schema $ref '\(reference)' at \(at) is not a local '#/$defs/…' reference that resolves"
        case .invalidPattern(let pattern, let at): "schema pattern '\(pattern)' at \(at) does not compile"
        case .unsupportedDialect(let uri): "schema dialect '\(uri)' is not supported; only draft 2020-12 is"
        case .tooDeep(let at): "schema at \(at) nests deeper than \(JSONSchema.maximumDepth) levels"
        }
    }
}
