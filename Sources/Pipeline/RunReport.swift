import Core
import GitHub
import Foundation
import Scanners

/// The evidence every run leaves in `.steadystate/report.json`, also when it fails: what ran, with which
/// settings and tool versions, how long each step took, what each tool said on stderr, and the findings.
public struct RunReport: Sendable, Codable {
    public struct Setting: Sendable, Codable, Equatable {
        public var name: String
        public var value: String
        public var origin: String
    }

    public struct TargetRun: Sendable, Codable {
        public var name: String
        public var source: String
        public var path: String
        public var durationSeconds: Double
        public var error: String?
        public var toolCalls: [ToolRecord]
    }

    public var schemaVersion = 1
    public var toolVersion = SteadystateVersion.current
    public var command: String
    public var arguments: [String]
    public var startedAt: String
    public var durationSeconds: Double
    public var exitCode: Int32
    public var settings: [Setting]
    public var toolVersions: [String: String]
    public var targets: [TargetRun]
    /// Present when the run got as far as a verdict.
    public var report: ScanReport?
    /// Usage and config errors that stopped the run before scanning.
    public var errors: [String]
    /// Present when the targets were discovered rather than configured.
    public var discovery: DiscoveryRecord? = nil
    /// What the GitHub step did (calls, URLs, the error that stopped it); absent when it did not run.
    public var github: GitHubSyncOutcome? = nil
    /// `--shard I/N` runs: which share this report covers (`merge` combines them).
    public var shard: Shard? = nil
    /// `merge` runs: the shard reports combined, as given.
    public var mergedReports: [String]? = nil

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The report's JSON, handed to `write` in consecutive parts as they are made (`ReportJSON.stream`), for
    /// `FileSystem.writeFile(_:streaming:)`.
    func stream(to write: ([UInt8]) throws -> Void) throws {
        try ReportJSON.stream(self, findingsOnePerLine: true, to: write)
    }

    static func settingsList(_ settings: Settings) -> [Setting] {
        func row(_ name: String, _ value: String, _ origin: SettingOrigin) -> Setting {
            Setting(name: name, value: value, origin: origin.description)
        }
        return [
            row("config", settings.configFile.value + (settings.configFound ? "" : " (absent)"),
                settings.configFile.origin),
            row("source", settings.source.value.rawValue, settings.source.origin),
            row("path", settings.path.value, settings.path.origin),
            row("fail_on", settings.failOn.value.rawValue, settings.failOn.origin),
            row("to", settings.to.value.joined(separator: ","), settings.to.origin),
            row("deliver", settings.deliver.value.isEmpty ? "none" : settings.deliver.value.joined(separator: ","),
                settings.deliver.origin),
            row("categories", settings.categories.value.map(\.rawValue).joined(separator: ","),
                settings.categories.origin),
            row("github severity", settings.githubSeverity.value.rawValue, settings.githubSeverity.origin),
            row("tool timeout", "\(settings.toolTimeoutSeconds.value) s", settings.toolTimeoutSeconds.origin),
        ]
    }
}
