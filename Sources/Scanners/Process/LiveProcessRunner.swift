import Core
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real `ProcessRunner`: `Foundation.Process`, no shell, nothing inherited.
///
/// Exit status is the caller's business: any exit code comes back as `ToolOutput`, because some tools use
/// non-zero codes for normal results (`plan -detailed-exitcode` exits 2 for "changes"). Callers that want
/// "non-zero is an error" use `ToolOutput.requireSuccess(_:)`. Only what prevents a usable `ToolOutput`
/// throws: a missing working directory, a launch failure, or the deadline.
public struct LiveProcessRunner: ProcessRunner {
    /// Time between SIGTERM and SIGKILL: enough for terraform to release its state lock and kill its
    /// provider plugins, short enough that a hung tool cannot hold a CI job much past its deadline.
    public var terminationGrace: Double
    /// How long to keep reading after the tool exited. Only a grandchild that inherited the pipes and
    /// outlived the tool can keep them open; its output is not worth holding the scan for.
    public var drainAfterExit: Double

    public init(terminationGrace: Double = 5, drainAfterExit: Double = 5) {
        self.terminationGrace = terminationGrace
        self.drainAfterExit = drainAfterExit
    }

    public func run(_ invocation: ToolInvocation) async throws(ToolError) -> ToolOutput {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: invocation.workingDirectory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw .directoryMissing(path: invocation.workingDirectory)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: invocation.executable)
        process.arguments = invocation.arguments
        process.environment = invocation.environment
        process.currentDirectoryURL = URL(fileURLWithPath: invocation.workingDirectory, isDirectory: true)
        process.standardInput = FileHandle.nullDevice
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let exited = Latch()
        process.terminationHandler = { _ in exited.open() }

        let started = ContinuousClock.now
        do {
            try process.run()
        } catch {
            throw .launchFailed(command: invocation.commandLine, cause: Self.launchFailure(invocation, error))
        }
        // The child holds its own copies; ours must go or EOF never arrives.
        try? stdoutPipe.fileHandleForWriting.close()
        try? stderrPipe.fileHandleForWriting.close()
        let stdout = PipeCollector(reading: stdoutPipe.fileHandleForReading)
        let stderr = PipeCollector(reading: stderrPipe.fileHandleForReading)
        stdout.start()
        stderr.start()

        let pid = process.processIdentifier
        let timedOut = await waitForExit(
            exited, pid: pid, deadline: invocation.timeoutSeconds, grace: terminationGrace)
        _ = await stdout.finished.wait(upTo: drainAfterExit)
        _ = await stderr.finished.wait(upTo: drainAfterExit)
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        // Only a cancelled caller can get here before the exit was reported; Foundation traps on reading
        // the status of a running process.
        let exitCode = exited.isOpened ? process.terminationStatus : -1
        let output = ToolOutput(
            exitCode: exitCode, stdout: stdout.data, stderr: stderr.data, durationSeconds: seconds)
        if timedOut {
            throw .timedOut(
                command: invocation.commandLine, seconds: invocation.timeoutSeconds, stderrTail: output.stderrTail())
        }
        return output
    }

    /// Waits for the exit latch; past the deadline (or when the caller's task is cancelled) stops the tool.
    /// Returns true when the deadline passed.
    private func waitForExit(_ exited: Latch, pid: Int32, deadline: Double, grace: Double) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await exited.wait()
                return false
            }
            group.addTask {
                let slept: Void? = try? await Task.sleep(for: .seconds(max(deadline, 0)))
                if exited.isOpened { return false }
                // Either the deadline passed or our caller was cancelled: stop the tool either way.
                await Self.stop(pid: pid, exited: exited, grace: grace)
                return slept != nil
            }
            var didTimeOut = false
            for await timedOut in group {
                didTimeOut = didTimeOut || timedOut
                group.cancelAll()
            }
            return didTimeOut
        }
    }

    /// SIGTERM, then SIGKILL after the grace period; to the process group when the child leads one, so
    /// terraform's provider plugins go too.
    private static func stop(pid: Int32, exited: Latch, grace: Double) async {
        let target = getpgid(pid) == pid ? -pid : pid
        kill(target, SIGTERM)
        if await exited.wait(upTo: grace) { return }
        kill(target, SIGKILL)
        await exited.wait()
    }

    private static func launchFailure(_ invocation: ToolInvocation, _ error: any Error) -> String {
        let manager = FileManager.default
        if !manager.fileExists(atPath: invocation.executable) {
            return "\(invocation.executable) does not exist"
        }
        if !manager.isExecutableFile(atPath: invocation.executable) {
            return "\(invocation.executable) is not executable"
        }
        return String(describing: error)
    }
}

extension ToolOutput {
    /// This output when the tool exited 0, else `ToolError.failed` naming the command and stderr's tail.
    public func requireSuccess(_ invocation: ToolInvocation) throws(ToolError) -> ToolOutput {
        guard exitCode == 0 else {
            throw .failed(command: invocation.commandLine, exitCode: exitCode, stderrTail: stderrTail())
        }
        return self
    }
}
