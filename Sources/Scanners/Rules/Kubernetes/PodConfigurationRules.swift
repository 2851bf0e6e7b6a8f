import Core

/// Configuration around the containers: the service account token, the namespace, secrets in the manifest.
enum PodConfigurationRules {
    static let serviceAccountToken = Rule(
        KubernetesRules.describe(
            "k8s-service-account-token-automount", "Service account token is mounted automatically", .low,
            profile: .restricted, resourceTypes: PodSpecs.kinds + ["ServiceAccount"],
            rationale: "Every pod gets its service account's API token mounted unless told otherwise; an attacker "
                + "with code execution in any container reads it and talks to the API server with the account's "
                + "rights, which for the default account is often more than the pod needs.",
            remediation: """
                Turn it off on the pod spec (and on the ServiceAccount), and mount it only where the pod calls
                the API:

                spec:
                  automountServiceAccountToken: false
                """,
            references: ["CIS Kubernetes 5.1.6", "MITRE ATT&CK T1528"], checkov: "CKV_K8S_38"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.hardenedSpec.setting("automountServiceAccountToken", nil)),
                ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "web", "namespace": "shop"]],
            ],
            nonTriggering: [
                K8sExample.deployment(),
                [
                    "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "web", "namespace": "shop"],
                    "automountServiceAccountToken": false,
                ],
            ]),
        check: { resource in
            if resource.type == "ServiceAccount" {
                let value = resource.attributes["automountServiceAccountToken"]
                guard value != .bool(false) else { return [] }
                return [
                    Violation(
                        path: "automountServiceAccountToken", value: value,
                        message: "service account mounts its token into every pod that does not opt out")
                ]
            }
            guard let pod = PodSpecs(resource) else { return [] }
            let value = pod.spec["automountServiceAccountToken"]
            guard value != .bool(false) else { return [] }
            return [
                Violation(
                    path: pod.path("automountServiceAccountToken"), value: value,
                    message: "mounts the service account token (automountServiceAccountToken is not false)")
            ]
        })

    /// The namespaced kinds Checkov's equivalent check reads, beside the pod-bearing ones.
    static let namespacedKinds =
        PodSpecs.kinds + [
            "Service", "ConfigMap", "Secret", "ServiceAccount", "Role", "RoleBinding", "Ingress",
        ]

    static let defaultNamespace = Rule(
        KubernetesRules.describe(
            "k8s-default-namespace", "Object is in the default namespace", .low, profile: .restricted,
            resourceTypes: namespacedKinds,
            rationale: "Everything in default shares one set of RBAC bindings, quotas and network policies, so a "
                + "grant meant for one app reaches every other; it is also where tools and humans create things "
                + "by accident. A manifest without a namespace is placed at apply time and is not reported.",
            remediation: """
                Give each application its own namespace:

                metadata:
                  name: web
                  namespace: shop
                """,
            references: ["CIS Kubernetes 5.7.4"], checkov: "CKV_K8S_21"),
        examples: RuleExamples(
            triggering: [K8sExample.workload("Deployment", namespace: "default")],
            nonTriggering: [K8sExample.deployment(), K8sExample.deployment().setting("metadata.namespace", nil)]),
        check: { resource in
            let value = resource.attributes["metadata"]?["namespace"]
            guard value?.stringValue == "default" else { return [] }
            return [Violation(path: "metadata.namespace", value: value, message: "is in the default namespace")]
        })

    static let secretLiteral = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-env-secret-literal", "Workload writes a secret into an environment variable", .low,
            profile: .baseline,
            rationale: "A password or token written as a literal env value is committed to the repository, "
                + "rendered into every chart and readable by anyone who can get the workload: it leaks the "
                + "moment the manifest does. Only the variable's name is reported, never its value.",
            remediation: """
                Keep the value in a Secret (created out of band or by an external secrets operator):

                env:
                  - name: DB_PASSWORD
                    valueFrom:
                      secretKeyRef:
                        name: web-db
                        key: password
                """,
            references: ["CIS Kubernetes 5.4.1", "MITRE ATT&CK T1552.001"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(
                    K8sExample.container("env", [["name": "DB_PASSWORD", "value": "hunter2-example"]]))
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(
                    K8sExample.container(
                        "env",
                        [
                            [
                                "name": "DB_PASSWORD",
                                "valueFrom": ["secretKeyRef": ["name": "web-db", "key": "password"]],
                            ],
                            ["name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"],
                            ["name": "LOG_LEVEL", "value": "info"],
                            ["name": "API_TOKEN", "value": "$(TOKEN_FROM_SECRET)"],
                        ])),
            ]),
        check: { pod in
            var names: [String] = []
            var offenders = ContainerOffenders()
            for container in pod.containers {
                for (index, entry) in (container.value["env"]?.arrayValue ?? []).enumerated() {
                    guard let name = entry["name"]?.stringValue, SecretLiterals.looksLikeSecretName(name),
                        let value = entry["value"]?.stringValue, SecretLiterals.isLiteral(value)
                    else { continue }
                    // The path only: the value is the secret.
                    offenders.add(container, container.path("env.\(index).value"), nil)
                    if !names.contains(name) { names.append(name) }
                }
            }
            return offenders.violation {
                "sets secret-looking environment variables to literal values: \(names.joined(separator: ", ")) (\($0))"
            }
        })
}
