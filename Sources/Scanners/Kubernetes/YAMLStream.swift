import Core
import Foundation
import Yams

/// A YAML (or JSON) stream read with Yams into root nodes, and nodes turned into `JSONValue`s.
///
/// Manifests are read as node trees rather than decoded straight to values because the nodes carry marks:
/// every object can then say on which line it starts, which is what a CI log and a SARIF result link to.
/// JSON files go through the same parser (JSON is YAML's flow style) so they get lines too; only their
/// unquoted scalars are read with JSON's rules instead of YAML 1.1's.
enum YAMLStream {
    /// Why the text is not a valid stream: the 1-based line when the parser knows it, and libyaml's words.
    struct Failure: Error, Equatable, Sendable {
        var line: Int?
        var cause: String
    }

    /// Every document's root node, in order.
    ///
    /// An empty document (`---` with only comments) is a null scalar. The whole stream fails on the first broken document: a manifest file with a syntax error is a fault in
    /// the repository, and scanning only its first half would report a partial truth as complete.
    static func documents(in text: String) throws(Failure) -> [Node] {
        do {
            let parser = try Parser(yaml: text)
            var roots: [Node] = []
            let budget = YAMLExpansion.budget(forText: text)
            var remaining = budget
            while let root = try parser.nextRoot() {
                remaining -= YAMLExpansion.count(root, upTo: remaining)
                if remaining < 0 { throw Failure(line: line(of: root), cause: YAMLExpansion.cause(budget: budget)) }
                roots.append(root)
            }
            return roots
        } catch let error as YamlError {
            throw failure(from: error, in: text)
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(line: nil, cause: String(describing: error))
        }
    }

    /// JSON text made readable by libyaml: a UTF-16 surrogate pair escape (`\ud83d\ude00`, how JSON writes
    /// characters beyond the BMP) becomes YAML's `\U0001f600`, which libyaml accepts and JSON lacks.
    ///
    /// Only escapes change, each within its line, so every mark still points at the original text.
    static func yamlCompatibleJSON(_ text: String) -> String {
        guard text.contains("\\u") || text.contains("\\U") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        func hex(at start: Int) -> UInt32? {
            guard start + 4 <= scalars.count else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[start..<start + 4])), radix: 16)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\\", index + 1 < scalars.count else {
                result.append(scalar)
                index += 1
                continue
            }
            let next = scalars[index + 1]
            if next == "u", index + 12 <= scalars.count, let high = hex(at: index + 2),
                (0xD800...0xDBFF).contains(high),
                scalars[index + 6] == "\\", scalars[index + 7] == "u",
                let low = hex(at: index + 8), (0xDC00...0xDFFF).contains(low)
            {
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                let digits = String(combined, radix: 16)
                result.append(
                    contentsOf: ("\\U" + String(repeating: "0", count: 8 - digits.count) + digits).unicodeScalars)
                index += 12
            } else {
                // Any other escape, `\\` included, is copied whole so its second character is not re-read.
                result.append(scalar)
                result.append(next)
                index += 2
            }
        }
        return String(result)
    }

    /// A one-line cause and the line, out of Yams' multi-line description.
    static func failure(from error: YamlError, in text: String) -> Failure {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            var cause = problem
            if let context, !context.text.isEmpty {
                cause += " (\(context.text) at line \(context.mark.line))"
            }
            return Failure(line: mark.line, cause: cause)
        case let .reader(problem, offset, _, _):
            let line = offset.map { text.prefix($0).reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
            return Failure(line: line, cause: problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Failure(line: context.mark.line, cause: "duplicate key \(keys) in one mapping")
        default:
            return Failure(line: nil, cause: String(describing: error))
        }
    }

    /// The node as a value.
    ///
    /// `isJSON` reads unquoted scalars by JSON's rules (`1e3` is a number, `yes` is not a boolean), since a
    /// `.json` file means JSON even though YAML parsed it.
    static func value(of node: Node, isJSON: Bool) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return isJSON ? jsonScalar(node, scalar) : yamlScalar(node, scalar)
        case .sequence(let sequence):
            return .array(sequence.map { value(of: $0, isJSON: isJSON) })
        case .mapping(let mapping):
            return .object(members(of: mapping, isJSON: isJSON))
        case .alias:
            // Yams' parser resolves aliases while composing; a bare alias node cannot come out of it.
            return .null
        }
    }

    /// The 1-based line where the node starts (1 when Yams has no mark, which it always has for parsed nodes).
    static func line(of node: Node) -> Int { node.mark?.line ?? 1 }

    /// The string of a scalar node, whatever its tag: `kind: 1` and `kind: "1"` both read as `"1"`.
    static func text(of node: Node?) -> String? {
        guard case .scalar(let scalar)? = node else { return nil }
        return scalar.string
    }

    private static func members(of mapping: Node.Mapping, isJSON: Bool) -> [String: JSONValue] {
        var explicit: [String: JSONValue] = [:]
        var merged: [String: JSONValue] = [:]
        for (key, child) in mapping {
            if !isJSON, key.tag.description == Tag.Name.merge.rawValue {
                // `<<: *defaults` (YAML 1.1 merge keys): merged values never override explicit ones, and an
                // earlier merge source wins over a later one, as in PyYAML and go-yaml.
                let sources = child.sequence.map { Array($0) } ?? [child]
                for source in sources {
                    guard case .mapping(let inner) = source else { continue }
                    for (name, value) in members(of: inner, isJSON: isJSON) where merged[name] == nil {
                        merged[name] = value
                    }
                }
                continue
            }
            let name = text(of: key) ?? value(of: key, isJSON: isJSON).compactText
            explicit[name] = value(of: child, isJSON: isJSON)
        }
        return merged.merging(explicit) { _, explicitValue in explicitValue }
    }

    private static func yamlScalar(_ node: Node, _ scalar: Node.Scalar) -> JSONValue {
        switch node.tag.description {
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case Tag.Name.int.rawValue:
            if let number = node.int { return .number(Double(number)) }
            return node.float.flatMap(finite) ?? .string(scalar.string)
        case Tag.Name.float.rawValue:
            // `.inf` and `.nan` have no JSON form; kept as their text rather than made up.
            return node.float.flatMap(finite) ?? .string(scalar.string)
        default:
            return .string(scalar.string)
        }
    }

    private static func jsonScalar(_ node: Node, _ scalar: Node.Scalar) -> JSONValue {
        guard scalar.style == .plain else { return .string(scalar.string) }
        switch scalar.string {
        case "null": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
            if let number = Double(scalar.string), number.isFinite { return .number(number) }
            return yamlScalar(node, scalar)
        }
    }

    private static func finite(_ number: Double) -> JSONValue? {
        number.isFinite ? .number(number) : nil
    }
}
