import Core
import Foundation
import Scanners

/// Where a command writes what the user reads.
public enum OutputChannel: Sendable {
    case standardOutput, standardError
}

/// The terminal, as a seam: tests collect what a command prints.
public protocol OutputSink: Sendable {
    func write(_ text: String, to stream: OutputChannel)
}

/// Everything a command touches outside its own memory. `RunEnvironment.live` is the only real one.
public struct RunEnvironment: Sendable {
    public var fileSystem: any FileSystem
    public var runner: any ProcessRunner
    public var output: any OutputSink
    /// The process environment (read for `STEADYSTATE_*`, `GITHUB_*`, `PATH`).
    public var variables: [String: String]
    /// Absolute working directory of the process.
    public var currentDirectory: String
    public var now: @Sendable () -> Date
    /// Whether standard output is a terminal (colour is used only then).
    public var isTerminal: Bool
    /// Reads all of standard input (for `add-solution --json -`).
    public var readStandardInput: @Sendable () -> Data
    /// Connects to GitHub for `--to github` and `--deliver github-pr`.
    public var connectGitHub: GitHubConnector

    public init(
        fileSystem: any FileSystem, runner: any ProcessRunner, output: any OutputSink, variables: [String: String],
        currentDirectory: String, now: @escaping @Sendable () -> Date, isTerminal: Bool,
        readStandardInput: @escaping @Sendable () -> Data = { Data() },
        connectGitHub: @escaping GitHubConnector = LiveGitHub.connect
    ) {
        self.fileSystem = fileSystem
        self.runner = runner
        self.output = output
        self.variables = variables
        self.currentDirectory = currentDirectory
        self.now = now
        self.isTerminal = isTerminal
        self.readStandardInput = readStandardInput
        self.connectGitHub = connectGitHub
    }

    func print(_ text: String) { output.write(text + "\n", to: .standardOutput) }
    func printError(_ text: String) { output.write(text + "\n", to: .standardError) }

    /// Resolves `path` against `directory` unless it is absolute, with `.`/`..` folded.
    static func absolute(_ path: String, in directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}

/// Writes to the process's real standard output and error.
public struct StandardOutputSink: OutputSink {
    public init() {}

    public func write(_ text: String, to stream: OutputChannel) {
        let handle: FileHandle = stream == .standardOutput ? .standardOutput : .standardError
        var text = text
        // The string's own bytes, not a `Data` copy of them (a console report can be tens of megabytes).
        text.withUTF8 { bytes in try? handle.write(contentsOf: UnsafeRawBufferPointer(bytes)) }
    }
}

extension RunEnvironment {
    /// The live wiring: real files, real processes, the real clock and terminal.
    public static func live() -> RunEnvironment {
        RunEnvironment(
            fileSystem: LocalFileSystem(), runner: LiveProcessRunner(), output: StandardOutputSink(),
            variables: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath, now: { Date() },
            isTerminal: isatty(STDOUT_FILENO) == 1,
            readStandardInput: { FileHandle.standardInput.readDataToEndOfFile() })
    }
}
