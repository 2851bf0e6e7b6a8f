import Foundation

/// The wire shapes GitHub documents, decoded leniently (only the fields used).
enum Wire {
    struct Label: Decodable { var name: String; var color: String?; var description: String? }
    struct User: Decodable { var login: String? }
    struct Issue: Decodable {
        var number: Int
        var title: String
        var body: String?
        var state: String
        var state_reason: String?
        var labels: [Label]?
        var html_url: String
        var pull_request: PullRef?
        struct PullRef: Decodable { var url: String? }

        var record: IssueRecord {
            IssueRecord(
                number: number, title: title, body: body ?? "", state: state == "closed" ? .closed : .open,
                stateReason: state_reason, labels: (labels ?? []).map(\.name), htmlURL: html_url,
                isPullRequest: pull_request != nil)
        }
    }
    struct Comment: Decodable {
        var id: Int
        var body: String?
        var html_url: String
        var user: User?
        var record: CommentRecord {
            CommentRecord(id: id, body: body ?? "", htmlURL: html_url, authorLogin: user?.login ?? "")
        }
    }
    struct Repository: Decodable { var default_branch: String; var html_url: String }
    struct Ref: Decodable {
        var object: Object
        struct Object: Decodable { var sha: String }
    }
    struct Commit: Decodable {
        var sha: String
        var message: String
        var tree: SHA
        var parents: [SHA]
        struct SHA: Decodable { var sha: String }
        var record: GitCommitRecord {
            GitCommitRecord(sha: sha, treeSHA: tree.sha, message: message, parentSHAs: parents.map(\.sha))
        }
    }
    struct Tree: Decodable {
        var sha: String
        var tree: [Entry]
        struct Entry: Decodable { var path: String; var sha: String?; var type: String }
    }
    struct Content: Decodable { var content: String?; var encoding: String?; var type: String? }
    struct Pull: Decodable {
        var number: Int
        var title: String
        var body: String?
        var state: String
        var html_url: String
        var head: Branch
        var base: Branch
        var labels: [Label]?
        struct Branch: Decodable { var ref: String; var sha: String }
        var record: PullRecord {
            PullRecord(
                number: number, title: title, body: body ?? "", state: state == "closed" ? .closed : .open,
                htmlURL: html_url, headRef: head.ref, headSHA: head.sha, baseRef: base.ref,
                labels: (labels ?? []).map(\.name))
        }
    }
}

extension GitHubClient {
    public func repository() async throws(GitHubError) -> RepositoryInfo {
        let response = try await send("GET", repoPath, permission: "metadata: read")
        let repo = try decode(Wire.Repository.self, response, call: "GET \(repoPath)")
        return RepositoryInfo(defaultBranch: repo.default_branch, htmlURL: repo.html_url)
    }

    public func listIssues(label: String) async throws(GitHubError) -> [IssueRecord] {
        try await paginate(
            Wire.Issue.self, "\(repoPath)/issues?labels=\(Self.encodeQuery(label))&state=all&per_page=100",
            permission: "issues: read"
        ).map(\.record)
    }

    public func createIssue(title: String, body: String, labels: [String]) async throws(GitHubError) -> IssueRecord {
        let response = try await send(
            "POST", "\(repoPath)/issues", body: encode(["title": title, "body": body, "labels": labels]),
            permission: "issues: write")
        return try decode(Wire.Issue.self, response, call: "POST \(repoPath)/issues").record
    }

    public func updateIssue(
        number: Int, title: String?, body: String?, state: IssueRecord.State?, stateReason: String?, labels: [String]?
    ) async throws(GitHubError) -> IssueRecord {
        var fields: [String: Any?] = [:]
        if let title { fields["title"] = title }
        if let body { fields["body"] = body }
        if let state { fields["state"] = state.rawValue }
        if let stateReason { fields["state_reason"] = stateReason }
        if let labels { fields["labels"] = labels }
        let path = "\(repoPath)/issues/\(number)"
        let response = try await send("PATCH", path, body: encode(fields), permission: "issues: write")
        return try decode(Wire.Issue.self, response, call: "PATCH \(path)").record
    }

    public func listComments(issue: Int) async throws(GitHubError) -> [CommentRecord] {
        try await paginate(Wire.Comment.self, "\(repoPath)/issues/\(issue)/comments?per_page=100", permission: "issues: read")
            .map(\.record)
    }

    public func createComment(issue: Int, body: String) async throws(GitHubError) -> CommentRecord {
        let path = "\(repoPath)/issues/\(issue)/comments"
        let response = try await send("POST", path, body: encode(["body": body]), permission: "issues: write")
        return try decode(Wire.Comment.self, response, call: "POST \(path)").record
    }

    public func updateComment(id: Int, body: String) async throws(GitHubError) -> CommentRecord {
        let path = "\(repoPath)/issues/comments/\(id)"
        let response = try await send("PATCH", path, body: encode(["body": body]), permission: "issues: write")
        return try decode(Wire.Comment.self, response, call: "PATCH \(path)").record
    }

    public func listLabels() async throws(GitHubError) -> [LabelRecord] {
        try await paginate(Wire.Label.self, "\(repoPath)/labels?per_page=100", permission: "issues: read").map {
            LabelRecord(name: $0.name, color: $0.color ?? "", description: $0.description)
        }
    }

    public func createLabel(_ label: LabelRecord) async throws(GitHubError) -> LabelRecord {
        let path = "\(repoPath)/labels"
        let response = try await send(
            "POST", path, body: encode(["name": label.name, "color": label.color, "description": label.description]),
            permission: "issues: write", allowed: [422])
        // 422 `already_exists`: another run created it first, which is what we wanted.
        if response.status == 422 { return label }
        let created = try decode(Wire.Label.self, response, call: "POST \(path)")
        return LabelRecord(name: created.name, color: created.color ?? label.color, description: created.description)
    }

    public func addLabels(issue: Int, labels: [String]) async throws(GitHubError) {
        _ = try await send(
            "POST", "\(repoPath)/issues/\(issue)/labels", body: encode(["labels": labels]), permission: "issues: write")
    }
}

extension GitHubClient {
    public func branchHead(_ branch: String) async throws(GitHubError) -> String? {
        let path = "\(repoPath)/git/ref/heads/\(Self.encodePath(branch))"
        let response = try await send("GET", path, permission: "contents: read", allowed: [404])
        if response.status == 404 { return nil }
        return try decode(Wire.Ref.self, response, call: "GET \(path)").object.sha
    }

    public func createBranch(_ branch: String, sha: String) async throws(GitHubError) {
        _ = try await send(
            "POST", "\(repoPath)/git/refs", body: encode(["ref": "refs/heads/\(branch)", "sha": sha]),
            permission: "contents: write")
    }

    public func updateBranch(_ branch: String, sha: String, force: Bool) async throws(GitHubError) {
        _ = try await send(
            "PATCH", "\(repoPath)/git/refs/heads/\(Self.encodePath(branch))", body: encode(["sha": sha, "force": force]),
            permission: "contents: write")
    }

    public func deleteBranch(_ branch: String) async throws(GitHubError) {
        _ = try await send(
            "DELETE", "\(repoPath)/git/refs/heads/\(Self.encodePath(branch))", permission: "contents: write",
            allowed: [404, 422])
    }

    public func commit(_ sha: String) async throws(GitHubError) -> GitCommitRecord {
        let path = "\(repoPath)/git/commits/\(sha)"
        return try decode(Wire.Commit.self, try await send("GET", path, permission: "contents: read"), call: "GET \(path)").record
    }

    public func tree(_ sha: String) async throws(GitHubError) -> [TreeEntryRecord] {
        let path = "\(repoPath)/git/trees/\(sha)"
        let response = try await send("GET", path + "?recursive=1", permission: "contents: read")
        return try decode(Wire.Tree.self, response, call: "GET \(path)").tree.compactMap { entry in
            entry.sha.map { TreeEntryRecord(path: entry.path, sha: $0, type: entry.type) }
        }
    }

    public func fileContent(path: String, ref: String) async throws(GitHubError) -> Data? {
        let route = "\(repoPath)/contents/\(Self.encodePath(path))"
        let response = try await send("GET", route + "?ref=\(Self.encodeQuery(ref))", permission: "contents: read", allowed: [404])
        if response.status == 404 { return nil }
        let content = try decode(Wire.Content.self, response, call: "GET \(route)")
        guard content.type == nil || content.type == "file" else { return nil }
        let text = (content.content ?? "").replacingOccurrences(of: "\n", with: "")
        guard let data = Data(base64Encoded: text) else {
            throw .malformedResponse(call: "GET \(route)", cause: "content is not base64")
        }
        return data
    }

    public func createTree(base: String, changes: [TreeChange]) async throws(GitHubError) -> String {
        let entries: [[String: Any]] = changes.map { change in
            var entry: [String: Any] = ["path": change.path, "mode": "100644", "type": "blob"]
            if let content = change.content { entry["content"] = content } else { entry["sha"] = NSNull() }
            return entry
        }
        let path = "\(repoPath)/git/trees"
        let response = try await send(
            "POST", path, body: encode(["base_tree": base, "tree": entries]), permission: "contents: write")
        struct Created: Decodable { var sha: String }
        return try decode(Created.self, response, call: "POST \(path)").sha
    }

    public func createCommit(message: String, tree: String, parents: [String]) async throws(GitHubError) -> GitCommitRecord {
        let path = "\(repoPath)/git/commits"
        let response = try await send(
            "POST", path, body: encode(["message": message, "tree": tree, "parents": parents]), permission: "contents: write")
        return try decode(Wire.Commit.self, response, call: "POST \(path)").record
    }

    public func listPulls(head branch: String) async throws(GitHubError) -> [PullRecord] {
        let head = "\(configuration.repository.owner):\(branch)"
        return try await paginate(
            Wire.Pull.self, "\(repoPath)/pulls?head=\(Self.encodeQuery(head))&state=all&per_page=100",
            permission: "pull-requests: read"
        ).map(\.record)
    }

    public func listOpenPulls(headPrefix prefix: String) async throws(GitHubError) -> [PullRecord] {
        try await paginate(Wire.Pull.self, "\(repoPath)/pulls?state=open&per_page=100", permission: "pull-requests: read")
            .map(\.record).filter { $0.headRef.hasPrefix(prefix) }
    }

    public func createPull(title: String, head: String, base: String, body: String) async throws(GitHubError) -> PullRecord {
        let path = "\(repoPath)/pulls"
        let response = try await send(
            "POST", path, body: encode(["title": title, "head": head, "base": base, "body": body]),
            permission: "pull-requests: write")
        return try decode(Wire.Pull.self, response, call: "POST \(path)").record
    }

    public func updatePull(number: Int, title: String?, body: String?, state: IssueRecord.State?) async throws(GitHubError)
        -> PullRecord
    {
        var fields: [String: Any?] = [:]
        if let title { fields["title"] = title }
        if let body { fields["body"] = body }
        if let state { fields["state"] = state.rawValue }
        let path = "\(repoPath)/pulls/\(number)"
        let response = try await send("PATCH", path, body: encode(fields), permission: "pull-requests: write")
        return try decode(Wire.Pull.self, response, call: "PATCH \(path)").record
    }
}
