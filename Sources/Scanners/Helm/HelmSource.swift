import Core
import Foundation

/// The `helm` source: a chart folder (or packaged chart) rendered with `helm template`, or a captured
/// `helm list --output json` file read for release-status drift.
///
/// The original accepts only the capture and crashes on a folder; rendering the chart is what a stateless
/// gate can check in a pull request. The render contacts no cluster: `helm template` is client-side, and
/// helm's home, cache, config and data folders point at a temporary folder that is removed afterwards, so a
/// runner's own helm setup neither leaks in nor gets written to.
public struct HelmSource: SourceScanner {
    public init() {}

    public func collect(_ target: ScanTarget, context: ScanContext, records: inout [ToolRecord]) async throws(ToolError)
        -> TargetScan
    {
        let fileSystem = context.fileSystem
        let path = RepoPath.absolute(target.path, in: context.workingDirectory)
        if fileSystem.isDirectory(path) {
            return try await render(chart: path, isArchive: false, target: target, context: context, records: &records)
        }
        guard fileSystem.fileExists(path) else {
            throw .badInputFile(
                file: target.path,
                cause: "no such chart folder or captured helm list file; fix the target's path in "
                    + "steadystate/config.toml or on the command line")
        }
        let shown = RepoPath.relative(path, to: context.workingDirectory)
        let data: Data
        do {
            data = try fileSystem.readFile(path)
        } catch {
            throw ManifestError.unreadable(file: shown, cause: error.localizedDescription).toolError
        }
        if data.starts(with: [0x1f, 0x8b]) {  // gzip: a packaged chart (`helm package` output)
            return try await render(chart: path, isArchive: true, target: target, context: context, records: &records)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ManifestError.notText(file: shown).toolError }
        let ruleContext = RuleEngine.Context(
            source: target.source, target: target.name, identityPrefix: context.identityPrefix)
        do {
            let result = try HelmReleaseList.driftFindings(in: text, file: shown, context: ruleContext)
            return TargetScan(
                target: target, inventory: ResourceInventory([]), drift: result.findings, warnings: result.warnings)
        } catch {
            throw error.toolError
        }
    }

    private func render(
        chart path: String, isArchive: Bool, target: ScanTarget, context: ScanContext, records: inout [ToolRecord]
    ) async throws(ToolError) -> TargetScan {
        let root = context.workingDirectory
        let fileSystem = context.fileSystem
        let chart = RepoPath.relative(path, to: root)
        let release = target.release.flatMap { $0.isEmpty ? nil : $0 } ?? HelmTemplate.defaultRelease(forChart: path)
        let (arguments, shown) = HelmTemplate.arguments(release: release, chart: chart, target: target)
        let command = (["helm"] + shown).joined(separator: " ")
        let executable = try RecordedTool.locate(.helm, in: context)

        let scratch: String
        do {
            scratch = try fileSystem.createTemporaryDirectory(prefix: "steadystate-helm")
        } catch {
            throw .launchFailed(command: command, cause: "no temporary folder for helm's home and cache: \(error)")
        }
        defer { try? fileSystem.removeItem(scratch) }
        var environment = context.toolEnvironment
        environment["HOME"] = scratch
        environment["HELM_CACHE_HOME"] = scratch + "/cache"
        environment["HELM_CONFIG_HOME"] = scratch + "/config"
        environment["HELM_DATA_HOME"] = scratch + "/data"
        let tool = RecordedTool(
            name: "helm", executable: executable, environment: environment,
            timeoutSeconds: target.timeoutSeconds ?? context.timeoutSeconds, runner: context.runner,
            condense: { HelmTemplate.condense(stderr: $0) })

        let firstRecord = records.count
        let output = try await tool.run(arguments, shown: shown, in: root, records: &records)
        guard let text = String(data: output.stdout, encoding: .utf8) else {
            throw .unparseableOutput(command: command, cause: "the output is not UTF-8 text")
        }
        let read: ManifestRead
        do {
            read = try ManifestReader.read(text, file: "helm template \(chart)", format: .yaml)
        } catch {
            throw .unparseableOutput(command: command, cause: error.description)
        }
        let index = HelmTemplate.SourceIndex(rendered: text)
        let resources = read.objects.map { object in
            // Rendered lines are not template lines, so a location names the template file only.
            let file =
                isArchive
                ? chart
                : index.source(forLine: object.line).map {
                    HelmTemplate.location(ofSource: $0, chart: chart)
                } ?? chart
            return object.resource(location: SourceLocation(file: file))
        }
        var warnings = read.warnings
        if resources.isEmpty { warnings.append("\(chart): helm template rendered no Kubernetes objects") }
        var versions: [String: String] = [:]
        if let version = try? await tool.run(["version", "--short"], in: root, records: &records) {
            versions["helm"] = String(decoding: version.stdout, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return TargetScan(
            target: target, inventory: ResourceInventory(resources), toolRecords: Array(records[firstRecord...]),
            toolVersions: versions, warnings: warnings)
    }
}
