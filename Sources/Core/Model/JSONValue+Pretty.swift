extension JSONValue {
    /// Pretty JSON with sorted keys, two-space indents and `"key": value`, the way people write these files
    /// (Foundation's encoder writes `"key" : value` on Linux). Deterministic: the same value prints the same way.
    public func prettyText(indent: String = "") -> String {
        switch self {
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.prettyText(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            let inner = indent + "  "
            return "{\n"
                + members.map { member in
                    inner + JSONValue.quoted(member.key) + ": " + member.value.prettyText(indent: inner)
                }.joined(separator: ",\n") + "\n\(indent)}"
        case .string(let text): return JSONValue.quoted(text)
        default: return compactText
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
