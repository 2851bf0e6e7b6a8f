import Core
import Foundation
import GitHub
import GitHubEmulator
import Pipeline
import Testing

/// In-process `ci` runs against the GitHub emulator: the real pipeline and REST client, a short client timeout
/// and no backoff waits, so a fault matrix of a few hundred runs takes seconds rather than minutes.
enum GitHubRunHarness {
    static let token = "ghs_reliabilityPlantedToken0123456789abcdef"
    static let slug = "acme/infra"
    /// The client's per-request timeout here (generous: the suite runs on a loaded 2-core machine); a `.delay`
    /// fault longer than this is a timeout.
    static let clientTimeout = 5.0

    /// A vouched runbook fix with a patch: the run also opens a fix PR.
    static let solutions = #"""
        [{"name": "vpn-only-bastion", "author": "platform-team", "rules": ["aws-sg-ssh-open"],
          "resource": "aws_security_group.bastion", "impact": "low", "reversibility": "high",
          "solution": {"kind": "edit", "target": "{address}"},
          "patch": [{"file": "infra/main.tf", "replace": "description = \"SSH from anywhere (bad)\"",
                     "with": "description = \"SSH from the VPN only\""}]}]
        """#

    struct Run {
        var status: Int32
        var output: String
        /// stdout, stderr, the run report, SARIF, the step summary and the step outputs.
        var everything: String
    }

    /// The bundled example with `to = "console,github"`, `deliver = "github-pr"` and the fix above.
    static func makeRepository(failOn: String = "none", extraConfig: String = "") throws -> String {
        let root = try TestSupport.temporaryDirectory("reliability")
        try FileManager.default.removeItem(atPath: root)
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/examples/demo", toPath: root)
        let config = root + "/steadystate/config.toml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "to = \"console\"", with: "to = \"console,github\"\ndeliver = \"github-pr\"")
            .replacingOccurrences(of: "fail_on = \"high\"", with: "fail_on = \"\(failOn)\"") + extraConfig
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        try solutions.write(toFile: root + "/steadystate/solutions.json", atomically: true, encoding: .utf8)
        return root
    }

    /// The committed files, as the emulator's default branch.
    static func files(under root: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root) where !path.hasPrefix(".steadystate") {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[path] = try String(contentsOfFile: root + "/" + path, encoding: .utf8) }
        }
        return files
    }

    static func connector(api: URL) -> GitHubConnector {
        { variables, remote throws(GitHubError) in
            let configuration = try GitHubConfiguration.resolve(environment: variables, gitRemoteURL: remote)
            let client = GitHubClient(
                configuration: configuration, transport: URLSessionTransport(timeoutSeconds: clientTimeout),
                sleep: { _ in })
            return GitHubConnection(api: client, repository: configuration.repository)
        }
    }

    static func run(in root: String, api: URL, token: String = token, extra: [String: String] = [:]) async throws -> Run {
        let output = CollectingOutput()
        let summary = root + "/.steadystate/summary.md"
        let outputs = root + "/.steadystate/outputs.txt"
        var variables = [
            "GITHUB_API_URL": api.absoluteString, "GITHUB_REPOSITORY": slug, "GITHUB_TOKEN": token,
            "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": outputs, "PATH": "/usr/bin:/bin", "HOME": root,
        ]
        variables.merge(extra) { _, new in new }
        var environment = TestSupport.environment(in: root, variables: variables, output: output)
        environment.connectGitHub = connector(api: api)
        let status = await ScanCommand.run(
            ScanOptions(command: "ci", inputs: .init(), sarifPath: ".steadystate/out.sarif", arguments: ["ci"]),
            environment: environment)
        var everything = output.standardOutput + output.standardError
        for file in [".steadystate/report.json", ".steadystate/out.sarif", ".steadystate/summary.md", ".steadystate/outputs.txt"] {
            everything += (try? String(contentsOfFile: root + "/" + file, encoding: .utf8)) ?? ""
        }
        return Run(status: status, output: output.standardOutput + output.standardError, everything: everything)
    }

    /// Occurrences of `secret` in a run's outputs and in every request the emulator saw (path, body; headers
    /// other than `Authorization`, the one place the token belongs, are not logged by the emulator).
    static func leaks(of secret: String, in runs: [Run], log: [LoggedRequest]) -> Int {
        var found = runs.filter { $0.everything.contains(secret) }.count
        found += log.filter { $0.path.contains(secret) || $0.body.contains(secret) }.count
        return found
    }

    static func fingerprint(of body: String) -> String? {
        body.range(of: "steadystate-fp: ").map { String(body[$0.upperBound...].prefix { !$0.isWhitespace }) }
    }

    /// What the tracker holds, in terms that survive issue numbering: open issues and pulls by key.
    struct TrackerState: Equatable, CustomStringConvertible {
        var openIssues: [String: String] = [:]
        var closedKeys: Set<String> = []
        var openPulls: [String: String] = [:]
        var branches: Set<String> = []
        /// Keys with more than one open issue or pull: a duplicate.
        var duplicates: [String] = []

        var description: String {
            "open issues \(openIssues.keys.sorted().map { $0.prefix(12) }), closed \(closedKeys.sorted().map { $0.prefix(12) }),"
                + " pulls \(openPulls.keys.sorted()), branches \(branches.sorted()), duplicates \(duplicates)"
        }
    }

    static func state(of emulator: GitHubEmulator) async -> TrackerState {
        var state = TrackerState()
        var openCount: [String: Int] = [:]
        for issue in await emulator.issues(slug) where !issue.isPullRequest {
            let key = fingerprint(of: issue.body) ?? (issue.body.contains("steadystate-digest") ? "digest" : "untracked #\(issue.number)")
            if issue.state == "open" {
                openCount[key, default: 0] += 1
                state.openIssues[key] = "\(issue.title)\n\(issue.labels.sorted())\n\(issue.body)"
            } else {
                state.closedKeys.insert(key)
            }
        }
        for pull in await emulator.pulls(slug) where pull.state == "open" {
            openCount["pull " + pull.head, default: 0] += 1
            let file = await emulator.file(slug, ref: pull.head, path: "infra/main.tf") ?? ""
            state.openPulls[pull.head] = "\(pull.title)\n\(pull.labels.sorted())\n\(pull.body)\n\(file)"
        }
        state.closedKeys.subtract(state.openIssues.keys)
        state.branches = Set(await emulator.branches(slug).keys.filter { $0.hasPrefix("steadystate/") })
        state.duplicates = openCount.filter { $0.value > 1 }.map(\.key).sorted()
        return state
    }
}
