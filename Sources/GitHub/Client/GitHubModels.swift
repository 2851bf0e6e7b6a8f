import Foundation

/// `owner/name`, as GitHub spells it in URLs.
public struct RepositorySlug: Sendable, Hashable, Codable, CustomStringConvertible {
    public var owner: String
    public var name: String

    public init(owner: String, name: String) {
        self.owner = owner
        self.name = name
    }

    /// Parses `owner/name`; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(owner: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(owner)/\(name)" }
}

/// The parts of `GET /repos/{repo}` the bot needs.
public struct RepositoryInfo: Sendable, Equatable, Codable {
    public var defaultBranch: String
    public var htmlURL: String

    public init(defaultBranch: String, htmlURL: String) {
        self.defaultBranch = defaultBranch
        self.htmlURL = htmlURL
    }
}

/// An issue (or, when `isPullRequest`, the issue side of a pull request) as listed by the issues API.
public struct IssueRecord: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable { case open, closed }

    public var number: Int
    public var title: String
    /// GitHub sends `null` for an empty body; it is "" here.
    public var body: String
    public var state: State
    /// `completed`, `not_planned`, `reopened` or nil, as GitHub sends it.
    public var stateReason: String?
    public var labels: [String]
    public var htmlURL: String
    public var isPullRequest: Bool

    public init(
        number: Int, title: String, body: String, state: State, stateReason: String? = nil, labels: [String],
        htmlURL: String, isPullRequest: Bool = false
    ) {
        self.number = number
        self.title = title
        self.body = body
        self.state = state
        self.stateReason = stateReason
        self.labels = labels
        self.htmlURL = htmlURL
        self.isPullRequest = isPullRequest
    }
}

/// An issue or pull-request comment.
public struct CommentRecord: Sendable, Equatable, Codable {
    public var id: Int
    public var body: String
    public var htmlURL: String
    public var authorLogin: String

    public init(id: Int, body: String, htmlURL: String, authorLogin: String) {
        self.id = id
        self.body = body
        self.htmlURL = htmlURL
        self.authorLogin = authorLogin
    }
}

/// A label of the repository.
public struct LabelRecord: Sendable, Equatable, Codable {
    public var name: String
    public var color: String
    public var description: String?

    public init(name: String, color: String, description: String? = nil) {
        self.name = name
        self.color = color
        self.description = description
    }
}

/// A pull request as the pulls API lists it.
public struct PullRecord: Sendable, Equatable, Codable {
    public var number: Int
    public var title: String
    public var body: String
    public var state: IssueRecord.State
    public var htmlURL: String
    /// Branch name without `refs/heads/`.
    public var headRef: String
    public var headSHA: String
    public var baseRef: String
    public var labels: [String]

    public init(
        number: Int, title: String, body: String, state: IssueRecord.State, htmlURL: String, headRef: String,
        headSHA: String, baseRef: String, labels: [String]
    ) {
        self.number = number
        self.title = title
        self.body = body
        self.state = state
        self.htmlURL = htmlURL
        self.headRef = headRef
        self.headSHA = headSHA
        self.baseRef = baseRef
        self.labels = labels
    }
}

/// A commit as the Git data API returns it.
public struct GitCommitRecord: Sendable, Equatable, Codable {
    public var sha: String
    public var treeSHA: String
    public var message: String
    public var parentSHAs: [String]

    public init(sha: String, treeSHA: String, message: String, parentSHAs: [String]) {
        self.sha = sha
        self.treeSHA = treeSHA
        self.message = message
        self.parentSHAs = parentSHAs
    }
}

/// One entry of a tree to create: a file with inline content, or a deletion (`content` nil).
public struct TreeChange: Sendable, Equatable, Codable {
    public var path: String
    /// New file content; nil deletes the path (`"sha": null` in the API).
    public var content: String?

    public init(path: String, content: String?) {
        self.path = path
        self.content = content
    }
}

/// One blob entry of an existing tree.
public struct TreeEntryRecord: Sendable, Equatable, Codable {
    public var path: String
    public var sha: String
    public var type: String

    public init(path: String, sha: String, type: String) {
        self.path = path
        self.sha = sha
        self.type = type
    }
}

/// Everything the reconciler asks of GitHub. `GitHubClient` is the one real implementation (REST over
/// URLSession); it is a protocol so the executor can be driven by a dry-run printer as well.
///
/// Calls throw `GitHubError`, which names the call and, for 401/403/404/422, the permission that is missing.
public protocol GitHubAPI: Sendable {
    func repository() async throws(GitHubError) -> RepositoryInfo
    /// Every issue and pull request carrying `label`, open and closed, all pages.
    func listIssues(label: String) async throws(GitHubError) -> [IssueRecord]
    func createIssue(title: String, body: String, labels: [String]) async throws(GitHubError) -> IssueRecord
    /// Changes only the fields given; `state` with `stateReason` (`completed`, `not_planned`, `reopened`).
    func updateIssue(
        number: Int, title: String?, body: String?, state: IssueRecord.State?, stateReason: String?,
        labels: [String]?
    ) async throws(GitHubError) -> IssueRecord
    /// Every comment of an issue or pull request, all pages.
    func listComments(issue: Int) async throws(GitHubError) -> [CommentRecord]
    func createComment(issue: Int, body: String) async throws(GitHubError) -> CommentRecord
    func updateComment(id: Int, body: String) async throws(GitHubError) -> CommentRecord
    func listLabels() async throws(GitHubError) -> [LabelRecord]
    func createLabel(_ label: LabelRecord) async throws(GitHubError) -> LabelRecord
    /// The commit a branch points at; nil when the branch does not exist (404).
    func branchHead(_ branch: String) async throws(GitHubError) -> String?
    func createBranch(_ branch: String, sha: String) async throws(GitHubError)
    /// Moves a branch; `force` allows a non-fast-forward move.
    func updateBranch(_ branch: String, sha: String, force: Bool) async throws(GitHubError)
    func deleteBranch(_ branch: String) async throws(GitHubError)
    func commit(_ sha: String) async throws(GitHubError) -> GitCommitRecord
    /// The blobs of a tree, recursively.
    func tree(_ sha: String) async throws(GitHubError) -> [TreeEntryRecord]
    /// A file's bytes at a ref (contents API); nil when the path does not exist there (404).
    func fileContent(path: String, ref: String) async throws(GitHubError) -> Data?
    /// A new tree: `base` plus the changes (inline content, mode 100644; nil content deletes).
    func createTree(base: String, changes: [TreeChange]) async throws(GitHubError) -> String
    func createCommit(message: String, tree: String, parents: [String]) async throws(GitHubError) -> GitCommitRecord
    /// Pull requests whose head is `branch` in this repository, in any state.
    func listPulls(head branch: String) async throws(GitHubError) -> [PullRecord]
    /// Open pull requests whose head branch starts with `prefix` (all pages), for finding stale fix PRs.
    func listOpenPulls(headPrefix prefix: String) async throws(GitHubError) -> [PullRecord]
    func createPull(title: String, head: String, base: String, body: String) async throws(GitHubError) -> PullRecord
    func updatePull(number: Int, title: String?, body: String?, state: IssueRecord.State?) async throws(GitHubError)
        -> PullRecord
    func addLabels(issue: Int, labels: [String]) async throws(GitHubError)
}
