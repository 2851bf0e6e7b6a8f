import Foundation

/// The GitHub REST client: pagination, rate limits, bounded retries and errors that name the missing permission.
///
/// Only idempotent calls (GET, PATCH, PUT, DELETE) are retried on 502/503/504 and on a missing answer; a POST
/// might have happened, so it is not. A secondary rate limit means GitHub did not process the request, so every
/// method waits and retries, within a bound.
public struct GitHubClient: GitHubAPI, CustomStringConvertible {
    public let configuration: GitHubConfiguration
    let transport: any HTTPTransport
    let sleep: @Sendable (Double) async -> Void
    let now: @Sendable () -> Date
    let trace: (@Sendable (String) -> Void)?
    /// Attempts for an idempotent call that meets a 502/503/504 or no answer.
    static let maxAttempts = 3
    /// Waits for rate limits per call, and their total.
    static let maxRateWaits = 3
    static let maxRateWaitSeconds = 90.0

    public init(
        configuration: GitHubConfiguration, transport: any HTTPTransport = URLSessionTransport(),
        sleep: @escaping @Sendable (Double) async -> Void = { seconds in
            try? await Task.sleep(nanoseconds: UInt64(max(seconds, 0) * 1_000_000_000))
        },
        now: @escaping @Sendable () -> Date = { Date() }, trace: (@Sendable (String) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.transport = transport
        self.sleep = sleep
        self.now = now
        self.trace = trace
    }

    public var description: String { "GitHubClient(\(configuration))" }

    var repoPath: String { "/repos/\(configuration.repository.owner)/\(configuration.repository.name)" }

    /// Percent-encodes one path segment, keeping `/` (GitHub's ref paths contain it).
    static func encodePath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    static func encodeQuery(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#,")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    func url(_ pathAndQuery: String) -> URL? { URL(string: configuration.apiBase.absoluteString + pathAndQuery) }

    /// One call with retries and rate-limit waits; returns the 2xx response or throws the mapped error.
    /// `allowed` lists statuses the caller handles itself (404 for "absent").
    func send(
        _ method: String, _ pathAndQuery: String, body: Data? = nil, permission: String, allowed: Set<Int> = [],
        absoluteURL: URL? = nil
    ) async throws(GitHubError) -> HTTPResponse {
        let call = "\(method) \(pathAndQuery.split(separator: "?").first.map(String.init) ?? pathAndQuery)"
        guard let target = absoluteURL ?? url(pathAndQuery) else {
            throw .malformedResponse(call: call, cause: "cannot build the URL")
        }
        var headers = [
            "Authorization": "Bearer \(configuration.token)", "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "steadystate",
        ]
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = HTTPRequest(method: method, url: target, headers: headers, body: body)
        let isIdempotent = method != "POST"
        var attempts = 0
        var rateWaits = 0
        var waited = 0.0
        while true {
            attempts += 1
            let started = now()
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                trace?("\(call) -> no response (\(error.cause))")
                if isIdempotent, attempts < Self.maxAttempts {
                    await sleep(Double(1 << (attempts - 1)))
                    continue
                }
                throw .transport(call: call, cause: error.cause, attempts: attempts)
            }
            let milliseconds = Int(now().timeIntervalSince(started) * 1000)
            trace?("\(call) -> \(response.status) (\(milliseconds) ms)")
            if (200..<300).contains(response.status) || allowed.contains(response.status) { return response }
            if let wait = rateLimitWait(response) {
                guard rateWaits < Self.maxRateWaits, waited + wait <= Self.maxRateWaitSeconds else {
                    throw .rateLimited(call: call, retryAfterSeconds: Int(wait.rounded(.up)))
                }
                rateWaits += 1
                waited += wait
                await sleep(wait)
                continue
            }
            if [502, 503, 504].contains(response.status) {
                if isIdempotent, attempts < Self.maxAttempts {
                    await sleep(Double(1 << (attempts - 1)))
                    continue
                }
                throw .server(call: call, status: response.status, attempts: attempts)
            }
            throw Self.error(for: response, call: call, permission: permission)
        }
    }

    /// Seconds to wait when the response is a primary or secondary rate limit; nil otherwise.
    func rateLimitWait(_ response: HTTPResponse) -> Double? {
        guard response.status == 403 || response.status == 429 else { return nil }
        if let retry = response.header("retry-after").flatMap(Double.init) { return max(retry, 0) }
        if response.header("x-ratelimit-remaining") == "0", let reset = response.header("x-ratelimit-reset").flatMap(Double.init) {
            return max(reset - now().timeIntervalSince1970, 0) + 1
        }
        if response.status == 429 { return 60 }
        let message = Self.message(response.body).lowercased()
        return message.contains("rate limit") ? 60 : nil
    }

    static func message(_ body: Data) -> String {
        struct Body: Decodable {
            struct Item: Decodable { var message: String?; var code: String?; var field: String? }
            var message: String?
            var errors: [Item]?
        }
        guard let decoded = try? JSONDecoder().decode(Body.self, from: body) else { return "" }
        var text = decoded.message ?? ""
        if let first = decoded.errors?.first {
            let detail = first.message ?? [first.field, first.code].compactMap { $0 }.joined(separator: " ")
            if !detail.isEmpty { text += text.isEmpty ? detail : ": \(detail)" }
        }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    static func error(for response: HTTPResponse, call: String, permission: String) -> GitHubError {
        let message = message(response.body)
        switch response.status {
        case 401: return .unauthorized(call: call)
        case 403: return .forbidden(call: call, permission: permission, message: message.isEmpty ? "forbidden" : message)
        case 404: return .notFound(call: call, permission: permission)
        case 422: return .unprocessable(call: call, message: message.isEmpty ? "unprocessable" : message)
        default: return .unexpectedStatus(call: call, status: response.status, message: message)
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, call: String) throws(GitHubError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw .malformedResponse(call: call, cause: "\(error)".prefix(200).description)
        }
    }

    func encode(_ object: [String: Any?]) -> Data {
        let cleaned = object.mapValues { $0 ?? NSNull() }
        return (try? JSONSerialization.data(withJSONObject: cleaned, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// Every page of a listing, following `Link: rel="next"` only to the API's own host.
    func paginate<T: Decodable>(_ type: T.Type, _ pathAndQuery: String, permission: String) async throws(GitHubError) -> [T] {
        var items: [T] = []
        var next: URL? = nil
        var first = true
        var pages = 0
        while first || next != nil {
            let response = try await send("GET", pathAndQuery, permission: permission, absoluteURL: first ? nil : next)
            first = false
            pages += 1
            items += try decode([T].self, response, call: "GET \(pathAndQuery.split(separator: "?")[0])")
            next = Self.nextLink(response.header("link"))
            if let candidate = next {
                guard candidate.scheme == configuration.apiBase.scheme, candidate.host == configuration.apiBase.host,
                    candidate.port == configuration.apiBase.port
                else {
                    throw .malformedResponse(call: "GET \(pathAndQuery)", cause: "a next-page link points at another host; not followed")
                }
            }
            if pages >= 1_000 { break }
        }
        return items
    }

    /// The `rel="next"` URL of an RFC 8288 `Link` header.
    public static func nextLink(_ header: String?) -> URL? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count >= 2, pieces.dropFirst().contains(where: { $0 == "rel=\"next\"" || $0 == "rel=next" }) else {
                continue
            }
            let target = pieces[0].trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            return URL(string: target)
        }
        return nil
    }
}
