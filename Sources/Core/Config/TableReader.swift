import Foundation

/// Reads one table of a config file with type checks, and reports the keys nobody asked for.
///
/// Every accessor records the key as known, so `unknownKeys()` after reading lists exactly the typos and
/// unsupported settings a user should hear about.
struct TableReader {
    let file: String
    /// How the table is named in messages: `[ci]`, `[[targets]] #2`.
    let tableName: String
    let members: JSONObject
    private var known: Set<String> = []

    init(file: String, tableName: String, value: JSONValue?) throws(ConfigError) {
        self.file = file
        self.tableName = tableName
        switch value {
        case .none, .some(.null): self.members = [:]
        case .some(.object(let members)): self.members = members
        case .some: throw .wrongType(file: file, key: tableName, expected: "a table")
        }
    }

    func keyName(_ key: String) -> String { "\(tableName) \(key)" }

    /// A string; scalars are accepted and written as text, as the original's `str()` does.
    mutating func string(_ key: String) throws(ConfigError) -> String? {
        known.insert(key)
        switch members[key] {
        case .none, .some(.null): return nil
        case .some(.string(let text)): return text
        case .some(.number), .some(.bool): return members[key]?.compactText
        case .some: throw .wrongType(file: file, key: keyName(key), expected: "a string")
        }
    }

    /// A list of strings: a TOML array, or the original's comma-separated string.
    mutating func list(_ key: String) throws(ConfigError) -> [String]? {
        known.insert(key)
        switch members[key] {
        case .none, .some(.null): return nil
        case .some(.string(let text)): return CommaList.split(text)
        case .some(.array(let items)):
            var result: [String] = []
            for item in items {
                guard case .string(let text) = item else {
                    throw .wrongType(file: file, key: keyName(key), expected: "an array of strings")
                }
                result.append(contentsOf: CommaList.split(text))
            }
            return result
        case .some: throw .wrongType(file: file, key: keyName(key), expected: "a string or an array of strings")
        }
    }

    mutating func bool(_ key: String) throws(ConfigError) -> Bool? {
        known.insert(key)
        switch members[key] {
        case .none, .some(.null): return nil
        case .some(.bool(let value)): return value
        case .some: throw .wrongType(file: file, key: keyName(key), expected: "true or false")
        }
    }

    mutating func number(_ key: String) throws(ConfigError) -> Double? {
        known.insert(key)
        switch members[key] {
        case .none, .some(.null): return nil
        case .some(.number(let value)): return value
        case .some: throw .wrongType(file: file, key: keyName(key), expected: "a number")
        }
    }

    /// A table of string values (`vars = { region = "eu-west-1" }`).
    mutating func stringTable(_ key: String) throws(ConfigError) -> [String: String]? {
        known.insert(key)
        switch members[key] {
        case .none, .some(.null): return nil
        case .some(.object(let entries)):
            var result: [String: String] = [:]
            for (name, value) in entries {
                switch value {
                case .string(let text): result[name] = text
                case .number, .bool: result[name] = value.compactText
                default: throw .wrongType(file: file, key: "\(keyName(key)).\(name)", expected: "a string")
                }
            }
            return result
        case .some: throw .wrongType(file: file, key: keyName(key), expected: "a table of strings")
        }
    }

    /// Marks keys as known without reading them (settings the original has that we accept but do not use).
    mutating func accept(_ keys: String...) { known.formUnion(keys) }

    func unknownKeys() -> [String] { members.keys.filter { !known.contains($0) }.sorted() }

    func warnings() -> [ConfigWarning] {
        unknownKeys().map { ConfigWarning(file: file, message: "unknown key '\($0)' in \(tableName) (ignored)") }
    }
}

/// The original's comma-separated list syntax (`to = "console,github"`), trimmed, empties dropped.
public enum CommaList {
    public static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
