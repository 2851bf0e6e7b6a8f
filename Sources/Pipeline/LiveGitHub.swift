import Core
import Foundation
import GitHub

/// The live GitHub wiring: configuration from the environment, REST over URLSession.
public enum LiveGitHub {
    public static let connect: GitHubConnector = { variables, remote throws(GitHubError) in
        throw GitHubError.missingToken
    }
}
