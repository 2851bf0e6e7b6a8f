import ArgumentParser
import Core
import Pipeline

extension SteadystateCommand {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check steadystate/config.toml, solutions.json, checks.json and mutes.json; explain every error.")

        @OptionGroup var repository: RepositoryArguments

        func run() async throws {
            throw ExitCode(ValidateCommand.run(inputs: repository.inputs, directory: repository.dir, environment: .live()))
        }
    }

    struct Catalog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every rule: id, severity, category, title (--format json for the full text).")

        @Option(help: "Output format: console or json.")
        var format: String = "console"

        func validate() throws {
            guard OutputFormat(rawValue: format) != nil else {
                throw ValidationError("--format must be one of: console, json")
            }
        }

        func run() async throws {
            throw ExitCode(CatalogCommand.run(format: OutputFormat(rawValue: format) ?? .console, environment: .live()))
        }
    }

    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the tools on PATH with versions, and every setting in force with where it came from.")

        @OptionGroup var repository: RepositoryArguments

        func run() async throws {
            throw ExitCode(await DoctorCommand.run(inputs: repository.inputs, directory: repository.dir, environment: .live()))
        }
    }

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scaffold steadystate/ (config.toml with commented defaults, solutions.json, checks.json).")

        @Option(help: "The repository root to scaffold (else the current directory).")
        var dir: String?

        func run() async throws {
            throw ExitCode(InitCommand.run(directory: dir, environment: .live()))
        }
    }
}
