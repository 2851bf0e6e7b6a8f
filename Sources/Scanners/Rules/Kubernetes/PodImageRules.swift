import Core

/// Image references that can change under a workload without any change to the manifest.
enum PodImageRules {
    static let latestTag = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-image-latest", "Workload uses an image tagged latest or untagged", .low, profile: .baseline,
            rationale: "latest (or no tag, which means latest) points at whatever was pushed last: a rollback "
                + "redeploys the broken image, nodes run different code, and a poisoned push reaches production "
                + "on the next restart.",
            remediation: """
                Pin a version tag, or better a digest:

                containers:
                  - name: app
                    image: registry.example.com/shop/web:1.4.2
                """,
            references: ["MITRE ATT&CK T1525"], checkov: "CKV_K8S_14"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.container("image", "nginx")),
                K8sExample.deployment(K8sExample.container("image", "registry:5000/shop/web:latest")),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("image", "registry:5000/shop/web:1.4.2")),
                K8sExample.deployment(K8sExample.container("image", .string("nginx:latest@\(K8sExample.digest)"))),
            ]),
        message: { "uses an image tagged latest or untagged (\($0))" },
        offends: { container, _ in
            guard let image = container.value["image"]?.stringValue, RuleValues.isUnpinned(image) else { return nil }
            return (container.path("image"), .string(image))
        })

    static let noDigest = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-image-no-digest", "Workload uses an image without a digest", .low, profile: .restricted,
            rationale: "A tag is a movable pointer: whoever can push to the registry can replace 1.4.2 with "
                + "different code, and the next pull runs it. Only a digest names the exact image that was reviewed.",
            remediation: """
                Pin the digest (tools like crane or renovate keep it current):

                containers:
                  - name: app
                    image: registry.example.com/shop/web:1.4.2@sha256:4b7e2a0c…
                """,
            references: ["MITRE ATT&CK T1525"], checkov: "CKV_K8S_43"),
        examples: RuleExamples(
            triggering: [K8sExample.deployment(K8sExample.container("image", "registry.example.com/shop/web:1.4.2"))],
            nonTriggering: [K8sExample.deployment()]),
        message: { "uses an image without a digest (\($0))" },
        offends: { container, _ in
            guard let image = container.value["image"]?.stringValue, !RuleValues.hasDigest(image) else { return nil }
            return (container.path("image"), .string(image))
        })
}
