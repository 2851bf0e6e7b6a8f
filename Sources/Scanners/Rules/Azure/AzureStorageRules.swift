import Core

/// Storage accounts and blob containers: transport, public blob access, network exposure, encryption.
///
/// Attribute names changed across azurerm majors and both spellings are read: `enable_https_traffic_only`
/// (2.x, 3.x) became `https_traffic_only_enabled` (4.x); `allow_blob_public_access` (2.x, default false)
/// became `allow_nested_items_to_be_public` (3.x+, default **true**, so an unset value shows as true in the
/// plan and is reported). `min_tls_version` defaults to TLS1_0 in 2.x and TLS1_2 from 3.x; the plan shows
/// the default, so the rule only reads the value. `network_rules` is Optional+Computed (it can be managed by
/// `azurerm_storage_account_network_rules` instead), so an absent block is not a finding by itself.
enum AzureStorageRules {
    static let account = ["azurerm_storage_account"]

    static let httpsOnly = Rule(
        RuleDescription(
            id: "azure-storage-https-only-disabled", title: "Storage account accepts plain HTTP", severity: .high,
            pack: "azure", resourceTypes: account,
            rationale: "With secure transfer off, SAS tokens, shared keys and data travel in clear over HTTP and "
                + "can be captured and replayed by anyone on the path.",
            remediation: """
                resource "azurerm_storage_account" "data" {
                  # ...
                  https_traffic_only_enabled = true # enable_https_traffic_only on azurerm 2.x/3.x
                }
                """,
            references: ["CIS Azure Foundations 3.1", "MITRE ATT&CK T1040"], checkov: "CKV_AZURE_3"),
        examples: RuleExamples(
            triggering: [
                ["name": "sa", "https_traffic_only_enabled": false],
                ["name": "sa", "enable_https_traffic_only": false],
            ],
            nonTriggering: [
                ["name": "sa", "https_traffic_only_enabled": true], ["name": "sa", "enable_https_traffic_only": true],
            ]),
        check: { resource in
            for key in ["https_traffic_only_enabled", "enable_https_traffic_only"]
            where PlanValues.flag(resource.attributes[key]) == false {
                return [Violation(path: key, value: false)]
            }
            return []
        })

    static let minTLS = Rule(
        RuleDescription(
            id: "azure-storage-min-tls", title: "Storage account allows TLS older than 1.2", severity: .medium,
            pack: "azure", resourceTypes: account,
            rationale: "TLS 1.0 and 1.1 have known weaknesses (BEAST, POODLE-era ciphers) and let downgrade attacks "
                + "read traffic. azurerm 2.x defaults to TLS1_0, which the plan shows.",
            remediation: """
                resource "azurerm_storage_account" "data" {
                  # ...
                  min_tls_version = "TLS1_2"
                }
                """,
            references: ["CIS Azure Foundations 3.15", "MITRE ATT&CK T1040"], checkov: "CKV_AZURE_44"),
        examples: RuleExamples(
            triggering: [["name": "sa", "min_tls_version": "TLS1_0"], ["name": "sa", "min_tls_version": "TLS1_1"]],
            nonTriggering: [["name": "sa", "min_tls_version": "TLS1_2"], ["name": "sa", "min_tls_version": nil]]),
        check: { resource in
            guard let version = resource.attributes["min_tls_version"]?.stringValue,
                ["TLS1_0", "TLS1_1"].contains(version)
            else { return [] }
            return [Violation(path: "min_tls_version", value: .string(version))]
        })

    static let publicBlobAccess = Rule(
        RuleDescription(
            id: "azure-storage-public-blob-access", title: "Storage account allows public (anonymous) blob containers",
            severity: .medium, pack: "azure", resourceTypes: account,
            rationale: "While the account allows nested items to be public, any container can be switched to "
                + "anonymous read with one setting, the path of most Azure blob leaks. azurerm 3.x+ defaults "
                + "allow_nested_items_to_be_public to true; 2.x spelled it allow_blob_public_access (default false).",
            remediation: """
                resource "azurerm_storage_account" "data" {
                  # ...
                  allow_nested_items_to_be_public = false # allow_blob_public_access on azurerm 2.x
                }
                """,
            references: ["CIS Azure Foundations 3.7", "MITRE ATT&CK T1530"], checkov: "CKV_AZURE_190"),
        examples: RuleExamples(
            triggering: [
                ["name": "sa", "allow_nested_items_to_be_public": true],
                ["name": "sa", "allow_blob_public_access": true],
            ],
            nonTriggering: [
                ["name": "sa", "allow_nested_items_to_be_public": false],
                ["name": "sa", "allow_blob_public_access": false],
            ]),
        check: { resource in
            for key in ["allow_nested_items_to_be_public", "allow_blob_public_access"]
            where PlanValues.flag(resource.attributes[key]) == true {
                return [Violation(path: key, value: true)]
            }
            return []
        })

    static let publicNetworkAccess = Rule(
        RuleDescription(
            id: "azure-storage-public-network-access", title: "Storage account is reachable from all networks",
            severity: .low, pack: "azure", resourceTypes: account,
            rationale: "With public network access on and no inline network rules, the account's endpoints accept "
                + "requests from any address, so a leaked key or SAS works from anywhere. Low: the rules may live "
                + "in azurerm_storage_account_network_rules, which this rule cannot see (that resource is checked "
                + "by azure-storage-network-default-allow).",
            remediation: """
                resource "azurerm_storage_account" "data" {
                  # ...
                  public_network_access_enabled = false # use private endpoints, or:
                  network_rules {
                    default_action = "Deny"
                    ip_rules       = ["203.0.113.0/24"]
                  }
                }
                """,
            references: ["CIS Azure Foundations 3.8", "MITRE ATT&CK T1530", "MITRE ATT&CK T1562"],
            checkov: "CKV_AZURE_59"),
        examples: RuleExamples(
            triggering: [
                ["name": "sa", "public_network_access_enabled": true, "network_rules": []],
                ["name": "sa", "public_network_access_enabled": true],
            ],
            nonTriggering: [
                ["name": "sa", "public_network_access_enabled": false],
                ["name": "sa", "public_network_access_enabled": true, "network_rules": [["default_action": "Deny"]]],
                ["name": "sa", "public_network_access_enabled": true, "network_rules": [["default_action": "Allow"]]],
            ]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["public_network_access_enabled"]) == true,
                PlanValues.block(resource.attributes, "network_rules") == nil
            else { return [] }
            return [
                Violation(
                    path: "public_network_access_enabled", value: true,
                    message: "public network access is enabled and no inline network_rules restrict it")
            ]
        })

    static let networkDefaultAllow = Rule(
        RuleDescription(
            id: "azure-storage-network-default-allow", title: "Storage account network rules allow by default",
            severity: .medium, pack: "azure",
            resourceTypes: ["azurerm_storage_account", "azurerm_storage_account_network_rules"],
            rationale: "default_action = \"Allow\" makes the IP and subnet rules meaningless: every network is "
                + "admitted, so a leaked key or SAS token is usable from the whole internet.",
            remediation: """
                network_rules {
                  default_action             = "Deny"
                  bypass                     = ["AzureServices"]
                  virtual_network_subnet_ids = [azurerm_subnet.app.id]
                }
                """,
            references: ["CIS Azure Foundations 3.8", "MITRE ATT&CK T1530"], checkov: "CKV_AZURE_35"),
        examples: RuleExamples(
            triggering: [["name": "sa", "network_rules": [["default_action": "Allow"]]], ["default_action": "Allow"]],
            nonTriggering: [
                ["name": "sa", "network_rules": [["default_action": "Deny"]]], ["default_action": "Deny"],
                ["name": "sa", "network_rules": []],
            ]),
        check: { resource in
            if resource.type == "azurerm_storage_account_network_rules" {
                guard resource.attributes["default_action"]?.stringValue == "Allow" else { return [] }
                return [Violation(path: "default_action", value: "Allow")]
            }
            guard PlanValues.block(resource.attributes, "network_rules")?["default_action"]?.stringValue == "Allow"
            else { return [] }
            return [Violation(path: "network_rules.0.default_action", value: "Allow")]
        })

    static let infrastructureEncryption = Rule(
        RuleDescription(
            id: "azure-storage-infrastructure-encryption",
            title: "Storage account does not double-encrypt data at rest",
            severity: .low, pack: "azure", resourceTypes: account,
            rationale: "Infrastructure encryption adds a second AES-256 layer with a separate key, so one broken "
                + "key or algorithm does not expose the data. It can only be chosen at creation (default false), "
                + "which is why it is raised on the plan rather than later.",
            remediation: """
                resource "azurerm_storage_account" "data" {
                  # ...
                  infrastructure_encryption_enabled = true
                }
                """,
            references: ["CIS Azure Foundations 3.2"], checkov: nil),
        examples: RuleExamples(
            triggering: [["name": "sa", "infrastructure_encryption_enabled": false]],
            nonTriggering: [["name": "sa", "infrastructure_encryption_enabled": true], ["name": "sa"]]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["infrastructure_encryption_enabled"]) == false else { return [] }
            return [Violation(path: "infrastructure_encryption_enabled", value: false)]
        })

    static let containerPublic = Rule(
        RuleDescription(
            id: "azure-storage-container-public", title: "Blob container allows anonymous read access",
            severity: .critical, pack: "azure", resourceTypes: ["azurerm_storage_container"],
            rationale: "container_access_type \"blob\" lets anyone read any blob whose name they know or guess; "
                + "\"container\" also lets them list every blob: the direct cause of public Azure data leaks.",
            remediation: """
                resource "azurerm_storage_container" "data" {
                  name                  = "data"
                  storage_account_id    = azurerm_storage_account.data.id # storage_account_name before 4.x
                  container_access_type = "private"
                }
                """,
            references: ["CIS Azure Foundations 3.7", "MITRE ATT&CK T1530"], checkov: "CKV_AZURE_34"),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "container_access_type": "blob"], ["name": "c", "container_access_type": "container"],
            ],
            nonTriggering: [["name": "c", "container_access_type": "private"]]),
        check: { resource in
            guard let access = resource.attributes["container_access_type"]?.stringValue,
                access == "blob" || access == "container"
            else { return [] }
            return [
                Violation(
                    path: "container_access_type", value: .string(access), message: "container access type is \(access)"
                )
            ]
        })

    static let all: [Rule] = [
        httpsOnly, minTLS, publicBlobAccess, publicNetworkAccess, networkDefaultAllow, infrastructureEncryption,
        containerPublic,
    ]
}
