import Core
import Foundation
import Testing

@testable import Scanners

/// Real helm and kubectl, and the Python original, for the Kubernetes-family source tests.
enum KubeTestTools {
    enum Tool: String {
        case helm, kubectl

        var variable: String { rawValue.uppercased() + "_BIN" }
    }

    /// `HELM_BIN`/`KUBECTL_BIN`, then this package's `.tools/bin`, then PATH.
    static func path(of tool: Tool) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let fs = LocalFileSystem()
        if let explicit = environment[tool.variable], fs.isExecutable(explicit) { return explicit }
        let local = TestTools.packageRoot + "/.tools/bin/" + tool.rawValue
        if fs.isExecutable(local) { return local }
        return try? ToolLocator.locate(
            tool == .helm ? .helm : .kubectl, configured: nil, environment: ["PATH": environment["PATH"] ?? ""],
            workingDirectory: "/", isExecutable: fs.isExecutable
        ).get()
    }

    /// The tool's path, or nil after failing the test in CI (a broken install must not pass silently) or
    /// noting the skip locally.
    static func require(_ tool: Tool, _ test: String) -> String? {
        if let found = path(of: tool) { return found }
        if TestTools.isCI {
            Issue.record("\(tool.rawValue) not found (\(tool.variable), .tools/bin, PATH); CI must install it")
        } else {
            print(
                "skipping \(test): \(tool.rawValue) not found (set \(tool.variable) or run scripts/install-real-tools.sh)"
            )
        }
        return nil
    }

    /// A scan context over a temporary repository, with its own HOME so no tool reads the machine's settings.
    static func context(
        root: String, helm: String? = nil, kubectl: String? = nil, fileSystem: any FileSystem = LocalFileSystem(),
        runner: any ProcessRunner = LiveProcessRunner(), identityPrefix: String? = nil
    ) -> ScanContext {
        ScanContext(
            workingDirectory: root, runner: runner, fileSystem: fileSystem,
            tools: ToolPaths(helm: helm, kubectl: kubectl, searched: "test"),
            toolEnvironment: ["PATH": "/usr/bin:/bin", "HOME": root + "/.home"], timeoutSeconds: 60,
            identityPrefix: identityPrefix)
    }

    /// A temporary repository holding copies of fixtures (`Tests/Fixtures/<from>` → `<root>/<to>`).
    static func repository(_ copies: [(from: String, to: String)]) throws -> String {
        let root = try TestSupport.temporaryDirectory("steadystate-kube")
        for (from, to) in copies {
            try TestTools.copyTree(TestTools.fixture(from), to: root + "/" + to)
        }
        return root
    }

    /// `STEADYSTATE_ORIGINAL_PYTHON`, then the installs `TestTools` knows.
    static func originalPython() -> String? {
        if let explicit = ProcessInfo.processInfo.environment["STEADYSTATE_ORIGINAL_PYTHON"],
            LocalFileSystem().isExecutable(explicit)
        {
            return explicit
        }
        return TestTools.originalPython()
    }

    /// Runs a Python snippet with the original installed; its stdout lines.
    static func runPython(_ python: String, script: String, arguments: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the original's script failed")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
