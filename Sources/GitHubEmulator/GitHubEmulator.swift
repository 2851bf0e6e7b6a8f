import Crypto
import FlyingFox
import Foundation

/// A GitHub REST emulator on loopback for tests: real HTTP, GitHub's response shapes (as recorded in
/// octokit/fixtures), `Link` pagination, rate-limit headers, error bodies, and injectable faults.
///
/// State lives in an actor, so two clients at once (two `ci` runs) see one consistent repository.
public final class GitHubEmulator: Sendable {
    /// A fault applied before the handler runs, so the faulted request has no effect.
    public enum Fault: Sendable, Equatable {
        case status(Int)
        /// 403 with `retry-after` and GitHub's secondary-limit message.
        case secondaryRateLimit(retryAfter: Int)
        /// 403 with `x-ratelimit-remaining: 0` and a reset `resetIn` seconds away.
        case primaryRateLimitExhausted(resetIn: Int)
        /// Sleeps before answering (a slow GitHub).
        case delay(seconds: Double)
        /// Closes the socket without sending a byte (a reset mid-request).
        case dropConnection
    }

    let state: EmulatorState
    let server: HTTPServer

    public init(token: String = "test-token", readOnlyTokens: Set<String> = []) {
        let state = EmulatorState(token: token, readOnlyTokens: readOnlyTokens)
        self.state = state
        // Force-unwrap-free: a 127.0.0.1 literal always parses.
        let address = (try? sockaddr_in.inet(ip4: "127.0.0.1", port: 0)) ?? .inet(port: 0)
        self.server = HTTPServer(address: address, timeout: 30, logger: .disabled)
    }

    /// Starts listening; returns the base URL to put in `GITHUB_API_URL`.
    public func start() async throws -> URL {
        await server.appendRoute("*") { [state] request in await state.respond(to: request) }
        let task = Task { [server] in try await server.run() }
        await state.keep(task)
        try await server.waitUntilListening()
        guard let address = await server.listeningAddress, case let .ip4(_, port) = address,
            let url = URL(string: "http://127.0.0.1:\(port)")
        else { throw EmulatorError.notListening }
        await state.setBase(url.absoluteString)
        return url
    }

    public func stop() async {
        await server.stop()
        await state.cancelServer()
    }

    @discardableResult
    public func seedRepository(_ slug: String, defaultBranch: String = "main", files: [String: String]) async -> String {
        await state.seed(slug, defaultBranch: defaultBranch, files: files)
    }

    /// A commit by a person on top of `branch` (nil content deletes a file); returns its sha.
    @discardableResult
    public func pushCommit(_ slug: String, branch: String, files: [String: String?], message: String) async -> String {
        await state.push(slug, branch: branch, files: files, message: message)
    }

    public func inject(_ fault: Fault, method: String? = nil, pathContains: String? = nil, times: Int = 1) async {
        await state.inject(EmulatorState.Injection(fault: fault, method: method?.uppercased(), pathContains: pathContains, remaining: times))
    }

    /// Faults exactly the request with this 0-based arrival number, whatever it is: a fault matrix walks every
    /// call of a clean run by its index.
    public func inject(_ fault: Fault, atRequest ordinal: Int) async {
        await state.inject(EmulatorState.Injection(fault: fault, method: nil, pathContains: nil, remaining: 1, ordinal: ordinal))
    }

    public func issues(_ slug: String) async -> [EmulatedIssue] { await state.issueList(slug) }
    public func pulls(_ slug: String) async -> [EmulatedPull] { await state.pullList(slug) }
    public func branches(_ slug: String) async -> [String: String] { await state.branchMap(slug) }
    public func file(_ slug: String, ref: String, path: String) async -> String? { await state.file(slug, ref: ref, path: path) }
    public func labels(_ slug: String) async -> [String] { await state.labelNames(slug) }
    public func requestLog() async -> [LoggedRequest] { await state.log }

    @discardableResult
    public func createIssueAsHuman(_ slug: String, title: String, body: String, labels: [String]) async -> Int {
        await state.humanIssue(slug, title: title, body: body, labels: labels)
    }

    public func closeIssueAsHuman(_ slug: String, number: Int, reason: String) async {
        await state.humanClose(slug, number: number, reason: reason)
    }
}

enum EmulatorError: Error { case notListening }

/// An issue (or the issue side of a pull request) as the emulator holds it.
public struct EmulatedIssue: Sendable, Equatable {
    public var number: Int
    public var title: String
    public var body: String
    public var state: String
    public var stateReason: String?
    public var labels: [String]
    public var isPullRequest: Bool
    public var comments: [String]
}

public struct EmulatedPull: Sendable, Equatable {
    public var number: Int
    public var title: String
    public var body: String
    public var state: String
    public var head: String
    public var base: String
    public var headSHA: String
    public var labels: [String]
}

/// One request as the server saw it.
public struct LoggedRequest: Sendable, Equatable {
    public var method: String
    /// Path and query.
    public var path: String
    public var status: Int
    public var authorization: String?
    public var body: String
}

/// Git object ids the way git computes a blob's; trees and commits get deterministic SHA-1s of their content.
enum GitID {
    static func sha1(_ data: Data) -> String { Insecure.SHA1.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    static func blob(_ content: Data) -> String {
        var data = Data("blob \(content.count)\0".utf8)
        data.append(content)
        return sha1(data)
    }
}

/// FlyingFox calls `makeFrames` before it writes the 101 header; throwing there makes its connection loop close
/// the socket with nothing sent: the only way to drop a connection from a FlyingFox handler (a thrown handler
/// error becomes a 500).
struct DropConnectionHandler: WSHandler {
    struct Dropped: Error {}
    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}
