import Core
import Foundation
import Testing

@testable import Scanners

/// Fixture paths and real tools for the scanner tests.
enum TestTools {
    /// The package root, found from this file's path (Tests/ScannersTests/TestTools.swift).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ relative: String) -> String { packageRoot + "/Tests/Fixtures/" + relative }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// `TERRAFORM_BIN`, then `.tools/bin/terraform` of this package, then PATH. Never a guess beyond that:
    /// the machine image's own terraform on PATH is a different version.
    static func terraform() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let fs = LocalFileSystem()
        if let explicit = environment["TERRAFORM_BIN"], fs.isExecutable(explicit) { return explicit }
        let local = packageRoot + "/.tools/bin/terraform"
        if fs.isExecutable(local) { return local }
        return try? ToolLocator.locate(
            .terraform, configured: nil, environment: ["PATH": environment["PATH"] ?? ""], workingDirectory: "/",
            isExecutable: fs.isExecutable
        ).get()
    }

    /// Terraform's path, or nil after failing the test in CI (a broken install must not pass silently)
    /// or noting the skip locally.
    static func requireTerraform(_ test: String) -> String? {
        if let path = terraform() { return path }
        if isCI {
            Issue.record("terraform not found (TERRAFORM_BIN, .tools/bin, PATH); CI must install it")
        } else {
            print("skipping \(test): terraform not found (set TERRAFORM_BIN or run scripts/install-real-tools.sh)")
        }
        return nil
    }

    /// The original's Python, when installed: `STEADYSTATE_ORIGINAL_PYTHON`, the CI venv, then the local install.
    static func originalPython() -> String? {
        let named = ProcessInfo.processInfo.environment["STEADYSTATE_ORIGINAL_PYTHON"].map { [$0] } ?? []
        return (named + [packageRoot + "/.tools/orig-venv/bin/python", "/tmp/orig/bin/python"])
            .first(where: LocalFileSystem().isExecutable)
    }

    /// A minimal environment for terraform: no inherited settings, its own CLI config and home.
    static func terraformEnvironment(home: String) throws -> [String: String] {
        let rc = home + "/terraformrc"
        try LocalFileSystem().writeFile(rc, Data("disable_checkpoint = true\n".utf8))
        return [
            "PATH": "/usr/bin:/bin", "HOME": home, "TF_CLI_CONFIG_FILE": rc, "TF_IN_AUTOMATION": "1",
            "CHECKPOINT_DISABLE": "1",
        ]
    }

    static func copyTree(_ source: String, to destination: String) throws {
        try FileManager.default.createDirectory(
            atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }
}

/// A `FileSystem` that remembers the temporary folders it made, to prove they were removed.
final class RecordingFileSystem: FileSystem, @unchecked Sendable {
    // @unchecked: `made` is only touched while holding `lock`.
    private let base = LocalFileSystem()
    private let lock = NSLock()
    private var made: [String] = []

    var temporaryDirectories: [String] { lock.withLock { made } }

    func readFile(_ path: String) throws -> Data { try base.readFile(path) }
    func fileExists(_ path: String) -> Bool { base.fileExists(path) }
    func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
    func isExecutable(_ path: String) -> Bool { base.isExecutable(path) }
    func contentsOfDirectory(_ path: String) throws -> [String] { try base.contentsOfDirectory(path) }
    func writeFile(_ path: String, _ data: Data) throws { try base.writeFile(path, data) }
    func appendFile(_ path: String, _ data: Data) throws { try base.appendFile(path, data) }
    func removeItem(_ path: String) throws { try base.removeItem(path) }
    func createTemporaryDirectory(prefix: String) throws -> String {
        let path = try base.createTemporaryDirectory(prefix: prefix)
        lock.withLock { made.append(path) }
        return path
    }
}
