import Core
import Foundation

/// The terraform commands of one target, each recorded for the run report.
struct TerraformRun: Sendable {
    var target: ScanTarget
    var context: ScanContext
    /// Set for one kind of call only (`TF_DATA_DIR` while inspecting a root); wins over everything.
    var extraEnvironment: [String: String] = [:]

    private var timeout: Double { target.timeoutSeconds ?? context.timeoutSeconds }

    /// The tool environment plus the switches every automated terraform run wants; the caller's values win.
    private var environment: [String: String] {
        var environment = context.toolEnvironment
        for (key, value) in ["TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1", "TF_INPUT": "0"]
        where environment[key] == nil {
            environment[key] = value
        }
        environment.merge(extraEnvironment) { _, extra in extra }
        return environment
    }

    func executable() throws(ToolError) -> String {
        guard let path = context.tools.terraform else {
            throw .notFound(
                tool: "terraform", searched: context.tools.searched, hint: ToolLocator.Tool.terraform.installHint)
        }
        return path
    }

    /// init (when asked, or when `.terraform/` is missing), plan into a temporary folder, show -json.
    ///
    /// `terraform` refreshes (the original's command) unless `refresh = false`; `terraform-state` plans with
    /// `-refresh=false` (configuration against the recorded state, no reads of managed resources), and with
    /// `refresh = true` also runs a `-refresh-only` plan whose `resource_drift` (the live objects against the
    /// state) replaces the first plan's: drift made outside Terraform, which only read credentials can see.
    func planDirectory(_ directory: String, records: inout [ToolRecord]) async throws(ToolError) -> JSONValue {
        let terraform = try executable()
        let fileSystem = context.fileSystem
        let needsInit = target.initialize ?? !fileSystem.isDirectory(directory + "/.terraform")
        if needsInit {
            try await call(terraform, ["init", "-input=false", "-no-color"], in: directory, records: &records)
        }
        let scratch: String
        do {
            scratch = try fileSystem.createTemporaryDirectory(prefix: "steadystate-plan")
        } catch {
            throw .launchFailed(command: "terraform plan", cause: "no temporary folder for the plan file: \(error)")
        }
        defer { try? fileSystem.removeItem(scratch) }
        let isState = target.source == .terraformState
        let refreshes = target.refreshes
        var document = try await plan(
            terraform, mode: isState || !refreshes ? "-refresh=false" : "-refresh=true", in: directory,
            scratch: scratch, records: &records)
        if isState, refreshes, case .object(var members) = document {
            let live = try await plan(terraform, mode: "-refresh-only", in: directory, scratch: scratch, records: &records)
            members["resource_drift"] = live["resource_drift"] ?? .array([])
            document = .object(members)
        }
        return document
    }

    /// One `terraform plan <mode> -out=…` then `show -json` of it.
    private func plan(
        _ terraform: String, mode: String, in directory: String, scratch: String, records: inout [ToolRecord]
    ) async throws(ToolError) -> JSONValue {
        let name = mode == "-refresh-only" ? "refresh-only.tfplan" : "plan.tfplan"
        let planFile = scratch + "/" + name
        var arguments = ["plan", "-input=false", "-lock=false", "-no-color", mode, "-out=\(planFile)"]
        var shown = ["plan", "-input=false", "-lock=false", "-no-color", mode, "-out=$TMP/\(name)"]
        for file in target.varFiles {
            arguments.append("-var-file=\(file)")
            shown.append("-var-file=\(file)")
        }
        for key in target.vars.keys.sorted() {
            arguments += ["-var", "\(key)=\(target.vars[key] ?? "")"]
            // Variable values may be secrets; the run report and error messages show only the names.
            shown += ["-var", "\(key)=***"]
        }
        try await call(terraform, arguments, shown: shown, in: directory, records: &records)
        let output = try await call(
            terraform, ["show", "-json", "-no-color", planFile],
            shown: ["show", "-json", "-no-color", "$TMP/\(name)"], in: directory, records: &records)
        return try parse(output.stdout, command: "terraform show -json")
    }

    /// A captured `show -json` document is read as is; a binary plan is shown by terraform in its folder.
    func readPlanFile(_ path: String, records: inout [ToolRecord]) async throws(ToolError) -> JSONValue {
        let data: Data
        do {
            data = try context.fileSystem.readFile(path)
        } catch {
            throw .badInputFile(file: path, cause: "cannot be read: \(error.localizedDescription)")
        }
        if TerraformPlan.looksLikeJSON(data) {
            do {
                let document = try TerraformPlan.decode(consume data)
                guard case .object = document else {
                    throw ToolError.badInputFile(file: path, cause: "is JSON but not a terraform show -json object")
                }
                return document
            } catch let error as ToolError {
                throw error
            } catch {
                throw .badInputFile(file: path, cause: "is not valid JSON: \(Self.reason(error))")
            }
        }
        guard data.starts(with: Array("PK".utf8)) else {
            throw .badInputFile(
                file: path, cause: "is neither terraform show -json output nor a binary plan file")
        }
        let terraform = try executable()
        let folder = (path as NSString).deletingLastPathComponent
        let output = try await call(terraform, ["show", "-json", "-no-color", path], in: folder, records: &records)
        return try parse(output.stdout, command: "terraform show -json \(path)")
    }

    /// `terraform version -json`, for the run report; a failure here is not worth failing the scan for.
    func version() async -> (String?, ToolRecord?) {
        guard let terraform = context.tools.terraform else { return (nil, nil) }
        var records: [ToolRecord] = []
        let output = try? await call(
            terraform, ["version", "-json"], in: context.workingDirectory, records: &records)
        let version = output.flatMap { try? TerraformPlan.decode($0.stdout) }?["terraform_version"]?.stringValue
        return (version, records.first)
    }

    @discardableResult
    func call(
        _ executable: String, _ arguments: [String], shown: [String]? = nil, in directory: String,
        records: inout [ToolRecord]
    ) async throws(ToolError) -> ToolOutput {
        let invocation = ToolInvocation(
            tool: "terraform", executable: executable, arguments: arguments, workingDirectory: directory,
            environment: environment, timeoutSeconds: timeout)
        var display = invocation
        display.arguments = shown ?? arguments
        do {
            let output = try await context.runner.run(invocation)
            records.append(
                ToolRecord(
                    command: display.commandLine, exitCode: output.exitCode, durationSeconds: output.durationSeconds,
                    stderrTail: output.stderrTail()))
            return try output.requireSuccess(display)
        } catch {
            if case .failed = error {} else {
                records.append(
                    ToolRecord(
                        command: display.commandLine, exitCode: nil, durationSeconds: 0,
                        stderrTail: error.stderrTail ?? error.description))
            }
            throw Self.relabel(error, as: display.commandLine)
        }
    }

    /// Errors name the displayed command (secrets masked), never the raw invocation.
    private static func relabel(_ error: ToolError, as command: String) -> ToolError {
        switch error {
        case .launchFailed(_, let cause): .launchFailed(command: command, cause: cause)
        case .timedOut(_, let seconds, let tail): .timedOut(command: command, seconds: seconds, stderrTail: tail)
        case .failed(_, let code, let tail): .failed(command: command, exitCode: code, stderrTail: tail)
        default: error
        }
    }

    private func parse(_ data: Data, command: String) throws(ToolError) -> JSONValue {
        do {
            let document = try TerraformPlan.decode(data)
            guard case .object = document else {
                throw ToolError.unparseableOutput(command: command, cause: "the JSON is not an object")
            }
            return document
        } catch let error as ToolError {
            throw error
        } catch {
            throw .unparseableOutput(command: command, cause: Self.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        }
        return String(describing: error)
    }
}
