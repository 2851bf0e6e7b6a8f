import Core

/// Virtual machines and managed disks: encryption at host, disk encryption, password logins.
///
/// Covers the 2.x+ resources (`azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine` and their
/// scale sets) and, for password logins, the legacy `azurerm_virtual_machine` (`os_profile_linux_config`).
enum AzureComputeRules {
    static let vms = [
        "azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_linux_virtual_machine_scale_set",
        "azurerm_windows_virtual_machine_scale_set",
    ]

    static let encryptionAtHost = Rule(
        RuleDescription(
            id: "azure-vm-encryption-at-host", title: "VM does not encrypt temp disks and caches at the host",
            severity: .low, pack: "azure", resourceTypes: vms,
            rationale: "Server-side encryption covers managed disks only; temp disks and disk caches stay in clear "
                + "on the host unless encryption at host is on (default false), so data written there is exposed "
                + "to anyone who gets the physical or host-level copy.",
            remediation: """
                resource "azurerm_linux_virtual_machine" "app" {
                  # ...
                  encryption_at_host_enabled = true # needs the EncryptionAtHost feature on the subscription
                }
                """,
            references: ["CIS Azure Foundations 7.3", "MITRE ATT&CK T1005"], checkov: "CKV_AZURE_151"),
        examples: RuleExamples(
            triggering: [
                ["name": "vm", "encryption_at_host_enabled": false], ["name": "vm", "encryption_at_host_enabled": nil],
            ],
            nonTriggering: [["name": "vm", "encryption_at_host_enabled": true]]),
        check: { resource in
            let value = resource.attributes["encryption_at_host_enabled"]
            guard let value, PlanValues.flag(value) != true else { return [] }
            return [
                Violation(
                    path: "encryption_at_host_enabled", value: value,
                    message: value.isNull ? "VM does not set encryption_at_host_enabled" : nil)
            ]
        })

    static let diskEncryption = Rule(
        RuleDescription(
            id: "azure-managed-disk-encryption-disabled", title: "Managed disk turns Azure Disk Encryption off",
            severity: .medium, pack: "azure", resourceTypes: ["azurerm_managed_disk"],
            rationale: "An encryption_settings block with enabled = false (azurerm 2.x) records that the disk's "
                + "guest-level encryption was switched off, so a copied VHD or snapshot is readable. Disks without "
                + "the block still get platform-managed server-side encryption and are not reported.",
            remediation: """
                resource "azurerm_managed_disk" "data" {
                  # ...
                  disk_encryption_set_id = azurerm_disk_encryption_set.main.id # customer-managed key, or:
                  # encryption_settings { disk_encryption_key { secret_url = ..., source_vault_id = ... } }
                }
                """,
            references: ["CIS Azure Foundations 7.2", "MITRE ATT&CK T1530"], checkov: "CKV_AZURE_2"),
        examples: RuleExamples(
            triggering: [["name": "d", "encryption_settings": [["enabled": false]]]],
            nonTriggering: [
                ["name": "d", "encryption_settings": [["enabled": true]]], ["name": "d", "encryption_settings": []],
            ]),
        check: { resource in
            let settings = PlanValues.block(resource.attributes, "encryption_settings")
            guard PlanValues.flag(settings?["enabled"]) == false else { return [] }
            return [Violation(path: "encryption_settings.0.enabled", value: false)]
        })

    static let passwordAuthentication = Rule(
        RuleDescription(
            id: "azure-vm-password-authentication", title: "Linux VM allows password logins", severity: .high,
            pack: "azure",
            resourceTypes: [
                "azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set", "azurerm_virtual_machine",
            ],
            rationale: "Password SSH logins are what internet-wide brute-force campaigns guess at; key-only "
                + "authentication removes that whole attack.",
            remediation: """
                resource "azurerm_linux_virtual_machine" "app" {
                  # ...
                  disable_password_authentication = true
                  admin_ssh_key {
                    username   = "azureuser"
                    public_key = file("~/.ssh/id_ed25519.pub")
                  }
                }
                """,
            references: ["CIS Azure Foundations 7.6", "MITRE ATT&CK T1110"], checkov: "CKV_AZURE_149"),
        examples: RuleExamples(
            triggering: [
                ["name": "vm", "disable_password_authentication": false],
                ["name": "vm", "os_profile_linux_config": [["disable_password_authentication": false]]],
            ],
            nonTriggering: [
                ["name": "vm", "disable_password_authentication": true],
                ["name": "vm", "os_profile_linux_config": [["disable_password_authentication": true]]],
                ["name": "vm", "os_profile_windows_config": [["provision_vm_agent": true]]],
            ]),
        check: { resource in
            if PlanValues.flag(resource.attributes["disable_password_authentication"]) == false {
                return [Violation(path: "disable_password_authentication", value: false)]
            }
            let linux = PlanValues.block(resource.attributes, "os_profile_linux_config")
            guard PlanValues.flag(linux?["disable_password_authentication"]) == false else { return [] }
            return [Violation(path: "os_profile_linux_config.0.disable_password_authentication", value: false)]
        })

    static let all: [Rule] = [encryptionAtHost, diskEncryption, passwordAuthentication]
}
