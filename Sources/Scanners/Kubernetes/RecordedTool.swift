import Core

/// One tool (helm or kubectl) as a source calls it: every call recorded for the run report, a non-zero exit
/// turned into `ToolError.failed`, and errors naming the command as shown (secret values masked).
struct RecordedTool: Sendable {
    var name: String
    var executable: String
    var environment: [String: String]
    var timeoutSeconds: Double
    var runner: any ProcessRunner
    /// Rewrites a failed call's stderr before it becomes the error's tail; the error message shows the tail's
    /// last line, and some tools (helm) end their stderr with a generic hint rather than the cause.
    var condense: @Sendable (String) -> String = { ToolOutput.tail(of: $0, lines: 20) }

    /// The executable from `ToolPaths`, or `ToolError.notFound` with the usual install hint.
    static func locate(_ tool: ToolLocator.Tool, in context: ScanContext) throws(ToolError) -> String {
        let found: String? =
            switch tool {
            case .terraform: context.tools.terraform
            case .helm: context.tools.helm
            case .kubectl: context.tools.kubectl
            }
        guard let found else {
            throw .notFound(tool: tool.rawValue, searched: context.tools.searched, hint: tool.installHint)
        }
        return found
    }

    @discardableResult
    func run(_ arguments: [String], shown: [String]? = nil, in directory: String, records: inout [ToolRecord])
        async throws(ToolError) -> ToolOutput
    {
        let invocation = ToolInvocation(
            tool: name, executable: executable, arguments: arguments, workingDirectory: directory,
            environment: environment, timeoutSeconds: timeoutSeconds)
        let command = ([name] + (shown ?? arguments)).joined(separator: " ")
        let output: ToolOutput
        do {
            output = try await runner.run(invocation)
        } catch {
            records.append(
                ToolRecord(
                    command: command, exitCode: nil, durationSeconds: 0,
                    stderrTail: error.stderrTail ?? error.description))
            throw Self.relabel(error, as: command)
        }
        let stderr = String(decoding: output.stderr, as: UTF8.self)
        let tail = output.exitCode == 0 ? output.stderrTail() : condense(stderr)
        records.append(
            ToolRecord(
                command: command, exitCode: output.exitCode, durationSeconds: output.durationSeconds, stderrTail: tail))
        guard output.exitCode == 0 else {
            throw .failed(command: command, exitCode: output.exitCode, stderrTail: tail)
        }
        return output
    }

    /// Errors name the displayed command, never the raw invocation.
    static func relabel(_ error: ToolError, as command: String) -> ToolError {
        switch error {
        case .launchFailed(_, let cause): .launchFailed(command: command, cause: cause)
        case .timedOut(_, let seconds, let tail): .timedOut(command: command, seconds: seconds, stderrTail: tail)
        case .failed(_, let code, let tail): .failed(command: command, exitCode: code, stderrTail: tail)
        default: error
        }
    }
}
