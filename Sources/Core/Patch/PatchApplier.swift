import Foundation
import Yams

/// Applies `FixPatch`es to file contents. Pure: the caller reads the files and writes the results.
public enum PatchApplier {
    /// Applies every patch in order (several may touch one file) and returns each changed file once.
    /// `read` returns a file's text, or `nil` when it does not exist.
    public static func apply(
        _ patches: [FixPatch], read: (String) -> String?
    ) throws(PatchError) -> [FileChange] {
        var originals: [String: String?] = [:]
        var current: [String: String] = [:]
        var order: [String] = []
        func load(_ path: String, creating: Bool = false) throws(PatchError) -> String {
            let path = try checked(path)
            if let text = current[path] { return text }
            let text = read(path)
            guard text != nil || creating else { throw .fileMissing(path) }
            originals[path] = .some(text)
            order.append(path)
            return text ?? ""
        }
        for patch in patches {
            switch patch {
            case let .replace(file, text, replacement, all):
                let path = try checked(file)
                current[path] = try replace(in: try load(path), file: path, text: text, with: replacement, all: all)
            case let .setValue(file, keyPath, value):
                let path = try checked(file)
                current[path] = try YAMLScalarEdit.set(in: try load(path), file: path, path: keyPath, to: value)
            case .diff(let text):
                for filePatch in try UnifiedDiff.parse(text) {
                    let path = try checked(filePatch.path)
                    let base = try load(path, creating: filePatch.isNewFile)
                    current[path] = try UnifiedDiff.apply(filePatch, to: base)
                }
            }
        }
        return order.compactMap { path in
            guard let after = current[path], let before = originals[path], after != before else { return nil }
            return FileChange(path: path, before: before, after: after)
        }
    }

    static func replace(in content: String, file: String, text: String, with replacement: String, all: Bool)
        throws(PatchError) -> String
    {
        guard !text.isEmpty else { throw .invalid("'replace' must not be empty") }
        let count = content.components(separatedBy: text).count - 1
        if count == 0 { throw .textNotFound(file: file, text: text) }
        if count > 1, !all { throw .textAmbiguous(file: file, text: text, count: count) }
        return content.replacingOccurrences(of: text, with: replacement)
    }

    /// Repository-relative paths only: no absolute paths, no `..` that leaves the repository, no `.git`.
    static func checked(_ path: String) throws(PatchError) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." && !part.isEmpty {
            if part == ".." {
                guard !parts.isEmpty else { throw .outsideRepository(path) }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        guard !path.hasPrefix("/"), !parts.isEmpty, parts.first != ".git" else { throw .outsideRepository(path) }
        return parts.joined(separator: "/")
    }
}

/// Sets one scalar of a YAML (or JSON) document in place, located through the parser's marks, so comments,
/// key order and the rest of the file keep their bytes.
enum YAMLScalarEdit {
    static func set(in text: String, file: String, path: String, to value: JSONValue) throws(PatchError) -> String {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .unparseable(file: file, cause: "\(error)")
        }
        guard var node = root else { throw .pathNotFound(file: file, path: path) }
        for segment in path.split(separator: ".").map(String.init) {
            if let mapping = node.mapping {
                guard let pair = mapping.first(where: { $0.key.scalar?.string == segment }) else {
                    throw .pathNotFound(file: file, path: path)
                }
                node = pair.value
            } else if let sequence = node.sequence, let index = Int(segment), sequence.indices.contains(index) {
                node = sequence[index]
            } else {
                throw .pathNotFound(file: file, path: path)
            }
        }
        guard let scalar = node.scalar, let mark = scalar.mark else {
            throw .unsupportedValue(file: file, path: path, reason: "it holds a list or a mapping, not a single value")
        }
        var lines = text.components(separatedBy: "\n")
        guard lines.indices.contains(mark.line - 1) else { throw .pathNotFound(file: file, path: path) }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        guard start >= 0, start <= line.count else { throw .pathNotFound(file: file, path: path) }
        let end: Int
        switch scalar.style {
        case .doubleQuoted: end = try closingQuote(line, from: start, quote: "\"", file: file, path: path)
        case .singleQuoted: end = try closingQuote(line, from: start, quote: "'", file: file, path: path)
        case .plain, .any:
            let raw = Array(scalar.string.unicodeScalars)
            guard start + raw.count <= line.count, Array(line[start..<(start + raw.count)]) == raw else {
                throw .unsupportedValue(file: file, path: path, reason: "a value over several lines; use replace/with")
            }
            end = start + raw.count
        case .literal, .folded:
            throw .unsupportedValue(file: file, path: path, reason: "a block scalar (| or >); use replace/with")
        }
        let isJSON = file.lowercased().hasSuffix(".json")
        let rendered = try render(value, style: isJSON ? .doubleQuoted : scalar.style, file: file, path: path)
        var updated = String.UnicodeScalarView()
        updated.append(contentsOf: line[..<start])
        updated.append(contentsOf: rendered.unicodeScalars)
        updated.append(contentsOf: line[end...])
        lines[mark.line - 1] = String(updated)
        return lines.joined(separator: "\n")
    }

    /// The index just past the closing quote; single-line quoted scalars only.
    static func closingQuote(
        _ line: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, file: String, path: String
    ) throws(PatchError) -> Int {
        var index = start + 1
        while index < line.count {
            if quote == "\"", line[index] == "\\" {
                index += 2
                continue
            }
            if line[index] == quote {
                if quote == "'", index + 1 < line.count, line[index + 1] == "'" {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        throw .unsupportedValue(file: file, path: path, reason: "a quoted value over several lines; use replace/with")
    }

    static func render(_ value: JSONValue, style: Node.Scalar.Style, file: String, path: String) throws(PatchError)
        -> String
    {
        switch value {
        case .string(let text):
            switch style {
            case .singleQuoted: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            case .doubleQuoted: return JSONValue.quoted(text)
            default: return isSafePlain(text) ? text : JSONValue.quoted(text)
            }
        case .number, .bool, .null: return value.compactText
        case .array, .object:
            throw .unsupportedValue(file: file, path: path, reason: "only a single value can be set; use replace/with")
        }
    }

    /// A string YAML reads back as the same string when written without quotes.
    static func isSafePlain(_ text: String) -> Bool {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        guard !text.isEmpty, !reserved.contains(text.lowercased()), Double(text) == nil else { return false }
        guard let first = text.unicodeScalars.first, CharacterSet.alphanumerics.contains(first) || first == "/" else {
            return false
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._/@+-"))
        return text.unicodeScalars.allSatisfy { allowed.contains($0) }
    }
}
