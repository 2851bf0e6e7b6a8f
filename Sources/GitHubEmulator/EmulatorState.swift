import FlyingFox
import Foundation

/// Everything the emulator holds, behind one actor.
actor EmulatorState {
    struct Injection: Sendable {
        var fault: GitHubEmulator.Fault
        var method: String?
        var pathContains: String?
        var remaining: Int
        /// When set, only the request with this 0-based arrival number (counted from the start) is faulted.
        var ordinal: Int? = nil
    }

    struct Commit { var tree: [String: String]; var message: String; var parents: [String] }

    final class Repository {
        var id: Int
        var owner: String
        var name: String
        var defaultBranch: String
        var issues: [Int: [String: Any]] = [:]
        var comments: [Int: [[String: Any]]] = [:]
        var labels: [String: [String: Any]] = [:]
        var pulls: [Int: [String: Any]] = [:]
        var refs: [String: String] = [:]
        var nextNumber = 1
        init(id: Int, owner: String, name: String, defaultBranch: String) {
            self.id = id
            self.owner = owner
            self.name = name
            self.defaultBranch = defaultBranch
        }
        var slug: String { "\(owner)/\(name)" }
    }

    let token: String
    let readOnlyTokens: Set<String>
    var base = "http://127.0.0.1"
    var repositories: [String: Repository] = [:]
    var blobs: [String: Data] = [:]
    var trees: [String: [String: String]] = [:]
    var commits: [String: Commit] = [:]
    var injections: [Injection] = []
    var log: [LoggedRequest] = []
    /// Requests received so far, counted on arrival (before any fault or delay).
    var received = 0
    var nextCommentID = 5000
    var commitCounter = 0
    var remaining = 5000
    var serverTask: Task<Void, any Error>?

    init(token: String, readOnlyTokens: Set<String>) {
        self.token = token
        self.readOnlyTokens = readOnlyTokens
    }

    func keep(_ task: Task<Void, any Error>) { serverTask = task }
    func cancelServer() { serverTask?.cancel() }
    func setBase(_ base: String) { self.base = base }
    func inject(_ injection: Injection) { injections.append(injection) }

    // MARK: Git objects

    func storeTree(_ entries: [String: String]) -> String {
        let text = entries.keys.sorted().map { "\($0)\0\(entries[$0] ?? "")" }.joined(separator: "\n")
        let sha = GitID.sha1(Data(("tree " + text).utf8))
        trees[sha] = entries
        return sha
    }

    func storeBlob(_ data: Data) -> String {
        let sha = GitID.blob(data)
        blobs[sha] = data
        return sha
    }

    func storeCommit(tree: String, message: String, parents: [String]) -> String {
        commitCounter += 1
        let sha = GitID.sha1(Data("commit \(tree) \(parents.joined(separator: ",")) \(commitCounter)\n\(message)".utf8))
        commits[sha] = Commit(tree: trees[tree] ?? [:], message: message, parents: parents)
        treeOfCommit[sha] = tree
        return sha
    }
    var treeOfCommit: [String: String] = [:]

    func isAncestor(_ ancestor: String, of sha: String) -> Bool {
        var queue = [sha]
        var seen: Set<String> = []
        while let next = queue.popLast() {
            if next == ancestor { return true }
            guard seen.insert(next).inserted else { continue }
            queue += commits[next]?.parents ?? []
        }
        return false
    }

    // MARK: Seeding and inspection

    func seed(_ slug: String, defaultBranch: String, files: [String: String]) -> String {
        let parts = slug.split(separator: "/").map(String.init)
        let repo = Repository(id: 1000 + repositories.count, owner: parts.first ?? "o", name: parts.last ?? "r", defaultBranch: defaultBranch)
        repositories[slug.lowercased()] = repo
        var entries: [String: String] = [:]
        for (path, text) in files { entries[path] = storeBlob(Data(text.utf8)) }
        let sha = storeCommit(tree: storeTree(entries), message: "Initial commit", parents: [])
        repo.refs[defaultBranch] = sha
        return sha
    }

    func push(_ slug: String, branch: String, files: [String: String?], message: String) -> String {
        guard let repo = repositories[slug.lowercased()], let head = repo.refs[branch] else { return "" }
        var entries = commits[head]?.tree ?? [:]
        for (path, text) in files {
            if let text { entries[path] = storeBlob(Data(text.utf8)) } else { entries[path] = nil }
        }
        let sha = storeCommit(tree: storeTree(entries), message: message, parents: [head])
        repo.refs[branch] = sha
        return sha
    }

    func issueList(_ slug: String) -> [EmulatedIssue] {
        guard let repo = repositories[slug.lowercased()] else { return [] }
        return repo.issues.keys.sorted().compactMap { number in
            guard let issue = repo.issues[number] else { return nil }
            return EmulatedIssue(
                number: number, title: issue["title"] as? String ?? "", body: issue["body"] as? String ?? "",
                state: issue["state"] as? String ?? "", stateReason: issue["state_reason"] as? String,
                labels: labelNames(of: issue), isPullRequest: issue["pull_request"] != nil,
                comments: (repo.comments[number] ?? []).compactMap { $0["body"] as? String })
        }
    }

    func pullList(_ slug: String) -> [EmulatedPull] {
        guard let repo = repositories[slug.lowercased()] else { return [] }
        return repo.pulls.keys.sorted().compactMap { number in
            guard let pull = repo.pulls[number], let issue = repo.issues[number] else { return nil }
            let head = pull["head"] as? [String: Any] ?? [:]
            return EmulatedPull(
                number: number, title: issue["title"] as? String ?? "", body: issue["body"] as? String ?? "",
                state: issue["state"] as? String ?? "", head: head["ref"] as? String ?? "",
                base: (pull["base"] as? [String: Any])?["ref"] as? String ?? "",
                headSHA: repo.refs[head["ref"] as? String ?? ""] ?? head["sha"] as? String ?? "",
                labels: labelNames(of: issue))
        }
    }

    func branchMap(_ slug: String) -> [String: String] { repositories[slug.lowercased()]?.refs ?? [:] }

    func file(_ slug: String, ref: String, path: String) -> String? {
        guard let repo = repositories[slug.lowercased()] else { return nil }
        let sha = repo.refs[ref] ?? ref
        guard let blob = commits[sha]?.tree[path], let data = blobs[blob] else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func labelNames(_ slug: String) -> [String] { repositories[slug.lowercased()]?.labels.keys.sorted() ?? [] }

    func labelNames(of issue: [String: Any]) -> [String] {
        (issue["labels"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    func humanIssue(_ slug: String, title: String, body: String, labels: [String]) -> Int {
        guard let repo = repositories[slug.lowercased()] else { return 0 }
        return makeIssue(repo, title: title, body: body, labels: labels)
    }

    func humanClose(_ slug: String, number: Int, reason: String) {
        repositories[slug.lowercased()]?.issues[number]?["state"] = "closed"
        repositories[slug.lowercased()]?.issues[number]?["state_reason"] = reason
    }

    func labelObject(_ repo: Repository, _ name: String) -> [String: Any] {
        if let existing = repo.labels[name.lowercased()] { return existing }
        let label: [String: Any] = [
            "id": 2000 + repo.labels.count, "name": name, "color": "ededed", "default": false, "description": NSNull(),
            "url": "\(base)/repos/\(repo.slug)/labels/\(name)",
        ]
        repo.labels[name.lowercased()] = label
        return label
    }

    func makeIssue(_ repo: Repository, title: String, body: String?, labels: [String], pull: Bool = false) -> Int {
        let number = repo.nextNumber
        repo.nextNumber += 1
        var issue: [String: Any] = [
            "id": 10_000 + number, "node_id": "MDU6SXNzdWUx", "number": number, "title": title,
            "body": body ?? NSNull(), "state": "open", "state_reason": NSNull(), "locked": false,
            "labels": labels.map { labelObject(repo, $0) }, "comments": 0,
            "user": ["login": "steadystate-bot", "id": 1, "type": "Bot"],
            "url": "\(base)/repos/\(repo.slug)/issues/\(number)",
            "html_url": "https://github.com/\(repo.slug)/\(pull ? "pull" : "issues")/\(number)",
            "created_at": "2026-12-02T00:00:00Z", "updated_at": "2026-12-02T00:00:00Z", "closed_at": NSNull(),
        ]
        if pull { issue["pull_request"] = ["url": "\(base)/repos/\(repo.slug)/pulls/\(number)"] }
        repo.issues[number] = issue
        return number
    }
}
