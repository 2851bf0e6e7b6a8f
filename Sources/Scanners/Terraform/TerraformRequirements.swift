import Core
import Foundation

/// What a Terraform root asks of its environment even when nothing is refreshed: `-refresh=false` still
/// configures every provider and still reads every data source. `doctor` shows it before a first run, so a
/// team knows which credentials the job would need.
///
/// Read from terraform's own output, never from HCL: `terraform graph` (the configuration's nodes, data sources
/// included) and `terraform providers` (the provider tree), or a captured plan's `configuration`.
public struct TerraformRequirements: Sendable, Equatable {
    /// Provider source addresses (`registry.terraform.io/hashicorp/aws`, `terraform.io/builtin/terraform`).
    public var providers: [String]
    /// Data source addresses with their module path (`module.net.data.aws_region.here`).
    public var dataSources: [String]

    public init(providers: [String], dataSources: [String]) {
        self.providers = providers
        self.dataSources = dataSources
    }

    /// The nodes of `terraform graph`'s DOT output that are data sources (`"module.x.data.t.n" [label=…]`).
    public static func dataSources(inGraph dot: String) -> [String] {
        var found: [String] = []
        for rawLine in dot.split(separator: "\n") {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            guard line.hasPrefix("\""), let close = line.dropFirst().firstIndex(of: "\"") else { continue }
            let node = String(line[line.index(after: line.startIndex)..<close])
            guard line[close...].contains("[label="), isDataSource(node), !found.contains(node) else { continue }
            found.append(node)
        }
        return found.sorted()
    }

    /// The `provider[…]` addresses of `terraform providers`'s tree.
    public static func providers(inTree text: String) -> [String] {
        var found: Set<String> = []
        var rest = Substring(text)
        while let start = rest.range(of: "provider[") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: "]") else { break }
            found.insert(String(tail[..<end]))
            rest = tail[end...]
        }
        return found.sorted()
    }

    /// Data sources and providers of a captured plan's `configuration` (modules included).
    public static func fromPlan(_ document: JSONValue) -> TerraformRequirements {
        var dataSources: [String] = []
        var providers: Set<String> = []
        for (_, config) in document["configuration"]?["provider_config"]?.objectValue ?? [:] {
            if let name = config["full_name"]?.stringValue { providers.insert(name) }
        }
        func walk(_ module: JSONValue, prefix: String) {
            for resource in module["resources"]?.arrayValue ?? [] where resource["mode"]?.stringValue == "data" {
                if let address = resource["address"]?.stringValue { dataSources.append(prefix + address) }
            }
            for (name, call) in module["module_calls"]?.objectValue ?? [:] {
                walk(call["module"] ?? .null, prefix: prefix + "module.\(name).")
            }
        }
        walk(document["configuration"]?["root_module"] ?? .null, prefix: "")
        return TerraformRequirements(providers: providers.sorted(), dataSources: dataSources.sorted())
    }

    static func isDataSource(_ address: String) -> Bool {
        var rest = Substring(address)
        while rest.hasPrefix("module.") {
            rest = rest.dropFirst("module.".count)
            guard let dot = rest.firstIndex(of: ".") else { return false }
            rest = rest[rest.index(after: dot)...]
        }
        return rest.hasPrefix("data.")
    }

    /// Data source addresses grouped by the provider that reads them (the type's first word, as Terraform
    /// infers it: `aws_ami` → `aws`; `terraform_remote_state` → the built-in `terraform`).
    public var dataSourcesByProvider: [(provider: String, addresses: [String])] {
        var groups: [String: [String]] = [:]
        for address in dataSources {
            let parts = address.split(separator: ".")
            guard let index = parts.firstIndex(of: "data"), index + 1 < parts.count else { continue }
            let type = parts[index + 1]
            groups[String(type.prefix { $0 != "_" }), default: []].append(address)
        }
        return groups.keys.sorted().map { ($0, groups[$0] ?? []) }
    }

    /// What the job must hold for a provider's data sources to be read, in the words of its documentation.
    public static func credentials(forProvider name: String) -> String {
        switch name {
        case "aws":
            "AWS read credentials: an OIDC role (aws-actions/configure-aws-credentials) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE"
        case "google", "google-beta":
            "Google Cloud read credentials: workload identity (google-github-actions/auth) or GOOGLE_APPLICATION_CREDENTIALS"
        case "azurerm", "azuread":
            "Azure read credentials: ARM_CLIENT_ID, ARM_TENANT_ID, ARM_SUBSCRIPTION_ID with OIDC (ARM_USE_OIDC=true) or ARM_CLIENT_SECRET"
        case "kubernetes", "helm":
            "a cluster's read access: KUBECONFIG or the provider block's host and token"
        case "terraform":
            "read access to the backend of each terraform_remote_state (the other root's state storage)"
        case "http":
            "network access to the URLs it fetches (credentials only if they need them)"
        case "external":
            "whatever the program it runs needs; it runs on the CI runner"
        case "local", "null", "random", "tls", "archive", "time", "cloudinit", "template":
            "nothing: it reads only the runner itself"
        default:
            "the \(name) provider's read credentials (see its documentation)"
        }
    }
}

extension TerraformRun {
    /// `terraform graph` and `terraform providers` of a root, leaving the repository as it found it: init (only
    /// when there is no `.terraform/`) runs with `-backend=false` (no state access) and a temporary
    /// `TF_DATA_DIR`, and a lock file it had to create is removed again.
    func requirements(of directory: String, records: inout [ToolRecord]) async throws(ToolError) -> TerraformRequirements {
        let terraform = try executable()
        let fileSystem = context.fileSystem
        var run = self
        var cleanUp: [String] = []
        defer { for path in cleanUp { try? fileSystem.removeItem(path) } }
        if !fileSystem.isDirectory(directory + "/.terraform") {
            let dataDirectory: String
            do {
                dataDirectory = try fileSystem.createTemporaryDirectory(prefix: "steadystate-tfdata")
            } catch {
                throw .launchFailed(command: "terraform init", cause: "no temporary folder for TF_DATA_DIR: \(error)")
            }
            cleanUp.append(dataDirectory)
            let lockFile = directory + "/.terraform.lock.hcl"
            if !fileSystem.fileExists(lockFile) { cleanUp.append(lockFile) }
            run.extraEnvironment["TF_DATA_DIR"] = dataDirectory
            try await run.call(
                terraform, ["init", "-backend=false", "-input=false", "-no-color"], in: directory, records: &records)
        }
        let graph = try await run.call(terraform, ["graph"], in: directory, records: &records)
        let tree = try await run.call(terraform, ["providers", "-no-color"], in: directory, records: &records)
        return TerraformRequirements(
            providers: TerraformRequirements.providers(inTree: String(decoding: tree.stdout, as: UTF8.self)),
            dataSources: TerraformRequirements.dataSources(inGraph: String(decoding: graph.stdout, as: UTF8.self)))
    }
}
