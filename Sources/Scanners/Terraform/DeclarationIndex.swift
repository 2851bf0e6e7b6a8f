import Core
import Foundation

/// Where each `resource "TYPE" "NAME"` block is declared, for pointing reports at a file and line.
///
/// A light text search, not an HCL parser: it only has to find the block header, and the plan already
/// says which module directories exist (`configuration…module_calls[].source`). Remote modules have no
/// files in the repository and are skipped.
struct DeclarationIndex: Sendable {
    /// A block's type and name: hashed as they are, so a lookup builds no `TYPE.NAME` string.
    private struct Block: Hashable {
        var type: String
        var name: String
    }

    /// `module.net.module.sub` (indices removed) → block → location.
    private var locations: [String: [Block: SourceLocation]] = [:]

    /// - Parameters:
    ///   - repositoryRoot: absolute path the reported locations are relative to.
    ///   - relativeRoot: the root module's folder relative to `repositoryRoot`.
    init(document: JSONValue, repositoryRoot: String, relativeRoot: String, fileSystem: any FileSystem) {
        var modules: [(key: String, relative: String)] = [("", Self.normalize(relativeRoot))]
        Self.moduleDirectories(
            document["configuration"]?["root_module"], key: "", relative: Self.normalize(relativeRoot), into: &modules)
        for module in modules {
            let folder = module.relative == "." ? repositoryRoot : repositoryRoot + "/" + module.relative
            locations[module.key] = Self.scan(folder: folder, relative: module.relative, fileSystem: fileSystem)
        }
    }

    func location(moduleAddress: String?, type: String, name: String) -> SourceLocation? {
        guard let declared = locations[Resource.stripInstanceKeys(moduleAddress ?? "")], !declared.isEmpty else {
            return nil
        }
        return declared[Block(type: type, name: name)]
    }

    /// The module address part of a resource address (`module.a["x"].aws_s3_bucket.b[0]` → `module.a["x"]`).
    static func moduleAddress(of address: String) -> String? {
        var parts: [Substring] = []
        var rest = Substring(address)
        while rest.hasPrefix("module.") {
            let afterKeyword = rest.dropFirst("module.".count)
            guard let dot = Self.nextTopLevelDot(in: afterKeyword) else { break }
            parts.append(rest[rest.startIndex..<dot])
            rest = rest[rest.index(after: dot)...]
        }
        return parts.isEmpty ? nil : parts.joined(separator: ".")
    }

    private static func nextTopLevelDot(in text: Substring) -> Substring.Index? {
        var depth = 0
        var isQuoted = false
        for index in text.indices {
            switch text[index] {
            case "\"": isQuoted.toggle()
            case "[" where !isQuoted: depth += 1
            case "]" where !isQuoted: depth -= 1
            case "." where !isQuoted && depth == 0: return index
            default: continue
            }
        }
        return nil
    }

    private static func moduleDirectories(
        _ module: JSONValue?, key: String, relative: String, into found: inout [(key: String, relative: String)]
    ) {
        guard let calls = module?["module_calls"]?.objectValue else { return }
        for name in calls.keys.sorted() {
            guard let call = calls[name], let source = call["source"]?.stringValue,
                source.hasPrefix("./") || source.hasPrefix("../")
            else { continue }
            let childKey = key.isEmpty ? "module.\(name)" : "\(key).module.\(name)"
            let childRelative = normalize(relative == "." ? source : relative + "/" + source)
            found.append((childKey, childRelative))
            moduleDirectories(call["module"], key: childKey, relative: childRelative, into: &found)
        }
    }

    private static func scan(folder: String, relative: String, fileSystem: any FileSystem) -> [Block: SourceLocation] {
        var found: [Block: SourceLocation] = [:]
        let names = (try? fileSystem.contentsOfDirectory(folder)) ?? []
        for file in names where file.hasSuffix(".tf") {
            guard let data = try? fileSystem.readFile(folder + "/" + file) else { continue }
            let path = relative == "." ? file : relative + "/" + file
            for (offset, line) in String(decoding: data, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false
            ).enumerated() {
                guard let (type, name) = header(line) else { continue }
                let key = Block(type: type, name: name)
                if found[key] == nil { found[key] = SourceLocation(file: path, line: offset + 1) }
            }
        }
        return found
    }

    /// `resource "aws_s3_bucket" "logs" {` → (`aws_s3_bucket`, `logs`).
    static func header(_ line: Substring) -> (String, String)? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 3, words[0] == "resource" else { return nil }
        func unquote(_ word: Substring) -> String? {
            guard word.count >= 2, word.hasPrefix("\""), word.hasSuffix("\"") else { return nil }
            return String(word.dropFirst().dropLast())
        }
        guard let type = unquote(words[1]), let name = unquote(words[2]) else { return nil }
        return (type, name)
    }

    /// Folds `.` and `..` out of a relative path; `.` for the repository root.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
