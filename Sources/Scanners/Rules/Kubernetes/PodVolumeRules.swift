import Core

/// Volumes that mount the node's file system or storage the restricted profile does not allow inline.
enum PodVolumeRules {
    static let hostPath = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-host-path", "Workload mounts host paths", .medium, profile: .baseline,
            rationale: "A hostPath volume mounts the node's file system into the pod: mounting /, /etc, the "
                + "kubelet directory or the container runtime socket hands over the node and the credentials of "
                + "every pod on it.",
            remediation: """
                Use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead:

                volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: web-data
                """,
            references: ["PSS baseline: HostPath Volumes", "CIS Kubernetes 5.2.12", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting(
                        "volumes", [["name": "sock", "hostPath": ["path": "/var/run/docker.sock"]]]))
            ],
            nonTriggering: [K8sExample.deployment()]),
        check: { pod in
            var paths: Set<String> = []
            var first: (String, JSONValue)?
            for (index, volume) in (pod.spec["volumes"]?.arrayValue ?? []).enumerated() {
                guard let hostPath = volume["hostPath"], !hostPath.isNull else { continue }
                paths.insert(hostPath["path"]?.compactText ?? "(no path)")
                if first == nil { first = (pod.path("volumes.\(index).hostPath"), hostPath) }
            }
            guard let first else { return nil }
            return Violation(
                path: first.0, value: first.1, message: "mounts host path(s): \(paths.sorted().joined(separator: ", "))"
            )
        })

    /// Inline volume sources the restricted profile allows.
    ///
    /// `image` volumes joined the list with the image volume source (Kubernetes 1.33); `hostPath` is
    /// `k8s-host-path`'s finding and not repeated here.
    static let allowedTypes: Set<String> = [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
        "image",
    ]

    static let volumeTypes = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-volume-types", "Workload uses volume types outside the restricted set", .medium,
            profile: .restricted,
            rationale: "Inline network and cloud volumes (nfs, iscsi, rbd, flexVolume…) carry their own "
                + "credentials and node-side drivers into the pod spec, and gitRepo runs git on the node with the "
                + "pod's arguments (CVE-2024-10220); the restricted profile admits only volumes defined through "
                + "PersistentVolumes.",
            remediation: """
                Reference storage through a PersistentVolumeClaim (or a CSI driver):

                volumes:
                  - name: shared
                    persistentVolumeClaim:
                      claimName: shared-nfs
                """,
            references: ["PSS restricted: Volume Types", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting(
                        "volumes", [["name": "shared", "nfs": ["server": "10.0.0.2", "path": "/exports"]]])),
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting(
                        "volumes", [["name": "src", "gitRepo": ["repository": "https://example.com/r.git"]]])),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting("volumes", [["name": "h", "hostPath": ["path": "/srv"]]])),
            ]),
        check: { pod in
            var names: [String] = []
            var types: Set<String> = []
            var first: (String, JSONValue)?
            for (index, volume) in (pod.spec["volumes"]?.arrayValue ?? []).enumerated() {
                let sources = (volume.objectValue ?? [:]).filter { $0.key != "name" && !$0.value.isNull }.keys
                guard !sources.contains(where: allowedTypes.contains), !sources.contains("hostPath") else { continue }
                let type = sources.sorted().first ?? "unknown"
                names.append("'\(volume["name"]?.compactText ?? "volumes[\(index)]")'")
                types.insert(type)
                if first == nil { first = (pod.path("volumes.\(index)"), .string(type)) }
            }
            guard let first else { return nil }
            return Violation(
                path: first.0, value: first.1,
                message: "uses volume types outside the restricted set: \(types.sorted().joined(separator: ", ")) "
                    + "(\(names.joined(separator: ", ")))")
        })
}
