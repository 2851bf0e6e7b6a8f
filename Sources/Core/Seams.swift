import Foundation

/// One call of an external tool: no shell, an explicit environment, a deadline.
public struct ToolInvocation: Sendable, Hashable, Codable {
    /// Tool name as users know it (`terraform`), for messages.
    public var tool: String
    /// Absolute path of the executable.
    public var executable: String
    public var arguments: [String]
    public var workingDirectory: String
    /// The complete environment of the child: nothing is inherited that is not listed here.
    public var environment: [String: String]
    public var timeoutSeconds: Double

    public init(
        tool: String, executable: String, arguments: [String], workingDirectory: String,
        environment: [String: String], timeoutSeconds: Double
    ) {
        self.tool = tool
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
    }

    /// The command line for messages: the tool's name, not its install path, then the arguments.
    public var commandLine: String { ([tool] + arguments).joined(separator: " ") }
}

/// What a finished tool call produced.
public struct ToolOutput: Sendable {
    public var exitCode: Int32
    public var stdout: Data
    public var stderr: Data
    public var durationSeconds: Double

    public init(exitCode: Int32, stdout: Data, stderr: Data, durationSeconds: Double) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.durationSeconds = durationSeconds
    }

    /// The last lines of stderr, for error messages and the run report.
    public func stderrTail(lines: Int = 20) -> String {
        ToolOutput.tail(of: String(decoding: stderr, as: UTF8.self), lines: lines)
    }

    public static func tail(of text: String, lines: Int) -> String {
        let all = text.split(separator: "\n", omittingEmptySubsequences: true)
        return all.suffix(lines).joined(separator: "\n")
    }
}

/// Why a tool call did not produce usable output. Scanning records it per target and goes on.
public enum ToolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The tool is not installed where we looked.
    case notFound(tool: String, searched: String, hint: String)
    /// The target's folder does not exist (told apart from a missing tool, unlike the original).
    case directoryMissing(path: String)
    case launchFailed(command: String, cause: String)
    case timedOut(command: String, seconds: Double, stderrTail: String)
    case failed(command: String, exitCode: Int32, stderrTail: String)
    /// The tool exited 0 but its output is not what it promises (not JSON, wrong shape).
    case unparseableOutput(command: String, cause: String)
    /// A captured input file could not be read or parsed.
    case badInputFile(file: String, cause: String)

    public var description: String {
        switch self {
        case let .notFound(tool, searched, hint):
            return "\(tool): not found (looked in \(searched)); \(hint)"
        case let .directoryMissing(path):
            return "\(path): no such directory; fix the target's path in steadystate/config.toml or on the command line"
        case let .launchFailed(command, cause):
            return "'\(command)' could not start: \(cause)"
        case let .timedOut(command, seconds, tail):
            return "'\(command)' did not finish within \(Self.seconds(seconds)) and was stopped"
                + (tail.isEmpty ? "" : ": \(Self.lastLine(tail))")
        case let .failed(command, exitCode, tail):
            return "'\(command)' exited with status \(exitCode)" + (tail.isEmpty ? "" : ": \(Self.lastLine(tail))")
        case let .unparseableOutput(command, cause):
            return "'\(command)' produced no parseable output: \(cause)"
        case let .badInputFile(file, cause):
            return "\(file): \(cause)"
        }
    }

    /// The full stderr tail when there is one, for the run report.
    public var stderrTail: String? {
        switch self {
        case .timedOut(_, _, let tail), .failed(_, _, let tail): tail.isEmpty ? nil : tail
        default: nil
        }
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
    }

    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value)) s" : "\(value) s"
    }
}

/// Runs external tools. The one real implementation uses `Foundation.Process`; tests use real tools too and
/// substitute this only to inject faults.
public protocol ProcessRunner: Sendable {
    func run(_ invocation: ToolInvocation) async throws(ToolError) -> ToolOutput
}

/// The file system as the scanners and the pipeline need it. Paths are absolute or relative to the process's
/// working directory; callers resolve them.
public protocol FileSystem: Sendable {
    func readFile(_ path: String) throws -> Data
    func fileExists(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
    /// True for a file the current user may execute (tool lookup).
    func isExecutable(_ path: String) -> Bool
    /// Names (not paths) of the entries of a directory, sorted.
    func contentsOfDirectory(_ path: String) throws -> [String]
    /// Writes atomically (temporary file, then rename), creating parent folders.
    func writeFile(_ path: String, _ data: Data) throws
    /// The same, from the buffers `produce` hands to its `write` as it makes them (a large report,
    /// `ReportJSON.stream`), without ever holding them all. If `produce` throws, nothing is written.
    func writeFile(_ path: String, streaming produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws
    /// Appends, creating the file if needed (for `$GITHUB_STEP_SUMMARY`).
    func appendFile(_ path: String, _ data: Data) throws
    func createTemporaryDirectory(prefix: String) throws -> String
    func removeItem(_ path: String) throws
}

extension FileSystem {
    /// Collects the buffers and writes them as one: what a file system that streams nothing does.
    public func writeFile(_ path: String, streaming produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        var data = Data()
        try produce { data.append(contentsOf: $0) }
        try writeFile(path, data)
    }
}
