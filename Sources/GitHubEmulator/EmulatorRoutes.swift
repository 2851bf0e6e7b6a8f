import FlyingFox
import Foundation

/// The REST routes, answered from `EmulatorState`.
extension EmulatorState {
    struct Reply {
        var status: Int
        var json: Any?
        var headers: [String: String] = [:]
    }

    func respond(to request: FlyingFox.HTTPRequest) async -> FlyingFox.HTTPResponse {
        let ordinal = received
        received += 1
        let method = request.method.rawValue.uppercased()
        let query = request.query
        let queryText = query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let fullPath = request.path + (queryText.isEmpty ? "" : "?" + queryText)
        let body = (try? await request.bodyData) ?? Data()
        let authorization = request.headers[HTTPHeader("Authorization")]
        var reply: Reply
        if let index = injections.firstIndex(where: { injection in
            injection.remaining > 0 && (injection.ordinal.map { $0 == ordinal } ?? true)
                && (injection.method == nil || injection.method == method)
                && (injection.pathContains.map { fullPath.contains($0) } ?? true)
        }) {
            injections[index].remaining -= 1
            let fault = injections[index].fault
            if fault == .dropConnection {
                log.append(LoggedRequest(method: method, path: fullPath, status: 0, authorization: authorization, body: ""))
                return FlyingFox.HTTPResponse(webSocket: DropConnectionHandler())
            }
            if case .delay(let seconds) = fault {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                reply = route(method, request.path, query: query, body: body, authorization: authorization)
            } else {
                reply = faultReply(fault)
            }
        } else {
            reply = route(method, request.path, query: query, body: body, authorization: authorization)
        }
        log.append(
            LoggedRequest(
                method: method, path: fullPath, status: reply.status, authorization: authorization,
                body: String(decoding: body, as: UTF8.self)))
        remaining = max(remaining - 1, 0)
        var headers: HTTPHeaders = [:]
        headers[HTTPHeader("Content-Type")] = "application/json; charset=utf-8"
        headers[HTTPHeader("x-ratelimit-limit")] = "5000"
        headers[HTTPHeader("x-ratelimit-remaining")] = reply.headers["x-ratelimit-remaining"] ?? String(remaining)
        headers[HTTPHeader("x-ratelimit-reset")] = reply.headers["x-ratelimit-reset"] ?? String(Int(Date().timeIntervalSince1970) + 3600)
        headers[HTTPHeader("x-ratelimit-used")] = String(5000 - remaining)
        headers[HTTPHeader("x-ratelimit-resource")] = "core"
        headers[HTTPHeader("x-github-request-id")] = "0000:\(log.count)"
        headers[HTTPHeader("x-github-media-type")] = "github.v3; format=json"
        for (name, value) in reply.headers where !name.hasPrefix("x-ratelimit") { headers[HTTPHeader(name)] = value }
        let data: Data
        if let json = reply.json {
            data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data()
        } else {
            data = Data()
        }
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: "Status"), headers: headers, body: data)
    }

    func faultReply(_ fault: GitHubEmulator.Fault) -> Reply {
        switch fault {
        case .status(let status):
            let message = status == 422 ? "Validation Failed" : status >= 500 ? "Server Error" : "Error"
            return Reply(status: status, json: ["message": message, "documentation_url": "https://docs.github.com/rest"])
        case .secondaryRateLimit(let seconds):
            return Reply(
                status: 403,
                json: [
                    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                ], headers: ["retry-after": String(seconds)])
        case .primaryRateLimitExhausted(let seconds):
            return Reply(
                status: 403,
                json: ["message": "API rate limit exceeded for installation.", "documentation_url": "https://docs.github.com/rest"],
                headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Int(Date().timeIntervalSince1970) + seconds)])
        case .delay, .dropConnection:
            return Reply(status: 500, json: nil)
        }
    }

    static func error(_ status: Int, _ message: String, errors: [[String: Any]]? = nil) -> Reply {
        var json: [String: Any] = ["message": message, "documentation_url": "https://docs.github.com/rest"]
        if let errors { json["errors"] = errors }
        return Reply(status: status, json: json)
    }

    func route(
        _ method: String, _ path: String, query: [FlyingFox.HTTPRequest.QueryItem], body: Data, authorization: String?
    ) -> Reply {
        let presented = authorization.map { $0.replacingOccurrences(of: "Bearer ", with: "").replacingOccurrences(of: "token ", with: "") }
        guard let presented, presented == token || readOnlyTokens.contains(presented) else {
            return Self.error(401, "Bad credentials")
        }
        if method != "GET", readOnlyTokens.contains(presented) {
            return Self.error(403, "Resource not accessible by integration")
        }
        let parts = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        guard parts.count >= 3, parts[0] == "repos", let repo = repositories["\(parts[1])/\(parts[2])".lowercased()] else {
            return Self.error(404, "Not Found")
        }
        let rest = Array(parts.dropFirst(3))
        let input = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value.removingPercentEncoding }
        switch (method, rest.first) {
        case ("GET", nil):
            return Reply(status: 200, json: [
                "id": repo.id, "name": repo.name, "full_name": repo.slug, "default_branch": repo.defaultBranch,
                "html_url": "https://github.com/\(repo.slug)", "url": "\(base)/repos/\(repo.slug)", "private": false,
                "owner": ["login": repo.owner, "id": 1],
            ])
        case (_, "issues"): return issues(method, repo, Array(rest.dropFirst()), input, value)
        case (_, "labels"): return labels(method, repo, input, value)
        case (_, "pulls"): return pulls(method, repo, Array(rest.dropFirst()), input, value)
        case (_, "git"): return git(method, repo, Array(rest.dropFirst()), input)
        case ("GET", "contents"):
            let file = rest.dropFirst().joined(separator: "/")
            let ref = value("ref") ?? repo.defaultBranch
            let sha = repo.refs[ref] ?? ref
            guard let blob = commits[sha]?.tree[file], let data = blobs[blob] else { return Self.error(404, "Not Found") }
            return Reply(status: 200, json: [
                "type": "file", "encoding": "base64", "path": file, "name": file.split(separator: "/").last.map(String.init) ?? file,
                "sha": blob, "size": data.count, "content": data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]),
            ])
        default:
            return Self.error(404, "Not Found")
        }
    }

    /// A page of `items` with GitHub's `Link` header.
    func page(_ items: [Any], path: String, value: (String) -> String?, extra: [String: String]) -> Reply {
        let perPage = min(max(Int(value("per_page") ?? "30") ?? 30, 1), 100)
        let page = max(Int(value("page") ?? "1") ?? 1, 1)
        let last = max((items.count + perPage - 1) / perPage, 1)
        let slice = Array(items.dropFirst((page - 1) * perPage).prefix(perPage))
        var links: [String] = []
        func link(_ number: Int, _ rel: String) {
            var parameters = extra.map { "\($0.key)=\($0.value)" }.sorted()
            parameters += ["per_page=\(perPage)", "page=\(number)"]
            links.append("<\(base)\(path)?\(parameters.joined(separator: "&"))>; rel=\"\(rel)\"")
        }
        if page > 1 { link(page - 1, "prev") }
        if page < last { link(page + 1, "next"); link(last, "last") }
        if page > 1 { link(1, "first") }
        return Reply(status: 200, json: slice, headers: links.isEmpty ? [:] : ["link": links.joined(separator: ", ")])
    }
}
