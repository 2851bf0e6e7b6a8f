import Core

/// Whole objects for the Kubernetes rules' examples.
///
/// `hardenedSpec` passes every rule of the restricted profile; each example changes one thing in it and wraps
/// it in a kind, so an example shows exactly what a rule reacts to and the catalog test proves the rest of the
/// pack stays quiet about it.
enum K8sExample {
    static let digest = "sha256:4b7e2a0c3f1d5e6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c"
    static let image = "registry.example.com/shop/web:1.4.2@\(digest)"

    static let hardenedContainer: JSONValue = [
        "name": "app",
        "image": .string(image),
        "securityContext": [
            "allowPrivilegeEscalation": false, "runAsNonRoot": true, "readOnlyRootFilesystem": true,
            "capabilities": ["drop": ["ALL"]], "seccompProfile": ["type": "RuntimeDefault"],
        ],
        "resources": ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["cpu": "500m", "memory": "256Mi"]],
        "livenessProbe": ["httpGet": ["path": "/healthz", "port": 8080]],
        "readinessProbe": ["httpGet": ["path": "/ready", "port": 8080]],
        "ports": [["containerPort": 8080]],
    ]

    static let hardenedSpec: JSONValue = [
        "automountServiceAccountToken": false,
        "securityContext": ["runAsNonRoot": true, "runAsUser": 10001, "seccompProfile": ["type": "RuntimeDefault"]],
        "containers": [hardenedContainer],
        "volumes": [["name": "config", "configMap": ["name": "web"]], ["name": "tmp", "emptyDir": [:]]],
    ]

    /// The hardened spec with one field of its first container replaced (`nil` removes it).
    static func container(_ path: String, _ value: JSONValue?) -> JSONValue {
        hardenedSpec.setting("containers.0.\(path)", value)
    }

    /// `kind` wrapping `spec` as its pod template, with template annotations when given.
    static func workload(
        _ kind: String, _ spec: JSONValue = hardenedSpec, annotations: JSONValue? = nil, namespace: String = "shop"
    ) -> JSONValue {
        var template: JSONValue = ["metadata": ["labels": ["app": "web"]], "spec": spec]
        if let annotations { template = template.setting("metadata.annotations", annotations) }
        let metadata: JSONValue = ["name": "web", "namespace": .string(namespace)]
        switch kind {
        case "Pod":
            var pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec]
            if let annotations { pod = pod.setting("metadata.annotations", annotations) }
            return pod
        case "CronJob":
            return [
                "apiVersion": "batch/v1", "kind": "CronJob", "metadata": metadata,
                "spec": ["schedule": "0 3 * * *", "jobTemplate": ["spec": ["template": template]]],
            ]
        case "Job":
            return ["apiVersion": "batch/v1", "kind": "Job", "metadata": metadata, "spec": ["template": template]]
        case "ReplicationController":
            return [
                "apiVersion": "v1", "kind": "ReplicationController", "metadata": metadata,
                "spec": ["replicas": 2, "template": template],
            ]
        default:
            return [
                "apiVersion": "apps/v1", "kind": .string(kind), "metadata": metadata,
                "spec": ["selector": ["matchLabels": ["app": "web"]], "template": template],
            ]
        }
    }

    static func pod(_ spec: JSONValue = hardenedSpec, annotations: JSONValue? = nil) -> JSONValue {
        workload("Pod", spec, annotations: annotations)
    }

    static func deployment(_ spec: JSONValue = hardenedSpec, annotations: JSONValue? = nil) -> JSONValue {
        workload("Deployment", spec, annotations: annotations)
    }

    static func cronJob(_ spec: JSONValue = hardenedSpec, annotations: JSONValue? = nil) -> JSONValue {
        workload("CronJob", spec, annotations: annotations)
    }
}

extension JSONValue {
    /// A copy with the value at a dotted `path` replaced; `nil` removes it.
    ///
    /// Numeric segments index arrays and missing objects are created on the way. Used to derive examples from
    /// one hardened object.
    func setting(_ path: String, _ value: JSONValue?) -> JSONValue {
        setting(path.split(separator: ".").map(String.init)[...], value)
    }

    private func setting(_ path: ArraySlice<String>, _ value: JSONValue?) -> JSONValue {
        guard let key = path.first else { return value ?? .null }
        let rest = path.dropFirst()
        if case .array(var items) = self, let index = Int(key), items.indices.contains(index) {
            items[index] = items[index].setting(rest, value)
            return .array(items)
        }
        var members = objectValue ?? [:]
        if rest.isEmpty {
            members[key] = value
        } else {
            members[key] = (members[key] ?? .object([:])).setting(rest, value)
        }
        return .object(members)
    }
}
