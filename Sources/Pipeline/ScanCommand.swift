import Core
import Foundation
import Scanners

/// How `ci` and `scan` print their report on standard output.
public enum OutputFormat: String, Sendable, CaseIterable {
    case console, json
}

/// When to colour console output.
public enum ColorChoice: String, Sendable, CaseIterable {
    case auto, always, never
}

/// The options of `ci` and `scan` after argument parsing.
public struct ScanOptions: Sendable {
    /// `ci` or `scan`: the verdict line says which.
    public var command: String
    public var inputs: CommandLineInputs
    /// `--dir`: the repository root; committed intent and target paths are relative to it.
    public var directory: String?
    public var format: OutputFormat
    public var sarifPath: String?
    public var color: ColorChoice
    /// The raw arguments, recorded in the run report.
    public var arguments: [String]
    /// `scan` never talks to GitHub, whatever `to`/`deliver` say.
    public var allowsGitHub: Bool
    /// `--dry-run`: GitHub is read, and every write is printed instead of made.
    public var isDryRun: Bool
    /// `--shard I/N`: scan only this share of the targets; GitHub is left to `merge`.
    public var shard: Shard?

    public init(
        command: String, inputs: CommandLineInputs, directory: String? = nil, format: OutputFormat = .console,
        sarifPath: String? = nil, color: ColorChoice = .auto, arguments: [String] = [], allowsGitHub: Bool = true,
        isDryRun: Bool = false, shard: Shard? = nil
    ) {
        self.shard = shard
        self.command = command
        self.inputs = inputs
        self.directory = directory
        self.format = format
        self.sarifPath = sarifPath
        self.color = color
        self.arguments = arguments
        self.allowsGitHub = allowsGitHub
        self.isDryRun = isDryRun
    }
}

/// `steadystate ci` and `steadystate scan`: load intent, scan every target, gate, report.
public enum ScanCommand {
    /// A scan that got as far as a verdict, before any output is written.
    struct Completed: Sendable {
        var report: ScanReport
        var intent: LoadedIntent
        var directory: String
        var runReport: RunReport
        var started: Date
    }

    public static func run(_ options: ScanOptions, environment: RunEnvironment) async -> Int32 {
        guard case .success(let completed) = await execute(options, environment: environment) else {
            return ExitStatus.usageError
        }
        return await conclude(completed, options: options, environment: environment)
    }

    /// From a verdict to the exit code: every output, the GitHub step, the run report (`ci`, `scan`, `merge`).
    static func conclude(_ completed: Completed, options: ScanOptions, environment: RunEnvironment) async -> Int32 {
        var completed = completed
        let report = completed.report
        emit(report, options: options, settings: completed.intent.settings, directory: completed.directory,
            environment: environment)
        var exitCode = report.verdict.exitCode
        if let shard = options.shard, options.allowsGitHub {
            environment.printError(
                "steadystate: shard \(shard): GitHub is reconciled once, by `steadystate merge` over every shard's report")
        } else if options.allowsGitHub,
            let outcome = await GitHubStep.run(
                report: report, settings: completed.intent.settings, config: completed.intent.config,
                solutions: completed.intent.runbook.solutions, directory: completed.directory, isDryRun: options.isDryRun, environment: environment)
        {
            outcome.lines.forEach { environment.printError("steadystate: \($0)") }
            if let error = outcome.error {
                environment.printError("steadystate: \(error)")
                completed.runReport.errors.append(error)
                if exitCode == ExitStatus.pass { exitCode = ExitStatus.gitHubFailed }
            }
            completed.runReport.github = outcome
        }
        completed.runReport.exitCode = exitCode
        finish(&completed.runReport, started: completed.started, directory: completed.directory, environment: environment)
        ProcessLifetime.retainUntilExit(completed)
        return exitCode
    }

    /// Everything up to the verdict; usage and config errors are printed (and recorded) here.
    static func execute(_ options: ScanOptions, environment: RunEnvironment) async -> Result<Completed, ConfigError> {
        let started = environment.now()
        let directory = RunEnvironment.absolute(options.directory ?? ".", in: environment.currentDirectory)
        var runReport = RunReport(
            command: options.command, arguments: options.arguments, startedAt: RunReport.iso8601(started),
            durationSeconds: 0, exitCode: ExitStatus.usageError, settings: [], toolVersions: [:], targets: [],
            report: nil, errors: [])

        guard environment.fileSystem.isDirectory(directory) else {
            let error = ConfigError.fileNotFound(file: options.directory ?? directory, origin: "--dir")
            environment.printError("steadystate: \(options.directory ?? directory): no such directory (--dir)")
            return .failure(error)
        }

        var intent: LoadedIntent
        do {
            intent = try IntentLoader.load(inputs: options.inputs, directory: directory, environment: environment)
            try checkSupported(intent.settings)
        } catch {
            environment.printError("steadystate: \(error)")
            runReport.errors = [error.description]
            finish(&runReport, started: started, directory: directory, environment: environment)
            return .failure(error)
        }
        // A repository that names no target gets the ones discovery finds (after the support check: a
        // discovered target this build cannot scan fails on its own, the others still run).
        if let discovery = DiscoveryStep.apply(to: &intent, directory: directory, fileSystem: environment.fileSystem) {
            DiscoveryStep.lines(discovery).forEach(environment.printError)
            runReport.discovery = discovery
        }
        let settings = intent.settings
        runReport.settings = RunReport.settingsList(settings)
        for warning in intent.warnings { environment.printError("steadystate: \(warning)") }

        let tools = ToolLocator.paths(
            configured: intent.config?.tools, environment: environment.variables, workingDirectory: directory,
            isExecutable: environment.fileSystem.isExecutable)
        let toolEnvironment = ToolEnvironment.make(from: environment.variables)
        // Identities are prefixed by target when the repository has several, counted over all of them, so a
        // shard's fingerprints are the unsharded run's.
        let multiTarget = settings.targets.count > 1
        let scanned = options.shard?.select(settings.targets) ?? settings.targets
        if let shard = options.shard {
            environment.printError(
                "steadystate: shard \(shard): \(scanned.count) of \(settings.targets.count) target(s): \(scanned.map(\.name).joined(separator: ", "))")
            runReport.shard = shard
        }
        let timeout = settings.toolTimeoutSeconds.value
        let fileSystem = environment.fileSystem
        let runner = environment.runner
        let outcomes = await TargetScanner.scanAll(
            scanned,
            makeContext: { target in
                ScanContext(
                    workingDirectory: directory, runner: runner, fileSystem: fileSystem, tools: tools,
                    toolEnvironment: toolEnvironment, timeoutSeconds: target.timeoutSeconds ?? timeout,
                    identityPrefix: multiTarget ? target.identityPrefix : nil)
            }, rules: RuleCatalog.all, checks: intent.runbook.checks, now: environment.now)

        let report = buildReport(
            ScanResults(outcomes), intent: intent, today: today(environment.now()),
            boundVariable: environment.variables["STEADYSTATE_BOUND"])
        runReport.targets = outcomes.map {
            RunReport.TargetRun(
                name: $0.target.name, source: $0.target.source.rawValue, path: $0.target.path,
                durationSeconds: $0.durationSeconds, error: $0.error?.description, toolCalls: $0.toolRecords)
        }
        for outcome in outcomes {
            runReport.toolVersions.merge(outcome.scan?.toolVersions ?? [:]) { first, _ in first }
        }
        runReport.report = report
        return .success(
            Completed(report: report, intent: intent, directory: directory, runReport: runReport, started: started))
    }

    /// Sources this build cannot scan yet are refused before any work, as a usage error.
    static func checkSupported(_ settings: Settings) throws(ConfigError) {
        for target in settings.targets where SourceRegistry.scanner(for: target.source) == nil {
            throw .invalidValue(
                file: settings.targetsFromConfig ? settings.configFile.value : "command line",
                key: "source", value: target.source.rawValue,
                allowed: SourceRegistry.supportedKinds.map(\.rawValue).joined(separator: ", "))
        }
    }

    /// What the gate decides over: the findings and target results of every scanned target, from this run's
    /// outcomes or from shard reports (`merge`).
    struct ScanResults: Sendable {
        var findings: [Finding]
        var targets: [TargetResult]
        /// `<target>: <error>` of each failed target.
        var errors: [String]
        var warnings: [String]

        init(findings: [Finding], targets: [TargetResult], errors: [String], warnings: [String]) {
            self.findings = findings
            self.targets = targets
            self.errors = errors
            self.warnings = warnings
        }

        init(_ outcomes: [TargetOutcome]) {
            // One target's findings are shared, not copied; several are joined on every core.
            findings = outcomes.count == 1 ? outcomes[0].findings : Parallel.joined(outcomes.map(\.findings))
            targets = outcomes.map { outcome in
                TargetResult(
                    name: outcome.target.name, source: outcome.target.source.rawValue, path: outcome.target.path,
                    status: outcome.error == nil ? .scanned : .failed, resourceCount: outcome.scan?.resourceCount ?? 0,
                    findingCount: outcome.findings.count, error: outcome.error?.description)
            }
            errors = outcomes.compactMap { outcome in outcome.error.map { "\(outcome.target.name): \($0)" } }
            warnings = outcomes.flatMap { $0.scan?.warnings ?? [] }
        }
    }

    static func buildReport(
        _ results: ScanResults, intent: LoadedIntent, today: String, boundVariable: String?
    ) -> ScanReport {
        let settings = intent.settings
        var decision = Gate.decide(
            findings: results.findings, waivers: intent.waivers, threshold: settings.failOn.value,
            categories: settings.categories.value, failedTargets: results.targets.filter { $0.status == .failed }.count,
            today: today)
        let resolvedBound = Bound.resolve(
            config: intent.config?.bound ?? [:], environment: boundVariable, file: settings.configFile.value)
        let matcher = FixMatcher(solutions: intent.runbook.solutions, bound: resolvedBound.bound)
        var matchWarnings = resolvedBound.warnings.map(\.description)
        // Only a change is written: a finding's storage is shared with the scan's, and writing `nil` over `nil`
        // would copy it, for each of a large plan's hundred thousand findings.
        func attachFixes(_ finding: inout Finding, _ fixes: [MatchedFix]) {
            if !fixes.isEmpty || finding.fixes != nil { finding.fixes = fixes.isEmpty ? nil : fixes }
        }
        // Matching reads one finding at a time: a chunk per core (which also notes whether the finding changes),
        // then applied and warned about in order.
        let matches = Parallel.chunks(of: decision.findings, minimumChunk: 2048) { chunk in
            chunk.map { finding in
                let match = matcher.matches(for: finding)
                return (match, changes: !match.fixes.isEmpty || finding.fixes != nil)
            }
        }
        for (index, (match, changes)) in zip(decision.findings.indices, matches.joined()) {
            if changes { attachFixes(&decision.findings[index], match.fixes) }
            if !match.warnings.isEmpty { matchWarnings += match.warnings }
        }
        for index in decision.waived.indices {
            let match = matcher.matches(for: decision.waived[index].finding)
            attachFixes(&decision.waived[index].finding, match.fixes)
            matchWarnings += match.warnings
        }
        let expiredWarnings = decision.expiredWaivers.map { waiver in
            "waiver from \(waiver.origin) expired on \(waiver.expires ?? "?"); its findings count again"
        }
        var warnings: [String] = []
        // Shard reports (`merge`) repeat the intent's, the runbook's and the expired waivers' warnings: each is
        // said once.
        for warning in intent.warnings + results.warnings + matchWarnings + expiredWarnings
        where !warnings.contains(warning) {
            warnings.append(warning)
        }
        return ScanReport(
            toolVersion: SteadystateVersion.current, verdict: decision.verdict, findings: decision.findings,
            waived: decision.waived, expiredWaivers: decision.expiredWaivers, targets: results.targets,
            gatingCategories: settings.categories.value, warnings: warnings, errors: results.errors)
    }

    /// Writes the report to every place the settings name; a write failure is reported, never fatal.
    static func emit(
        _ report: ScanReport, options: ScanOptions, settings: Settings, directory: String,
        environment: RunEnvironment
    ) {
        switch options.format {
        case .console:
            let useColor =
                options.color == .always
                || (options.color == .auto && environment.isTerminal && environment.variables["NO_COLOR"] == nil)
            let command = options.command.isEmpty ? "ci" : options.command
            // Part by part: the console text of a 100k-resource plan is tens of megabytes, never joined.
            ConsoleReport.render(report, useColor: useColor, command: command) { part in
                environment.output.write(part, to: .standardOutput)
            }
            environment.output.write("\n", to: .standardOutput)
        case .json:
            do {
                environment.print(String(decoding: try JSONReport.encode(report), as: UTF8.self))
            } catch {
                environment.printError("steadystate: cannot encode the JSON report: \(error)")
            }
        }
        if let sarifPath = options.sarifPath {
            let path = RunEnvironment.absolute(sarifPath, in: directory)
            do {
                let data = try SARIFReport.render(
                    report, rules: RuleCatalog.all.map(\.description), toolVersion: SteadystateVersion.current)
                try environment.fileSystem.writeFile(path, data)
            } catch {
                environment.printError("steadystate: \(sarifPath): cannot write SARIF: \(error.localizedDescription)")
            }
        }
        if let outputs = SettingsResolver.nonEmpty(environment.variables["GITHUB_OUTPUT"]) {
            // Step outputs for `action.yml`: the verdict and counts, so a workflow can branch on them.
            var lines = ["verdict=\(report.verdict.outcome.rawValue)", "exit-code=\(report.verdict.exitCode)"]
            let counts = Dictionary(report.countsBySeverity, uniquingKeysWith: { first, _ in first })
            for severity in Severity.allCases { lines.append("\(severity.rawValue)=\(counts[severity] ?? 0)") }
            lines.append("total=\(report.findings.count)")
            lines.append("report=\(RunEnvironment.absolute(IntentPaths.runReport, in: directory))")
            if let sarifPath = options.sarifPath { lines.append("sarif=\(RunEnvironment.absolute(sarifPath, in: directory))") }
            do {
                try environment.fileSystem.appendFile(outputs, Data((lines.joined(separator: "\n") + "\n").utf8))
            } catch {
                environment.printError("steadystate: \(outputs): cannot write the step outputs: \(error)")
            }
        }
        if let summary = SettingsResolver.nonEmpty(environment.variables["GITHUB_STEP_SUMMARY"]) {
            do {
                try environment.fileSystem.appendFile(summary, Data(MarkdownSummary.render(report).utf8))
            } catch {
                environment.printError("steadystate: \(summary): cannot append the step summary: \(error)")
            }
        }
    }

    static func finish(
        _ runReport: inout RunReport, started: Date, directory: String, environment: RunEnvironment
    ) {
        runReport.durationSeconds = environment.now().timeIntervalSince(started)
        let path = RunEnvironment.absolute(IntentPaths.runReport, in: directory)
        do {
            try environment.fileSystem.writeFile(path, streaming: runReport.stream(to:))
        } catch {
            environment.printError("steadystate: \(IntentPaths.runReport): cannot write the run report: \(error)")
        }
    }

    static func today(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
