import Core
import Foundation
import Scanners

/// `steadystate merge REPORTS...`: the run reports of `--shard I/N` jobs combined into one verdict, one SARIF
/// and one GitHub reconciliation, as if one job had scanned every target.
///
/// The merge job has the same checkout, so it resolves the target list itself and checks the shards against
/// it: a target no report covers counts as failed (the gate says error, and its issues are never closed as
/// fixed), because a skipped or lost shard must not look like a clean one. The gate, waivers and runbook
/// matching run again over the shards' raw findings, under this job's settings.
public enum MergeCommand {
    public static func run(_ options: ScanOptions, reports paths: [String], environment: RunEnvironment) async -> Int32 {
        let started = environment.now()
        let directory = RunEnvironment.absolute(options.directory ?? ".", in: environment.currentDirectory)
        var runReport = RunReport(
            command: "merge", arguments: options.arguments, startedAt: RunReport.iso8601(started),
            durationSeconds: 0, exitCode: ExitStatus.usageError, settings: [], toolVersions: [:], targets: [],
            report: nil, errors: [])
        runReport.mergedReports = paths

        var intent: LoadedIntent
        var shards: [(path: String, report: RunReport)] = []
        do {
            guard environment.fileSystem.isDirectory(directory) else {
                throw MergeError.noDirectory(options.directory ?? directory)
            }
            intent = try IntentLoader.load(inputs: options.inputs, directory: directory, environment: environment)
            try ScanCommand.checkSupported(intent.settings)
            guard !paths.isEmpty else { throw MergeError.noReports }
            for path in paths {
                shards.append((path, try read(RunEnvironment.absolute(path, in: environment.currentDirectory), shown: path, environment: environment)))
            }
        } catch {
            let line = String(describing: error)
            environment.printError("steadystate: \(line)")
            runReport.errors = [line]
            ScanCommand.finish(&runReport, started: started, directory: directory, environment: environment)
            return ExitStatus.usageError
        }
        if let discovery = DiscoveryStep.apply(to: &intent, directory: directory, fileSystem: environment.fileSystem) {
            runReport.discovery = discovery
        }
        runReport.settings = RunReport.settingsList(intent.settings)
        for warning in intent.warnings { environment.printError("steadystate: \(warning)") }

        let combined = combine(shards, targets: intent.settings.targets)
        combined.notes.forEach { environment.printError("steadystate: \($0)") }
        let report = ScanCommand.buildReport(
            combined.results, intent: intent, today: ScanCommand.today(environment.now()),
            boundVariable: environment.variables["STEADYSTATE_BOUND"])
        runReport.report = report
        runReport.targets = combined.runs
        for shard in shards { runReport.toolVersions.merge(shard.report.toolVersions) { first, _ in first } }
        var mergeOptions = options
        mergeOptions.shard = nil
        return await ScanCommand.conclude(
            .init(report: report, intent: intent, directory: directory, runReport: runReport, started: started),
            options: mergeOptions, environment: environment)
    }

    static func read(_ path: String, shown: String, environment: RunEnvironment) throws(MergeError) -> RunReport {
        let data: Data
        do {
            data = try environment.fileSystem.readFile(path)
        } catch {
            throw .unreadable(file: shown, cause: error.localizedDescription)
        }
        do {
            return try JSONDecoder().decode(RunReport.self, from: data)
        } catch {
            throw .notARunReport(file: shown, cause: "\(error)".prefix(200).description)
        }
    }

    struct Combined {
        var results: ScanCommand.ScanResults
        var runs: [RunReport.TargetRun]
        var notes: [String]
    }

    /// Pure: each configured target taken from the first report that scanned it; missing ones failed.
    static func combine(_ shards: [(path: String, report: RunReport)], targets: [ScanTarget]) -> Combined {
        var combined = Combined(results: .init(findings: [], targets: [], errors: [], warnings: []), runs: [], notes: [])
        var owner: [String: Int] = [:]
        for (position, shard) in shards.enumerated() {
            guard let report = shard.report.report else {
                let why = shard.report.errors.first.map { ": \($0)" } ?? ""
                combined.notes.append("\(shard.path): the shard stopped before a verdict\(why)")
                continue
            }
            if report.toolVersion != SteadystateVersion.current {
                combined.notes.append(
                    "\(shard.path): written by steadystate \(report.toolVersion), merged by \(SteadystateVersion.current)")
            }
            for result in report.targets {
                if let first = owner[result.name] {
                    combined.notes.append(
                        "target \(result.name) is in \(shards[first].path) and \(shard.path); the first is used")
                } else {
                    owner[result.name] = position
                }
            }
        }
        let configured = Set(targets.map(\.name))
        for name in Set(owner.keys).subtracting(configured).sorted() {
            combined.notes.append("target \(name) of \(shards[owner[name] ?? 0].path) is not in this configuration; ignored")
        }
        // Each shard's targets, findings and runs by target name, grouped once (order kept within a target):
        // a monorepo's hundreds of targets each filtering their shard's every finding was quadratic.
        var indexes: [Int: ShardIndex] = [:]
        func index(of position: Int, _ report: ScanReport) -> ShardIndex {
            if let index = indexes[position] { return index }
            let index = ShardIndex(report, runs: shards[position].report.targets)
            indexes[position] = index
            return index
        }
        for target in targets {
            guard let position = owner[target.name], let report = shards[position].report.report,
                case let shard = index(of: position, report), let result = shard.results[target.name]
            else {
                let error = "not in any shard report (was its shard's job skipped, or its report not uploaded?)"
                combined.results.targets.append(
                    TargetResult(
                        name: target.name, source: target.source.rawValue, path: target.path, status: .failed,
                        resourceCount: 0, findingCount: 0, error: error))
                combined.results.errors.append("\(target.name): \(error)")
                continue
            }
            combined.results.targets.append(result)
            combined.results.findings += shard.findings[target.name] ?? []
            if let error = result.error, result.status == .failed {
                combined.results.errors.append("\(target.name): \(error)")
            }
            combined.runs += shard.runs[target.name] ?? []
        }
        // `buildReport` says each warning once; the shards repeat the intent's and the runbook's.
        combined.results.warnings = shards.flatMap { $0.report.report?.warnings ?? [] }
        return combined
    }
}

/// One shard report's results (the first of a name), findings (waived ones after the rest, as listed) and runs,
/// by target name.
private struct ShardIndex {
    var results: [String: TargetResult]
    var findings: [String: [Finding]]
    var runs: [String: [RunReport.TargetRun]]

    init(_ report: ScanReport, runs: [RunReport.TargetRun]) {
        results = Dictionary(report.targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        findings = Dictionary(grouping: report.findings + report.waived.map(\.finding), by: \.target)
        self.runs = Dictionary(grouping: runs, by: \.name)
    }
}

public enum MergeError: Error, CustomStringConvertible {
    case noDirectory(String)
    case noReports
    case unreadable(file: String, cause: String)
    case notARunReport(file: String, cause: String)

    public var description: String {
        switch self {
        case .noDirectory(let path): "\(path): no such directory (--dir)"
        case .noReports: "merge needs the run reports of the shards: steadystate merge shard-1/report.json shard-2/report.json …"
        case .unreadable(let file, let cause): "\(file): cannot be read (\(cause)); pass each shard's .steadystate/report.json"
        case .notARunReport(let file, let cause):
            "\(file): is not a steadystate run report (\(cause)); pass each shard's .steadystate/report.json"
        }
    }
}
