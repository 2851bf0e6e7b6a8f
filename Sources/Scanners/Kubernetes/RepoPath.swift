/// Paths as findings show them: relative to the repository root, `/`-separated, without `.`, `..` or `//`.
///
/// Pure string work (no file system), so a location is the same on every machine and in every report.
enum RepoPath {
    /// `path` made absolute against `root` when it is relative.
    static func absolute(_ path: String, in root: String) -> String {
        path.hasPrefix("/") ? normalize(path) : join(root, path)
    }

    /// `path` relative to `root` when it lies inside it; otherwise the normalized path itself.
    static func relative(_ path: String, to root: String) -> String {
        let normalizedPath = normalize(path)
        let base = normalize(root)
        if normalizedPath == base { return "." }
        let prefix = base == "/" ? "/" : base + "/"
        guard normalizedPath.hasPrefix(prefix) else { return normalizedPath }
        return String(normalizedPath.dropFirst(prefix.count))
    }

    static func join(_ directory: String, _ path: String) -> String {
        if directory.isEmpty || directory == "." { return normalize(path) }
        return normalize(directory + "/" + path)
    }

    /// Collapses `.`, empty segments and `..` (never above the start of a relative path's first segment).
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !isAbsolute {
                    parts.append(segment)
                }
            default: parts.append(segment)
            }
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The last path component (`charts/web` → `web`).
    static func lastComponent(_ path: String) -> String {
        normalize(path).split(separator: "/").last.map(String.init) ?? path
    }
}
