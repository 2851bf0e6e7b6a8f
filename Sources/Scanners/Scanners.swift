import Core
import Foundation

/// Resolved tool executables; `nil` when a tool was not found (the error is raised only if a target needs it).
public struct ToolPaths: Sendable, Equatable {
    public var terraform: String?
    public var helm: String?
    public var kubectl: String?
    /// Where we looked, for the "not found" message.
    public var searched: String

    public init(terraform: String? = nil, helm: String? = nil, kubectl: String? = nil, searched: String = "PATH") {
        self.terraform = terraform
        self.helm = helm
        self.kubectl = kubectl
        self.searched = searched
    }
}

/// What a source needs to collect one target: the seams and the resolved settings.
public struct ScanContext: Sendable {
    /// Absolute path of the repository root (the working directory of the run); target paths are relative to it.
    public var workingDirectory: String
    public var runner: any ProcessRunner
    public var fileSystem: any FileSystem
    public var tools: ToolPaths
    /// The complete environment handed to tools (an allow-list of the runner's environment plus tool settings).
    public var toolEnvironment: [String: String]
    public var timeoutSeconds: Double
    /// Set when the repository has several targets: prefixes identities (see `Fingerprint`).
    public var identityPrefix: String?

    public init(
        workingDirectory: String, runner: any ProcessRunner, fileSystem: any FileSystem, tools: ToolPaths,
        toolEnvironment: [String: String], timeoutSeconds: Double, identityPrefix: String? = nil
    ) {
        self.workingDirectory = workingDirectory
        self.runner = runner
        self.fileSystem = fileSystem
        self.tools = tools
        self.toolEnvironment = toolEnvironment
        self.timeoutSeconds = timeoutSeconds
        self.identityPrefix = identityPrefix
    }
}

/// One tool call as the run report records it.
public struct ToolRecord: Sendable, Codable, Equatable {
    public var command: String
    public var exitCode: Int32?
    public var durationSeconds: Double
    /// The last lines of stderr (secrets never reach stderr from us; tools' own output is kept as is).
    public var stderrTail: String

    public init(command: String, exitCode: Int32?, durationSeconds: Double, stderrTail: String) {
        self.command = command
        self.exitCode = exitCode
        self.durationSeconds = durationSeconds
        self.stderrTail = stderrTail
    }
}

/// What a source gathered for one target: resources for the rules, drift already expressed as findings.
public struct TargetScan: Sendable {
    public var target: ScanTarget
    public var inventory: ResourceInventory
    public var drift: [Finding]
    public var toolRecords: [ToolRecord]
    /// Tool name → version string, when the source asked the tool.
    public var toolVersions: [String: String]
    public var warnings: [String]

    public init(
        target: ScanTarget, inventory: ResourceInventory, drift: [Finding] = [], toolRecords: [ToolRecord] = [],
        toolVersions: [String: String] = [:], warnings: [String] = []
    ) {
        self.target = target
        self.inventory = inventory
        self.drift = drift
        self.toolRecords = toolRecords
        self.toolVersions = toolVersions
        self.warnings = warnings
    }
}

/// A source of grounded truth: turns one target into resources and drift by riding its tool's JSON output.
public protocol SourceScanner: Sendable {
    /// A failed tool or unreadable input throws; the pipeline records it and scans the other targets.
    /// `records` receives every tool call made, including the one that failed, for the run report.
    func collect(_ target: ScanTarget, context: ScanContext, records: inout [ToolRecord]) async throws(ToolError)
        -> TargetScan
}
