import Foundation

/// One place where a document breaks its schema: where, which keyword, and why in plain words.
public struct JSONSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// One step into a document: an object member or an array element.
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the document's root to the offending value.
    public var path: [Step]
    /// The schema keyword that failed (`type`, `required`, `oneOf` …), for tests and tools.
    public var keyword: String
    /// What is wrong, in words ("required property 'author' is missing").
    public var message: String

    public init(path: [Step], keyword: String, message: String) {
        self.path = path
        self.keyword = keyword
        self.message = message
    }

    /// The path as `$[2].when.op`, the spelling ``RunbookProblem/jsonPath`` uses, so `jq` and people read it alike.
    ///
    /// Keys that are not plain identifiers are bracketed and quoted (`$["a b"]`).
    public var jsonPath: String {
        path.reduce(into: "$") { text, step in
            switch step {
            case .index(let index): text += "[\(index)]"
            case .key(let key) where Self.isIdentifier(key): text += ".\(key)"
            case .key(let key):
                text +=
                    "[\""
                    + key.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
            }
        }
    }

    /// The path as an RFC 6901 JSON Pointer (`/2/when/op`).
    public var pointer: String {
        path.map { step in
            switch step {
            case .index(let index): "/\(index)"
            case .key(let key): "/" + JSONPointer.escape(key)
            }
        }.joined()
    }

    public var description: String { "\(jsonPath): \(message)" }

    private static func isIdentifier(_ key: String) -> Bool {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        guard let first = key.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
        return key.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}

/// RFC 6901 reference tokens: `~` and `/` inside a key are written `~0` and `~1`.
enum JSONPointer {
    static func escape(_ key: some StringProtocol) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: some StringProtocol) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}
