import Core

/// Which scanner serves which source kind. Sources not listed here are refused before any scan starts.
public enum SourceRegistry {
    public static func scanner(for kind: SourceKind) -> (any SourceScanner)? {
        switch kind {
        case .terraform, .terraformState: TerraformSource()
        case .helm: HelmSource()
        case .kubernetes: KubernetesSource()
        case .kustomize: KustomizeSource()
        case .dockerCompose: ComposeSource()
        }
    }

    public static var supportedKinds: [SourceKind] { SourceKind.allCases.filter { scanner(for: $0) != nil } }
}
