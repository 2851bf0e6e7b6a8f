import Core
import Foundation
import Yams

/// Turns compose YAML into `JSONValue`s the way docker compose reads it, keeping the lines of keys.
///
/// Compose parses with YAML 1.2 (go-yaml v3), not the YAML 1.1 rules most YAML libraries default to. The
/// difference is real for compose files: under 1.1 an unquoted `- 22:22` is the base-60 number 1342 and `yes`
/// is a boolean. So plain scalars are typed here with the 1.2 core schema, and quoted scalars stay strings.
/// Anchors and aliases are resolved by the parser, merge keys (`<<: *defaults`) here. `${VAR}` interpolation
/// is left exactly as written: no environment is read.
enum ComposeYAML {
    /// The document's root node; `nil` for an empty file.
    static func parse(_ text: String, file: String) throws(ComposeError) -> Node? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw Self.describe(error, file: file)
        } catch {
            throw .invalidYAML(file: file, line: nil, column: nil, problem: "\(error)")
        }
        let budget = YAMLExpansion.budget(forText: text)
        if let root, YAMLExpansion.count(root, upTo: budget) > budget {
            throw .invalidYAML(file: file, line: root.mark?.line, column: nil, problem: YAMLExpansion.cause(budget: budget))
        }
        return root
    }

    /// The pairs of a mapping, in order, with merge keys (`<<`) expanded.
    ///
    /// Keys written in the mapping win over merged ones, and among merged mappings the first listed wins,
    /// as YAML's merge-key rules say. Duplicate keys are an error, as they are for compose.
    static func pairs(_ mapping: Node.Mapping, file: String) throws(ComposeError) -> [(
        key: String, line: Int?, value: Node
    )] {
        var own: [(key: String, line: Int?, value: Node)] = []
        var merged: [(key: String, line: Int?, value: Node)] = []
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw .wrongShape(file: file, line: keyNode.mark?.line, key: "(key)", expected: "a plain string key")
            }
            if key.style == .plain, key.string == "<<" {
                let sources: [Node] = if case .sequence(let list) = valueNode { Array(list) } else { [valueNode] }
                for source in sources {
                    guard case .mapping(let inner) = source else {
                        throw .wrongShape(
                            file: file, line: source.mark?.line, key: "<<", expected: "a mapping or a list of mappings")
                    }
                    for pair in try pairs(inner, file: file) where !merged.contains(where: { $0.key == pair.key }) {
                        merged.append(pair)
                    }
                }
                continue
            }
            guard seen.insert(key.string).inserted else {
                throw .duplicateKey(file: file, line: keyNode.mark?.line, key: key.string)
            }
            own.append((key.string, keyNode.mark?.line, valueNode))
        }
        return merged.filter { !seen.contains($0.key) } + own
    }

    /// The node as JSON; mappings lose their order (JSON objects have none), sequences keep theirs.
    static func value(_ node: Node, file: String) throws(ComposeError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return typed(scalar)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try value(item, file: file)) }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for pair in try pairs(mapping, file: file) { members[pair.key] = try value(pair.value, file: file) }
            return .object(members)
        case .alias(let alias):
            throw .invalidYAML(
                file: file, line: alias.mark?.line, column: alias.mark?.column, problem: "unresolved alias")
        }
    }

    /// The text of a scalar exactly as written (quotes removed), or `nil` for a collection.
    static func text(_ node: Node) -> String? { node.scalar?.string }

    /// True for a plain scalar that YAML 1.2 reads as null (`~`, `null`, nothing at all).
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return typed(scalar) == .null
    }

    /// YAML 1.2 core schema for plain scalars; quoted and block scalars are strings.
    static func typed(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        let explicitTag = scalar.tag.description
        if !explicitTag.isEmpty, explicitTag != "!" {
            return explicitlyTyped(text, tag: explicitTag)
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    /// Integers (decimal, `0o`, `0x`) and finite decimals; `.inf` and `.nan` stay text because JSON has
    /// no way to carry them.
    static func number(_ text: String) -> Double? {
        let body = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        let sign: Double = text.first == "-" ? -1 : 1
        if body.hasPrefix("0o"), let value = Int(body.dropFirst(2), radix: 8) { return sign * Double(value) }
        if body.hasPrefix("0x"), let value = Int(body.dropFirst(2), radix: 16) { return sign * Double(value) }
        guard let first = body.first, first.isNumber || first == "." else { return nil }
        var sawDigit = false
        var index = body.startIndex
        func digits() {
            while index < body.endIndex, body[index].isASCII, body[index].isNumber {
                sawDigit = true
                index = body.index(after: index)
            }
        }
        digits()
        if index < body.endIndex, body[index] == "." {
            index = body.index(after: index)
            digits()
        }
        guard sawDigit else { return nil }
        if index < body.endIndex, body[index] == "e" || body[index] == "E" {
            index = body.index(after: index)
            if index < body.endIndex, body[index] == "-" || body[index] == "+" { index = body.index(after: index) }
            let exponentStart = index
            digits()
            guard index > exponentStart else { return nil }
        }
        guard index == body.endIndex, let value = Double(body), value.isFinite else { return nil }
        return sign * value
    }

    private static func explicitlyTyped(_ text: String, tag: String) -> JSONValue {
        switch tag {
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            return ["true", "True", "TRUE"].contains(text) ? .bool(true) : .bool(false)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            return number(text).map(JSONValue.number) ?? .string(text)
        default: return .string(text)
        }
    }

    private static func describe(_ error: YamlError, file: String) -> ComposeError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return .invalidYAML(file: file, line: mark.line, column: mark.column, problem: prefix + problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the first occurrence; compose refuses the file for this too.
            return .duplicateKey(file: file, line: context.mark.line, key: duplicates.joined(separator: "', '"))
        case let .reader(problem, _, _, _):
            return .invalidYAML(file: file, line: nil, column: nil, problem: problem)
        default:
            return .invalidYAML(file: file, line: nil, column: nil, problem: "\(error)")
        }
    }
}
