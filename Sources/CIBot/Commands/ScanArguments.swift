import ArgumentParser
import Core
import Pipeline

/// The arguments of `ci` and `scan`: what to scan, which share of it, then the gate's flags.
struct ScanArguments: ParsableArguments {
    @Argument(help: "The IaC to scan: a directory runs the tool, a file is captured JSON. Else [ci]/[defaults] path, else '.'.")
    var path: String?

    @OptionGroup var gate: GateArguments

    @Option(help: "Scan only share I of N of the targets (e.g. 2/3), for a CI matrix; then `steadystate merge` the reports.")
    var shard: String?

    func validate() throws {
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be I/N with 1 <= I <= N, e.g. --shard 2/3 (got '\(shard)')")
        }
    }

    func options(command: String, allowsGitHub: Bool) -> ScanOptions {
        gate.options(command: command, allowsGitHub: allowsGitHub, path: path, shard: shard.flatMap(Shard.init(parsing:)))
    }
}

/// The flags `ci`, `scan` and `merge` share: the original's `ci` flags first, then ours.
struct GateArguments: ParsableArguments {
    @Option(help: "Source: terraform, terraform-state (else [ci]/[defaults] source, else terraform).")
    var source: String?

    @Option(name: .customLong("fail-on"), help: "Gate threshold: any, low, medium, high, critical, none (else [ci] fail_on, else any).")
    var failOn: String?

    @Option(help: "Comma-separated surfaces, e.g. console,github (else [ci] to, else console).")
    var to: String?

    @Option(help: "Comma-separated deliveries, e.g. github-pr (else [ci] deliver, else none).")
    var deliver: String?

    @Option(help: "The config file (else $STEADYSTATE_CONFIG, else steadystate/config.toml).")
    var config: String?

    @Option(help: "Comma-separated finding categories that gate: drift, security, custom (else [ci] categories, else all).")
    var categories: String?

    @Option(help: "Run as if started in this directory (the repository root).")
    var dir: String?

    @Option(help: "Standard output format: console or json.")
    var format: String = "console"

    @Option(help: "Also write a SARIF 2.1.0 report to this file (for GitHub code scanning).")
    var sarif: String?

    @Option(help: "Colour: auto (only on a terminal), always, never.")
    var color: String = "auto"

    @Flag(name: .customLong("dry-run"), help: "Read GitHub but change nothing: print every write it would make.")
    var isDryRun = false

    func validate() throws {
        guard OutputFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: console, json")
        }
        guard ColorChoice(rawValue: color) != nil else {
            throw ValidationError("--color must be one of: auto, always, never")
        }
    }

    func options(command: String, allowsGitHub: Bool, path: String?, shard: Shard?) -> ScanOptions {
        ScanOptions(
            command: command,
            inputs: .init(
                path: path, source: source, failOn: failOn, to: to, deliver: deliver, config: config,
                categories: categories),
            directory: dir, format: OutputFormat(rawValue: format) ?? .console, sarifPath: sarif,
            color: ColorChoice(rawValue: color) ?? .auto, arguments: recordedArguments, allowsGitHub: allowsGitHub,
            isDryRun: isDryRun, shard: shard)
    }
}

/// `--config` and `--dir`: which repository, and which config file in it, for the commands that only read intent.
struct RepositoryArguments: ParsableArguments {
    @Option(help: "The config file (else $STEADYSTATE_CONFIG, else steadystate/config.toml).")
    var config: String?

    @Option(help: "Run as if started in this directory (the repository root).")
    var dir: String?

    var inputs: CommandLineInputs { .init(config: config) }
}
