import ArgumentParser
import Pipeline

extension SteadystateCommand {
    struct CI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The CI step: scan, gate the merge, report (and file to GitHub when asked).")

        @OptionGroup var arguments: ScanArguments

        func run() async throws {
            let code = await ScanCommand.run(
                arguments.options(command: "ci", allowsGitHub: true), environment: .live())
            throw ExitCode(code)
        }
    }

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The same detection and gate as ci, for a laptop: never talks to GitHub.")

        @OptionGroup var arguments: ScanArguments

        func run() async throws {
            let code = await ScanCommand.run(
                arguments.options(command: "scan", allowsGitHub: false), environment: .live())
            throw ExitCode(code)
        }
    }
}
