import Core
import Foundation
import GitHubEmulator
import Testing

/// The built `steadystate ci` binary against the GitHub emulator (a real HTTP server on loopback), in a real git
/// repository in a temporary folder. Serialized: each test owns its emulator, but the binary is shared.
@Suite(.serialized) struct GitHubEndToEndTests {
    static let token = "ghs_e2eSecretToken0123456789abcdef"
    static let slug = "acme/infra"
    /// A plan with nothing in it: every finding of the bundled example clears.
    static let cleanPlan = #"{"format_version":"1.2","terraform_version":"1.15.5","planned_values":{"root_module":{}},"resource_changes":[],"configuration":{"root_module":{}}}"#

    /// One run of the binary: exit status and everything it printed.
    struct Run {
        var status: Int32
        var output: String
        var report: String
    }

    /// One test's world: a running emulator with the seeded repository, and a fresh checkout of the example.
    struct Scene {
        var emulator: GitHubEmulator
        var api: URL
        var root: String

        func tearDown() {
            let emulator = self.emulator
            Task { await emulator.stop() }
            TestSupport.cleanUp(root)
        }
    }

    static func scene() async throws -> Scene {
        let emulator = GitHubEmulator(token: Self.token)
        let api = try await emulator.start()
        do {
            let root = try Self.makeRepository()
            _ = await emulator.seedRepository(Self.slug, files: [:])
            return Scene(emulator: emulator, api: api, root: root)
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// A repository holding the bundled example, committed, with `to = "github"`.
    static func makeRepository(extraConfig: String = "") throws -> String {
        let root = try TestSupport.temporaryDirectory("gh-e2e")
        try FileManager.default.removeItem(atPath: root)
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/examples/demo", toPath: root)
        let config = root + "/steadystate/config.toml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "to = \"console\"", with: "to = \"console,github\"") + extraConfig
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        if Git.isAvailable {
            _ = try Git.run(["init", "-q", "-b", "main"], in: root)
            _ = try Git.run(["remote", "add", "origin", "git@github.com:acme/infra.git"], in: root)
        }
        return root
    }

    static func files(under root: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root)
        where !path.hasPrefix(".git") && !path.hasPrefix(".steadystate") {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[path] = try String(contentsOfFile: root + "/" + path, encoding: .utf8) }
        }
        return files
    }

    static func run(
        _ arguments: [String], in root: String, api: URL, extra: [String: String] = [:], token: String? = token
    ) async throws -> Run {
        try await TestSupport.offPool { try runBlocking(arguments, in: root, api: api, extra: extra, token: token) }
    }

    static func runBlocking(
        _ arguments: [String], in root: String, api: URL, extra: [String: String], token: String?
    ) throws -> Run {
        let binary = TestSupport.packageRoot + "/.build/debug/steadystate"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the package first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var environment = [
            "PATH": TestSupport.packageRoot + "/.tools/bin:/usr/bin:/bin", "HOME": root,
            "GITHUB_API_URL": api.absoluteString, "GITHUB_REPOSITORY": slug, "NO_COLOR": "1",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
        ]
        if let token { environment["GITHUB_TOKEN"] = token }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = (try? String(contentsOfFile: root + "/.steadystate/report.json", encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), report: report)
    }

    static func writes(_ log: [LoggedRequest]) -> [LoggedRequest] { log.filter { $0.method != "GET" } }

    static func expectNoToken(_ run: Run, _ log: [LoggedRequest]) {
        #expect(!run.output.contains(token), "the token leaked into the output")
        #expect(!run.report.contains(token), "the token leaked into the run report")
        for request in log {
            #expect(!request.path.contains(token) && !request.body.contains(token), "the token leaked into a request")
        }
    }

    /// Issues the Python original filed must be recognised, not duplicated.
    @Test func issuesTheOriginalOpenedAreRecognised() async throws {
        guard Git.require(#function) != nil else { return }
        let python = TestSupport.packageRoot + "/.tools/orig-venv/bin/steadystate"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            if TestSupport.isCI { Issue.record("the original is needed in CI (scripts/install-original.sh)") }
            return
        }
        let scene = try await Self.scene()
        defer { scene.tearDown() }
        let (emulator, api, root) = (scene.emulator, scene.api, scene.root)
        let original = try await TestSupport.offPool { () throws -> String in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["ci", "--to", "github", "--fail-on", "none"]
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            process.environment = [
                "PATH": "/usr/bin:/bin", "HOME": root, "GITHUB_API_URL": api.absoluteString,
                "STEADYSTATE_GITHUB_REPO": Self.slug, "STEADYSTATE_GITHUB_TOKEN": Self.token,
                "STEADYSTATE_GITHUB_SEVERITY": "high",
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        let filed = await emulator.issues(Self.slug)
        try #require(!filed.isEmpty, "the original filed nothing: \(original)")
        let ours = try await Self.run(["ci"], in: root, api: api)
        #expect(ours.status == 1)
        // Every fingerprint has at most one open issue, and the original's issues that name a finding we also
        // report are kept (edited into our format), not duplicated.
        let after = await emulator.issues(Self.slug)
        let open = after.filter { $0.state == "open" }
        let keys = open.compactMap { issue in issue.body.range(of: "steadystate-fp: ").map { String(issue.body[$0.upperBound...].prefix(64)) } }
        #expect(Set(keys).count == keys.count, "duplicates: \(open.map(\.title))")
        let recognised = filed.filter { old in open.contains { $0.number == old.number } }
        #expect(!recognised.isEmpty, "none of the original's issues was recognised: \(original)\n\(ours.output)")
        print("original filed \(filed.count) issue(s); after our run \(recognised.count) of them stay open as ours, \(open.count) open in all")
    }

    @Test func issuesOpenOnceStayQuietCloseWhenFixedAndReopenWhenBack() async throws {
        guard Git.require(#function) != nil else { return }
        let emulator = GitHubEmulator(token: Self.token)
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let root = try Self.makeRepository()
        defer { TestSupport.cleanUp(root) }
        _ = await emulator.seedRepository(Self.slug, files: try Self.files(under: root))

        // First run: one issue per finding at or above the bar (high), labelled, with the original's marker.
        let first = try await Self.run(["ci"], in: root, api: api)
        #expect(first.status == 1, "\(first.output)")
        let opened = await emulator.issues(Self.slug)
        #expect(opened.count == 9, "\(first.output)")
        #expect(opened.allSatisfy { $0.state == "open" && $0.labels.contains("steadystate") && $0.labels.contains("infra") })
        #expect(opened.allSatisfy { $0.body.contains("<!-- steadystate-fp: ") && $0.title.hasPrefix("[steadystate] ") })
        #expect(first.output.contains("issue opened #"))
        let afterFirst = await emulator.requestLog().count

        // Rerun: nothing changes on GitHub.
        let second = try await Self.run(["ci"], in: root, api: api)
        #expect(second.status == 1)
        let secondLog = Array(await emulator.requestLog().dropFirst(afterFirst))
        #expect(Self.writes(secondLog).isEmpty, "a rerun wrote: \(Self.writes(secondLog).map(\.path))")

        // Waive the public database: its issue closes as not planned with the reason.
        let config = root + "/steadystate/config.toml"
        try (try String(contentsOfFile: config, encoding: .utf8) + """

            [[suppress]]
            rule = "aws-rds-public"
            reason = "temporary exposure for the migration window"
            expires = 2099-01-01

            """).write(toFile: config, atomically: true, encoding: .utf8)
        let third = try await Self.run(["ci"], in: root, api: api)
        #expect(third.status == 1)
        let rds = try #require(await emulator.issues(Self.slug).first { $0.title.contains("aws_db_instance.public") || $0.body.contains("aws-rds-public") })
        #expect(rds.state == "closed" && rds.stateReason == "not_planned")
        #expect(rds.comments.contains { $0.contains("temporary exposure for the migration window") })

        // Lift the waiver: the same issue reopens (no duplicate) with a comment.
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "rule = \"aws-rds-public\"", with: "rule = \"no-such-rule\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let fourth = try await Self.run(["ci"], in: root, api: api)
        #expect(fourth.status == 1)
        let issues = await emulator.issues(Self.slug)
        #expect(issues.count == 9)
        let reopened = try #require(issues.first { $0.number == rds.number })
        #expect(reopened.state == "open")
        #expect(reopened.comments.contains { $0.contains("back") })

        // A clean plan: every issue closes as completed.
        try Self.cleanPlan.write(toFile: root + "/infra/plan.json", atomically: true, encoding: .utf8)
        let fifth = try await Self.run(["ci"], in: root, api: api)
        #expect(fifth.status == 0, "\(fifth.output)")
        #expect(await emulator.issues(Self.slug).allSatisfy { $0.state == "closed" })
        for run in [first, second, third, fourth, fifth] { Self.expectNoToken(run, await emulator.requestLog()) }
    }

    @Test func aFailingToolNeverClosesItsIssues() async throws {
        guard Git.require(#function) != nil else { return }
        let scene = try await Self.scene()
        defer { scene.tearDown() }
        let (emulator, api, root) = (scene.emulator, scene.api, scene.root)
        #expect(try await Self.run(["ci"], in: root, api: api).status == 1)
        try "not json".write(toFile: root + "/infra/plan.json", atomically: true, encoding: .utf8)
        let broken = try await Self.run(["ci"], in: root, api: api)
        #expect(broken.status == 2 || broken.status == 3, "\(broken.output)")
        #expect(await emulator.issues(Self.slug).allSatisfy { $0.state == "open" })
    }

    @Test func aPullRequestRunKeepsOneStickyComment() async throws {
        guard Git.require(#function) != nil else { return }
        let scene = try await Self.scene()
        defer { scene.tearDown() }
        let (emulator, api, root) = (scene.emulator, scene.api, scene.root)
        let pull = await emulator.createIssueAsHuman(Self.slug, title: "Change the bastion", body: "", labels: [])
        let event = root + "/event.json"
        try #"{"number": \#(pull), "pull_request": {"number": \#(pull)}}"#.write(toFile: event, atomically: true, encoding: .utf8)
        let environment = ["GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": event]

        let first = try await Self.run(["ci"], in: root, api: api, extra: environment)
        #expect(first.status == 1)
        var thread = try #require(await emulator.issues(Self.slug).first { $0.number == pull })
        #expect(thread.comments.count == 1)
        #expect(thread.comments[0].contains("new in this pull request | 9"), "\(thread.comments)")
        // No issues are filed from a pull request run.
        #expect(await emulator.issues(Self.slug).count == 1)

        try "# touched\n".write(toFile: root + "/infra/NOTES.md", atomically: true, encoding: .utf8)
        let second = try await Self.run(["ci", "--fail-on", "critical"], in: root, api: api, extra: environment)
        #expect(second.status == 1)
        thread = try #require(await emulator.issues(Self.slug).first { $0.number == pull })
        #expect(thread.comments.count == 1, "the comment must be edited in place, not posted again")
        #expect(thread.comments[0].contains("at/above 'critical'"))
    }

    @Test func withoutATokenGitHubIsSkippedAndTheGateStands() async throws {
        let emulator = GitHubEmulator(token: Self.token)
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let root = try Self.makeRepository()
        defer { TestSupport.cleanUp(root) }
        let run = try await Self.run(["ci"], in: root, api: api, token: nil)
        #expect(run.status == 1)
        #expect(run.output.contains("no token"))
        #expect(await emulator.requestLog().isEmpty)
    }

    @Test func aDryRunWritesNothing() async throws {
        let scene = try await Self.scene()
        defer { scene.tearDown() }
        let (emulator, api, root) = (scene.emulator, scene.api, scene.root)
        let run = try await Self.run(["ci", "--dry-run"], in: root, api: api)
        #expect(run.status == 1)
        #expect(run.output.contains("dry run: would POST /repos/acme/infra/issues"))
        #expect(Self.writes(await emulator.requestLog()).isEmpty)
        #expect(await emulator.issues(Self.slug).isEmpty)
    }

    @Test func aReadOnlyTokenDegradesWithoutFailingTheGateForTheWrongReason() async throws {
        let emulator = GitHubEmulator(token: Self.token, readOnlyTokens: ["ghs_readonly"])
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let root = try Self.makeRepository()
        defer { TestSupport.cleanUp(root) }
        _ = await emulator.seedRepository(Self.slug, files: [:])
        let run = try await Self.run(["ci", "--fail-on", "none"], in: root, api: api, token: "ghs_readonly")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("cannot write"))
    }

    @Test func faultsEndConvergedOrInAClearErrorWithNoDuplicates() async throws {
        let scene = try await Self.scene()
        defer { scene.tearDown() }
        let (emulator, api, root) = (scene.emulator, scene.api, scene.root)

        // A 502 on a read is retried; a secondary rate limit is waited out.
        await emulator.inject(.status(502), method: "GET", pathContains: "/issues", times: 1)
        await emulator.inject(.secondaryRateLimit(retryAfter: 1), method: "POST", pathContains: "/issues", times: 1)
        await emulator.inject(.dropConnection, method: "GET", pathContains: "/labels", times: 1)
        let first = try await Self.run(["ci", "--fail-on", "none"], in: root, api: api)
        #expect(first.status == 0, "\(first.output)")
        #expect(await emulator.issues(Self.slug).count == 9)

        // A 500 on a write stops the step with one clear line and exit 4; the rerun converges.
        try Self.cleanPlan.write(toFile: root + "/infra/plan.json", atomically: true, encoding: .utf8)
        await emulator.inject(.status(500), method: "PATCH", pathContains: "/issues/", times: 1)
        let failed = try await Self.run(["ci", "--fail-on", "none"], in: root, api: api)
        #expect(failed.status == 4, "\(failed.output)")
        #expect(failed.output.contains("GitHub: PATCH /repos/acme/infra/issues/"))
        let rerun = try await Self.run(["ci", "--fail-on", "none"], in: root, api: api)
        #expect(rerun.status == 0, "\(rerun.output)")
        let issues = await emulator.issues(Self.slug)
        #expect(issues.count == 9 && issues.allSatisfy { $0.state == "closed" })
    }

    @Test func twoRunsAtOnceLeaveNoDuplicates() async throws {
        let emulator = GitHubEmulator(token: Self.token)
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let root = try Self.makeRepository()
        defer { TestSupport.cleanUp(root) }
        let twin = try Self.makeRepository()
        defer { TestSupport.cleanUp(twin) }
        _ = await emulator.seedRepository(Self.slug, files: [:])
        async let one = Self.run(["ci", "--fail-on", "none"], in: root, api: api)
        async let two = Self.run(["ci", "--fail-on", "none"], in: twin, api: api)
        let (first, second) = try await (one, two)
        let open = await emulator.issues(Self.slug).filter { $0.state == "open" }
        let keys = open.compactMap { issue in issue.body.range(of: "steadystate-fp: ").map { String(issue.body[$0.upperBound...].prefix(64)) } }
        #expect(open.count == 9 && Set(keys).count == 9, "open: \(open.map(\.title))\n\(first.output)\n\(second.output)")
    }

    /// Real terraform: state recorded from one configuration, the committed configuration changed since.
    @Test func driftGetsAFixPullRequestThatClosesItselfWhenTheDriftClears() async throws {
        guard Git.require(#function) != nil, let terraform = TestSupport.terraformBinary else {
            if TestSupport.isCI { Issue.record("terraform is needed in CI") }
            return
        }
        let emulator = GitHubEmulator(token: Self.token)
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let root = try TestSupport.temporaryDirectory("gh-drift")
        defer { TestSupport.cleanUp(root) }
        let applied = """
            resource "terraform_data" "web" {
              input = "v1"
            }

            resource "terraform_data" "old" {
              input = "keep-me"
            }

            """
        try TestSupport.write([
            "infra/main.tf": applied,
            "steadystate/config.toml": """
                [defaults]
                source = "terraform-state"
                path = "infra"

                [ci]
                fail_on = "none"
                to = "console,github"
                deliver = "github-pr"

                """,
        ], under: root)
        let rc = TestSupport.packageRoot + "/.tools/terraformrc"
        let tfEnvironment = ["TF_CLI_CONFIG_FILE": rc, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"]
        for arguments in [["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: terraform)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: root + "/infra")
            process.environment = tfEnvironment.merging(["PATH": "/usr/bin:/bin", "HOME": root]) { a, _ in a }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "terraform \(arguments) failed")
        }
        // The committed configuration moves on: web's input changes and `old` is deleted.
        try TestSupport.write(["infra/main.tf": "resource \"terraform_data\" \"web\" {\n  input = \"v2\"\n}\n"], under: root)
        _ = try Git.run(["init", "-q", "-b", "main"], in: root)
        let committed = try Self.files(under: root).filter { !$0.key.contains(".terraform") && !$0.key.contains("tfstate") }
        _ = await emulator.seedRepository(Self.slug, files: committed)

        let first = try await Self.run(["ci"], in: root, api: api, extra: tfEnvironment)
        #expect(first.status == 0, "\(first.output)")
        let pulls = await emulator.pulls(Self.slug)
        #expect(pulls.count == 2, "\(first.output)")
        let restore = try #require(pulls.first { $0.head == "steadystate/terraform_data.web" }, "\(pulls.map(\.head))")
        let override = await emulator.file(Self.slug, ref: restore.head, path: "infra/steadystate_terraform_data.web_override.tf.json")
        #expect(override?.contains("\"input\" : \"v1\"") == true, "\(override ?? "nil")")
        #expect(restore.labels.contains("steadystate:needs-review"))
        let readd = try #require(pulls.first { $0.head == "steadystate/terraform_data.old" })
        let restored = await emulator.file(Self.slug, ref: readd.head, path: "infra/steadystate_restored_terraform_data.old.tf.json")
        #expect(restored?.contains("keep-me") == true && restored?.contains("\"id\"") == false, "\(restored ?? "nil")")
        #expect(readd.title == "Restore deleted declaration for terraform_data `old`")
        let branches = await emulator.branches(Self.slug)

        // Rerun: no push, no edit.
        let logged = await emulator.requestLog().count
        let second = try await Self.run(["ci"], in: root, api: api, extra: tfEnvironment)
        #expect(second.status == 0)
        let secondWrites = Self.writes(Array(await emulator.requestLog().dropFirst(logged)))
        #expect(secondWrites.isEmpty, "\(secondWrites.map { "\($0.method) \($0.path)" })")
        #expect(await emulator.branches(Self.slug) == branches)

        // A person pushes to the restore branch: steadystate never moves it again.
        let human = await emulator.pushCommit(
            Self.slug, branch: restore.head,
            files: ["infra/steadystate_terraform_data.web_override.tf.json": "{\"resource\": {}}\n"],
            message: "Tweak the restore by hand")
        let fourth = try await Self.run(["ci"], in: root, api: api, extra: tfEnvironment)
        #expect(fourth.output.contains("a person pushed to it; left alone"), "\(fourth.output)")
        #expect(await emulator.branches(Self.slug)[restore.head] == human)

        // The configuration walks back to what is applied: both PRs close; our branch goes, the person's stays.
        try TestSupport.write(["infra/main.tf": applied], under: root)
        let third = try await Self.run(["ci"], in: root, api: api, extra: tfEnvironment)
        #expect(third.status == 0, "\(third.output)")
        #expect(await emulator.pulls(Self.slug).allSatisfy { $0.state == "closed" })
        let left = await emulator.branches(Self.slug).keys.filter { $0.hasPrefix("steadystate/") }
        #expect(left == [restore.head], "\(left)")
        Self.expectNoToken(third, await emulator.requestLog())
    }

    /// A vouched runbook fix with a patch becomes a fix PR on `steadystate/fix-<fp12>`, labelled in bound.
    @Test func aRunbookPatchBecomesAFixPullRequest() async throws {
        guard Git.require(#function) != nil else { return }
        let emulator = GitHubEmulator(token: Self.token)
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let root = try Self.makeRepository()
        defer { TestSupport.cleanUp(root) }
        let solutions = #"""
            [{"name": "vpn-only-bastion", "author": "platform-team", "rules": ["aws-sg-ssh-open"],
              "resource": "aws_security_group.bastion", "impact": "low", "reversibility": "high",
              "solution": {"kind": "edit", "target": "{address}"},
              "patch": [{"file": "infra/main.tf", "replace": "description = \"SSH from anywhere (bad)\"",
                         "with": "description = \"SSH from the VPN only\""}]}]
            """#
        try solutions.write(toFile: root + "/steadystate/solutions.json", atomically: true, encoding: .utf8)
        _ = await emulator.seedRepository(Self.slug, files: try Self.files(under: root))

        let first = try await Self.run(["ci", "--deliver", "github-pr"], in: root, api: api)
        #expect(first.status == 1, "\(first.output)")
        let pull = try #require(await emulator.pulls(Self.slug).first { $0.head.hasPrefix("steadystate/fix-") }, "\(first.output)")
        let patched = await emulator.file(Self.slug, ref: pull.head, path: "infra/main.tf")
        #expect(patched?.contains("description = \"SSH from the VPN only\"") == true)
        #expect(pull.labels.contains("steadystate:in-bound"))
        #expect(pull.body.contains("vpn-only-bastion") && pull.body.contains("<!-- steadystate-fp: "))
        #expect(first.output.contains("fix PR opened #"))

        let logged = await emulator.requestLog().count
        _ = try await Self.run(["ci", "--deliver", "github-pr"], in: root, api: api)
        #expect(Self.writes(Array(await emulator.requestLog().dropFirst(logged))).isEmpty)

        // The finding is waived: the fix PR closes and its branch is deleted.
        let fingerprint = try #require(pull.body.range(of: "steadystate-fp: ").map { String(pull.body[$0.upperBound...].prefix(64)) })
        let config = root + "/steadystate/config.toml"
        try (try String(contentsOfFile: config, encoding: .utf8) + "\n[[suppress]]\nfingerprint = \"\(fingerprint)\"\nreason = \"bastion retired next week\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let third = try await Self.run(["ci", "--deliver", "github-pr"], in: root, api: api)
        #expect(await emulator.pulls(Self.slug).first { $0.number == pull.number }?.state == "closed", "\(third.output)")
        #expect(await emulator.branches(Self.slug)[pull.head] == nil)
    }
}
