import Foundation
import TOMLKit

/// Parses TOML text into a `JSONValue` tree so the rest of config loading is plain, `Sendable` data.
///
/// Dates and times become ISO-8601 strings (`2026-12-31`), which is what waiver expiries compare against.
public enum TOMLDocument {
    /// Dotted-key segments one line may hold. toml++ bounds inline nesting (256) but not `a.b.c…` keys, and a
    /// key 100,000 segments deep would overflow the stack while its tables are built, converted and freed.
    public static let maxKeySegments = 128

    public static func parse(_ text: String, file: String) throws(ConfigError) -> JSONValue {
        if let line = lineTooDeep(text) {
            throw .malformed(
                file: file, line: line, column: nil,
                cause: "a key with more than \(maxKeySegments) dotted segments; steadystate reads keys at most that deep")
        }
        if let line = headerWithoutKey(text) {
            throw .malformed(file: file, line: line, column: nil, cause: "a table header must start with a key, as in [name] or [[name]]")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .malformed(
                file: file, line: error.source.begin.line, column: error.source.begin.column, cause: error.description)
        } catch {
            throw .malformed(file: file, line: nil, column: nil, cause: "\(error)")
        }
        return convert(table)
    }

    /// The 1-based number of the first line with more than `maxKeySegments` dots outside strings and comments
    /// (floats add one each, so real configs stay far below), or nil.
    static func lineTooDeep(_ text: String) -> Int? {
        var number = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var dots = 0
            var quote: UInt8?
            var escaped = false
            for byte in line {
                if let open = quote {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\"), open == UInt8(ascii: "\"") {
                        escaped = true
                    } else if byte == open {
                        quote = nil
                    }
                    continue
                }
                if byte == UInt8(ascii: "#") { break }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte }
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
            if dots > maxKeySegments { return number }
        }
        return nil
    }

    /// The 1-based number of the first line whose table header does not start with a key (`[=x]`), or nil.
    ///
    /// toml++ assumes a header starts with a key character or a quote and only asserts it: a debug build aborts
    /// and a release build reads on under undefined behaviour, so such a header never reaches it.
    static func headerWithoutKey(_ text: String) -> Int? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.unicodeScalars.first else { continue }
            let isKey = first.properties.isASCIIHexDigit || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
                || first == "_" || first == "-" || first == "\"" || first == "'" || first == "]"
            if !isKey { return number }
        }
        return nil
    }

    private static func convert(_ table: TOMLTable) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (key, value) in table {
            members[key] = convert(value.tomlValue)
        }
        return .object(members)
    }

    private static func convert(_ value: TOMLValue) -> JSONValue {
        switch value.type {
        case .table: return value.table.map(convert) ?? .null
        case .array: return .array((value.array.map { Array($0) } ?? []).map { convert($0.tomlValue) })
        case .string: return value.string.map(JSONValue.string) ?? .null
        case .int: return value.int.map { .number(Double($0)) } ?? .null
        case .double: return value.double.map(JSONValue.number) ?? .null
        case .bool: return value.bool.map(JSONValue.bool) ?? .null
        case .date:
            guard let date = value.date else { return .null }
            return .string(String(format: "%04d-%02d-%02d", date.year, date.month, date.day))
        case .time: return value.time.map { .string($0.debugDescription) } ?? .null
        case .dateTime:
            guard let stamp = value.dateTime else { return .null }
            return .string(String(format: "%04d-%02d-%02d", stamp.date.year, stamp.date.month, stamp.date.day))
        }
    }
}
