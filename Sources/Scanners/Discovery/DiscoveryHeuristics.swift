import Yams

/// What a text scan of one folder's Terraform files says about it: enough to tell a root from a module.
///
/// HCL is not interpreted: lines are matched after their leading whitespace, which is how `terraform fmt`
/// lays out every block this looks for (`backend "s3" {`, `cloud {`, `provider "aws" {`, `source = "./x"`).
/// Commented-out lines start with `#` or `//` and so never match.
struct TerraformFolder: Sendable, Equatable {
    var path: String
    /// A `backend` or `cloud` block: the folder keeps state, so it is applied directly.
    var hasBackend: Bool
    /// A `provider` block: modern modules receive providers from their caller, roots configure them.
    var hasProvider: Bool
    /// Local module sources (`./…`, `../…`), as repository-relative folders.
    var moduleSources: [String]

    static func scan(path: String, texts: [String]) -> TerraformFolder {
        var folder = TerraformFolder(path: path, hasBackend: false, hasProvider: false, moduleSources: [])
        for text in texts {
            for rawLine in text.split(separator: "\n") {
                let line = rawLine.drop { $0 == " " || $0 == "\t" }
                // HCL (`backend "s3" {`) and pretty-printed JSON (`"backend": {`) spellings.
                if startsBlock(line, "backend", labelled: true) || startsBlock(line, "cloud", labelled: false) {
                    folder.hasBackend = true
                } else if startsBlock(line, "provider", labelled: true) {
                    folder.hasProvider = true
                } else if let source = localSource(line), let resolved = RepositoryPath.join(path, source) {
                    folder.moduleSources.append(resolved)
                }
            }
        }
        return folder
    }

    private static func startsBlock(_ line: Substring, _ keyword: String, labelled: Bool) -> Bool {
        if line.hasPrefix("\"\(keyword)\"") {
            return line.dropFirst(keyword.count + 2).drop { $0 == " " }.hasPrefix(":")
        }
        guard line.hasPrefix(keyword) else { return false }
        let rest = line.dropFirst(keyword.count)
        guard let next = rest.first, next == " " || next == "\t" || next == "{" else { return false }
        let body = rest.drop { $0 == " " || $0 == "\t" }
        return labelled ? body.hasPrefix("\"") : body.hasPrefix("{")
    }

    /// `source = "./x"` or `"source": "../x"`: the quoted local path, else `nil`.
    private static func localSource(_ line: Substring) -> String? {
        var rest: Substring
        if line.hasPrefix("source") {
            rest = line.dropFirst("source".count)
        } else if line.hasPrefix("\"source\"") {
            rest = line.dropFirst("\"source\"".count)
        } else {
            return nil
        }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard let separator = rest.first, separator == "=" || separator == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("\"./") || rest.hasPrefix("\"../") else { return nil }
        let value = rest.dropFirst().prefix { $0 != "\"" }
        return String(value)
    }
}

/// What a kustomization file says about its folder: whether it is a component, and which local folders it
/// builds on (`resources`, `bases`, `components`).
struct KustomizeFolder: Sendable, Equatable {
    var path: String
    var isComponent: Bool
    var references: [String]

    /// Reads the file with a YAML parser; a file that does not parse is kept as a root with no references,
    /// and the kustomize source reports the error when it builds it.
    static func scan(path: String, text: String) -> KustomizeFolder {
        var folder = KustomizeFolder(path: path, isComponent: false, references: [])
        guard let root = try? Yams.compose(yaml: text, .basic), case .mapping(let mapping) = root else { return folder }
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            if name == "kind" { folder.isComponent = value.scalar?.string == "Component" }
            guard ["resources", "bases", "components"].contains(name), case .sequence(let entries) = value else {
                continue
            }
            for entry in entries {
                guard let text = entry.scalar?.string, !text.contains("://"), !text.hasPrefix("git@"),
                    !text.hasPrefix("github.com/"), let resolved = RepositoryPath.join(path, text)
                else { continue }
                folder.references.append(resolved)
            }
        }
        return folder
    }
}

/// Plain Kubernetes manifests: YAML whose documents name an `apiVersion` and a `kind` at the top level.
enum ManifestText {
    /// True when some line starts with `apiVersion:` and some line with `kind:`.
    ///
    /// Lines are found on the bytes, as they come: splitting the text into `Character` lines first took 0.25 s
    /// for a 6 MB file of 10k documents (grapheme breaking over every byte), and never split a CRLF file,
    /// whose `\r\n` is one `Character`.
    static func isManifest(_ text: String) -> Bool {
        var hasAPIVersion = false
        var hasKind = false
        var text = text
        return text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                let rest = UnsafeBufferPointer(rebasing: bytes[lineStart...])
                if !hasAPIVersion, rest.starts(with: Self.apiVersion) { hasAPIVersion = true }
                if !hasKind, rest.starts(with: Self.kind) { hasKind = true }
                if hasAPIVersion, hasKind { return true }
                guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else { break }
                lineStart += newline + 1
            }
            return false
        }
    }

    private static let apiVersion = Array("apiVersion:".utf8)
    private static let kind = Array("kind:".utf8)
}

/// Repository-relative paths as plain text: joined and normalised without touching the file system.
enum RepositoryPath {
    /// `relative` resolved against the folder `base` (`""` for the root), with `.` and `..` folded; `nil`
    /// when it climbs out of the repository.
    static func join(_ base: String, _ relative: String) -> String? {
        var parts = base.split(separator: "/").map(String.init)
        for component in relative.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The path as targets show it: `.` for the root.
    static func display(_ path: String) -> String { path.isEmpty ? "." : path }
}
