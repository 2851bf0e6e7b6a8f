import Core
import Foundation

/// `steadystate targets`: the targets a run would scan (configured or discovered), and with `--shards N` the
/// share each matrix job takes; `--json` is shaped for a GitHub Actions matrix (`fromJSON`).
public enum TargetsCommand {
    struct Listing: Codable, Equatable {
        struct Entry: Codable, Equatable {
            var name: String
            var source: String
            var path: String
            /// 1-based shard of `--shards N`.
            var shard: Int?
        }

        var targets: [Entry]
        /// `["1/N", …, "N/N"]`, the values to pass to `--shard`; a matrix's `shard` axis.
        var shards: [String]
    }

    public static func run(
        inputs: CommandLineInputs, directory: String?, shards: Int?, format: OutputFormat, environment: RunEnvironment
    ) -> Int32 {
        let root = RunEnvironment.absolute(directory ?? ".", in: environment.currentDirectory)
        var intent: LoadedIntent
        do {
            intent = try IntentLoader.load(inputs: inputs, directory: root, environment: environment)
        } catch {
            environment.printError("steadystate: \(error)")
            return ExitStatus.usageError
        }
        let discovery = DiscoveryStep.apply(to: &intent, directory: root, fileSystem: environment.fileSystem)
        let targets = intent.settings.targets
        let count = max(1, min(shards ?? 1, max(1, targets.count)))
        let assignment = Shard.assignment(targets.map(\.name), count: count)
        let listing = Listing(
            targets: targets.map {
                Listing.Entry(
                    name: $0.name, source: $0.source.rawValue, path: $0.path,
                    shard: shards == nil ? nil : assignment[$0.name])
            },
            shards: shards == nil ? [] : (1...count).map { Shard(index: $0, count: count).description })
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            environment.print(String(decoding: (try? encoder.encode(listing)) ?? Data("{}".utf8), as: UTF8.self))
        case .console:
            let origin = discovery.map { $0.fellBack ? "the original's default" : "discovered" } ?? "configured"
            var lines = ["\(targets.count) target(s), \(origin):"]
            for entry in listing.targets {
                let shard = entry.shard.map { "  shard \($0)/\(count)" } ?? ""
                lines.append("  \(entry.name)  \(entry.source)  \(entry.path)\(shard)")
            }
            if let shards, shards > count {
                lines.append("(\(shards) shards asked for, \(count) used: no shard is left without a target)")
            }
            environment.print(lines.joined(separator: "\n"))
        }
        return ExitStatus.pass
    }
}
