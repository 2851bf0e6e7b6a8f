import Core

/// The environment handed to terraform, helm and kubectl: an explicit allow-list, never the whole process
/// environment, so the GitHub token and unrelated secrets can never reach a tool or its logs.
public enum ToolEnvironment {
    /// Variables passed through by exact name.
    static let names: Set<String> = [
        "PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "SSL_CERT_FILE",
        "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        "KUBECONFIG",
    ]
    /// Variables passed through by prefix: the tools' own settings and the cloud credentials a refreshing
    /// terraform plan needs (the `terraform` source refreshes, as the original does).
    static let prefixes = ["TF_", "HELM_", "AWS_", "GOOGLE_", "CLOUDSDK_", "ARM_", "AZURE_"]
    /// Never passed, whatever the lists say.
    static let denied: Set<String> = ["GITHUB_TOKEN", "STEADYSTATE_GITHUB_TOKEN", "GH_TOKEN", "ACTIONS_RUNTIME_TOKEN"]

    public static func make(from variables: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in variables where !denied.contains(name) {
            if names.contains(name) || prefixes.contains(where: { name.hasPrefix($0) }) {
                result[name] = value
            }
        }
        // Unattended runs: no prompts, no colour codes in errors, no version check over the network.
        result["TF_IN_AUTOMATION"] = "1"
        result["TF_INPUT"] = "0"
        result["CHECKPOINT_DISABLE"] = "1"
        return result
    }
}
