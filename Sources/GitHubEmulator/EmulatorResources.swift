import Foundation

/// Issues, labels, pulls and Git data, as GitHub answers them.
extension EmulatorState {
    func issues(
        _ method: String, _ repo: Repository, _ rest: [String], _ input: [String: Any], _ value: (String) -> String?
    ) -> Reply {
        let base = "/repos/\(repo.slug)/issues"
        switch (method, rest.count) {
        case ("GET", 0):
            let state = value("state") ?? "open"
            let wanted = (value("labels") ?? "").split(separator: ",").map { $0.lowercased() }
            let items = repo.issues.keys.sorted(by: >).compactMap { repo.issues[$0] }.filter { issue in
                let labels = Set(labelNames(of: issue).map { $0.lowercased() })
                return (state == "all" || issue["state"] as? String == state) && wanted.allSatisfy(labels.contains)
            }
            var extra = ["state": state]
            if let labels = value("labels") { extra["labels"] = labels }
            return page(items, path: base, value: value, extra: extra)
        case ("POST", 0):
            guard let title = input["title"] as? String, !title.isEmpty else {
                return Self.error(422, "Validation Failed", errors: [["resource": "Issue", "code": "missing_field", "field": "title"]])
            }
            let number = makeIssue(repo, title: title, body: input["body"] as? String, labels: input["labels"] as? [String] ?? [])
            return Reply(status: 201, json: repo.issues[number] as Any, headers: ["location": "\(self.base)\(base)/\(number)"])
        case ("GET", 1):
            guard let number = Int(rest[0]), let issue = repo.issues[number] else { return Self.error(404, "Not Found") }
            return Reply(status: 200, json: issue)
        case ("PATCH", 1) where rest[0] != "comments":
            guard let number = Int(rest[0]), var issue = repo.issues[number] else { return Self.error(404, "Not Found") }
            if let title = input["title"] as? String { issue["title"] = title }
            if let body = input["body"] as? String { issue["body"] = body }
            if let state = input["state"] as? String {
                guard state == "open" || state == "closed" else {
                    return Self.error(422, "Validation Failed", errors: [["resource": "Issue", "code": "invalid", "field": "state"]])
                }
                issue["state"] = state
                issue["closed_at"] = state == "closed" ? "2026-12-02T00:00:00Z" : NSNull()
                issue["state_reason"] = input["state_reason"] as? String ?? (state == "closed" ? "completed" : "reopened")
            }
            if let labels = input["labels"] as? [String] { issue["labels"] = labels.map { labelObject(repo, $0) } }
            repo.issues[number] = issue
            return Reply(status: 200, json: issue)
        case ("GET", 2) where rest[1] == "comments":
            guard let number = Int(rest[0]), repo.issues[number] != nil else { return Self.error(404, "Not Found") }
            return page(repo.comments[number] ?? [], path: "\(base)/\(number)/comments", value: value, extra: [:])
        case ("POST", 2) where rest[1] == "comments":
            guard let number = Int(rest[0]), repo.issues[number] != nil, let body = input["body"] as? String else {
                return Self.error(404, "Not Found")
            }
            nextCommentID += 1
            let comment: [String: Any] = [
                "id": nextCommentID, "body": body, "user": ["login": "steadystate-bot", "id": 1],
                "html_url": "https://github.com/\(repo.slug)/issues/\(number)#issuecomment-\(nextCommentID)",
                "url": "\(self.base)\(base)/comments/\(nextCommentID)", "issue_url": "\(self.base)\(base)/\(number)",
            ]
            repo.comments[number, default: []].append(comment)
            repo.issues[number]?["comments"] = repo.comments[number]?.count ?? 0
            return Reply(status: 201, json: comment)
        case ("PATCH", 2) where rest[0] == "comments":
            guard let id = Int(rest[1]), let body = input["body"] as? String else { return Self.error(404, "Not Found") }
            for (number, list) in repo.comments {
                if let index = list.firstIndex(where: { $0["id"] as? Int == id }) {
                    repo.comments[number]?[index]["body"] = body
                    return Reply(status: 200, json: repo.comments[number]?[index] as Any)
                }
            }
            return Self.error(404, "Not Found")
        case ("POST", 2) where rest[1] == "labels":
            guard let number = Int(rest[0]), var issue = repo.issues[number] else { return Self.error(404, "Not Found") }
            let names = labelNames(of: issue) + (input["labels"] as? [String] ?? [])
            var seen = Set<String>()
            issue["labels"] = names.filter { seen.insert($0.lowercased()).inserted }.map { labelObject(repo, $0) }
            repo.issues[number] = issue
            return Reply(status: 200, json: issue["labels"] as Any)
        default:
            return Self.error(404, "Not Found")
        }
    }

    func labels(_ method: String, _ repo: Repository, _ input: [String: Any], _ value: (String) -> String?) -> Reply {
        switch method {
        case "GET":
            return page(repo.labels.keys.sorted().compactMap { repo.labels[$0] }, path: "/repos/\(repo.slug)/labels", value: value, extra: [:])
        case "POST":
            guard let name = input["name"] as? String, !name.isEmpty else { return Self.error(422, "Validation Failed") }
            if repo.labels[name.lowercased()] != nil {
                return Self.error(422, "Validation Failed", errors: [["resource": "Label", "code": "already_exists", "field": "name"]])
            }
            var label = labelObject(repo, name)
            label["color"] = input["color"] as? String ?? "ededed"
            label["description"] = input["description"] ?? NSNull()
            repo.labels[name.lowercased()] = label
            return Reply(status: 201, json: label)
        default:
            return Self.error(404, "Not Found")
        }
    }

    func pullJSON(_ repo: Repository, _ number: Int) -> [String: Any]? {
        guard var pull = repo.pulls[number], let issue = repo.issues[number] else { return nil }
        for key in ["title", "body", "state", "labels", "number", "user"] { pull[key] = issue[key] }
        pull["html_url"] = "https://github.com/\(repo.slug)/pull/\(number)"
        if var head = pull["head"] as? [String: Any], let ref = head["ref"] as? String, let sha = repo.refs[ref] {
            head["sha"] = sha
            pull["head"] = head
        }
        return pull
    }

    func pulls(
        _ method: String, _ repo: Repository, _ rest: [String], _ input: [String: Any], _ value: (String) -> String?
    ) -> Reply {
        switch (method, rest.count) {
        case ("GET", 0):
            let state = value("state") ?? "open"
            let head = value("head")
            let items = repo.pulls.keys.sorted(by: >).compactMap { pullJSON(repo, $0) }.filter { pull in
                let headInfo = pull["head"] as? [String: Any] ?? [:]
                let label = "\(repo.owner):\(headInfo["ref"] as? String ?? "")"
                return (state == "all" || pull["state"] as? String == state) && (head == nil || head == label)
            }
            var extra = ["state": state]
            if let head { extra["head"] = head }
            return page(items, path: "/repos/\(repo.slug)/pulls", value: value, extra: extra)
        case ("POST", 0):
            guard let title = input["title"] as? String, let head = input["head"] as? String, let baseRef = input["base"] as? String,
                let headSHA = repo.refs[head], let baseSHA = repo.refs[baseRef]
            else {
                return Self.error(422, "Validation Failed", errors: [["resource": "PullRequest", "code": "invalid", "field": "head"]])
            }
            if repo.pulls.keys.contains(where: { pullJSON(repo, $0).map { ($0["state"] as? String) == "open" && (($0["head"] as? [String: Any])?["ref"] as? String) == head } ?? false }) {
                return Self.error(422, "Validation Failed", errors: [["resource": "PullRequest", "code": "custom", "message": "A pull request already exists for \(repo.owner):\(head)."]])
            }
            let number = makeIssue(repo, title: title, body: input["body"] as? String, labels: [], pull: true)
            repo.pulls[number] = [
                "id": 30_000 + number, "number": number, "merged": false,
                "url": "\(base)/repos/\(repo.slug)/pulls/\(number)",
                "head": ["ref": head, "sha": headSHA, "label": "\(repo.owner):\(head)"],
                "base": ["ref": baseRef, "sha": baseSHA, "label": "\(repo.owner):\(baseRef)"],
            ]
            return Reply(status: 201, json: pullJSON(repo, number) as Any)
        case ("GET", 1):
            guard let number = Int(rest[0]), let pull = pullJSON(repo, number) else { return Self.error(404, "Not Found") }
            return Reply(status: 200, json: pull)
        case ("PATCH", 1):
            guard let number = Int(rest[0]), repo.pulls[number] != nil else { return Self.error(404, "Not Found") }
            if let title = input["title"] as? String { repo.issues[number]?["title"] = title }
            if let body = input["body"] as? String { repo.issues[number]?["body"] = body }
            if let state = input["state"] as? String { repo.issues[number]?["state"] = state }
            return Reply(status: 200, json: pullJSON(repo, number) as Any)
        default:
            return Self.error(404, "Not Found")
        }
    }

    func commitJSON(_ repo: Repository, _ sha: String) -> [String: Any]? {
        guard let commit = commits[sha], let tree = treeOfCommit[sha] else { return nil }
        return [
            "sha": sha, "message": commit.message, "tree": ["sha": tree, "url": "\(base)/repos/\(repo.slug)/git/trees/\(tree)"],
            "parents": commit.parents.map { ["sha": $0] }, "url": "\(base)/repos/\(repo.slug)/git/commits/\(sha)",
            "author": ["name": "steadystate", "email": "bot@example.com", "date": "2026-12-02T00:00:00Z"],
            "committer": ["name": "steadystate", "email": "bot@example.com", "date": "2026-12-02T00:00:00Z"],
        ]
    }

    func refJSON(_ repo: Repository, _ branch: String, _ sha: String) -> [String: Any] {
        ["ref": "refs/heads/\(branch)", "url": "\(base)/repos/\(repo.slug)/git/refs/heads/\(branch)",
         "object": ["sha": sha, "type": "commit", "url": "\(base)/repos/\(repo.slug)/git/commits/\(sha)"]]
    }

    func git(_ method: String, _ repo: Repository, _ rest: [String], _ input: [String: Any]) -> Reply {
        guard let kind = rest.first else { return Self.error(404, "Not Found") }
        let tail = Array(rest.dropFirst())
        switch (method, kind) {
        case ("GET", "ref"), ("GET", "refs"):
            let branch = tail.dropFirst().joined(separator: "/")
            guard tail.first == "heads", let sha = repo.refs[branch] else { return Self.error(404, "Not Found") }
            return Reply(status: 200, json: refJSON(repo, branch, sha))
        case ("POST", "refs"):
            guard let ref = input["ref"] as? String, ref.hasPrefix("refs/heads/"), let sha = input["sha"] as? String,
                commits[sha] != nil
            else { return Self.error(422, "Reference update failed") }
            let branch = String(ref.dropFirst("refs/heads/".count))
            if repo.refs[branch] != nil { return Self.error(422, "Reference already exists") }
            repo.refs[branch] = sha
            return Reply(status: 201, json: refJSON(repo, branch, sha))
        case ("PATCH", "refs"):
            let branch = tail.dropFirst().joined(separator: "/")
            guard let current = repo.refs[branch], let sha = input["sha"] as? String, commits[sha] != nil else {
                return Self.error(422, "Reference does not exist")
            }
            if !(input["force"] as? Bool ?? false), !isAncestor(current, of: sha) {
                return Self.error(422, "Update is not a fast forward")
            }
            repo.refs[branch] = sha
            return Reply(status: 200, json: refJSON(repo, branch, sha))
        case ("DELETE", "refs"):
            let branch = tail.dropFirst().joined(separator: "/")
            guard repo.refs.removeValue(forKey: branch) != nil else { return Self.error(422, "Reference does not exist") }
            return Reply(status: 204, json: nil)
        case ("GET", "commits"):
            guard let sha = tail.first, let json = commitJSON(repo, sha) else { return Self.error(404, "Not Found") }
            return Reply(status: 200, json: json)
        case ("POST", "commits"):
            guard let message = input["message"] as? String, let tree = input["tree"] as? String, trees[tree] != nil else {
                return Self.error(422, "Invalid tree info")
            }
            let sha = storeCommit(tree: tree, message: message, parents: input["parents"] as? [String] ?? [])
            return Reply(status: 201, json: commitJSON(repo, sha) as Any)
        case ("GET", "trees"):
            guard let sha = tail.first, let entries = trees[sha] ?? treeOfCommit[sha].flatMap({ trees[$0] }) else {
                return Self.error(404, "Not Found")
            }
            let list: [[String: Any]] = entries.keys.sorted().map { path in
                ["path": path, "mode": "100644", "type": "blob", "sha": entries[path] ?? "", "size": blobs[entries[path] ?? ""]?.count ?? 0]
            }
            return Reply(status: 200, json: ["sha": sha, "tree": list, "truncated": false])
        case ("POST", "trees"):
            var entries: [String: String] = [:]
            if let baseTree = input["base_tree"] as? String {
                guard let existing = trees[baseTree] else { return Self.error(422, "Invalid base_tree") }
                entries = existing
            }
            for item in input["tree"] as? [[String: Any]] ?? [] {
                guard let path = item["path"] as? String else { return Self.error(422, "Invalid tree info") }
                if let content = item["content"] as? String {
                    entries[path] = storeBlob(Data(content.utf8))
                } else if let sha = item["sha"] as? String {
                    entries[path] = sha
                } else {
                    entries[path] = nil
                }
            }
            let sha = storeTree(entries)
            return Reply(status: 201, json: ["sha": sha, "tree": [], "truncated": false])
        case ("POST", "blobs"):
            guard let content = input["content"] as? String else { return Self.error(422, "Invalid blob") }
            let data = input["encoding"] as? String == "base64" ? Data(base64Encoded: content) ?? Data() : Data(content.utf8)
            return Reply(status: 201, json: ["sha": storeBlob(data)])
        case ("GET", "blobs"):
            guard let sha = tail.first, let data = blobs[sha] else { return Self.error(404, "Not Found") }
            return Reply(status: 200, json: ["sha": sha, "encoding": "base64", "content": data.base64EncodedString(), "size": data.count])
        default:
            return Self.error(404, "Not Found")
        }
    }
}
