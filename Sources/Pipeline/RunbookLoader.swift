import Core
import Foundation

/// The runbook and custom checks of a repository, loaded and checked.
struct LoadedRunbook: Sendable {
    var solutions: [Solution] = []
    var checks: [Check] = []
    /// Entry-level problems (dropped or doubtful entries), for warnings and `validate`.
    var problems: [RunbookProblem] = []
    /// The files actually read, for messages.
    var solutionsFile: String?
    var checksFile: String?
}

/// Finds and parses `solutions.json` and `checks.json`.
///
/// Lookup, first hit wins, as the original's: the environment variable, then `steadystate/<file>`, then
/// `./<file>` only when the working directory itself is named `steadystate` (the original fires on any path
/// component with that name, which catches a checkout of a repository called steadystate), then
/// `.steadystate/<file>`. A file named by the environment that is missing is an error; an absent file is fine; a
/// malformed one is an error (the original reads it as empty).
enum RunbookLoader {
    static func load(directory: String, environment: RunEnvironment) throws(ConfigError) -> LoadedRunbook {
        var runbook = LoadedRunbook()
        if let (display, data) = try locate("solutions.json", variable: "STEADYSTATE_SOLUTIONS", directory: directory, environment: environment) {
            let parsed = try SolutionsFile.parse(data, file: display)
            runbook.solutions = parsed.solutions
            runbook.problems += parsed.problems
            runbook.solutionsFile = display
        }
        if let (display, data) = try locate("checks.json", variable: "STEADYSTATE_CHECKS", directory: directory, environment: environment) {
            let parsed = try ChecksFile.parse(data, file: display)
            runbook.checks = parsed.checks
            runbook.problems += parsed.problems
            runbook.checksFile = display
        }
        return runbook
    }

    static func locate(
        _ name: String, variable: String, directory: String, environment: RunEnvironment
    ) throws(ConfigError) -> (display: String, data: Data)? {
        if let named = SettingsResolver.nonEmpty(environment.variables[variable]) {
            let path = RunEnvironment.absolute(named, in: directory)
            guard environment.fileSystem.fileExists(path) else {
                throw .fileNotFound(file: named, origin: "environment \(variable)")
            }
            return (named, try IntentLoader.readData(path, display: named, environment: environment))
        }
        var candidates = ["\(IntentPaths.folder)/\(name)"]
        if (directory as NSString).lastPathComponent.lowercased() == IntentPaths.folder { candidates.append(name) }
        candidates.append("\(IntentPaths.runFolder)/\(name)")
        for candidate in candidates {
            let path = RunEnvironment.absolute(candidate, in: directory)
            if environment.fileSystem.fileExists(path) {
                return (candidate, try IntentLoader.readData(path, display: candidate, environment: environment))
            }
        }
        return nil
    }

    /// For `validate`: a line per file and every problem; dropped entries count as errors there.
    ///
    /// Schema violations come first, one per line, then the loader's own checks (which often explain the same
    /// mistake in the runbook's terms, and also catch what a schema cannot, such as duplicate names).
    static func validate(directory: String, environment: RunEnvironment) -> (lines: [String], errors: [String]) {
        let schemaErrors = self.schemaErrors(directory: directory, environment: environment)
        let loaded = loadForValidate(directory: directory, environment: environment)
        return (loaded.lines, schemaErrors + loaded.errors)
    }

    /// Checks each runbook file that exists against its embedded JSON Schema; a file that cannot be read or
    /// parsed yields nothing here, since the loader reports it.
    static func schemaErrors(directory: String, environment: RunEnvironment) -> [String] {
        let files: [(RunbookSchema, String, String)] = [
            (.solutions, "solutions.json", "STEADYSTATE_SOLUTIONS"), (.checks, "checks.json", "STEADYSTATE_CHECKS"),
        ]
        return files.flatMap { schema, name, variable -> [String] in
            guard let located = try? locate(name, variable: variable, directory: directory, environment: environment)
            else { return [] }
            return schema.violations(in: located.data, file: located.display)
        }
    }

    private static func loadForValidate(
        directory: String, environment: RunEnvironment
    ) -> (lines: [String], errors: [String]) {
        do {
            let runbook = try load(directory: directory, environment: environment)
            var lines: [String] = []
            if let file = runbook.solutionsFile {
                lines.append("ok       \(file) (\(runbook.solutions.count) solution(s))")
            }
            if let file = runbook.checksFile { lines.append("ok       \(file) (\(runbook.checks.count) check(s))") }
            lines += runbook.problems.filter { $0.severity == .warning }.map { "warning  \($0)" }
            return (lines, runbook.problems.filter { $0.severity == .error }.map(\.description))
        } catch {
            return ([], [error.description])
        }
    }
}
