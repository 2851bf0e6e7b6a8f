import Foundation

/// Reading helpers shared by `solutions.json` and `checks.json`.
enum RunbookJSON {
    /// Decodes the top-level array, or throws with the position of the syntax error.
    ///
    /// `JSONSerialization` runs first because on Linux it is the stricter parser and the only one that
    /// reports where it stopped ("around character N", a byte offset); `JSONDecoder` then builds the
    /// typed tree, keeping `true` and `1` apart.
    static func topLevelArray(_ data: Data, file: String, expected: String) throws(ConfigError) -> [JSONValue] {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let cause = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            let position = byteOffset(in: cause, dataCount: data.count).map { lineAndColumn(of: $0, in: data) }
            throw .malformed(file: file, line: position?.line, column: position?.column, cause: cause)
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .malformed(file: file, line: nil, column: nil, cause: JSONErrorText.describe(error))
        }
        guard case .array(let entries) = value else {
            throw .wrongType(file: file, key: "top level", expected: expected)
        }
        return entries
    }

    /// The byte offset a Foundation parse message points at, if it names one.
    static func byteOffset(in cause: String, dataCount: Int) -> Int? {
        if cause.contains("end of file") { return dataCount }
        for marker in ["around character ", " at "] {
            guard let range = cause.range(of: marker, options: .backwards) else { continue }
            let digits = cause[range.upperBound...].prefix { $0.isNumber }
            if let offset = Int(digits) { return offset }
        }
        return nil
    }

    /// 1-based line and column (in characters, not bytes) of a byte offset.
    static func lineAndColumn(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        let prefix = data.prefix(max(0, min(offset, data.count)))
        let lines = prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let lastLine = lines.last.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (lines.count, lastLine.count + 1)
    }

    /// What the original's `str(raw.get(key) or "").strip()` yields for one value.
    enum PythonText: Equatable {
        /// Falsy (null, false, 0, "", [], {}) or blank after trimming: the original reads it as absent.
        case unset
        case text(String)
        /// An array or object the original would render as a Python repr.
        case nested
    }

    /// Stringifies a scalar as Python's `str()` does: `true` becomes `"True"`, numbers keep their digits.
    ///
    /// Arrays and objects are refused rather than rendered as Python reprs: a name like `['a']` is
    /// never intended, and as a `match` regex it would become a character class matching almost every
    /// title.
    static func pythonText(_ value: JSONValue?) -> PythonText {
        guard let value, value.isTruthy else { return .unset }
        switch value {
        case .bool: return .text("True")
        case .number: return .text(value.compactText)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? .unset : .text(trimmed)
        case .null, .array, .object: return .nested
        }
    }

    /// A short noun for a value's JSON type, for messages.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Compiles the regular expressions that runbook entries and checks carry.
///
/// The original compiles them with Python's `re`; ICU (behind `NSRegularExpression`) is close but not
/// identical, so Python's named-group spellings `(?P<name>…)` and `(?P=name)` are rewritten to ICU's
/// before compiling. Later matching code must compile through here too, so that what validated is
/// exactly what runs.
public enum RunbookRegex {
    /// Compiles `pattern`; `match` entries are case-insensitive, check patterns case-sensitive.
    public static func compile(_ pattern: String, caseInsensitive: Bool) throws -> NSRegularExpression {
        try NSRegularExpression(
            pattern: icuSpelling(of: pattern), options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// Why `pattern` does not compile, or `nil` when it does.
    static func problem(with pattern: String, caseInsensitive: Bool) -> String? {
        do {
            _ = try compile(pattern, caseInsensitive: caseInsensitive)
            return nil
        } catch {
            return "invalid regular expression: '\(pattern)' does not compile"
        }
    }

    static func icuSpelling(of pattern: String) -> String {
        var text = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        while let start = text.range(of: "(?P=") {
            guard let close = text[start.upperBound...].firstIndex(of: ")") else { break }
            let name = text[start.upperBound..<close]
            text.replaceSubrange(start.lowerBound...close, with: "\\k<\(name)>")
        }
        return text
    }
}
