import Core
import Foundation
import Testing

@testable import Scanners

/// The GCP and Azure packs over whole plan documents: the real `TerraformPlan` parser and `RuleEngine`, and
/// exactly which rule fires on which address. Resources missing from a table must produce no finding, so
/// every compliant counterpart in the fixtures is checked too.
@Suite struct CloudPackPlanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var pack: String
        /// Address → the rule ids that must fire on it, and no others.
        var expected: [String: Set<String>]
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(
            fixture: "terraform/gcp-plan/plan.json", pack: "gcp",
            expected: [
                "google_compute_firewall.ssh_world": ["gcp-firewall-ssh-open"],
                "google_compute_firewall.rdp_world": ["gcp-firewall-rdp-open"],
                "google_compute_firewall.all_world": ["gcp-firewall-all-ports-open"],
                "google_compute_firewall.db_world": ["gcp-firewall-ingress-open"],
                "google_compute_firewall.https_world": ["gcp-firewall-web-open"],
                "google_storage_bucket.public_assets": [
                    "gcp-storage-uniform-access-disabled", "gcp-storage-public-access-prevention",
                    "gcp-storage-versioning-disabled", "gcp-storage-logging-disabled",
                ],
                "google_storage_bucket_iam_member.public_read": ["gcp-storage-public-iam"],
                "google_sql_database_instance.public": [
                    "gcp-sql-open-authorized-network", "gcp-sql-public-ip", "gcp-sql-ssl-not-required",
                    "gcp-sql-backups-disabled", "gcp-sql-postgres-log-connections",
                    "gcp-sql-postgres-log-disconnections",
                ],
                "google_sql_database_instance.mysql_infile": ["gcp-sql-mysql-local-infile"],
                "google_sql_database_instance.sqlserver_chaining": ["gcp-sql-sqlserver-cross-db-ownership-chaining"],
                "google_storage_bucket_acl.public_assets": ["gcp-storage-public-acl"],
                "google_compute_project_metadata_item.oslogin_off": ["gcp-project-os-login-disabled"],
                "google_container_cluster.legacy": [
                    "gcp-gke-legacy-abac", "gcp-gke-master-authorized-networks", "gcp-gke-private-nodes",
                    "gcp-gke-network-policy", "gcp-gke-workload-identity", "gcp-gke-client-certificate",
                    "gcp-gke-logging-disabled", "gcp-gke-monitoring-disabled", "gcp-gke-shielded-nodes",
                ],
                "google_container_node_pool.manual_upgrades": [
                    "gcp-gke-node-auto-upgrade", "gcp-gke-node-auto-repair",
                ],
                "google_compute_instance.exposed": [
                    "gcp-compute-serial-port", "gcp-compute-os-login-disabled", "gcp-compute-public-ip",
                    "gcp-compute-default-service-account-full-access", "gcp-compute-project-ssh-keys",
                    "gcp-compute-shielded-vm",
                ],
                "google_kms_crypto_key.yearly": ["gcp-kms-rotation"],
                "google_project_iam_member.owner": ["gcp-iam-basic-role"],
                "google_project_iam_binding.public_viewer": ["gcp-iam-public-member"],
            ]),
        Case(
            fixture: "terraform/azure-plan/plan.json", pack: "azure",
            expected: [
                "azurerm_network_security_rule.ssh_any": ["azure-nsg-ssh-open"],
                "azurerm_network_security_rule.rdp_internet": ["azure-nsg-rdp-open"],
                "azurerm_network_security_group.web": [
                    "azure-nsg-all-ports-open", "azure-nsg-ingress-open", "azure-nsg-web-open",
                ],
                "azurerm_storage_account.legacy": [
                    "azure-storage-https-only-disabled", "azure-storage-min-tls", "azure-storage-public-blob-access",
                    "azure-storage-public-network-access", "azure-storage-infrastructure-encryption",
                ],
                "azurerm_storage_container.public": ["azure-storage-container-public"],
                "azurerm_storage_account_network_rules.legacy": ["azure-storage-network-default-allow"],
                "azurerm_key_vault_secret.db_password": ["azure-keyvault-secret-expiration"],
                "azurerm_mysql_flexible_server_configuration.no_tls": ["azure-mysql-ssl-disabled"],
                "azurerm_mssql_server.main": ["azure-sql-min-tls", "azure-sql-public-network-access"],
                "azurerm_mssql_firewall_rule.everyone": ["azure-sql-firewall-open"],
                "azurerm_mssql_firewall_rule.azure_services": ["azure-sql-firewall-allow-azure-services"],
                "azurerm_mssql_server_extended_auditing_policy.short": ["azure-sql-auditing-disabled"],
                "azurerm_mssql_server_security_alert_policy.off": ["azure-sql-threat-detection-disabled"],
                "azurerm_key_vault.open": ["azure-keyvault-purge-protection", "azure-keyvault-network-default-allow"],
                "azurerm_key_vault_key.forever": ["azure-keyvault-key-expiration"],
                "azurerm_kubernetes_cluster.default": [
                    "azure-aks-rbac-disabled", "azure-aks-network-policy", "azure-aks-api-server-open",
                    "azure-aks-private-cluster", "azure-aks-local-accounts",
                ],
                "azurerm_linux_virtual_machine.password": [
                    "azure-vm-password-authentication", "azure-vm-encryption-at-host",
                ],
                "azurerm_role_assignment.owner_subscription": ["azure-role-assignment-privileged"],
                "azurerm_role_assignment.contributor_rg": ["azure-role-assignment-privileged-resource-group"],
                "azurerm_linux_web_app.legacy": [
                    "azure-app-service-https-only", "azure-app-service-min-tls", "azure-app-service-ftp-allowed",
                ],
                "azurerm_postgresql_flexible_server_configuration.no_tls": ["azure-postgresql-ssl-disabled"],
            ]),
    ]

    @Test(arguments: cases)
    func firesExactlyOnTheOffenders(_ testCase: Case) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestTools.fixture(testCase.fixture)))
        let resources = TerraformPlan.resources(in: try TerraformPlan.decode(data))
        let findings = RuleEngine.evaluate(
            RuleCatalog.all, over: ResourceInventory(resources), context: .init(source: .terraform, target: "infra"))
        var found: [String: Set<String>] = [:]
        for finding in findings { found[finding.resource, default: []].insert(finding.ruleID) }
        for resource in resources {
            #expect(
                found[resource.address, default: []] == testCase.expected[resource.address, default: []],
                "\(resource.address)")
        }
        #expect(
            Set(testCase.expected.keys).isSubset(of: Set(resources.map(\.address))), "every expected address exists")
        #expect(findings.allSatisfy { $0.ruleID.hasPrefix(testCase.pack + "-") })

        let encoded = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
        #expect(!encoded.contains("hunter2-fixture-secret"))
    }

    /// Every rule of both packs fires in a fixture, except those that read shapes only older provider majors
    /// plan (google 3.x basic auth, azurerm 2.x soft delete and disk encryption flag): their `RuleExamples`
    /// cover them instead, because one plan holds one version of each provider.
    @Test func everyCloudRuleFiresInAFixture() throws {
        let fired = Set(Self.cases.flatMap { $0.expected.values.flatMap { $0 } })
        let unexercised = Set((GCPRules.all + AzureRules.all).map(\.description.id)).subtracting(fired)
        #expect(
            unexercised
                == [
                    "gcp-gke-basic-auth", "azure-keyvault-soft-delete-disabled",
                    "azure-managed-disk-encryption-disabled",
                ])
        #expect(GCPRules.all.count >= 20 && AzureRules.all.count >= 20)
    }
}
