import Foundation

/// Appends an entry to `solutions.json` or `checks.json` text without rewriting what is already there.
///
/// The existing entries keep their bytes, so the diff a reviewer sees is exactly the new entry; the entry itself
/// is printed with sorted keys and two-space indents, so the same entry always prints the same way.
public enum RunbookEditor {
    public enum Kind: String, Sendable {
        case solutions = "solutions.json"
        case checks = "checks.json"
    }

    /// Validates `entry` as the file's parser would, refuses a duplicate name, and returns the new file text.
    public static func appending(
        _ entry: JSONValue, to existing: String?, kind: Kind, file: String
    ) throws(ConfigError) -> String {
        let current = existing ?? "[]\n"
        let currentNames = try names(in: Data(current.utf8), kind: kind, file: file)
        let (valid, problems) = try parse(Data("[\(encode(entry, indent: ""))]".utf8), kind: kind, file: "new entry")
        if let problem = problems.first(where: { $0.severity == .error }) {
            throw .invalidEntry(file: file, entry: entryName(entry), field: problem.field, cause: problem.cause)
        }
        guard let name = valid.first else {
            throw .invalidValue(file: file, key: "entry", value: entryName(entry), allowed: "a valid entry")
        }
        if currentNames.contains(name) {
            throw .invalidValue(
                file: file, key: "name", value: name, allowed: "a name not already in the file (names are the key)")
        }
        let body = current.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasSuffix("]"), let close = current.lastIndex(of: "]") else {
            throw .wrongType(file: file, key: "top level", expected: "a JSON array")
        }
        let before = current[..<close].replacingOccurrences(
            of: "\\s+$", with: "", options: .regularExpression)
        let rendered = encode(entry, indent: "  ")
        let text: String
        if before.trimmingCharacters(in: .whitespacesAndNewlines) == "[" {
            text = "[\n\(rendered)\n]\n"
        } else {
            text = before + ",\n" + rendered + "\n]\n"
        }
        // The result must read back with the new entry last; anything else is a bug, not a user error.
        let after = try names(in: Data(text.utf8), kind: kind, file: file)
        guard after.last == name, after.count == currentNames.count + 1 else {
            throw .malformed(file: file, line: nil, column: nil, cause: "the edited file did not read back; it was not written")
        }
        return text
    }

    static func parse(_ data: Data, kind: Kind, file: String) throws(ConfigError) -> ([String], [RunbookProblem]) {
        switch kind {
        case .solutions:
            let (solutions, problems) = try SolutionsFile.parse(data, file: file)
            return (solutions.map(\.name), problems)
        case .checks:
            let (checks, problems) = try ChecksFile.parse(data, file: file)
            return (checks.map(\.name), problems)
        }
    }

    static func names(in data: Data, kind: Kind, file: String) throws(ConfigError) -> [String] {
        try parse(data, kind: kind, file: file).0
    }

    static func entryName(_ entry: JSONValue) -> String { entry["name"]?.compactText ?? "(unnamed)" }

    /// Sorted keys, two-space indents, the first line prefixed with `indent`.
    public static func encode(_ value: JSONValue, indent: String) -> String {
        indent + value.prettyText(indent: indent)
    }
}
