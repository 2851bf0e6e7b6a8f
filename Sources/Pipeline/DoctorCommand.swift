import Core
import Foundation
import Scanners

/// `steadystate doctor`: which tools are there (with versions), which settings are in force and where each
/// value came from, which intent files exist. Explains the environment; changes nothing.
public enum DoctorCommand {
    public static func run(
        inputs: CommandLineInputs, directory: String?, environment: RunEnvironment
    ) async -> Int32 {
        let root = RunEnvironment.absolute(directory ?? ".", in: environment.currentDirectory)
        var lines = ["steadystate \(SteadystateVersion.current)", "working directory: \(root)", ""]
        var status = ExitStatus.pass

        var configTools: ProjectConfig.Tools?
        var settings: Settings?
        var discovery: DiscoveryRecord?
        do {
            var intent = try IntentLoader.load(inputs: inputs, directory: root, environment: environment)
            discovery = DiscoveryStep.apply(to: &intent, directory: root, fileSystem: environment.fileSystem)
            configTools = intent.config?.tools
            settings = intent.settings
            lines += intent.warnings.map { "warning: \($0)" }
        } catch {
            lines.append("config error: \(error)")
            status = ExitStatus.usageError
        }

        let tools = ToolLocator.paths(
            configured: configTools, environment: environment.variables, workingDirectory: root,
            isExecutable: environment.fileSystem.isExecutable)
        lines.append("tools (searched \(tools.searched)):")
        let toolEnvironment = ToolEnvironment.make(from: environment.variables)
        let probes: [(String, String?, [String])] = [
            ("terraform", tools.terraform, ["version"]),
            ("helm", tools.helm, ["version", "--short"]),
            ("kubectl", tools.kubectl, ["version", "--client"]),
        ]
        for (name, path, arguments) in probes {
            guard let path else {
                lines.append("  \(pad(name, 10)) not found")
                continue
            }
            let version = await probeVersion(
                name, path: path, arguments: arguments, directory: root, toolEnvironment: toolEnvironment,
                runner: environment.runner)
            lines.append("  \(pad(name, 10)) \(version)  (\(path))")
        }

        if let settings {
            lines += ["", "settings (value, then where it came from):"]
            for row in RunReport.settingsList(settings) {
                lines.append("  \(pad(row.name, 16)) \(pad(row.value, 28)) \(row.origin)")
            }
            let how = discovery.map { $0.fellBack ? " (none discovered; the original's default)" : " (discovered)" }
            lines += ["", "targets\(how ?? ""):"]
            for target in settings.targets {
                let path = RunEnvironment.absolute(target.path, in: root)
                let kind =
                    environment.fileSystem.isDirectory(path)
                    ? "directory" : environment.fileSystem.fileExists(path) ? "captured file" : "MISSING"
                let support = SourceRegistry.scanner(for: target.source) == nil ? " (source not supported yet)" : ""
                lines.append("  \(pad(target.name, 20)) \(pad(target.source.rawValue, 16)) \(target.path) [\(kind)]\(support)")
            }
            for skipped in discovery?.skipped ?? [] { lines.append("  skipped: \(skipped)") }
            let context = ScanContext(
                workingDirectory: root, runner: environment.runner, fileSystem: environment.fileSystem, tools: tools,
                toolEnvironment: toolEnvironment, timeoutSeconds: settings.toolTimeoutSeconds.value)
            lines += await terraformRequirements(settings.targets, context: context)
        }

        lines += ["", "committed intent:"]
        for file in [IntentPaths.config, IntentPaths.solutions, IntentPaths.checks, IntentPaths.mutes] {
            let found = environment.fileSystem.fileExists(RunEnvironment.absolute(file, in: root))
            lines.append("  \(pad(file, 30)) \(found ? "found" : "absent")")
        }

        lines += ["", "github:"]
        let tokenSource = ["STEADYSTATE_GITHUB_TOKEN", "GITHUB_TOKEN"].first {
            SettingsResolver.nonEmpty(environment.variables[$0]) != nil
        }
        lines.append("  token       \(tokenSource.map { "set (\($0)); never printed" } ?? "not set")")
        let repository = ["STEADYSTATE_GITHUB_REPO", "GITHUB_REPOSITORY"].first {
            SettingsResolver.nonEmpty(environment.variables[$0]) != nil
        }
        lines.append(
            "  repository  \(repository.map { "\(environment.variables[$0] ?? "") (\($0))" } ?? "not set (git remote is read at run time)")")
        environment.print(lines.joined(separator: "\n"))
        return status
    }

    /// For each terraform target, what planning it reads even with `-refresh=false`, and with which credentials.
    static func terraformRequirements(_ targets: [ScanTarget], context: ScanContext) async -> [String] {
        let terraformTargets = targets.filter { $0.source == .terraform || $0.source == .terraformState }
        guard !terraformTargets.isEmpty else { return [] }
        var lines = ["", "terraform: what planning configures and reads, even with -refresh=false:"]
        for target in terraformTargets {
            do {
                let found = try await TerraformSource().requirements(of: target, context: context)
                let providers = found.providers.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
                lines.append("  \(target.name): providers \(providers.isEmpty ? "none" : providers.joined(separator: ", "))")
                if found.dataSources.isEmpty {
                    lines.append("    no data sources: -refresh=false reads nothing from the cloud")
                }
                for group in found.dataSourcesByProvider {
                    lines.append("    \(group.addresses.count) data source(s) of \(group.provider): \(group.addresses.joined(separator: ", "))")
                    lines.append("      needs \(TerraformRequirements.credentials(forProvider: group.provider))")
                }
                if target.refreshes {
                    lines.append("    refresh is on: every managed resource is read too, so the read credentials of each provider are needed")
                }
            } catch {
                lines.append("  \(target.name): cannot list (\(error))")
            }
        }
        return lines
    }

    static func probeVersion(
        _ tool: String, path: String, arguments: [String], directory: String, toolEnvironment: [String: String],
        runner: any ProcessRunner
    ) async -> String {
        let invocation = ToolInvocation(
            tool: tool, executable: path, arguments: arguments, workingDirectory: directory,
            environment: toolEnvironment, timeoutSeconds: 30)
        do {
            let output = try await runner.run(invocation)
            let text = String(decoding: output.stdout, as: UTF8.self)
            let first = text.split(separator: "\n").first.map(String.init) ?? ""
            return output.exitCode == 0 ? first : "error: exit \(output.exitCode): \(output.stderrTail(lines: 1))"
        } catch {
            return "error: \(error)"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
