import Core
import Foundation

/// The `terraform` and `terraform-state` sources: plan (or read a captured plan), then `show -json`.
///
/// Differences from the original, each fixing a fault it documents: `init` when needed, `-input=false
/// -lock=false -no-color`, the plan file in a temporary folder that is always removed (never in the
/// repository), a missing folder reported as such rather than as "terraform not on PATH", and sensitive
/// values redacted from evidence. The commands and their order are otherwise the original's, so drift and
/// fingerprints match.
public struct TerraformSource: SourceScanner {
    private let versions = VersionCache()

    public init() {}

    public func collect(_ target: ScanTarget, context: ScanContext, records: inout [ToolRecord]) async throws(ToolError)
        -> TargetScan
    {
        let fileSystem = context.fileSystem
        let inputPath = Self.absolute(target.plan ?? target.path, in: context.workingDirectory)
        let run = TerraformRun(target: target, context: context)
        let firstRecord = records.count
        var toolVersions: [String: String] = [:]
        let document: JSONValue
        let declarationRoot: String?
        var liveDriftIsPrimary = false
        if target.plan == nil, fileSystem.isDirectory(inputPath) {
            document = try await run.planDirectory(inputPath, records: &records)
            declarationRoot = inputPath
            liveDriftIsPrimary = target.source == .terraformState && target.refreshes
        } else if fileSystem.fileExists(inputPath), !fileSystem.isDirectory(inputPath) {
            document = try await run.readPlanFile(inputPath, records: &records)
            // A captured plan often sits beside its configuration (the bundled example does).
            declarationRoot = (inputPath as NSString).deletingLastPathComponent
        } else if target.plan != nil {
            throw .badInputFile(file: target.plan ?? inputPath, cause: "no such plan file")
        } else {
            throw .directoryMissing(path: target.path)
        }
        if records.count > firstRecord {
            let (version, record) = await versions.version(of: run)
            if let record { records.append(record) }
            if let version { toolVersions["terraform"] = version }
        }

        let ruleContext = RuleEngine.Context(
            source: target.source, target: target.name, identityPrefix: context.identityPrefix)
        var (resources, drift, changes) = TerraformPlan.scan(
            document, context: ruleContext, liveDriftIsPrimary: liveDriftIsPrimary)
        if let declarationRoot {
            let index = DeclarationIndex(
                document: document, repositoryRoot: context.workingDirectory,
                relativeRoot: Self.relative(declarationRoot, to: context.workingDirectory), fileSystem: fileSystem)
            // Lookups only, each independent: a chunk per core.
            let resourceLocations = Parallel.chunks(of: resources, minimumChunk: 1024) { chunk in
                chunk.map { index.location(moduleAddress: $0.namespace, type: $0.type, name: $0.name) }
            }.joined()
            for (position, location) in zip(resources.indices, resourceLocations) where location != nil {
                resources[position].location = location
            }
            // A finding is declared where the first change with its address is: its own change, whose
            // identity is that address, unless the change had none (then a change named so, if any).
            let unaddressed = changes.contains { $0.address.isEmpty } ? Self.changesByAddress(changes) : [:]
            // By position, changes and findings read in place: pairing them first copied both, on one core.
            let driftLocations = changes.withUnsafeBufferPointer { changes in
                drift.withUnsafeBufferPointer { drift in
                    nonisolated(unsafe) let (changes, drift) = (changes, drift)
                    return Parallel.chunks(of: drift.indices, minimumChunk: 1024) { chunk in
                        chunk.map { position -> SourceLocation? in
                            let own = changes[position]
                            guard let change = own.address.isEmpty ? unaddressed[own.identity] : own else { return nil }
                            return index.location(
                                moduleAddress: change.moduleAddress, type: drift[position].resourceType,
                                name: change.name ?? "")
                        }
                    }.joined()
                }
            }
            for (position, location) in zip(drift.indices, driftLocations) where location != nil {
                drift[position].location = location
            }
        }
        DriftGrouping.link(&drift, resources: resources)
        ProcessLifetime.retainUntilExit(document)
        // 100k changes, each strings and an array: freed one by one, 0.02 s.
        ProcessLifetime.retainUntilExit(changes)
        return TargetScan(
            target: target, inventory: ResourceInventory(resources), drift: drift, toolRecords: Array(records[firstRecord...]),
            toolVersions: toolVersions)
    }

    /// The providers and data sources a target's plan would configure and read (see `TerraformRequirements`):
    /// from terraform's graph for a folder, from the `configuration` of a captured plan.
    public func requirements(of target: ScanTarget, context: ScanContext) async throws(ToolError)
        -> TerraformRequirements
    {
        let inputPath = Self.absolute(target.plan ?? target.path, in: context.workingDirectory)
        let run = TerraformRun(target: target, context: context)
        var records: [ToolRecord] = []
        if target.plan == nil, context.fileSystem.isDirectory(inputPath) {
            return try await run.requirements(of: inputPath, records: &records)
        }
        guard context.fileSystem.fileExists(inputPath) else { throw .directoryMissing(path: target.path) }
        return TerraformRequirements.fromPlan(try await run.readPlanFile(inputPath, records: &records))
    }

    /// The first surviving change of each address, for findings whose own change has none.
    private static func changesByAddress(_ changes: [PlannedChange]) -> [String: PlannedChange] {
        var byAddress: [String: PlannedChange] = [:]
        for change in changes where !change.address.isEmpty && byAddress[change.address] == nil {
            byAddress[change.address] = change
        }
        return byAddress
    }

    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory : directory + "/") + path
    }

    static func relative(_ path: String, to directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        guard path.hasPrefix(base) else { return path == directory ? "." : path }
        return DeclarationIndex.normalize(String(path.dropFirst(base.count)))
    }
}

/// `terraform version -json`, asked once per source however many targets use it.
private actor VersionCache {
    private var isAsked = false

    /// The version and the record of the call that asked, or `nil`s when another target already asked.
    func version(of run: TerraformRun) async -> (String?, ToolRecord?) {
        if isAsked { return (nil, nil) }
        isAsked = true
        return await run.version()
    }
}
