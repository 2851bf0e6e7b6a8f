import Core
import Foundation
import Testing

@testable import Scanners

@Suite struct LiveProcessRunnerTests {
    let runner = LiveProcessRunner(terminationGrace: 1, drainAfterExit: 2)

    func shell(_ script: String, in directory: String = "/tmp", env: [String: String] = [:], timeout: Double = 30)
        -> ToolInvocation
    {
        ToolInvocation(
            tool: "sh", executable: "/bin/sh", arguments: ["-c", script], workingDirectory: directory,
            environment: env, timeoutSeconds: timeout)
    }

    @Test func capturesStdoutStderrAndExitCode() async throws {
        let output = try await runner.run(shell("echo out; echo err >&2; exit 3"))
        #expect(output.exitCode == 3)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "out\n")
        #expect(output.stderrTail() == "err")
        #expect(throws: ToolError.self) { try output.requireSuccess(shell("exit 3")) }
    }

    @Test func largeOutputsOnBothPipesDoNotDeadlock() async throws {
        // 8 MB on stdout and 4 MB on stderr, interleaved: far beyond a pipe buffer on either side.
        let script = "i=0; while [ $i -lt 128 ]; do head -c 65536 /dev/zero | tr '\\0' o; "
            + "head -c 32768 /dev/zero | tr '\\0' e >&2; i=$((i+1)); done"
        let output = try await runner.run(
            shell(script, env: ["PATH": "/usr/bin:/bin"]))
        #expect(output.exitCode == 0)
        #expect(output.stdout.count == 128 * 65536)
        #expect(output.stderr.count == 128 * 32768)
    }

    @Test func timeoutStopsTheToolAndKeepsStderr() async throws {
        let started = ContinuousClock.now
        do {
            _ = try await runner.run(shell("echo starting >&2; sleep 120", env: ["PATH": "/usr/bin:/bin"], timeout: 0.5))
            Issue.record("expected a timeout")
        } catch {
            guard case .timedOut(let command, let seconds, let tail) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(command.hasPrefix("sh -c"))
            #expect(seconds == 0.5)
            #expect(tail == "starting")
        }
        // The tool would sleep two minutes; coming back well before that proves it was stopped, with room for a
        // loaded CI machine.
        #expect(started.duration(to: .now) < .seconds(60))
    }

    @Test func sigtermIgnoredMeansSigkill() async throws {
        let started = ContinuousClock.now
        await #expect(throws: ToolError.self) {
            try await runner.run(shell("trap '' TERM; while :; do :; done", timeout: 0.3))
        }
        // The loop never ends by itself, so returning at all proves SIGKILL followed the ignored SIGTERM.
        #expect(started.duration(to: .now) < .seconds(60))
    }

    @Test func environmentIsExactlyTheInvocations() async throws {
        setenv("STEADYSTATE_LEAK_CHECK", "leaked", 1)
        let output = try await runner.run(shell("env", env: ["ONLY": "this"]))
        let lines = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.contains("ONLY=this"))
        #expect(!lines.contains { $0.hasPrefix("STEADYSTATE_LEAK_CHECK") })
        #expect(!lines.contains { $0.hasPrefix("HOME=") })
    }

    @Test func missingExecutableIsALaunchFailure() async throws {
        let invocation = ToolInvocation(
            tool: "terraform", executable: "/nonexistent/terraform", arguments: ["version"], workingDirectory: "/tmp",
            environment: [:], timeoutSeconds: 5)
        await #expect(throws: ToolError.launchFailed(
            command: "terraform version", cause: "/nonexistent/terraform does not exist")) {
            try await runner.run(invocation)
        }
    }

    @Test func missingWorkingDirectoryIsReportedAsSuch() async throws {
        await #expect(throws: ToolError.directoryMissing(path: "/nonexistent/infra")) {
            try await runner.run(shell("true", in: "/nonexistent/infra"))
        }
    }

    @Test func runsInTheWorkingDirectory() async throws {
        let output = try await runner.run(shell("pwd", in: "/usr"))
        #expect(String(decoding: output.stdout, as: UTF8.self) == "/usr\n")
    }
}

@Suite struct ToolLocatorTests {
    let executables: Set<String> = ["/opt/tf/terraform", "/usr/bin/terraform", "/repo/.tools/bin/terraform"]

    func locate(configured: String? = nil, env: [String: String]) -> Result<String, ToolError> {
        ToolLocator.locate(
            .terraform, configured: configured, environment: env, workingDirectory: "/repo",
            isExecutable: executables.contains)
    }

    @Test func environmentBeatsConfigBeatsPath() {
        let env = ["PATH": "/usr/bin", "STEADYSTATE_TERRAFORM_BIN": "/opt/tf/terraform"]
        #expect(locate(configured: ".tools/bin/terraform", env: env) == .success("/opt/tf/terraform"))
        #expect(locate(configured: ".tools/bin/terraform", env: ["PATH": "/usr/bin"])
            == .success("/repo/.tools/bin/terraform"))
        #expect(locate(env: ["PATH": "/nowhere:/usr/bin"]) == .success("/usr/bin/terraform"))
    }

    @Test func explicitSettingNeverFallsBackToPath() {
        let result = locate(env: ["PATH": "/usr/bin", "STEADYSTATE_TERRAFORM_BIN": "/opt/missing/terraform"])
        guard case .failure(.notFound(let tool, let searched, _)) = result else {
            Issue.record("expected notFound, got \(result)")
            return
        }
        #expect(tool == "terraform")
        #expect(searched.contains("STEADYSTATE_TERRAFORM_BIN"))
    }

    @Test func missingToolNamesTheSetupAction() {
        guard case .failure(let error) = locate(env: ["PATH": "/nowhere"]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description.contains("hashicorp/setup-terraform"))
    }
}

@Suite struct LocalFileSystemTests {
    /// A large report is written from its parts: the file is their concatenation, replaces the old one, and
    /// no temporary file stays behind; a folder that cannot be made fails and leaves nothing.
    @Test func writesPartsAtomically() throws {
        let fs = LocalFileSystem()
        let folder = try fs.createTemporaryDirectory(prefix: "steadystate-fs-parts")
        defer { try? fs.removeItem(folder) }
        let path = folder + "/out/report.json"
        try fs.writeFile(path, Data("old report".utf8))
        let parts: [[UInt8]] = [Array("{".utf8), [], Array(repeating: 0x61, count: 3_000_000), Array("}".utf8)]
        try fs.writeFile(path) { write in for part in parts { try write(part) } }
        #expect(try fs.readFile(path) == Data(parts.joined()))
        #expect(try fs.contentsOfDirectory(folder + "/out") == ["report.json"])
        try fs.writeFile(folder + "/plain", Data())
        #expect(throws: (any Error).self) { try fs.writeFile(folder + "/plain/report.json") { try $0([1]) } }
        #expect(try fs.contentsOfDirectory(folder) == ["out", "plain"])
    }

    /// A report streamed to its file: a producer that fails half way leaves the old file as it was, and no
    /// temporary file behind.
    @Test func aFailedStreamLeavesTheOldFile() throws {
        struct Interrupted: Error {}
        let fs = LocalFileSystem()
        let folder = try fs.createTemporaryDirectory(prefix: "steadystate-fs-stream")
        defer { try? fs.removeItem(folder) }
        let path = folder + "/report.json"
        try fs.writeFile(path, Data("old report".utf8))
        #expect(throws: Interrupted.self) {
            try fs.writeFile(path) { write in
                try write(Array(repeating: 0x61, count: 1_000_000))
                throw Interrupted()
            }
        }
        #expect(try fs.readFile(path) == Data("old report".utf8))
        #expect(try fs.contentsOfDirectory(folder) == ["report.json"])
        try fs.writeFile(path) { write in for text in ["new", "", " report"] { try write(Array(text.utf8)) } }
        #expect(try fs.readFile(path) == Data("new report".utf8))
    }

    @Test func writesAtomicallyAndCleansUp() throws {
        let fs = LocalFileSystem()
        let folder = try fs.createTemporaryDirectory(prefix: "steadystate-fs-test")
        defer { try? fs.removeItem(folder) }
        let path = folder + "/nested/report.json"
        try fs.writeFile(path, Data("one".utf8))
        try fs.writeFile(path, Data("two".utf8))
        try fs.appendFile(path, Data("+".utf8))
        #expect(try fs.readFile(path) == Data("two+".utf8))
        #expect(try fs.contentsOfDirectory(folder + "/nested") == ["report.json"])
        #expect(fs.isDirectory(folder) && !fs.isDirectory(path))
        #expect(fs.isExecutable("/bin/sh") && !fs.isExecutable(path))
    }
}
