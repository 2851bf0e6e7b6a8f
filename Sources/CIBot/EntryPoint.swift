import ArgumentParser
import Core
import Foundation
import Pipeline
import CProcessTuning

/// `steadystate`: the pre-merge infrastructure gate.
///
/// Usage errors exit 2, as the original's click/typer CLI does, rather than ArgumentParser's 64, so a
/// workflow that tells "bad invocation" from "gate failed" keeps working after the switch.
@main
struct EntryPoint {
    static func main() async {
        ss_tune_allocator()
        ProcessLifetime.keepLargeValuesUntilExit()
        do {
            var command = try SteadystateCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = SteadystateCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((SteadystateCommand.fullMessage(for: error) + "\n").utf8))
                exit(ExitStatus.usageError)
            }
            SteadystateCommand.exit(withError: error)
        }
    }
}

struct SteadystateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steadystate",
        abstract: "The pre-merge infrastructure gate: findings, a runbook fix, and an exit code.",
        discussion: """
            Exit codes: 0 pass, 1 findings at or above the gate, 2 usage or config error, 3 a tool failed.
            Committed intent lives in steadystate/ (config.toml, solutions.json, checks.json).
            """,
        version: SteadystateVersion.current,
        subcommands: [
            CI.self, Scan.self, Merge.self, Targets.self, Validate.self, Catalog.self, Doctor.self, Init.self, Explain.self, AddSolution.self,
            AddCheck.self,
        ])
}

/// Raw arguments for the run report, without the program name.
let recordedArguments = Array(CommandLine.arguments.dropFirst())
