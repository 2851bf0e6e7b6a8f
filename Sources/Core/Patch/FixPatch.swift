import Foundation

/// A change a fix PR proposes, from a runbook entry's `patch`: edits to files in the repository.
///
/// Three shapes, alone or in an array:
/// - `{"file": "infra/main.tf", "replace": "acl = \"public-read\"", "with": "acl = \"private\""}` — an exact text
///   replacement (it must occur exactly once, or `"all": true`); the way to edit HCL, which we never interpret;
/// - `{"file": "charts/web/values.yaml", "path": "image.tag", "value": "1.27.1"}` — set one scalar in a YAML or
///   JSON file, in place, keeping every other byte (comments, order, quoting);
/// - `{"diff": "--- a/x\n+++ b/x\n@@ …"}` — a unified diff against repository files.
/// Every string may use the finding's `{placeholders}` (see `Placeholders`).
public enum FixPatch: Sendable, Equatable {
    case replace(file: String, text: String, with: String, all: Bool)
    case setValue(file: String, path: String, value: JSONValue)
    case diff(String)

    /// Reads a runbook `patch` value, with placeholders filled from `values`.
    public static func parse(_ value: JSONValue, values: [String: String]) throws(PatchError) -> [FixPatch] {
        func fill(_ text: String) throws(PatchError) -> String {
            let (filled, missing) = Placeholders.fill(text, values: values)
            if let name = missing.first { throw .unfilledPlaceholder(name) }
            return filled
        }
        switch value {
        case .array(let items):
            var patches: [FixPatch] = []
            for item in items { patches += try parse(item, values: values) }
            return patches
        case .object(let members):
            if let diff = members["diff"]?.stringValue { return [.diff(try fill(diff))] }
            guard let file = members["file"]?.stringValue, !file.isEmpty else {
                throw .invalid("a patch needs 'file' (with 'replace'/'with' or 'path'/'value') or 'diff'")
            }
            let path = try fill(file)
            if let text = members["replace"]?.stringValue {
                guard let replacement = members["with"]?.stringValue else {
                    throw .invalid("'replace' needs 'with' (the replacement text)")
                }
                return [.replace(file: path, text: try fill(text), with: try fill(replacement),
                                 all: members["all"]?.boolValue ?? false)]
            }
            if let keyPath = members["path"]?.stringValue, let newValue = members["value"] {
                let filledValue: JSONValue = if case .string(let text) = newValue { .string(try fill(text)) } else { newValue }
                return [.setValue(file: path, path: try fill(keyPath), value: filledValue)]
            }
            throw .invalid("a file patch needs 'replace' and 'with', or 'path' and 'value'")
        default:
            throw .invalid("a patch is an object or an array of objects")
        }
    }
}

/// Why a patch cannot be applied; every case says which file and what to do.
public enum PatchError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    case unfilledPlaceholder(String)
    case fileMissing(String)
    case textNotFound(file: String, text: String)
    case textAmbiguous(file: String, text: String, count: Int)
    case pathNotFound(file: String, path: String)
    case unsupportedValue(file: String, path: String, reason: String)
    case unparseable(file: String, cause: String)
    case hunkDoesNotApply(file: String, hunk: Int, line: Int)
    case malformedDiff(String)
    case outsideRepository(String)

    public var description: String {
        switch self {
        case .invalid(let why): "patch: \(why)"
        case .unfilledPlaceholder(let name): "patch: the finding has no value for {\(name)}"
        case .fileMissing(let file): "\(file): not in the repository; the patch no longer applies"
        case let .textNotFound(file, text):
            "\(file): the text to replace is not there any more (\(Self.short(text))); the patch no longer applies"
        case let .textAmbiguous(file, text, count):
            "\(file): the text to replace occurs \(count) times (\(Self.short(text))); make it unique or set \"all\": true"
        case let .pathNotFound(file, path): "\(file): no value at '\(path)'; the patch no longer applies"
        case let .unsupportedValue(file, path, reason): "\(file): cannot set '\(path)': \(reason)"
        case let .unparseable(file, cause): "\(file): cannot be read as YAML/JSON: \(cause)"
        case let .hunkDoesNotApply(file, hunk, line):
            "\(file): hunk #\(hunk) (at line \(line)) does not match the file any more; the patch no longer applies"
        case .malformedDiff(let why): "patch: malformed diff: \(why)"
        case .outsideRepository(let path): "\(path): a patch may only change files inside the repository"
        }
    }

    static func short(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        return line.count > 60 ? "'\(line.prefix(57))...'" : "'\(line)'"
    }
}

/// One file's content before and after a patch.
public struct FileChange: Sendable, Equatable {
    public var path: String
    /// `nil` when the patch creates the file.
    public var before: String?
    public var after: String
}
