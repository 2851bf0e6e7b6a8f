import Foundation

/// Where and as whom the client talks to GitHub; resolved from the environment like the original, plus
/// `GITHUB_REPOSITORY` and Enterprise remotes.
public struct GitHubConfiguration: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var token: String
    public var repository: RepositorySlug
    /// `https://api.github.com`, or an Enterprise `https://HOST/api/v3`, without a trailing slash.
    public var apiBase: URL

    public init(token: String, repository: RepositorySlug, apiBase: URL) {
        self.token = token
        self.repository = repository
        self.apiBase = apiBase
    }

    /// Never shows the token.
    public var description: String { "GitHub(\(repository) at \(apiBase.absoluteString), token ***)" }
    public var debugDescription: String { description }

    public static func resolve(environment: [String: String], gitRemoteURL: String?) throws(GitHubError)
        -> GitHubConfiguration
    {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }
        guard let token = value("STEADYSTATE_GITHUB_TOKEN") ?? value("GITHUB_TOKEN") else { throw .missingToken }
        let remote = gitRemoteURL.flatMap(parseRemote)
        let repository: RepositorySlug
        if let named = value("STEADYSTATE_GITHUB_REPO") ?? value("GITHUB_REPOSITORY") {
            guard let slug = RepositorySlug(parsing: named) else { throw .missingRepository }
            repository = slug
        } else if let remote {
            repository = remote.slug
        } else {
            throw .missingRepository
        }
        var base: String
        if let explicit = value("GITHUB_API_URL") {
            base = explicit
        } else if let host = remote?.host, host.lowercased() != "github.com" {
            base = "https://\(host)/api/v3"
        } else {
            base = "https://api.github.com"
        }
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else { throw .badAPIBase(base) }
        return GitHubConfiguration(token: token, repository: repository, apiBase: url)
    }

    /// `https://[user@]host/owner/name(.git)`, `git@host:owner/name(.git)`, `ssh://git@host[:port]/owner/name(.git)`;
    /// credentials in the URL are dropped.
    public static func parseRemote(_ url: String) -> (host: String, slug: RepositorySlug)? {
        var text = url.trimmingCharacters(in: .whitespacesAndNewlines)
        var host: String
        var path: String
        if let schemeEnd = text.range(of: "://") {
            text = String(text[schemeEnd.upperBound...])
            guard let slash = text.firstIndex(of: "/") else { return nil }
            host = String(text[..<slash])
            path = String(text[text.index(after: slash)...])
            if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
            if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        } else if let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            path = String(text[text.index(after: colon)...])
            if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        } else {
            return nil
        }
        if path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(".git") { path.removeLast(4) }
        let parts = path.split(separator: "/")
        guard !host.isEmpty, parts.count == 2, let slug = RepositorySlug(parsing: parts.joined(separator: "/")) else {
            return nil
        }
        return (host, slug)
    }
}
