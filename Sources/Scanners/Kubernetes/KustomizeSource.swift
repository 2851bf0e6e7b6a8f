import Core
import Foundation

/// The `kustomize` source: `kubectl kustomize <dir>`, the tool's own rendering, read like plain manifests.
///
/// No cluster is contacted and nothing is converted by a second tool (the original pipes the render
/// through `kubectl create --dry-run=client -o json` because it has no YAML parser; that step needs API
/// discovery). Each object points at the file it came from when the kustomization asks kustomize to
/// say so (`buildMetadata: [originAnnotations]`), otherwise at the kustomization file itself.
public struct KustomizeSource: SourceScanner {
    /// The names kustomize accepts for its file, in the order it looks for them.
    static let kustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]
    static let originAnnotation = "config.kubernetes.io/origin"

    public init() {}

    public func collect(_ target: ScanTarget, context: ScanContext, records: inout [ToolRecord]) async throws(ToolError)
        -> TargetScan
    {
        let root = context.workingDirectory
        let folder = RepoPath.absolute(target.path, in: root)
        guard context.fileSystem.isDirectory(folder) else { throw .directoryMissing(path: target.path) }
        let tool = RecordedTool(
            name: "kubectl", executable: try RecordedTool.locate(.kubectl, in: context),
            environment: context.toolEnvironment, timeoutSeconds: target.timeoutSeconds ?? context.timeoutSeconds,
            runner: context.runner)
        let relativeFolder = RepoPath.relative(folder, to: root)
        let firstRecord = records.count
        let arguments = ["kustomize", relativeFolder]
        let output = try await tool.run(arguments, in: root, records: &records)
        let command = (["kubectl"] + arguments).joined(separator: " ")
        let read: ManifestRead
        do {
            read = try ManifestReader.read(output.stdout, file: command, format: .yaml)
        } catch {
            throw .unparseableOutput(command: command, cause: error.description)
        }
        let fallback =
            Self.kustomizationNames.map { RepoPath.join(relativeFolder, $0) }
            .first { context.fileSystem.fileExists(RepoPath.absolute($0, in: root)) } ?? relativeFolder
        let resources = read.objects.map { object in
            object.resource(
                location: SourceLocation(
                    file: Self.origin(of: object.object, kustomization: relativeFolder) ?? fallback))
        }
        var versions: [String: String] = [:]
        if let version = await Self.version(tool, in: root, records: &records) { versions["kubectl"] = version }
        return TargetScan(
            target: target, inventory: ResourceInventory(resources), toolRecords: Array(records[firstRecord...]),
            toolVersions: versions, warnings: read.warnings)
    }

    /// The repository-relative file named by kustomize's origin annotation (`path: ../base/web.yaml`),
    /// when the object came from a local file inside the repository; `nil` for remote or generated objects.
    static func origin(of object: JSONValue, kustomization folder: String) -> String? {
        guard let text = object["metadata"]?["annotations"]?[originAnnotation]?.stringValue,
            let node = (try? YAMLStream.documents(in: text))?.first,
            case .object(let origin) = YAMLStream.value(of: node, isJSON: false),
            origin["repo"] == nil, let path = origin["path"]?.stringValue, !path.isEmpty, !path.hasPrefix("/")
        else { return nil }
        let joined = RepoPath.join(folder, path)
        return joined.hasPrefix("../") || joined == ".." ? nil : joined
    }

    /// `kubectl version --client -o json`, for the run report; a failure here never fails the scan.
    static func version(_ tool: RecordedTool, in directory: String, records: inout [ToolRecord]) async -> String? {
        guard
            let output = try? await tool.run(["version", "--client", "-o", "json"], in: directory, records: &records),
            let document = try? JSONDecoder().decode(JSONValue.self, from: output.stdout)
        else { return nil }
        return document["clientVersion"]?["gitVersion"]?.stringValue
    }
}
