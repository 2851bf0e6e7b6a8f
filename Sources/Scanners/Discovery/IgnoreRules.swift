/// `.gitignore` semantics for the discovery walk, plus the `[discovery] exclude` globs on top.
///
/// Implemented rather than asking `git check-ignore`, so discovery stays a pure function of the files and
/// works in an exported tree without `.git`. It follows gitignore(5): blank lines and `#` comments are
/// skipped; trailing spaces are dropped unless escaped; `!` re-includes; a trailing `/` matches directories
/// only; a pattern with no other `/` matches a name at any depth below its file's folder, one with a `/`
/// is anchored to that folder; globs are git's wildmatch. The last matching pattern decides, deeper files
/// win over shallower ones, and `.git/info/exclude` counts least. As in git, nothing inside an ignored
/// folder can be re-included, because the walk never enters it.
struct IgnoreRules: Sendable {
    /// One line of an ignore file, parsed.
    struct Pattern: Sendable, Equatable {
        /// The glob, without `!`, leading `/` or trailing `/`.
        var glob: String
        var isNegated: Bool
        var isDirectoryOnly: Bool
        /// No `/` in the pattern: matched against the last path component, at any depth.
        var matchesNameOnly: Bool
        /// Repository-relative folder of the file the pattern came from (`""` for the root).
        var base: String
        /// Where the pattern was written, for messages: `.gitignore`, `apps/.gitignore`, `[discovery] exclude`.
        var origin: String
        /// The line as written.
        var text: String
    }

    /// Groups from least to most precedence: `.git/info/exclude`, then each `.gitignore` from the root down.
    private(set) var groups: [[Pattern]] = []
    /// The configured excludes: they win over every ignore file, as `git ls-files --exclude` patterns do.
    private(set) var excludes: [Pattern] = []

    /// Adds the patterns of one ignore file found in `base`; later groups take precedence.
    func adding(_ text: String, base: String, origin: String) -> IgnoreRules {
        var copy = self
        copy.groups.append(
            text.split(separator: "\n", omittingEmptySubsequences: false).compactMap {
                Self.parse(String($0), base: base, origin: origin)
            })
        return copy
    }

    /// Adds the configured exclude globs (gitignore syntax, relative to the repository root).
    ///
    /// One convenience beyond gitignore: `dir/**` also excludes `dir` itself, so the walk skips it as one
    /// entry instead of listing each of its children as skipped.
    func addingExcludes(_ globs: [String]) -> IgnoreRules {
        var copy = self
        var group: [Pattern] = []
        for glob in globs {
            guard let pattern = Self.parse(glob, base: "", origin: "[discovery] exclude") else { continue }
            if glob.hasSuffix("/**"), !pattern.isNegated {
                var folder = pattern
                folder.glob = String(pattern.glob.dropLast(3))
                folder.isDirectoryOnly = true
                folder.matchesNameOnly = false
                if !folder.glob.isEmpty { group.append(folder) }
            }
            group.append(pattern)
        }
        copy.excludes += group
        return copy
    }

    /// The pattern that decides `path` (repository-relative, no leading or trailing `/`), if any; the path
    /// is ignored when that pattern is not a negation.
    func decidingPattern(for path: String, isDirectory: Bool) -> Pattern? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for group in [excludes] + groups.reversed() {
            for pattern in group.reversed()
            where Self.matches(pattern, path: path, name: name, isDirectory: isDirectory) {
                return pattern
            }
        }
        return nil
    }

    func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        decidingPattern(for: path, isDirectory: isDirectory).map { !$0.isNegated } ?? false
    }

    static func matches(_ pattern: Pattern, path: String, name: String, isDirectory: Bool) -> Bool {
        if pattern.isDirectoryOnly, !isDirectory { return false }
        let relative: Substring
        if pattern.base.isEmpty {
            relative = Substring(path)
        } else {
            guard path.hasPrefix(pattern.base + "/") else { return false }
            relative = path.dropFirst(pattern.base.count + 1)
        }
        if pattern.matchesNameOnly { return Wildmatch.matches(pattern.glob, name) }
        return Wildmatch.matches(pattern.glob, String(relative))
    }

    /// One line of an ignore file, or `nil` for a blank line or a comment.
    static func parse(_ line: String, base: String, origin: String) -> Pattern? {
        var text = line.hasSuffix("\r") ? String(line.dropLast()) : line
        text = trimTrailingSpaces(text)
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        var glob = Substring(text)
        let isNegated = glob.hasPrefix("!")
        if isNegated { glob = glob.dropFirst() }
        let isDirectoryOnly = glob.hasSuffix("/")
        if isDirectoryOnly { glob = glob.dropLast() }
        let matchesNameOnly = !glob.contains("/")
        if glob.hasPrefix("/") { glob = glob.dropFirst() }
        guard !glob.isEmpty else { return nil }
        return Pattern(
            glob: String(glob), isNegated: isNegated, isDirectoryOnly: isDirectoryOnly,
            matchesNameOnly: matchesNameOnly, base: base, origin: origin, text: text)
    }

    /// Trailing spaces are dropped unless the last one is escaped with a backslash.
    private static func trimTrailingSpaces(_ text: String) -> String {
        var bytes = Array(text.utf8)
        while bytes.last == UInt8(ascii: " ") {
            let count = bytes.count
            // `\ ` keeps the space; the backslash stays for wildmatch, which reads it as an escape.
            if count >= 2, bytes[count - 2] == UInt8(ascii: "\\") { break }
            bytes.removeLast()
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
