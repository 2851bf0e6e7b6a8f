/// Why the committed intent cannot be used. Every case names the file and what to do; all are usage errors
/// (exit 2), raised before any scan starts.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file is not valid TOML / JSON; `line` and `column` are 1-based when the parser knows them.
    case malformed(file: String, line: Int?, column: Int?, cause: String)
    /// A key holds the wrong type of value.
    case wrongType(file: String, key: String, expected: String)
    /// A key holds a value outside its allowed set.
    case invalidValue(file: String, key: String, value: String, allowed: String)
    /// A key that must be present is missing.
    case missingKey(file: String, key: String)
    /// A file named explicitly (flag or environment) does not exist.
    case fileNotFound(file: String, origin: String)
    /// The file exists but could not be read.
    case unreadable(file: String, cause: String)
    /// The file is larger than steadystate reads for committed intent (`IntentLimits.maxFileBytes`).
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// A runbook or check entry offered for a file is invalid.
    case invalidEntry(file: String, entry: String, field: String, cause: String)

    public var description: String {
        switch self {
        case let .malformed(file, line, column, cause):
            let position = [line.map { "\($0)" }, column.map { "\($0)" }].compactMap { $0 }.joined(separator: ":")
            return "\(file)\(position.isEmpty ? "" : ":" + position): malformed: \(cause); fix the syntax"
        case let .wrongType(file, key, expected):
            return "\(file): \(key) must be \(expected)"
        case let .invalidValue(file, key, value, allowed):
            return "\(file): \(key) = '\(value)' is not allowed; use one of: \(allowed)"
        case let .missingKey(file, key):
            return "\(file): \(key) is required"
        case let .fileNotFound(file, origin):
            return "\(file): not found (named by \(origin)); create it with 'steadystate init' or fix the path"
        case let .unreadable(file, cause):
            return "\(file): cannot be read: \(cause)"
        case let .tooLarge(file, bytes, limit):
            return "\(file): \(bytes) bytes is more than the \(limit) bytes steadystate reads for committed intent; split or trim it"
        case let .invalidEntry(file, entry, field, cause):
            return "\(file): entry '\(entry)': \(field): \(cause); nothing was written"
        }
    }
}

/// Something in the committed intent that is allowed but probably a mistake; printed, never fatal.
public struct ConfigWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): warning: \(message)" }
}

/// Bounds on the committed intent files (config.toml, solutions.json, checks.json, mutes), which a pull request
/// can change: a file past the bound is refused with `ConfigError.tooLarge` before it is parsed.
public enum IntentLimits {
    /// 4 MiB: thousands of runbook entries fit; a file built to exhaust memory or time does not.
    public static let maxFileBytes = 4 << 20
}
