import Core

/// The pod template of a pod-bearing Kubernetes object and every container in it, each with its JSON path.
///
/// A Pod keeps its spec at `spec`; Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController and
/// Job at `spec.template`; CronJob one level deeper at `spec.jobTemplate.spec.template`. Pod-level fields
/// (host namespaces, volumes, the pod security context) and the template's annotations (AppArmor, seccomp)
/// all live there, so every Kubernetes rule reads them through this one helper and reports paths a reader can
/// find in the manifest.
struct PodSpecs: Sendable {
    /// The kinds that carry a pod template, in the order the rules list them.
    static let kinds = [
        "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob",
    ]

    /// The three container lists of a pod spec; the Pod Security Standards read all three.
    enum ContainerList: String, Sendable, CaseIterable {
        case containers, initContainers, ephemeralContainers
    }

    /// One container of the pod, where it sits, and the fields rules ask for.
    struct Container: Sendable {
        var list: ContainerList
        var index: Int
        var value: JSONValue
        /// `spec.template.spec.containers.0`.
        var path: String

        /// The container's name, or its position when the manifest leaves it out.
        var name: String { value["name"]?.stringValue ?? "\(list.rawValue)[\(index)]" }

        /// A field of the container's `securityContext`.
        func securityContext(_ key: String) -> JSONValue? { value["securityContext"]?[key] }

        /// The path of a field below the container: `spec.containers.0.securityContext.privileged`.
        func path(_ suffix: String) -> String { "\(path).\(suffix)" }
    }

    /// The pod spec itself.
    var spec: JSONValue
    /// `spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`.
    var specPath: String
    /// The pod template's metadata (the object's own for a Pod), where per-pod annotations live.
    var metadata: JSONValue?
    var metadataPath: String
    /// Containers, then init containers, then ephemeral containers, in manifest order within each list.
    var containers: [Container]

    /// The pod template of `resource`, or `nil` for kinds without one and for objects whose pod spec is missing
    /// or empty (the original skips those too).
    init?(_ resource: Resource) {
        let object = resource.attributes
        let templatePath: String?
        switch resource.type {
        case "Pod": templatePath = nil
        case "CronJob": templatePath = "spec.jobTemplate.spec.template"
        case let kind where Self.kinds.contains(kind): templatePath = "spec.template"
        default: return nil
        }
        let metadataPath = templatePath.map { "\($0).metadata" } ?? "metadata"
        let specPath = templatePath.map { "\($0).spec" } ?? "spec"
        guard let spec = object.value(at: specPath), let members = spec.objectValue, !members.isEmpty else {
            return nil
        }
        self.spec = spec
        self.specPath = specPath
        self.metadata = object.value(at: metadataPath)
        self.metadataPath = metadataPath
        self.containers = ContainerList.allCases.flatMap { list in
            (spec[list.rawValue]?.arrayValue ?? []).enumerated().compactMap { index, value in
                guard value.objectValue != nil else { return nil }
                return Container(list: list, index: index, value: value, path: "\(specPath).\(list.rawValue).\(index)")
            }
        }
    }

    /// The containers of the given lists only (resources and probes exist on regular and init containers).
    func containers(in lists: Set<ContainerList>) -> [Container] {
        containers.filter { lists.contains($0.list) }
    }

    /// A field of the pod-level `securityContext`.
    func securityContext(_ key: String) -> JSONValue? { spec["securityContext"]?[key] }

    /// The path of a field below the pod spec: `spec.template.spec.hostPID`.
    func path(_ suffix: String) -> String { "\(specPath).\(suffix)" }

    /// The template's annotations whose key starts with `prefix`, sorted by key.
    func annotations(withPrefix prefix: String) -> [(key: String, value: JSONValue)] {
        (metadata?["annotations"]?.objectValue ?? [:]).filter { $0.key.hasPrefix(prefix) }
            .sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    /// How an annotation is shown in evidence: its key holds dots and slashes, so it is quoted.
    func annotationPath(_ key: String) -> String { "\(metadataPath).annotations[\"\(key)\"]" }
}

/// What the Kubernetes rules report for a set of offending containers: the original reports each workload
/// once per rule, so a rule gives one violation naming every container, pointing at the first.
struct ContainerOffenders {
    var found: [(container: PodSpecs.Container, path: String, value: JSONValue?)] = []

    mutating func add(_ container: PodSpecs.Container, _ path: String, _ value: JSONValue?) {
        found.append((container, path, value))
    }

    var isEmpty: Bool { found.isEmpty }

    /// `'app', 'sidecar'`: each container once, in pod order.
    var names: String {
        var seen: [String] = []
        for entry in found where !seen.contains(entry.container.name) { seen.append(entry.container.name) }
        return seen.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// One violation at the first offender, or `nil` when there is none.
    func violation(_ message: (String) -> String) -> Violation? {
        guard let first = found.first else { return nil }
        return Violation(path: first.path, value: first.value, message: message(names))
    }
}
