import Foundation

/// Why a GitHub call failed, phrased so the user knows what to change. Never carries the token.
public enum GitHubError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No token in `STEADYSTATE_GITHUB_TOKEN` or `GITHUB_TOKEN`.
    case missingToken
    /// No repository from `STEADYSTATE_GITHUB_REPO`, `GITHUB_REPOSITORY` or the git remote.
    case missingRepository
    /// `GITHUB_API_URL` is not an http(s) URL.
    case badAPIBase(String)
    /// 401: the token is wrong or expired.
    case unauthorized(call: String)
    /// 403 that is not a rate limit: the token lacks `permission` (e.g. `issues: write`).
    case forbidden(call: String, permission: String, message: String)
    /// 404: the repository or object does not exist, or the token cannot see it.
    case notFound(call: String, permission: String)
    /// 422: GitHub refused the request's content.
    case unprocessable(call: String, message: String)
    /// Primary or secondary rate limit still in force after the bounded wait.
    case rateLimited(call: String, retryAfterSeconds: Int)
    /// 5xx after the retries allowed for this call.
    case server(call: String, status: Int, attempts: Int)
    /// No HTTP answer (connection refused, reset, timeout) after the retries allowed.
    case transport(call: String, cause: String, attempts: Int)
    /// Any other status.
    case unexpectedStatus(call: String, status: Int, message: String)
    /// A 2xx whose body is not the JSON GitHub documents.
    case malformedResponse(call: String, cause: String)

    public var description: String {
        switch self {
        case .missingToken:
            return "GitHub: no token; set STEADYSTATE_GITHUB_TOKEN or GITHUB_TOKEN (in Actions: env GITHUB_TOKEN: ${{ github.token }})"
        case .missingRepository:
            return "GitHub: no repository; set STEADYSTATE_GITHUB_REPO=owner/name (Actions sets GITHUB_REPOSITORY)"
        case let .badAPIBase(base):
            return "GitHub: GITHUB_API_URL '\(base)' is not an http(s) URL"
        case let .unauthorized(call):
            return "GitHub: \(call): 401 bad credentials; the token is wrong or expired"
        case let .forbidden(call, permission, message):
            return "GitHub: \(call): 403 forbidden (\(message)); the token needs '\(permission)'"
        case let .notFound(call, permission):
            return "GitHub: \(call): 404 not found; check the repository name, or grant the token '\(permission)'"
        case let .unprocessable(call, message):
            return "GitHub: \(call): 422 \(message)"
        case let .rateLimited(call, seconds):
            return "GitHub: \(call): rate limited; retry in \(seconds) s"
        case let .server(call, status, attempts):
            return "GitHub: \(call): server error \(status) after \(attempts) attempt(s); rerun the job later"
        case let .transport(call, cause, attempts):
            return "GitHub: \(call): no response (\(cause)) after \(attempts) attempt(s)"
        case let .unexpectedStatus(call, status, message):
            return "GitHub: \(call): unexpected status \(status) (\(message))"
        case let .malformedResponse(call, cause):
            return "GitHub: \(call): the response is not what GitHub documents: \(cause)"
        }
    }

    /// True for a 403 on a write: the token is read-only (a fork's pull request), so the run degrades to the
    /// step summary and the exit code instead of failing for the wrong reason.
    public var isPermissionDenied: Bool {
        if case .forbidden = self { return true }
        return false
    }
}
