import Core
import Foundation
import GitHub
import Scanners

/// A GitHub API ready for one repository.
public struct GitHubConnection: Sendable {
    public var api: any GitHubAPI
    public var repository: RepositorySlug

    public init(api: any GitHubAPI, repository: RepositorySlug) {
        self.api = api
        self.repository = repository
    }
}

/// Builds the connection from the environment and the git remote (the live one is `LiveGitHub.connect`).
public typealias GitHubConnector =
    @Sendable (_ variables: [String: String], _ gitRemoteURL: String?) throws(GitHubError) -> GitHubConnection

/// The `--to github` / `--deliver github-pr` step of `ci`: after the report, before the exit code.
enum GitHubStep {
    /// Runs the GitHub surface when the settings ask for it; returns the exit code to use instead of the gate's
    /// when GitHub failed and the gate alone would have passed.
    static func run(
        report: ScanReport, settings: Settings, config: ProjectConfig?, solutions: [Solution], directory: String,
        isDryRun: Bool, environment: RunEnvironment
    ) async -> GitHubSyncOutcome? {
        let wantsIssues = settings.to.value.contains { $0.lowercased() == "github" }
        let wantsPRs = settings.deliver.value.contains { $0.lowercased() == "github-pr" }
        guard wantsIssues || wantsPRs else { return nil }
        let variables = environment.variables
        let remote = await gitRemoteURL(directory: directory, environment: environment)
        let connection: GitHubConnection
        do {
            connection = try environment.connectGitHub(variables, remote)
        } catch {
            var outcome = GitHubSyncOutcome()
            switch error {
            case .missingToken, .missingRepository:
                // The original's behaviour: without a token or repository, skip GitHub and keep the gate.
                outcome.lines.append("\(error.description); GitHub skipped (the report and the gate are unaffected)")
            default:
                outcome.error = error.description
            }
            return outcome
        }
        let event = GitHubEvent.read(variables: variables, fileSystem: environment.fileSystem)
        let github = config?.github
        let grouping = github?.group.flatMap(IssueGrouping.init(rawValue:)) ?? .finding
        let isPullRequest = event.pullRequest != nil
        let options = GitHubSyncOptions(
            repository: connection.repository, isDryRun: isDryRun, baseLabel: "steadystate",
            extraLabels: github?.labels ?? [], severityBar: settings.githubSeverity.value, grouping: grouping,
            maxNewIssues: github?.maxNewIssues.map { max(Int($0), 0) } ?? 20,
            syncsIssues: wantsIssues && (github?.openIssues ?? true)
                && (!isPullRequest || (github?.issuesOnPullRequests ?? false)),
            pullRequest: wantsIssues ? event.pullRequest : nil)
        var outcome = await GitHubSync.run(report: report, api: connection.api, options: options)
        guard wantsPRs, !isPullRequest, github?.openFixPRs ?? true, outcome.error == nil, !outcome.isReadOnly else {
            return outcome
        }
        // Drift restores are written into the target's own folder; a captured plan file has none.
        var targetPaths: [String: String] = [:]
        for target in report.targets
        where environment.fileSystem.isDirectory(RunEnvironment.absolute(target.path, in: directory)) {
            targetPaths[target.name] = target.path
        }
        let fixOptions = FixPullRequests.Options(
            repository: connection.repository, isDryRun: isDryRun,
            base: SettingsResolver.nonEmpty(variables["STEADYSTATE_GITHUB_BASE"]) ?? github?.base,
            inBoundLabel: github?.autoMergeLabel)
        do {
            try await FixPullRequests.sync(
                report: report, solutions: solutions, targetPaths: targetPaths, api: connection.api,
                options: fixOptions, coverage: GitHubSync.coverage(of: report), outcome: &outcome)
        } catch {
            if error.isPermissionDenied {
                outcome.isReadOnly = true
                outcome.lines.append("GitHub: the token cannot push branches or open pull requests; fix PRs skipped")
            } else {
                outcome.error = error.description
            }
        }
        return outcome
    }

    /// `git remote get-url origin`, bounded to 5 s like the original; nil when git or the remote is missing.
    static func gitRemoteURL(directory: String, environment: RunEnvironment) async -> String? {
        let path = environment.variables["PATH"] ?? ""
        guard
            let git = ToolLocator.searchPath(
                "git", path: path, workingDirectory: directory, environment.fileSystem.isExecutable)
        else { return nil }
        let invocation = ToolInvocation(
            tool: "git", executable: git, arguments: ["remote", "get-url", "origin"], workingDirectory: directory,
            environment: ["PATH": path, "HOME": environment.variables["HOME"] ?? "/", "GIT_TERMINAL_PROMPT": "0"],
            timeoutSeconds: 5)
        guard let output = try? await environment.runner.run(invocation), output.exitCode == 0 else { return nil }
        let text = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

/// What the Actions event says about this run: `GITHUB_EVENT_NAME` and the payload at `GITHUB_EVENT_PATH`.
struct GitHubEvent: Sendable, Equatable {
    var name: String?
    /// The pull request's number on `pull_request` and `pull_request_target` events.
    var pullRequest: Int?

    static func read(variables: [String: String], fileSystem: any FileSystem) -> GitHubEvent {
        let name = SettingsResolver.nonEmpty(variables["GITHUB_EVENT_NAME"])
        guard let name, name == "pull_request" || name == "pull_request_target" else {
            return GitHubEvent(name: name, pullRequest: nil)
        }
        guard let path = SettingsResolver.nonEmpty(variables["GITHUB_EVENT_PATH"]),
            let data = try? fileSystem.readFile(path),
            let payload = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return GitHubEvent(name: name, pullRequest: nil) }
        let number = (payload["pull_request"] as? [String: Any])?["number"] as? Int ?? payload["number"] as? Int
        return GitHubEvent(name: name, pullRequest: number)
    }
}
