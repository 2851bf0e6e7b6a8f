import Foundation
@testable import GitHub

/// GitHub response bodies for the fuzzer, in the shapes the client decodes, and every decoding call fed one body.
enum GitHubBodies {
    static let issue = #"{"number": 7, "title": "[steadystate] x", "body": "b <!-- steadystate-fp: abc -->", "state": "open", "state_reason": null, "labels": [{"name": "steadystate", "color": "ededed"}], "html_url": "https://github.com/o/r/issues/7"}"#
    static let all = [
        "[" + issue + "," + issue.replacingOccurrences(of: "\"number\": 7", with: "\"number\": 8") + "]",
        #"[{"name": "steadystate", "color": "ededed", "description": null}, {"name": "high"}]"#,
        #"{"default_branch": "main", "html_url": "https://github.com/o/r"}"#,
        #"{"ref": "refs/heads/main", "object": {"sha": "0123456789abcdef0123456789abcdef01234567", "type": "commit"}}"#,
        #"{"sha": "abc", "message": "m\n\nSteadystate-Fingerprint: abc", "tree": {"sha": "def"}, "parents": [{"sha": "012"}]}"#,
        #"{"sha": "def", "tree": [{"path": "infra/main.tf", "sha": "111", "type": "blob"}, {"path": "infra", "type": "tree"}], "truncated": false}"#,
        #"{"type": "file", "encoding": "base64", "content": "aGVsbG8K\n"}"#,
        #"[{"number": 9, "title": "t", "body": null, "state": "open", "html_url": "h", "head": {"ref": "steadystate/x", "sha": "1"}, "base": {"ref": "main", "sha": "2"}, "labels": []}]"#,
        #"[{"id": 5000, "body": "<!-- steadystate-pr-comment -->", "html_url": "h", "user": {"login": "bot"}}]"#,
    ]

    /// Answers every request with one fixed body.
    struct FixedTransport: HTTPTransport {
        var body: Data
        func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
        }
    }

    /// Every decoding call against `body`: each must succeed or throw a `GitHubError` naming its call.
    static func decodeAll(_ body: Data) async -> ParserFuzzTests.Outcome {
        let client = GitHubClient(
            configuration: GitHubConfiguration(
                token: "ghs_fuzz", repository: RepositorySlug(owner: "o", name: "r"),
                apiBase: URL(string: "https://api.github.invalid") ?? URL(fileURLWithPath: "/")),
            transport: FixedTransport(body: body), sleep: { _ in })
        var rejection: String?
        for call in 0..<9 {
            do throws(GitHubError) {
                try await decode(call, client)
            } catch {
                rejection = rejection ?? error.description
                guard error.description.contains("GET /repos/o/r") else { return .rejected(error.description) }
            }
        }
        return rejection.map(ParserFuzzTests.Outcome.rejected) ?? .accepted
    }

    /// One decoding call, by number (an array of typed-throwing closures crashes the 6.3 compiler).
    static func decode(_ call: Int, _ client: GitHubClient) async throws(GitHubError) {
        switch call {
        case 0: _ = try await client.listIssues(label: "steadystate")
        case 1: _ = try await client.listLabels()
        case 2: _ = try await client.repository()
        case 3: _ = try await client.branchHead("main")
        case 4: _ = try await client.commit("abc")
        case 5: _ = try await client.tree("def")
        case 6: _ = try await client.fileContent(path: "infra/main.tf", ref: "main")
        case 7: _ = try await client.listOpenPulls(headPrefix: "steadystate/")
        default: _ = try await client.listComments(issue: 7)
        }
    }
}
