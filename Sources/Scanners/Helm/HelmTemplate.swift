import Core

/// The pure half of rendering a chart: the `helm template` command line, and reading its output back to
/// the template each object came from.
public enum HelmTemplate {
    /// The command line for a target, and the same with `--set` values masked for records and messages
    /// (a `--set` often carries a password or token, which must not reach a CI log).
    public static func arguments(release: String, chart: String, target: ScanTarget) -> (
        actual: [String], shown: [String]
    ) {
        var actual = ["template", release, chart]
        var shown = actual
        for file in target.values {
            actual += ["-f", file]
            shown += ["-f", file]
        }
        for key in target.set.keys.sorted() {
            actual += ["--set", "\(key)=\(target.set[key] ?? "")"]
            shown += ["--set", "\(key)=***"]
        }
        if let namespace = target.namespace, !namespace.isEmpty {
            actual += ["--namespace", namespace]
            shown += ["--namespace", namespace]
        }
        if let version = target.kubeVersion, !version.isEmpty {
            actual += ["--kube-version", version]
            shown += ["--kube-version", version]
        }
        return (actual, shown)
    }

    /// The release name when the target names none: the chart folder's name, as the original's helm-live
    /// does (`charts/web` → `web`); for a packaged chart the archive's name without version and extension
    /// (`web-0.1.0.tgz` → `web`).
    public static func defaultRelease(forChart path: String) -> String {
        var name = RepoPath.lastComponent(path)
        for suffix in [".tgz", ".tar.gz"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            if let dash = name.indices.last(where: { index in
                name[index] == "-" && name.index(after: index) < name.endIndex
                    && name[name.index(after: index)].isNumber
            }) {
                name = String(name[..<dash])
            }
        }
        return name
    }

    /// Where each rendered document came from, by `# Source: <chart>/templates/<file>` comment lines.
    ///
    /// Comments are not part of the YAML data model, so they are found in the text: a document's source is
    /// the last `# Source:` line between the previous `---` and the document's first line.
    public struct SourceIndex: Sendable {
        private var separators: [Int] = []
        private var sources: [(line: Int, path: String)] = []

        public init(rendered text: String) {
            var number = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                if line.hasPrefix("---") {
                    separators.append(number)
                } else if line.hasPrefix("# Source: ") {
                    let path = line.dropFirst("# Source: ".count).trimmingCharacters(in: .whitespaces)
                    sources.append((number, path))
                }
            }
        }

        /// The `# Source:` path (`web/templates/deployment.yaml`) of the document holding `line`.
        public func source(forLine line: Int) -> String? {
            let start = separators.last { $0 < line } ?? 0
            return sources.last { $0.line > start && $0.line < line }?.path
        }
    }

    /// The repository file a `# Source:` path names.
    ///
    /// Its first segment is the chart's name (from Chart.yaml, not necessarily the folder's), so it is
    /// replaced by the chart's path. Subchart sources (`web/charts/cache/templates/x.yaml`) land in the
    /// vendored subchart's folder.
    public static func location(ofSource source: String, chart: String) -> String {
        let segments = source.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count > 1 else { return chart }
        return RepoPath.join(chart, segments.dropFirst().joined(separator: "/"))
    }

    /// helm's stderr with its real error on the last line.
    ///
    /// helm ends a failed render with "Use --debug flag to render out invalid YAML" and spreads the cause over
    /// several indented lines (`Error: web/templates/x.yaml:16:10` / `executing … at <.Values.x>:` /
    /// `nil pointer …`); the error message shows only the last line, so the hint goes and the `Error:` block
    /// becomes one line that names the template, the position and the cause.
    public static func condense(stderr: String) -> String {
        var lines = stderr.split(separator: "\n", omittingEmptySubsequences: true).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        lines.removeAll { $0.hasPrefix("Use --debug flag") || $0.isEmpty }
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Error:") }) else {
            return lines.suffix(20).joined(separator: "\n")
        }
        let error = lines[start...].joined(separator: " ")
        return (lines[..<start].suffix(19) + [error]).joined(separator: "\n")
    }
}
