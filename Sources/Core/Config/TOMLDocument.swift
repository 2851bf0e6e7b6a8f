import Foundation
import TOMLKit

/// Parses TOML text into a `JSONValue` tree so the rest of config loading is plain, `Sendable` data.
///
/// Dates and times become ISO-8601 strings (`2026-12-31`), which is what waiver expiries compare against.
public enum TOMLDocument {
    public static func parse(_ text: String, file: String) throws(ConfigError) -> JSONValue {
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
