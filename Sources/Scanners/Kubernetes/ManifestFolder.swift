import Core

/// Finds the manifest files of a folder, recursively, through the `FileSystem` seam.
///
/// Hidden entries (`.git`, `.terraform`) are never read. A nested Helm chart is skipped with a warning:
/// its templates are not YAML until helm renders them, and reading them as manifests would fail the target
/// for a file that is not broken.
enum ManifestFolder {
    /// Deep enough for any real repository, shallow enough that a symlink loop ends.
    static let maximumDepth = 32

    struct Listing: Sendable {
        /// Absolute paths, in a stable order (sorted per folder, files and folders interleaved by name).
        var files: [String] = []
        var warnings: [String] = []
    }

    /// The manifest files under `directory`; `root` only shapes the paths in warnings.
    static func files(
        in directory: String, root: String, fileSystem: any FileSystem, recursive: Bool = true
    ) throws(ManifestError) -> Listing {
        var listing = Listing()
        try walk(directory, root: root, fileSystem: fileSystem, depth: 0, recursive: recursive, into: &listing)
        return listing
    }

    /// True when the folder is a Helm chart (holds a `Chart.yaml`).
    static func isChart(_ directory: String, fileSystem: any FileSystem) -> Bool {
        fileSystem.fileExists(RepoPath.join(directory, "Chart.yaml"))
    }

    private static func walk(
        _ directory: String, root: String, fileSystem: any FileSystem, depth: Int, recursive: Bool,
        into listing: inout Listing
    ) throws(ManifestError) {
        let shown = RepoPath.relative(directory, to: root)
        guard depth <= maximumDepth else {
            listing.warnings.append("\(shown): skipped: folders nested deeper than \(maximumDepth) levels")
            return
        }
        let names: [String]
        do {
            names = try fileSystem.contentsOfDirectory(directory)
        } catch {
            throw .unreadable(file: shown, cause: "\(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") {
            let path = RepoPath.join(directory, name)
            if fileSystem.isDirectory(path) {
                guard recursive else { continue }
                if isChart(path, fileSystem: fileSystem) {
                    listing.warnings.append(
                        "\(RepoPath.relative(path, to: root)): skipped a Helm chart; scan it with source \"helm\"")
                    continue
                }
                try walk(path, root: root, fileSystem: fileSystem, depth: depth + 1, recursive: true, into: &listing)
            } else if let dot = name.lastIndex(of: "."),
                ManifestReader.manifestExtensions.contains(name[name.index(after: dot)...].lowercased())
            {
                listing.files.append(path)
            }
        }
    }
}
