import Foundation
@testable import GitHub
import GitHubEmulator
import Testing

/// The REST client: configuration resolution as a table, and HTTP behaviour against the emulator on loopback.
struct GitHubConfigurationTests {
    @Test(arguments: [
        // environment, remote, expected repository, expected API base
        (["GITHUB_TOKEN": "t", "STEADYSTATE_GITHUB_REPO": "a/b", "GITHUB_REPOSITORY": "c/d"], "git@github.com:e/f.git", "a/b", "https://api.github.com"),
        (["GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "c/d"], "git@github.com:e/f.git", "c/d", "https://api.github.com"),
        (["GITHUB_TOKEN": "t"], "https://x-access-token:secret@github.com/e/f.git", "e/f", "https://api.github.com"),
        (["GITHUB_TOKEN": "t"], "git@ghe.corp.example:team/infra.git", "team/infra", "https://ghe.corp.example/api/v3"),
        (["GITHUB_TOKEN": "t"], "ssh://git@ghe.corp.example:2222/team/infra", "team/infra", "https://ghe.corp.example/api/v3"),
        (["GITHUB_TOKEN": "t", "GITHUB_API_URL": "https://ghe.corp.example/api/v3/"], "git@ghe.corp.example:team/infra.git", "team/infra", "https://ghe.corp.example/api/v3"),
    ] as [([String: String], String, String, String)])
    func resolves(environment: [String: String], remote: String, repository: String, base: String) throws {
        let configuration = try GitHubConfiguration.resolve(environment: environment, gitRemoteURL: remote)
        #expect(configuration.repository.description == repository)
        #expect(configuration.apiBase.absoluteString == base)
    }

    @Test func theTokenPrecedenceAndItsAbsence() throws {
        let both = try GitHubConfiguration.resolve(
            environment: ["STEADYSTATE_GITHUB_TOKEN": "ours", "GITHUB_TOKEN": "theirs", "GITHUB_REPOSITORY": "a/b"],
            gitRemoteURL: nil)
        #expect(both.token == "ours")
        #expect(!both.description.contains("ours") && !"\(both)".contains("ours"))
        #expect(throws: GitHubError.missingToken) {
            try GitHubConfiguration.resolve(environment: ["GITHUB_REPOSITORY": "a/b"], gitRemoteURL: nil)
        }
        #expect(throws: GitHubError.missingRepository) {
            try GitHubConfiguration.resolve(environment: ["GITHUB_TOKEN": "t"], gitRemoteURL: nil)
        }
        #expect(throws: GitHubError.badAPIBase("file:///etc")) {
            try GitHubConfiguration.resolve(
                environment: ["GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "a/b", "GITHUB_API_URL": "file:///etc"],
                gitRemoteURL: nil)
        }
    }

    @Test func linkHeadersGiveTheNextPage() {
        let header = #"<https://api.github.com/repositories/1000/issues?per_page=3&page=2>; rel="next", <https://api.github.com/repositories/1000/issues?per_page=3&page=5>; rel="last""#
        #expect(GitHubClient.nextLink(header)?.absoluteString == "https://api.github.com/repositories/1000/issues?per_page=3&page=2")
        #expect(GitHubClient.nextLink(#"<https://x/y?page=1>; rel="prev""#) == nil)
        #expect(GitHubClient.nextLink(nil) == nil)
    }
}

/// Records the backoff instead of sleeping, so retries are tested without waiting.
final class SleepRecorder: @unchecked Sendable {
    // @unchecked: every access to `storage` holds `lock`.
    private let lock = NSLock()
    private var storage: [Double] = []
    func record(_ seconds: Double) { lock.withLock { storage.append(seconds) } }
    var sleeps: [Double] { lock.withLock { storage } }
}

final class TraceRecorder: @unchecked Sendable {
    // @unchecked: every access to `storage` holds `lock`.
    private let lock = NSLock()
    private var storage: [String] = []
    func record(_ line: String) { lock.withLock { storage.append(line) } }
    var lines: [String] { lock.withLock { storage } }
}

@Suite(.serialized) struct GitHubClientHTTPTests {
    static let token = "ghs_clientTestToken"

    static func client(_ base: URL, sleeps: SleepRecorder, trace: TraceRecorder, token: String = token) -> GitHubClient {
        GitHubClient(
            configuration: GitHubConfiguration(token: token, repository: RepositorySlug(owner: "o", name: "r"), apiBase: base),
            sleep: { sleeps.record($0) }, trace: { trace.record($0) })
    }

    @Test func paginationRetriesAndErrors() async throws {
        let emulator = GitHubEmulator(token: Self.token)
        let base = try await emulator.start()
        defer { Task { await emulator.stop() } }
        _ = await emulator.seedRepository("o/r", files: ["README.md": "hello\n"])
        let sleeps = SleepRecorder()
        let trace = TraceRecorder()
        let client = Self.client(base, sleeps: sleeps, trace: trace)

        for index in 1...250 {
            _ = await emulator.createIssueAsHuman("o/r", title: "issue \(index)", body: "", labels: ["steadystate"])
        }
        let all = try await client.listIssues(label: "steadystate")
        #expect(all.count == 250)
        #expect(Set(all.map(\.number)).count == 250)
        #expect(trace.lines.filter { $0.hasPrefix("GET /repos/o/r/issues") }.count == 3)

        // A 502 on a read is retried with backoff; the same on a create is not (it may have happened).
        await emulator.inject(.status(502), method: "GET", pathContains: "/labels", times: 1)
        _ = try await client.listLabels()
        #expect(sleeps.sleeps == [1])
        await emulator.inject(.status(502), method: "POST", pathContains: "/issues", times: 1)
        await #expect(throws: GitHubError.server(call: "POST /repos/o/r/issues", status: 502, attempts: 1)) {
            _ = try await client.createIssue(title: "x", body: "", labels: [])
        }

        // A secondary rate limit is waited out for any method.
        await emulator.inject(.secondaryRateLimit(retryAfter: 7), method: "POST", pathContains: "/issues", times: 1)
        let created = try await client.createIssue(title: "after the limit", body: "b", labels: ["steadystate"])
        #expect(created.title == "after the limit")
        #expect(sleeps.sleeps.last == 7)

        // Errors name the call and the permission.
        await emulator.inject(.status(422), method: "PATCH", times: 1)
        await #expect(throws: GitHubError.unprocessable(call: "PATCH /repos/o/r/issues/1", message: "Validation Failed")) {
            _ = try await client.updateIssue(number: 1, title: "t", body: nil, state: nil, stateReason: nil, labels: nil)
        }
        await #expect(throws: GitHubError.unauthorized(call: "GET /repos/o/r")) {
            _ = try await Self.client(base, sleeps: sleeps, trace: trace, token: "wrong").repository()
        }
        #expect(try await client.branchHead("no-such-branch") == nil)
        #expect(try await client.fileContent(path: "README.md", ref: "main") == Data("hello\n".utf8))
        #expect(try await client.fileContent(path: "missing.txt", ref: "main") == nil)
        #expect(trace.lines.allSatisfy { !$0.contains(Self.token) })
    }

    @Test func aReadOnlyTokenIsForbiddenToWrite() async throws {
        let emulator = GitHubEmulator(token: Self.token, readOnlyTokens: ["ghs_ro"])
        let base = try await emulator.start()
        defer { Task { await emulator.stop() } }
        _ = await emulator.seedRepository("o/r", files: [:])
        let client = Self.client(base, sleeps: SleepRecorder(), trace: TraceRecorder(), token: "ghs_ro")
        _ = try await client.listIssues(label: "steadystate")
        do {
            _ = try await client.createIssue(title: "x", body: "", labels: [])
            Issue.record("a read-only token created an issue")
        } catch {
            #expect(error.isPermissionDenied)
            #expect(error.description.contains("issues: write"))
        }
    }

    @Test func gitDataRoundTrip() async throws {
        let emulator = GitHubEmulator(token: Self.token)
        let base = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let seed = await emulator.seedRepository("o/r", files: ["infra/main.tf": "a\n"])
        let client = Self.client(base, sleeps: SleepRecorder(), trace: TraceRecorder())
        let head = try #require(try await client.branchHead("main"))
        #expect(head == seed)
        let commit = try await client.commit(head)
        let tree = try await client.createTree(base: commit.treeSHA, changes: [TreeChange(path: "infra/fix.tf.json", content: "{}\n")])
        let next = try await client.createCommit(message: "fix", tree: tree, parents: [head])
        try await client.createBranch("steadystate/fix-1", sha: next.sha)
        #expect(await emulator.file("o/r", ref: "steadystate/fix-1", path: "infra/fix.tf.json") == "{}\n")
        let entries = try await client.tree(next.treeSHA)
        #expect(entries.first { $0.path == "infra/fix.tf.json" }?.sha == FixPullRequests.blobSHA("{}\n"))
        // A non-fast-forward move without force is refused.
        let other = try await client.createCommit(message: "other", tree: commit.treeSHA, parents: [])
        await #expect(throws: GitHubError.self) { try await client.updateBranch("steadystate/fix-1", sha: other.sha, force: false) }
        let pull = try await client.createPull(title: "Fix", head: "steadystate/fix-1", base: "main", body: "body")
        #expect(try await client.listPulls(head: "steadystate/fix-1").map(\.number) == [pull.number])
        #expect(try await client.listOpenPulls(headPrefix: "steadystate/").count == 1)
    }

    @Test func noAnswerIsRetriedForReadsOnly() async throws {
        // A port nothing listens on: connection refused, every time.
        let closed = try #require(URL(string: "http://127.0.0.1:9"))
        let sleeps = SleepRecorder()
        let client = Self.client(closed, sleeps: sleeps, trace: TraceRecorder())
        do {
            _ = try await client.repository()
            Issue.record("a refused connection returned a repository")
        } catch {
            guard case .transport(let call, _, let attempts) = error else { Issue.record("\(error)"); return }
            #expect(call == "GET /repos/o/r" && attempts == 3)
        }
        #expect(sleeps.sleeps == [1, 2])
        do {
            _ = try await client.createIssue(title: "x", body: "", labels: [])
        } catch {
            guard case .transport(_, _, let attempts) = error else { Issue.record("\(error)"); return }
            #expect(attempts == 1)
        }
    }

    @Test func aSlowAnswerTimesOutAndTheReadIsRetried() async throws {
        let emulator = GitHubEmulator(token: Self.token)
        let base = try await emulator.start()
        defer { Task { await emulator.stop() } }
        _ = await emulator.seedRepository("o/r", files: [:])
        // Margins for a loaded 2-core CI machine: the retry must be answered within the client's timeout.
        await emulator.inject(.delay(seconds: 5), method: "GET", pathContains: "/repos/o/r", times: 1)
        let sleeps = SleepRecorder()
        let client = GitHubClient(
            configuration: GitHubConfiguration(token: Self.token, repository: RepositorySlug(owner: "o", name: "r"), apiBase: base),
            transport: URLSessionTransport(timeoutSeconds: 2.5), sleep: { sleeps.record($0) })
        #expect(try await client.repository().defaultBranch == "main")
        #expect(sleeps.sleeps == [1])

        // A connection reset: a read is retried, a create is not (it may have reached GitHub).
        await emulator.inject(.dropConnection, method: "GET", times: 1)
        #expect(try await client.listLabels().isEmpty)
        await emulator.inject(.dropConnection, method: "POST", times: 1)
        do {
            _ = try await client.createIssue(title: "x", body: "", labels: [])
            Issue.record("a dropped create returned an issue")
        } catch {
            guard case .transport(_, _, 1) = error else { Issue.record("\(error)"); return }
        }
        #expect(await emulator.issues("o/r").isEmpty)
    }
}
