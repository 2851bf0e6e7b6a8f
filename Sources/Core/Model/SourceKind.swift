/// Where grounded truth comes from: each kind rides one tool's own machine-readable output.
public enum SourceKind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// `terraform plan` (refreshing) then `show -json`, or a captured plan JSON: what the change would do.
    case terraform
    /// `terraform plan -refresh=false`: configuration against the recorded state, no cloud reads of resources.
    case terraformState = "terraform-state"
    /// `helm template` of a chart directory, or a captured `helm list -o json`.
    case helm
    /// Plain Kubernetes manifests (YAML or JSON).
    case kubernetes
    /// `kubectl kustomize` of a kustomization directory.
    case kustomize
    /// docker-compose files.
    case dockerCompose = "docker-compose"

    /// The original's names for the same sources, accepted so committed configs keep working.
    public static let aliases: [String: SourceKind] = ["k8s": .kubernetes]

    /// Sources the original registers that read a live cluster or host. A stateless gate that holds no
    /// credentials cannot serve them, so naming one is a usage error that says so.
    public static let liveOnlySources: Set<String> = [
        "k8s-live", "k8s-baseline", "ansible-live", "kustomize-live", "helm-live", "argocd", "ansible", "rancher",
    ]

    public init?(parsing text: String) {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let kind = SourceKind(rawValue: name) ?? SourceKind.aliases[name] {
            self = kind
        } else {
            return nil
        }
    }

    /// The source name hashed into fingerprints. Both terraform kinds stamp `terraform`, as the original
    /// does, so switching a repo between them keeps its issues.
    public var fingerprintName: String {
        switch self {
        case .terraform, .terraformState: "terraform"
        default: rawValue
        }
    }

    /// The source name hashed into rule and custom-check fingerprints. Rendered charts and kustomizations are
    /// Kubernetes objects: the original's Kubernetes pack stamps `kubernetes` for them too (its helm-live and
    /// kustomize-live resources), so a workload keeps its fingerprint whether it arrives as a manifest, a chart
    /// or an overlay. Drift keeps `fingerprintName` (a captured `helm list` is `helm` drift in the original).
    public var ruleFingerprintName: String {
        switch self {
        case .helm, .kustomize: "kubernetes"
        default: fingerprintName
        }
    }

    /// The fingerprint source for a finding of `category` from this source.
    public func fingerprintSource(for category: FindingCategory) -> String {
        category == .drift ? fingerprintName : ruleFingerprintName
    }

    public var description: String { rawValue }

    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
