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
        // Resources and drift read different sections of the plan: each gets a core.
        let isLiveDriftPrimary = liveDriftIsPrimary
        var (resources, drift) = Parallel.both(
            { TerraformPlan.resources(in: document) },
            { TerraformPlan.driftFindings(in: document, context: ruleContext, liveDriftIsPrimary: isLiveDriftPrimary) })
        if let declarationRoot {
            let index = DeclarationIndex(
                document: document, repositoryRoot: context.workingDirectory,
                relativeRoot: Self.relative(declarationRoot, to: context.workingDirectory), fileSystem: fileSystem)
            for position in resources.indices {
                let resource = resources[position]
                resources[position].location = index.location(
                    moduleAddress: resource.namespace, type: resource.type, name: resource.name)
            }
            let changes = Self.changesByAddress(document)
            for position in drift.indices {
                guard let change = changes[drift[position].resource] else { continue }
                drift[position].location = index.location(
                    moduleAddress: change["module_address"]?.stringValue, type: drift[position].resourceType,
                    name: change["name"]?.stringValue ?? "")
            }
        }
        DriftGrouping.link(&drift, resources: resources)
        ProcessLifetime.retainUntilExit(document)
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

    private static func changesByAddress(_ document: JSONValue) -> [String: JSONValue] {
        var byAddress: [String: JSONValue] = [:]
        for section in ["resource_changes", "resource_drift"] {
            for entry in document[section]?.arrayValue ?? [] {
                guard let address = entry["address"]?.stringValue, byAddress[address] == nil else { continue }
                byAddress[address] = entry
            }
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
