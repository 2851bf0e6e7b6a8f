import Core
import Foundation
import Pipeline
import Scanners

/// Helpers shared by the test suites: temporary repositories, captured output, fault injection.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ relative: String) -> String { packageRoot + "/Tests/Fixtures/" + relative }

    /// A fresh temporary folder; the caller removes it with `cleanUp`.
    static func temporaryDirectory(_ prefix: String = "steadystate-test") throws -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return (path as NSString).resolvingSymlinksInPath
    }

    static func cleanUp(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `files` (relative path → text) under `root`.
    static func write(_ files: [String: String], under root: String) throws {
        for (relative, text) in files {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    static func copyFixture(_ relative: String, to destination: String) throws {
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture(relative), toPath: destination)
    }

    /// The real terraform: `TERRAFORM_BIN`, else the repository's `.tools/bin/terraform`, else nil.
    static var terraformBinary: String? {
        let candidates = [ProcessInfo.processInfo.environment["TERRAFORM_BIN"], packageRoot + "/.tools/bin/terraform"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// In CI a missing real tool is a failure, never a silent skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func environment(
        in directory: String, variables: [String: String] = [:], runner: any ProcessRunner = LiveProcessRunner(),
        output: CollectingOutput, now: Date = Date(timeIntervalSince1970: 1_795_000_000)
    ) -> RunEnvironment {
        var base = variables
        if base["PATH"] == nil { base["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin" }
        if base["TF_CLI_CONFIG_FILE"] == nil, FileManager.default.fileExists(atPath: packageRoot + "/.tools/terraformrc") {
            base["TF_CLI_CONFIG_FILE"] = packageRoot + "/.tools/terraformrc"
        }
        if base["STEADYSTATE_TERRAFORM_BIN"] == nil, let terraform = terraformBinary {
            base["STEADYSTATE_TERRAFORM_BIN"] = terraform
        }
        for (tool, variable, override) in [("helm", "STEADYSTATE_HELM_BIN", "HELM_BIN"), ("kubectl", "STEADYSTATE_KUBECTL_BIN", "KUBECTL_BIN")]
        where base[variable] == nil {
            let candidates = [ProcessInfo.processInfo.environment[override], packageRoot + "/.tools/bin/" + tool]
            if let found = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                base[variable] = found
            }
        }
        return RunEnvironment(
            fileSystem: LocalFileSystem(), runner: runner, output: output, variables: base,
            currentDirectory: directory, now: { now }, isTerminal: false)
    }
}

/// Collects what a command prints, per stream.
final class CollectingOutput: OutputSink, @unchecked Sendable {
    // @unchecked: every access to `buffers` holds `lock`.
    private let lock = NSLock()
    private var buffers: [OutputChannel: String] = [:]

    func write(_ text: String, to stream: OutputChannel) {
        lock.withLock { buffers[stream, default: ""] += text }
    }

    var standardOutput: String { lock.withLock { buffers[.standardOutput] ?? "" } }
    var standardError: String { lock.withLock { buffers[.standardError] ?? "" } }
    var lastLine: String { standardOutput.split(separator: "\n").last.map(String.init) ?? "" }
}

/// Fault injection around the real runner: records every call, and fails the calls `failure` picks.
struct FaultInjectingRunner: ProcessRunner {
    final class Log: @unchecked Sendable {
        // @unchecked: every access to `calls` holds `lock`.
        private let lock = NSLock()
        private var storage: [ToolInvocation] = []
        func append(_ call: ToolInvocation) { lock.withLock { storage.append(call) } }
        var calls: [ToolInvocation] { lock.withLock { storage } }
    }

    let log = Log()
    var failure: @Sendable (ToolInvocation) -> ToolError? = { _ in nil }

    func run(_ invocation: ToolInvocation) async throws(ToolError) -> ToolOutput {
        log.append(invocation)
        if let error = failure(invocation) { throw error }
        return try await LiveProcessRunner().run(invocation)
    }
}

extension TestSupport {
    /// Runs blocking work (a child process, a pipe read) on its own thread, so it never holds one of the few
    /// cooperative threads that an in-process server (the GitHub emulator) needs to answer that very process.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            thread.start()
        }
    }
}
