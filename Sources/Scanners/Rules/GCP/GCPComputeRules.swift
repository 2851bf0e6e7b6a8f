import Core

/// Compute Engine instances and project metadata: remote access paths and the instance's identity.
///
/// The same checks apply to `google_compute_instance`, `google_compute_instance_template` and
/// `google_compute_instance_from_template`, which share the schema. Metadata values are strings, and
/// Google accepts `TRUE`/`true`/`1` alike, so they are read with `PlanValues.flag`.
enum GCPComputeRules {
    static let instances = [
        "google_compute_instance", "google_compute_instance_template", "google_compute_instance_from_template",
    ]

    static func metadata(_ resource: Resource, _ key: String) -> JSONValue? { resource.attributes["metadata"]?[key] }

    static let serialPort = Rule(
        RuleDescription(
            id: "gcp-compute-serial-port", title: "VM instance enables interactive serial console access",
            severity: .medium, pack: "gcp", resourceTypes: instances,
            rationale: "The interactive serial console accepts connections from any IP address and is not covered "
                + "by firewall rules, so a stolen SSH key or weak local password opens the VM from anywhere.",
            remediation: """
                metadata = {
                  serial-port-enable = "false"
                }
                """,
            references: ["CIS GCP Foundations 4.5", "MITRE ATT&CK T1021"], checkov: "CKV_GCP_35"),
        examples: RuleExamples(
            triggering: [
                ["name": "vm", "metadata": ["serial-port-enable": "true"]],
                ["name": "vm", "metadata": ["serial-port-enable": "1"]],
            ],
            nonTriggering: [
                ["name": "vm", "metadata": ["serial-port-enable": "false"]], ["name": "vm", "metadata": nil],
            ]),
        check: { resource in
            guard PlanValues.flag(metadata(resource, "serial-port-enable")) == true else { return [] }
            return [Violation(path: "metadata.serial-port-enable", value: metadata(resource, "serial-port-enable"))]
        })

    static let osLoginDisabled = Rule(
        RuleDescription(
            id: "gcp-compute-os-login-disabled", title: "VM instance overrides OS Login to disabled", severity: .medium,
            pack: "gcp", resourceTypes: instances,
            rationale: "Setting enable-oslogin to false on an instance opts it out of IAM-controlled SSH, so "
                + "metadata SSH keys (which are never revoked when people leave) grant access again.",
            remediation: """
                metadata = {
                  enable-oslogin = "TRUE"
                }
                """,
            references: ["CIS GCP Foundations 4.4", "MITRE ATT&CK T1098.004"], checkov: "CKV_GCP_34"),
        examples: RuleExamples(
            triggering: [["name": "vm", "metadata": ["enable-oslogin": "FALSE"]]],
            nonTriggering: [["name": "vm", "metadata": ["enable-oslogin": "TRUE"]], ["name": "vm", "metadata": [:]]]),
        check: { resource in
            guard PlanValues.flag(metadata(resource, "enable-oslogin")) == false else { return [] }
            return [Violation(path: "metadata.enable-oslogin", value: metadata(resource, "enable-oslogin"))]
        })

    static let publicIP = Rule(
        RuleDescription(
            id: "gcp-compute-public-ip", title: "VM instance has an external IP address", severity: .medium,
            pack: "gcp",
            resourceTypes: instances,
            rationale: "An access_config gives the VM an internet address, so any port a firewall rule opens (now "
                + "or later) is exposed directly; private VMs reach out through Cloud NAT and are reached "
                + "through a load balancer or IAP.",
            remediation: """
                network_interface {
                  subnetwork = google_compute_subnetwork.private.id
                  # no access_config block: no external IP
                }
                """,
            references: ["CIS GCP Foundations 4.9", "MITRE ATT&CK T1190"], checkov: "CKV_GCP_40"),
        examples: RuleExamples(
            triggering: [
                ["name": "vm", "network_interface": [["network": "default", "access_config": [["nat_ip": nil]]]]]
            ],
            nonTriggering: [["name": "vm", "network_interface": [["network": "default", "access_config": []]]]]),
        check: { resource in
            PlanValues.blocks(resource.attributes, "network_interface").enumerated().compactMap { index, interface in
                let configs = PlanValues.blocks(interface, "access_config")
                guard !configs.isEmpty else { return nil }
                return Violation(
                    path: "network_interface.\(index).access_config", value: interface["access_config"],
                    message: "network interface \(index) has an external IP (access_config)")
            }
        })

    static let defaultServiceAccount = Rule(
        RuleDescription(
            id: "gcp-compute-default-service-account-full-access",
            title: "VM runs as the default service account with the cloud-platform scope", severity: .high,
            pack: "gcp", resourceTypes: instances,
            rationale: "The Compute Engine default service account holds Editor on the project; with the "
                + "cloud-platform scope any process on the VM (or an SSRF to the metadata server) can use it to "
                + "change almost anything in the project. An unset email means the default account.",
            remediation: """
                service_account {
                  email  = google_service_account.app.email
                  scopes = ["cloud-platform"] # access is then bounded by the account's own roles
                }
                """,
            references: ["CIS GCP Foundations 4.1", "CIS GCP Foundations 4.2", "MITRE ATT&CK T1552.005"],
            checkov: "CKV_GCP_31"),
        examples: RuleExamples(
            triggering: [
                [
                    "name": "vm",
                    "service_account": [
                        [
                            "email": "123-compute@developer.gserviceaccount.com",
                            "scopes": ["https://www.googleapis.com/auth/cloud-platform"],
                        ]
                    ],
                ],
                ["name": "vm", "service_account": [["scopes": ["cloud-platform"]]]],
            ],
            nonTriggering: [
                [
                    "name": "vm",
                    "service_account": [
                        [
                            "email": "app@p.iam.gserviceaccount.com",
                            "scopes": ["https://www.googleapis.com/auth/cloud-platform"],
                        ]
                    ],
                ],
                [
                    "name": "vm",
                    "service_account": [
                        [
                            "email": "123-compute@developer.gserviceaccount.com",
                            "scopes": ["https://www.googleapis.com/auth/devstorage.read_only"],
                        ]
                    ],
                ],
                ["name": "vm", "service_account": []],
            ]),
        check: { resource in
            guard let account = PlanValues.block(resource.attributes, "service_account") else { return [] }
            let email = account["email"]?.stringValue ?? ""
            let isDefault =
                email.isEmpty || email == "default" || email.hasSuffix("-compute@developer.gserviceaccount.com")
            let scopes = PlanValues.strings(account["scopes"])
            guard isDefault, scopes.contains(where: { $0 == "cloud-platform" || $0.hasSuffix("/auth/cloud-platform") })
            else { return [] }
            return [
                Violation(
                    path: "service_account.0.email", value: account["email"] ?? .null,
                    message: "VM uses the default service account (\(email.isEmpty ? "unset email" : email)) "
                        + "with the cloud-platform scope")
            ]
        })

    static let projectSSHKeys = Rule(
        RuleDescription(
            id: "gcp-compute-project-ssh-keys", title: "VM instance accepts project-wide SSH keys", severity: .medium,
            pack: "gcp", resourceTypes: instances,
            rationale: "Project-wide SSH keys log in to every VM in the project, so one leaked key (often a "
                + "departed engineer's) reaches this one too. Instances with OS Login enabled are skipped: OS "
                + "Login ignores metadata keys.",
            remediation: """
                metadata = {
                  block-project-ssh-keys = "true"
                }
                """,
            references: ["CIS GCP Foundations 4.3", "MITRE ATT&CK T1098.004"], checkov: "CKV_GCP_32"),
        examples: RuleExamples(
            triggering: [
                ["name": "vm", "metadata": nil], ["name": "vm", "metadata": ["block-project-ssh-keys": "false"]],
            ],
            nonTriggering: [
                ["name": "vm", "metadata": ["block-project-ssh-keys": "true"]],
                ["name": "vm", "metadata": ["enable-oslogin": "TRUE"]],
            ]),
        check: { resource in
            guard PlanValues.flag(metadata(resource, "block-project-ssh-keys")) != true,
                PlanValues.flag(metadata(resource, "enable-oslogin")) != true
            else { return [] }
            return [
                Violation(
                    path: "metadata.block-project-ssh-keys", value: metadata(resource, "block-project-ssh-keys"),
                    message: "VM does not set block-project-ssh-keys")
            ]
        })

    static let shieldedVM = Rule(
        RuleDescription(
            id: "gcp-compute-shielded-vm", title: "VM instance turns off Shielded VM protections", severity: .low,
            pack: "gcp", resourceTypes: instances,
            rationale: "vTPM and integrity monitoring detect boot-level rootkits and tampered kernels; turning them "
                + "off hides a persistent compromise. Both default to true, so only an explicit false is "
                + "reported.",
            remediation: """
                shielded_instance_config {
                  enable_secure_boot          = true
                  enable_vtpm                 = true
                  enable_integrity_monitoring = true
                }
                """,
            references: ["CIS GCP Foundations 4.8", "MITRE ATT&CK T1542"], checkov: "CKV_GCP_39"),
        examples: RuleExamples(
            triggering: [
                [
                    "name": "vm",
                    "shielded_instance_config": [["enable_vtpm": false, "enable_integrity_monitoring": true]],
                ]
            ],
            nonTriggering: [
                [
                    "name": "vm",
                    "shielded_instance_config": [["enable_vtpm": true, "enable_integrity_monitoring": true]],
                ],
                ["name": "vm", "shielded_instance_config": []],
            ]),
        check: { resource in
            let config = PlanValues.block(resource.attributes, "shielded_instance_config")
            return ["enable_vtpm", "enable_integrity_monitoring"].compactMap { key in
                guard PlanValues.flag(config?[key]) == false else { return nil }
                return Violation(path: "shielded_instance_config.0.\(key)", value: false)
            }
        })

    static let projectOSLogin = Rule(
        RuleDescription(
            id: "gcp-project-os-login-disabled", title: "Project metadata does not enable OS Login", severity: .medium,
            pack: "gcp", resourceTypes: ["google_compute_project_metadata", "google_compute_project_metadata_item"],
            rationale: "Without project-wide OS Login, SSH access to VMs is governed by metadata keys that are "
                + "never tied to a person's IAM account, so access survives offboarding and leaves no audit "
                + "trail. google_compute_project_metadata owns all project metadata, so a missing key means off.",
            remediation: """
                resource "google_compute_project_metadata_item" "oslogin" {
                  key   = "enable-oslogin"
                  value = "TRUE"
                }
                """,
            references: ["CIS GCP Foundations 4.4", "MITRE ATT&CK T1098.004"], checkov: "CKV_GCP_33"),
        examples: RuleExamples(
            triggering: [
                ["metadata": ["enable-oslogin": "FALSE"]], ["metadata": ["foo": "bar"]],
                ["key": "enable-oslogin", "value": "false"],
            ],
            nonTriggering: [
                ["metadata": ["enable-oslogin": "TRUE"]], ["key": "enable-oslogin", "value": "TRUE"],
                ["key": "other", "value": "x"],
            ]),
        check: { resource in
            if resource.type == "google_compute_project_metadata_item" {
                guard resource.attributes["key"]?.stringValue == "enable-oslogin",
                    PlanValues.flag(resource.attributes["value"]) != true
                else { return [] }
                return [Violation(path: "value", value: resource.attributes["value"])]
            }
            // `metadata` is required on google_compute_project_metadata; without it there is nothing to judge.
            guard let metadata = resource.attributes["metadata"] else { return [] }
            let value = metadata["enable-oslogin"]
            guard PlanValues.flag(value) != true else { return [] }
            return [
                Violation(
                    path: "metadata.enable-oslogin", value: value,
                    message: value == nil ? "project metadata does not set enable-oslogin = TRUE" : nil)
            ]
        })

    static let all: [Rule] = [
        serialPort, osLoginDisabled, publicIP, defaultServiceAccount, projectSSHKeys, shieldedVM, projectOSLogin,
    ]
}
