import Core
import Foundation
import Scanners

/// What target discovery did in one run: recorded in `.steadystate/report.json` and printed on stderr.
public struct DiscoveryRecord: Sendable, Codable, Equatable {
    /// One discovered target.
    public struct Target: Sendable, Codable, Equatable {
        public var name: String
        public var source: String
        public var path: String
    }

    public var targets: [Target]
    /// Paths passed over and why: ignored or excluded folders, Terraform modules, kustomize bases.
    public var skipped: [String]
    /// The `[discovery] exclude` globs in force.
    public var exclude: [String]
    /// True when nothing was found and the run fell back to the original's terraform on `.`.
    public var fellBack: Bool
}

/// Replaces the built-in "terraform on `.`" with the targets discovery finds, when the repository names none.
enum DiscoveryStep {
    /// Discovers targets when the settings name none and `[discovery]` allows it, and puts them in
    /// `intent.settings.targets`; `nil` when discovery did not run.
    static func apply(to intent: inout LoadedIntent, directory: String, fileSystem: any FileSystem) -> DiscoveryRecord?
    {
        let configured = intent.config?.discovery ?? ProjectConfig.Discovery()
        guard intent.settings.isTargetUnspecified, configured.isEnabled else { return nil }
        let exclude = configured.exclude ?? []
        let (targets, skipped) = TargetDiscovery.discover(root: directory, fileSystem: fileSystem, exclude: exclude)
        if !targets.isEmpty { intent.settings.targets = targets }
        return DiscoveryRecord(
            targets: targets.map { .init(name: $0.name, source: $0.source.rawValue, path: $0.path) },
            skipped: skipped, exclude: exclude, fellBack: targets.isEmpty)
    }

    /// The stderr lines: one per target, then a count of what was skipped (the run report lists it).
    static func lines(_ record: DiscoveryRecord) -> [String] {
        if record.fellBack {
            return ["steadystate: discovery found no targets; scanning '.' with terraform, as the original does"]
        }
        var lines = record.targets.map { "steadystate: discovered \($0.source) target \($0.path)" }
        if !record.skipped.isEmpty {
            lines.append(
                "steadystate: discovery skipped \(record.skipped.count) path(s) (ignored, excluded, modules); "
                    + "see \(IntentPaths.runReport)")
        }
        return lines
    }
}
