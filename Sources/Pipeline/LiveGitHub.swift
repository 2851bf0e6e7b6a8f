import Core
import Foundation
import GitHub

/// The live GitHub wiring: configuration from the environment and the git remote, REST over URLSession.
public enum LiveGitHub {
    public static let connect: GitHubConnector = { variables, remote throws(GitHubError) in
        let configuration = try GitHubConfiguration.resolve(environment: variables, gitRemoteURL: remote)
        return GitHubConnection(
            api: GitHubClient(configuration: configuration), repository: configuration.repository)
    }
}
