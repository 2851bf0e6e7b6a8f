import Core
import Foundation
import Yams

/// The `docker-compose` source: compose files read as compose reads them, with no docker needed.
///
/// PATH is a compose file (any name), a directory (compose's standard file, plus its override file merged
/// on top, as `docker compose` does without `-f`), or the original's captured `{"config", "ps"}` JSON, which
/// also yields the original's declared-versus-running drift. The original runs `docker compose config` and
/// `ps` for a directory; a CI gate has no docker daemon and no running containers, so this reads the files.
///
/// Resources (see `Resource` for the conventions): each service is a `docker_compose_service` whose address
/// is the service name, as the original's; top-level networks, volumes and secrets are
/// `docker_compose_network`, `docker_compose_volume`, `docker_compose_secret` at `network/<name>`,
/// `volume/<name>`, `secret/<name>`, so they can never share an address with a service.
public struct ComposeSource: SourceScanner {
    public static let serviceType = "docker_compose_service"
    public static let networkType = "docker_compose_network"
    public static let volumeType = "docker_compose_volume"
    public static let secretType = "docker_compose_secret"

    /// Compose's own lookup order for a project directory (compose-go `DefaultFileNames`).
    public static let standardFileNames = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]
    /// The override file compose merges when no `-f` is given (compose-go `DefaultOverrideFileNames`).
    public static let overrideFileNames = [
        "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml",
    ]

    public init() {}

    public func collect(_ target: ScanTarget, context: ScanContext, records: inout [ToolRecord]) async throws(ToolError)
        -> TargetScan
    {
        let fileSystem = context.fileSystem
        let path = Self.absolute(target.path, in: context.workingDirectory)
        let ruleContext = RuleEngine.Context(
            source: target.source, target: target.name, identityPrefix: context.identityPrefix)
        do {
            if fileSystem.isDirectory(path) {
                let files = try Self.projectFiles(in: path, display: target.path, fileSystem: fileSystem)
                var document = try ComposeDocument.read(
                    try read(files[0], context: context), file: Self.relative(files[0], to: context.workingDirectory))
                for override in files.dropFirst() {
                    let file = Self.relative(override, to: context.workingDirectory)
                    document = document.merging(
                        try ComposeDocument.read(try read(override, context: context), file: file))
                }
                return TargetScan(
                    target: target, inventory: ResourceInventory(Self.resources(document)), warnings: document.warnings)
            }
            guard fileSystem.fileExists(path) else {
                throw ToolError.badInputFile(file: target.path, cause: "no such file or directory")
            }
            let file = Self.relative(path, to: context.workingDirectory)
            let root = try ComposeYAML.parse(try read(path, context: context), file: file)
            if ComposeSnapshot.isSnapshot(root), let root {
                let snapshot = try ComposeSnapshot.read(root: root, file: file)
                return TargetScan(
                    target: target, inventory: ResourceInventory(Self.resources(snapshot.declared)),
                    drift: snapshot.drift(context: ruleContext, snapshotFile: file),
                    warnings: snapshot.declared.warnings)
            }
            let document = try ComposeDocument.read(root: root, file: file)
            return TargetScan(
                target: target, inventory: ResourceInventory(Self.resources(document)), warnings: document.warnings)
        } catch let error as ComposeError {
            throw error.toolError
        } catch let error as ToolError {
            throw error
        } catch {
            throw .badInputFile(file: target.path, cause: "\(error)")
        }
    }

    /// The standard file of a project directory, then its override file when there is one.
    static func projectFiles(in directory: String, display: String, fileSystem: any FileSystem) throws(ComposeError)
        -> [String]
    {
        func first(of names: [String]) -> String? {
            names.map { directory + "/" + $0 }.first { fileSystem.fileExists($0) && !fileSystem.isDirectory($0) }
        }
        guard let base = first(of: standardFileNames) else {
            throw .noComposeFile(directory: display, looked: standardFileNames)
        }
        return [base] + (first(of: overrideFileNames).map { [$0] } ?? [])
    }

    /// Services first, then networks, volumes and secrets, each in file order.
    static func resources(_ document: ComposeDocument) -> [Resource] {
        func make(_ entries: [ComposeDocument.Entry], type: String, prefix: String) -> [Resource] {
            entries.map {
                Resource(
                    address: prefix + $0.name, type: type, name: $0.name, attributes: $0.value, location: $0.location)
            }
        }
        return make(document.services, type: serviceType, prefix: "")
            + make(document.networks, type: networkType, prefix: "network/")
            + make(document.volumes, type: volumeType, prefix: "volume/")
            + make(document.secrets, type: secretType, prefix: "secret/")
    }

    private func read(_ path: String, context: ScanContext) throws(ToolError) -> String {
        let display = Self.relative(path, to: context.workingDirectory)
        let data: Data
        do {
            data = try context.fileSystem.readFile(path)
        } catch {
            throw .badInputFile(file: display, cause: "cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .badInputFile(file: display, cause: "is not UTF-8 text")
        }
        return text
    }

    static func absolute(_ path: String, in directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    /// Repository-relative with `/` separators, as `SourceLocation` wants; paths outside stay absolute.
    static func relative(_ path: String, to directory: String) -> String {
        let base = (directory as NSString).standardizingPath
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
