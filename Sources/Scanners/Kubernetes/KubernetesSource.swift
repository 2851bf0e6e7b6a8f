import Core
import Foundation

/// The `kubernetes` source (the original's `k8s`): plain manifests, no tool and no cluster.
///
/// The path is a manifest file, a folder of them (searched recursively for `*.yaml`, `*.yml`, `*.json`),
/// or the original's captured `{"declared", "observed"}` JSON, whose differences become drift with the
/// original's fingerprints. The original reads only that capture, and only JSON; plain YAML manifests are
/// what repositories actually hold, so they are read directly.
public struct KubernetesSource: SourceScanner {
    public init() {}

    public func collect(_ target: ScanTarget, context: ScanContext, records: inout [ToolRecord]) async throws(ToolError)
        -> TargetScan
    {
        let fileSystem = context.fileSystem
        let root = context.workingDirectory
        let path = RepoPath.absolute(target.path, in: root)
        do {
            if fileSystem.isDirectory(path) {
                return try scanFolder(path, target: target, context: context)
            }
            guard fileSystem.fileExists(path) else {
                throw ToolError.badInputFile(
                    file: target.path,
                    cause:
                        "no such file or folder; fix the target's path in steadystate/config.toml or on the command line"
                )
            }
            return try scanFile(path, target: target, context: context)
        } catch let error as ManifestError {
            throw error.toolError
        } catch let error as ToolError {
            throw error
        } catch {
            throw .badInputFile(file: target.path, cause: "\(error)")
        }
    }

    private func scanFolder(_ folder: String, target: ScanTarget, context: ScanContext) throws -> TargetScan {
        let fileSystem = context.fileSystem
        let root = context.workingDirectory
        if ManifestFolder.isChart(folder, fileSystem: fileSystem) {
            throw ToolError.badInputFile(
                file: target.path, cause: "is a Helm chart (it has a Chart.yaml); scan it with source \"helm\"")
        }
        let listing = try ManifestFolder.files(
            in: folder, root: root, fileSystem: fileSystem, recursive: target.recursive)
        var warnings = listing.warnings
        var resources: [Resource] = []
        for file in listing.files {
            let read = try Self.read(file, root: root, fileSystem: fileSystem)
            resources += read.objects.map { $0.resource(location: SourceLocation(file: $0.file, line: $0.line)) }
            warnings += read.warnings
        }
        if listing.files.isEmpty {
            warnings.append("\(RepoPath.relative(folder, to: root)): no *.yaml, *.yml or *.json manifests found")
        }
        return TargetScan(target: target, inventory: ResourceInventory(resources), warnings: warnings)
    }

    private func scanFile(_ path: String, target: ScanTarget, context: ScanContext) throws -> TargetScan {
        let root = context.workingDirectory
        let shown = RepoPath.relative(path, to: root)
        let text = try Self.text(of: path, shown: shown, fileSystem: context.fileSystem)
        let format = ManifestReader.Format.of(file: path)
        let roots = try ManifestReader.documents(in: text, file: shown, format: format)
        if let snapshot = try ClusterCapture.snapshot(in: roots, file: shown, format: format) {
            let ruleContext = RuleEngine.Context(
                source: target.source, target: target.name, identityPrefix: context.identityPrefix)
            let drift = ClusterCapture.driftFindings(
                declared: snapshot.declared, observed: snapshot.observed, context: ruleContext)
            let resources = snapshot.declared.map {
                $0.resource(location: SourceLocation(file: $0.file, line: $0.line))
            }
            return TargetScan(
                target: target, inventory: ResourceInventory(resources), drift: drift, warnings: snapshot.warnings)
        }
        var warnings: [String] = []
        var resources: [Resource] = []
        for node in roots {
            let objects = ManifestReader.objects(in: node, file: shown, format: format, warnings: &warnings)
            resources += objects.map { $0.resource(location: SourceLocation(file: $0.file, line: $0.line)) }
        }
        return TargetScan(target: target, inventory: ResourceInventory(resources), warnings: warnings)
    }

    static func read(_ path: String, root: String, fileSystem: any FileSystem) throws(ManifestError) -> ManifestRead {
        let shown = RepoPath.relative(path, to: root)
        let text = try text(of: path, shown: shown, fileSystem: fileSystem)
        return try ManifestReader.read(text, file: shown, format: .of(file: path))
    }

    static func text(of path: String, shown: String, fileSystem: any FileSystem) throws(ManifestError) -> String {
        let data: Data
        do {
            data = try fileSystem.readFile(path)
        } catch {
            throw .unreadable(file: shown, cause: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(file: shown) }
        return text
    }
}
