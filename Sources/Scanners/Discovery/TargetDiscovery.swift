import Core
import Foundation

/// Finds the scan targets of a repository that configures none: Terraform roots, Helm charts,
/// kustomizations, manifest folders and compose projects.
///
/// The heuristic (documented for users in `docs/repo-native-posture.md`, "Target discovery"):
/// - **Terraform**: a folder with `*.tf` / `*.tf.json` files is a root when it declares a `backend` or
///   `cloud` block; otherwise it is a module when another folder uses it as a local module
///   (`source = "./…"` / `"../…"`); otherwise a root when it configures a `provider`; otherwise a module
///   when it sits under a folder named `modules`; otherwise a root. Taking a module for a root makes its
///   plan fail on required variables; taking a root for a module silently leaves it unscanned. So the
///   signs that a folder is applied directly (a backend, a provider) win, and a folder with no sign either
///   way is scanned.
/// - **Helm**: a folder with `Chart.yaml` is a chart; nothing inside it is searched (its `charts/`
///   subcharts and templates belong to it).
/// - **Kustomize**: a folder with `kustomization.yaml`, `kustomization.yml` or `Kustomization`, unless it is
///   a `kind: Component` or another kustomization builds on it (`resources`/`bases`/`components`), in
///   which case its overlays are the targets. Inside a kustomization, YAML files are its inputs, not
///   manifest folders of their own; nested kustomizations are still found.
/// - **Kubernetes**: a folder holding a `.yaml`/`.yml` file with top-level `apiVersion:` and `kind:` lines,
///   outside charts and kustomizations. Each such folder is one target (its subfolders are their own).
/// - **docker-compose**: a folder holding one of compose's standard file names.
///
/// `.git`, `.terraform`, `.steadystate`, `node_modules` and `vendor` are never entered; `.gitignore` files
/// (and `.git/info/exclude`) are honoured as git does (see `IgnoreRules`), and `exclude` globs
/// (gitignore syntax, from the repository root) come on top. Symbolic links are followed only when they
/// stay inside the repository and lead to a folder not already walked.
public enum TargetDiscovery {
    /// Folders never entered: tool caches, our own run output, vendored code.
    public static let skippedFolderNames: Set<String> = [
        ".git", ".terraform", ".steadystate", "node_modules", "vendor",
    ]
    /// The names kustomize accepts for its file.
    public static let kustomizationFileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]
    /// A bound on nesting, so a pathological tree cannot make the walk run away.
    static let maximumDepth = 48

    /// The targets under `root` in walk order (folders sorted by name, parents before children) and, for the
    /// run report, what was passed over and why (ignored or excluded paths, Terraform modules, kustomize bases).
    public static func discover(
        root: String, fileSystem: any FileSystem, exclude: [String] = []
    ) -> (targets: [ScanTarget], skipped: [String]) {
        var walk = Walk(root: root, fileSystem: fileSystem)
        var rules = IgnoreRules().addingExcludes(exclude)
        if let text = walk.readText(".git/info/exclude") {
            rules = rules.adding(text, base: "", origin: ".git/info/exclude")
        }
        walk.visit("", rules: rules, isInsideKustomization: false, depth: 0)
        return walk.result()
    }
}

/// The state of one discovery walk.
private struct Walk {
    let root: String
    let fileSystem: any FileSystem
    let canonicalRoot: String
    var found: [(kind: SourceKind, path: String)] = []
    var terraform: [TerraformFolder] = []
    var kustomizations: [KustomizeFolder] = []
    var skipped: [String] = []
    var visited: Set<String> = []

    init(root: String, fileSystem: any FileSystem) {
        self.root = root
        self.fileSystem = fileSystem
        self.canonicalRoot = (root as NSString).resolvingSymlinksInPath
    }

    func absolute(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    func readText(_ relative: String) -> String? {
        guard let data = try? fileSystem.readFile(absolute(relative)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    mutating func visit(_ relative: String, rules inherited: IgnoreRules, isInsideKustomization: Bool, depth: Int) {
        let shown = RepositoryPath.display(relative)
        guard depth <= TargetDiscovery.maximumDepth else {
            skipped.append("\(shown)/ (nested deeper than \(TargetDiscovery.maximumDepth) folders; not searched)")
            return
        }
        let canonical = (absolute(relative) as NSString).resolvingSymlinksInPath
        guard canonical == canonicalRoot || canonical.hasPrefix(canonicalRoot + "/") else {
            skipped.append("\(shown)/ (a link to a folder outside the repository)")
            return
        }
        // A second way into a folder already walked (a symbolic link, or a loop of them) adds nothing.
        guard visited.insert(canonical).inserted else { return }
        let names: [String]
        do {
            names = try fileSystem.contentsOfDirectory(absolute(relative))
        } catch {
            skipped.append("\(shown)/ (cannot be listed: \(error.localizedDescription))")
            return
        }
        var rules = inherited
        let prefix = relative.isEmpty ? "" : relative + "/"
        if names.contains(".gitignore"), let text = readText(prefix + ".gitignore") {
            rules = rules.adding(text, base: relative, origin: prefix + ".gitignore")
        }

        var files: [String] = []
        var folders: [String] = []
        for name in names {
            let child = prefix + name
            let isFolder = fileSystem.isDirectory(absolute(child))
            if isFolder, TargetDiscovery.skippedFolderNames.contains(name) { continue }
            if let pattern = rules.decidingPattern(for: child, isDirectory: isFolder), !pattern.isNegated {
                if isFolder || Self.mayBeInput(name) {
                    let verb = pattern.origin == "[discovery] exclude" ? "excluded" : "ignored"
                    skipped.append("\(child)\(isFolder ? "/" : "") (\(verb) by '\(pattern.text)' in \(pattern.origin))")
                }
                continue
            }
            if isFolder { folders.append(name) } else { files.append(name) }
        }

        if files.contains("Chart.yaml") {
            found.append((.helm, relative))
            return
        }
        let terraformFiles = files.filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }
        if !terraformFiles.isEmpty {
            let texts = terraformFiles.compactMap { readText(prefix + $0) }
            terraform.append(TerraformFolder.scan(path: relative, texts: texts))
            found.append((.terraform, relative))
        }
        let kustomization = TargetDiscovery.kustomizationFileNames.first { files.contains($0) }
        if let kustomization {
            kustomizations.append(KustomizeFolder.scan(path: relative, text: readText(prefix + kustomization) ?? ""))
            found.append((.kustomize, relative))
        } else if !isInsideKustomization, files.contains(where: { isManifestFile(prefix + $0) }) {
            found.append((.kubernetes, relative))
        }
        if files.contains(where: ComposeSource.standardFileNames.contains) {
            found.append((.dockerCompose, relative))
        }
        for name in folders {
            visit(
                prefix + name, rules: rules, isInsideKustomization: isInsideKustomization || kustomization != nil,
                depth: depth + 1)
        }
    }

    private func isManifestFile(_ relative: String) -> Bool {
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml"),
            !ComposeSource.standardFileNames.contains(name), !ComposeSource.overrideFileNames.contains(name)
        else { return false }
        return readText(relative).map(ManifestText.isManifest) ?? false
    }

    /// Files worth naming when an ignore rule hides them: the ones discovery would have looked at.
    private static func mayBeInput(_ name: String) -> Bool {
        name.hasSuffix(".tf") || name.hasSuffix(".tf.json") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
            || TargetDiscovery.kustomizationFileNames.contains(name)
    }

    /// Keeps the roots: drops Terraform modules and kustomize bases and components, saying why.
    func result() -> (targets: [ScanTarget], skipped: [String]) {
        var skipped = skipped
        var callers: [String: [String]] = [:]
        for folder in terraform {
            for source in Set(folder.moduleSources) where source != folder.path {
                callers[source, default: []].append(folder.path)
            }
        }
        var modules: Set<String> = []
        for folder in terraform {
            let shown = RepositoryPath.display(folder.path)
            if folder.hasBackend { continue }
            if let users = callers[folder.path] {
                modules.insert(folder.path)
                let names = users.map(RepositoryPath.display).joined(separator: ", ")
                skipped.append("\(shown) (terraform module used by \(names))")
            } else if !folder.hasProvider, folder.path.split(separator: "/").dropLast().contains("modules") {
                modules.insert(folder.path)
                skipped.append("\(shown) (terraform module: inside a modules/ folder, with no backend or provider)")
            }
        }

        var bases: Set<String> = []
        var builders: [String: [String]] = [:]
        for folder in kustomizations {
            for reference in Set(folder.references) where reference != folder.path {
                builders[reference, default: []].append(folder.path)
            }
        }
        for folder in kustomizations {
            let shown = RepositoryPath.display(folder.path)
            if folder.isComponent {
                bases.insert(folder.path)
                skipped.append("\(shown) (kustomize component)")
            } else if let users = builders[folder.path] {
                bases.insert(folder.path)
                skipped.append(
                    "\(shown) (kustomize base used by \(users.map(RepositoryPath.display).joined(separator: ", ")))")
            }
        }

        let kept = found.filter { entry in
            !(entry.kind == .terraform && modules.contains(entry.path))
                && !(entry.kind == .kustomize && bases.contains(entry.path))
        }
        // A folder that is two kinds of target (Terraform beside a compose file) gets names that say which.
        let pathCounts = Dictionary(kept.map { ($0.path, 1) }, uniquingKeysWith: +)
        let targets = kept.map { entry in
            let path = RepositoryPath.display(entry.path)
            let name = pathCounts[entry.path, default: 0] > 1 ? "\(path) (\(entry.kind))" : path
            // Nested manifest folders are targets of their own, so each reads only its own files.
            return ScanTarget(name: name, source: entry.kind, path: path, recursive: entry.kind != .kubernetes)
        }
        return (targets, skipped)
    }
}
