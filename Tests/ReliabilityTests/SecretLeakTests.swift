import Core
import Foundation
import GitHubEmulator
import Pipeline
import Testing

/// Secrets planted where a run can see them must never come out: not in output, reports, SARIF, the step
/// summary or outputs, not in any request to GitHub, and not in the environment of a tool.
@Suite(.serialized) struct SecretLeakTests {
    typealias H = GitHubRunHarness

    /// Values `small-plan.json` marks sensitive (`before_sensitive`/`after_sensitive`).
    static let sensitiveValues = ["hunter2-very-secret", "old-secret-value"]

    @Test func theTokenAndSensitiveValuesNeverLeaveTheRunner() async throws {
        try await ReliabilityLedger.record("planted secrets") { counts in
            let root = try H.makeRepository(failOn: "high")
            defer { TestSupport.cleanUp(root) }
            try TestSupport.copyFixture("pipeline/small-plan.json", to: root + "/sensitive/plan.json")
            let config = root + "/steadystate/config.toml"
            try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(
                of: "[defaults]\nsource = \"terraform\"\npath = \"infra/plan.json\"\n",
                with: "[[targets]]\nname = \"demo\"\nsource = \"terraform\"\npath = \"infra/plan.json\"\n\n"
                    + "[[targets]]\nname = \"sensitive\"\nsource = \"terraform\"\npath = \"sensitive/plan.json\"\n"
            ).write(toFile: config, atomically: true, encoding: .utf8)
            let text = try String(contentsOfFile: config, encoding: .utf8)
            try #require(text.contains("sensitive/plan.json"), "the config rewrite did not apply:\n\(text)")

            let emulator = GitHubEmulator(token: H.token)
            let api = try await emulator.start()
            defer { Task { await emulator.stop() } }
            _ = await emulator.seedRepository(H.slug, files: try H.files(under: root))
            // The token also sits in the variables a tool or a report might copy from.
            let planted = ["STEADYSTATE_GITHUB_TOKEN": H.token, "GH_TOKEN": H.token, "ACTIONS_RUNTIME_TOKEN": H.token]
            var runs: [GitHubRunHarness.Run] = []
            for _ in 0..<2 { runs.append(try await H.run(in: root, api: api, extra: planted)) }
            // A failing write puts an error (and its call) into every output too.
            await emulator.inject(.status(500), method: "GET", pathContains: "/issues", times: 1)
            runs.append(try await H.run(in: root, api: api, extra: planted.merging(["STEADYSTATE_FAIL_ON": "none"]) { _, new in new }))
            #expect(runs[0].status == 1, "\(runs[0].output)")
            #expect(!(await emulator.issues(H.slug)).isEmpty, "the run filed nothing, so nothing was tested")

            let log = await emulator.requestLog()
            #expect(log.allSatisfy { $0.authorization == "Bearer \(H.token)" }, "the token went somewhere else")
            for secret in [H.token] + Self.sensitiveValues {
                counts.secretsPlanted += 1
                let found = H.leaks(of: secret, in: runs, log: log)
                counts.leaks += found
                #expect(found == 0, "\(secret.prefix(6))… leaked \(found) time(s)")
            }
            let issues = await emulator.issues(H.slug)
            let tracker = issues.map { $0.title + $0.body + $0.comments.joined() }.joined()
            for secret in Self.sensitiveValues { #expect(!tracker.contains(secret), "\(secret) reached an issue") }
        }
    }

    /// The environment a tool gets is the allow-list: a fake terraform writes out what it received.
    @Test func toolsSeeOnlyTheAllowList() async throws {
        try await ReliabilityLedger.record("tool environment") { counts in
            let root = try TestSupport.temporaryDirectory("tool-env")
            defer { TestSupport.cleanUp(root) }
            let dump = root + "/env.txt"
            let fake = try FakeTool.write("terraform", in: root, script: "env > '\(dump)'\necho 'Error: stop here' >&2\nexit 1\n")
            try TestSupport.write([
                "live/main.tf": "resource \"terraform_data\" \"x\" {}\n",
                "steadystate/config.toml": "[defaults]\nsource = \"terraform-state\"\npath = \"live\"\n",
            ], under: root)
            let secrets = [
                "GITHUB_TOKEN": H.token, "STEADYSTATE_GITHUB_TOKEN": H.token, "GH_TOKEN": H.token,
                "ACTIONS_RUNTIME_TOKEN": H.token, "DATABASE_PASSWORD": "planted-db-password",
                "NPM_TOKEN": "planted-npm-token", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "planted-oidc",
            ]
            counts.secretsPlanted += secrets.count
            let output = CollectingOutput()
            var variables = secrets
            variables["STEADYSTATE_TERRAFORM_BIN"] = fake
            variables["PATH"] = "/usr/bin:/bin"
            let environment = TestSupport.environment(in: root, variables: variables, output: output)
            let code = await ScanCommand.run(ScanOptions(command: "scan", inputs: .init(), allowsGitHub: false), environment: environment)
            #expect(code == ExitStatus.toolFailed, "\(output.standardOutput)\n\(output.standardError)")
            let received = try String(contentsOfFile: dump, encoding: .utf8)
            let names = received.split(separator: "\n").compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) }
            #expect(!names.isEmpty)
            let allowed: Set<String> = [
                "PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "SSL_CERT_FILE",
                "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
                "KUBECONFIG", "CHECKPOINT_DISABLE", "PWD", "SHLVL", "_",
            ]
            let prefixes = ["TF_", "HELM_", "AWS_", "GOOGLE_", "CLOUDSDK_", "ARM_", "AZURE_"]
            for name in names where !allowed.contains(name) && !prefixes.contains(where: name.hasPrefix) {
                Issue.record("a tool received \(name), which is not on the allow-list")
            }
            for value in Set(secrets.values) where received.contains(value) {
                counts.leaks += 1
                Issue.record("a tool received the planted \(value.prefix(8))…")
            }
        }
    }
}

/// Fake `terraform`/`helm` executables that fail on purpose (real tools are used everywhere else).
enum FakeTool {
    static func write(_ name: String, in folder: String, script: String) throws -> String {
        let path = folder + "/fake-bin/" + name
        try FileManager.default.createDirectory(atPath: folder + "/fake-bin", withIntermediateDirectories: true)
        try ("#!/bin/sh\n" + script).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }
}
