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

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the run reports of --shard jobs into one verdict, one SARIF and one GitHub reconciliation.")

        @Argument(help: "Each shard's run report (its .steadystate/report.json).")
        var reports: [String] = []

        @OptionGroup var gate: GateArguments

        func run() async throws {
            let code = await MergeCommand.run(
                gate.options(command: "merge", allowsGitHub: true, path: nil, shard: nil), reports: reports,
                environment: .live())
            throw ExitCode(code)
        }
    }

    struct Targets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the targets a run scans (configured or discovered); --shards N shows each one's share.")

        @OptionGroup var repository: RepositoryArguments

        @Option(help: "Split the targets into this many shards (for a CI matrix).")
        var shards: Int?

        @Flag(help: "Print JSON for a GitHub Actions matrix: {\"targets\": [...], \"shards\": [\"1/N\", ...]}.")
        var json = false

        func validate() throws {
            if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
        }

        func run() async throws {
            throw ExitCode(
                TargetsCommand.run(
                    inputs: repository.inputs, directory: repository.dir, shards: shards, format: json ? .json : .console,
                    environment: .live()))
        }
    }
}
