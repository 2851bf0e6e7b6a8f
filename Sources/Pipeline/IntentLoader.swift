import Core
import Foundation
import Scanners

/// The committed intent of one repository, loaded and checked.
struct LoadedIntent: Sendable {
    var config: ProjectConfig?
    var settings: Settings
    var waivers: [Waiver]
    var runbook: LoadedRunbook
    var warnings: [String]
}

/// Reads `steadystate/` (or the files named by flags and environment) from the working directory.
///
/// Unlike the original, which reads a missing or broken file as empty, a broken file is an error here and an
/// explicitly named file that is missing is one too; only an absent default file means "use the defaults".
enum IntentLoader {
    static func load(
        inputs: CommandLineInputs, directory: String, environment: RunEnvironment
    ) throws(ConfigError) -> LoadedIntent {
        let location = SettingsResolver.configLocation(inputs: inputs, environment: environment.variables)
        let config = try readConfig(location, directory: directory, environment: environment)
        let settings = try SettingsResolver.resolve(
            inputs: inputs, environment: environment.variables, config: config, configFile: location)
        var waivers = config?.waivers ?? []
        waivers += try readMutes(directory: directory, environment: environment)
        let runbook = try RunbookLoader.load(directory: directory, environment: environment)
        let warnings =
            settings.warnings.map(\.description)
            + (try checkRulePolicies(settings))
            + runbook.problems.map { $0.severity == .error ? "\($0) (entry ignored)" : $0.description }
            + CustomChecks.liveCheckNotices(runbook.checks, file: runbook.checksFile ?? IntentPaths.checks)
        return LoadedIntent(config: config, settings: settings, waivers: waivers, runbook: runbook, warnings: warnings)
    }

    /// A pack name the catalog does not have is an error (a typo would silently switch a pack off); a severity
    /// override for an unknown rule id is a warning, so a renamed rule does not break the build.
    static func checkRulePolicies(_ settings: Settings) throws(ConfigError) -> [String] {
        let file = settings.configFile.value
        let packs = RuleCatalog.packs
        let ids = Set(RuleCatalog.all.map(\.description.id))
        var warnings: [String] = []
        for target in settings.targets {
            for pack in target.rulePolicy.packs ?? [] where !packs.contains(pack) {
                throw .invalidValue(file: file, key: "packs", value: pack, allowed: packs.joined(separator: ", "))
            }
            for id in target.rulePolicy.severities.keys.sorted() where !ids.contains(id) {
                let warning = ConfigWarning(file: file, message: "severity override for unknown rule '\(id)' (ignored)")
                if !warnings.contains(warning.description) { warnings.append(warning.description) }
            }
        }
        return warnings
    }

    static func readConfig(
        _ location: Resolved<String>, directory: String, environment: RunEnvironment
    ) throws(ConfigError) -> ProjectConfig? {
        let path = RunEnvironment.absolute(location.value, in: directory)
        guard environment.fileSystem.fileExists(path) else {
            if location.origin == .builtIn { return nil }
            throw .fileNotFound(file: location.value, origin: location.origin.description)
        }
        let text = try readText(path, display: location.value, environment: environment)
        return try ProjectConfig.parse(text, file: location.value)
    }

    static func readMutes(directory: String, environment: RunEnvironment) throws(ConfigError) -> [Waiver] {
        let named = SettingsResolver.nonEmpty(environment.variables["STEADYSTATE_MUTES"])
        let display = named ?? IntentPaths.mutes
        let path = RunEnvironment.absolute(display, in: directory)
        guard environment.fileSystem.fileExists(path) else {
            if named != nil { throw .fileNotFound(file: display, origin: "environment STEADYSTATE_MUTES") }
            return []
        }
        let data = try readData(path, display: display, environment: environment)
        return try Waiver.parseMutes(data, file: display)
    }

    static func readData(_ path: String, display: String, environment: RunEnvironment) throws(ConfigError) -> Data {
        let data: Data
        do {
            data = try environment.fileSystem.readFile(path)
        } catch {
            throw .unreadable(file: display, cause: error.localizedDescription)
        }
        guard data.count <= IntentLimits.maxFileBytes else {
            throw .tooLarge(file: display, bytes: data.count, limit: IntentLimits.maxFileBytes)
        }
        return data
    }

    static func readText(_ path: String, display: String, environment: RunEnvironment) throws(ConfigError) -> String {
        let data = try readData(path, display: display, environment: environment)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformed(file: display, line: nil, column: nil, cause: "not UTF-8 text")
        }
        return text
    }
}
