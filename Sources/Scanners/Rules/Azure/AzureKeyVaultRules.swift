import Core

/// Key Vault: recoverability (soft delete, purge protection), network exposure, key and secret expiry.
///
/// `soft_delete_enabled` exists only in azurerm 2.x (soft delete is always on from 3.x), so only an explicit
/// false is reported. `network_acls` is Optional+Computed: left out, the vault accepts every network.
enum AzureKeyVaultRules {
    static let vault = ["azurerm_key_vault"]

    static let purgeProtection = Rule(
        RuleDescription(
            id: "azure-keyvault-purge-protection", title: "Key Vault has purge protection disabled", severity: .medium,
            pack: "azure", resourceTypes: vault,
            rationale: "Without purge protection an attacker (or a bad script) with delete rights can delete and "
                + "then purge the vault, destroying keys that encrypt databases and disks for good.",
            remediation: """
                resource "azurerm_key_vault" "main" {
                  # ...
                  purge_protection_enabled   = true
                  soft_delete_retention_days = 90
                }
                """,
            references: ["CIS Azure Foundations 8.5", "MITRE ATT&CK T1485"], checkov: "CKV_AZURE_110"),
        examples: RuleExamples(
            triggering: [["name": "kv", "purge_protection_enabled": false]],
            nonTriggering: [["name": "kv", "purge_protection_enabled": true]]),
        check: { resource in
            let value = resource.attributes["purge_protection_enabled"]
            guard value != nil, PlanValues.flag(value) != true else { return [] }
            return [Violation(path: "purge_protection_enabled", value: value)]
        })

    static let softDelete = Rule(
        RuleDescription(
            id: "azure-keyvault-soft-delete-disabled", title: "Key Vault has soft delete disabled", severity: .high,
            pack: "azure", resourceTypes: vault,
            rationale: "With soft delete off (possible only with azurerm 2.x), a deleted vault, key or secret is gone "
                + "immediately, along with everything it decrypts.",
            remediation: """
                resource "azurerm_key_vault" "main" {
                  # ...
                  soft_delete_enabled = true # always on from azurerm 3.x; remove the argument when upgrading
                }
                """,
            references: ["CIS Azure Foundations 8.5", "MITRE ATT&CK T1485"], checkov: "CKV_AZURE_42"),
        examples: RuleExamples(
            triggering: [["name": "kv", "soft_delete_enabled": false]],
            nonTriggering: [["name": "kv", "soft_delete_enabled": true], ["name": "kv"]]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["soft_delete_enabled"]) == false else { return [] }
            return [Violation(path: "soft_delete_enabled", value: false)]
        })

    static let networkDefaultAllow = Rule(
        RuleDescription(
            id: "azure-keyvault-network-default-allow", title: "Key Vault accepts connections from all networks",
            severity: .medium, pack: "azure", resourceTypes: vault,
            rationale: "A vault whose network ACLs default to Allow (or that has none) answers from the whole "
                + "internet, so a leaked service-principal secret is enough to read every secret in it.",
            remediation: """
                network_acls {
                  default_action             = "Deny"
                  bypass                     = "AzureServices"
                  virtual_network_subnet_ids = [azurerm_subnet.app.id]
                }
                """,
            references: ["CIS Azure Foundations 8.7", "MITRE ATT&CK T1555"], checkov: "CKV_AZURE_109"),
        examples: RuleExamples(
            triggering: [
                ["name": "kv", "network_acls": [["default_action": "Allow", "bypass": "AzureServices"]]],
                ["name": "kv", "network_acls": []],
            ],
            nonTriggering: [
                ["name": "kv", "network_acls": [["default_action": "Deny", "bypass": "AzureServices"]]],
                ["name": "kv", "public_network_access_enabled": false, "network_acls": []],
            ]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["public_network_access_enabled"]) != false else { return [] }
            let acls = PlanValues.block(resource.attributes, "network_acls")
            guard acls?["default_action"]?.stringValue != "Deny" else { return [] }
            return [
                Violation(
                    path: "network_acls.0.default_action", value: acls?["default_action"],
                    message: acls == nil ? "vault sets no network_acls: every network is allowed" : nil)
            ]
        })

    static let keyExpiration = expiryRule(
        id: "azure-keyvault-key-expiration", type: "azurerm_key_vault_key", what: "key",
        cis: "CIS Azure Foundations 8.1",
        checkov: "CKV_AZURE_40")

    static let secretExpiration = expiryRule(
        id: "azure-keyvault-secret-expiration", type: "azurerm_key_vault_secret", what: "secret",
        cis: "CIS Azure Foundations 8.3", checkov: "CKV_AZURE_41")

    static func expiryRule(id: String, type: String, what: String, cis: String, checkov: String) -> Rule {
        Rule(
            RuleDescription(
                id: id, title: "Key Vault \(what) has no expiration date", severity: .low, pack: "azure",
                resourceTypes: [type],
                rationale: "A \(what) without an expiry is never forced through rotation, so a copy taken years ago "
                    + "still works.",
                remediation: """
                    resource "\(type)" "main" {
                      # ...
                      expiration_date = "2027-01-01T00:00:00Z" # rotate before it passes
                    }
                    """,
                references: [cis, "MITRE ATT&CK T1552"], checkov: checkov),
            examples: RuleExamples(
                triggering: [["name": "k", "expiration_date": nil]],
                nonTriggering: [["name": "k", "expiration_date": "2027-01-01T00:00:00Z"]]),
            check: { resource in
                guard PlanValues.isUnset(resource.attributes["expiration_date"]) else { return [] }
                return [Violation(path: "expiration_date", value: .null, message: "\(what) sets no expiration_date")]
            })
    }

    static let all: [Rule] = [purgeProtection, softDelete, networkDefaultAllow, keyExpiration, secretExpiration]
}
