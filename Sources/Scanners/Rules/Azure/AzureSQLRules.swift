import Core

/// Azure SQL and the open-source database servers' firewall rules; SQL server auditing, threat detection,
/// public access and TLS.
///
/// `azurerm_sql_*` resources (azurerm ≤ 3.x) and their `azurerm_mssql_*` successors are both read. In 2.x
/// auditing and threat detection could be inline blocks; from 3.x they are separate resources
/// (`azurerm_mssql_server_extended_auditing_policy`, `azurerm_mssql_server_security_alert_policy`), and a
/// per-resource rule cannot see a missing one, so these rules report what is explicitly switched off.
enum AzureSQLRules {
    static let firewallTypes = [
        "azurerm_sql_firewall_rule", "azurerm_mssql_firewall_rule", "azurerm_postgresql_firewall_rule",
        "azurerm_mysql_firewall_rule", "azurerm_mariadb_firewall_rule",
        "azurerm_postgresql_flexible_server_firewall_rule",
        "azurerm_mysql_flexible_server_firewall_rule",
    ]
    static let servers = ["azurerm_mssql_server", "azurerm_sql_server"]

    /// An IPv4 address as a number, for range sizes.
    static func ipv4(_ text: String?) -> UInt32? {
        guard let parts = text?.split(separator: ".").map({ UInt32($0) }), parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let part, part < 256 else { return nil }
            value = value << 8 | part
        }
        return value
    }

    static func range(_ resource: Resource) -> (start: UInt32, end: UInt32)? {
        guard let start = ipv4(resource.attributes["start_ip_address"]?.stringValue),
            let end = ipv4(resource.attributes["end_ip_address"]?.stringValue)
        else { return nil }
        return (start, end)
    }

    static let firewallOpen = Rule(
        RuleDescription(
            id: "azure-sql-firewall-open", title: "Database firewall rule admits the whole internet", severity: .high,
            pack: "azure", resourceTypes: firewallTypes,
            rationale: "A 0.0.0.0–255.255.255.255 rule (or any range of a /8 or more) lets every address reach the "
                + "server's login endpoint, so password spraying and engine CVEs come straight from the internet.",
            remediation: """
                Use private endpoints, or allow only the ranges that connect:

                resource "azurerm_mssql_firewall_rule" "office" {
                  name             = "office"
                  server_id        = azurerm_mssql_server.main.id
                  start_ip_address = "203.0.113.10"
                  end_ip_address   = "203.0.113.20"
                }
                """,
            references: ["CIS Azure Foundations 4.1.2", "MITRE ATT&CK T1190"], checkov: "CKV_AZURE_11"),
        examples: RuleExamples(
            triggering: [
                ["name": "all", "start_ip_address": "0.0.0.0", "end_ip_address": "255.255.255.255"],
                ["name": "wide", "start_ip_address": "1.0.0.0", "end_ip_address": "100.255.255.255"],
            ],
            nonTriggering: [
                ["name": "office", "start_ip_address": "203.0.113.10", "end_ip_address": "203.0.113.20"],
                ["name": "azure", "start_ip_address": "0.0.0.0", "end_ip_address": "0.0.0.0"],
            ]),
        check: { resource in
            guard let (start, end) = range(resource), end > start, UInt64(end - start) + 1 >= 1 << 24 else { return [] }
            let text =
                "\(resource.attributes["start_ip_address"]?.stringValue ?? "")-\(resource.attributes["end_ip_address"]?.stringValue ?? "")"
            return [Violation(path: "end_ip_address", value: .string(text), message: "firewall rule admits \(text)")]
        })

    static let allowAzureServices = Rule(
        RuleDescription(
            id: "azure-sql-firewall-allow-azure-services", title: "Database firewall allows all Azure services",
            severity: .medium, pack: "azure", resourceTypes: firewallTypes,
            rationale: "The 0.0.0.0–0.0.0.0 rule (\"Allow Azure services\") admits traffic from every Azure "
                + "customer's resources, not just yours, so an attacker's own VM or function can reach the server.",
            remediation: """
                Remove the 0.0.0.0 rule and connect through a private endpoint or VNet rule:

                resource "azurerm_mssql_virtual_network_rule" "app" {
                  name      = "app-subnet"
                  server_id = azurerm_mssql_server.main.id
                  subnet_id = azurerm_subnet.app.id
                }
                """,
            references: ["CIS Azure Foundations 4.1.2", "MITRE ATT&CK T1190"], checkov: "CKV2_AZURE_6"),
        examples: RuleExamples(
            triggering: [["name": "AllowAzure", "start_ip_address": "0.0.0.0", "end_ip_address": "0.0.0.0"]],
            nonTriggering: [["name": "office", "start_ip_address": "203.0.113.10", "end_ip_address": "203.0.113.10"]]),
        check: { resource in
            guard let (start, end) = range(resource), start == 0, end == 0 else { return [] }
            return [
                Violation(
                    path: "start_ip_address", value: "0.0.0.0-0.0.0.0",
                    message: "firewall rule 0.0.0.0-0.0.0.0 allows every Azure service")
            ]
        })

    static let auditingDisabled = Rule(
        RuleDescription(
            id: "azure-sql-auditing-disabled", title: "SQL auditing is switched off", severity: .medium, pack: "azure",
            resourceTypes: [
                "azurerm_mssql_server_extended_auditing_policy", "azurerm_mssql_database_extended_auditing_policy",
                "azurerm_mssql_server", "azurerm_sql_server",
            ],
            rationale: "Without auditing there is no record of logins and queries, so data theft through a stolen "
                + "SQL login cannot be detected or scoped. Reports an auditing policy with enabled = false, a "
                + "retention below 90 days, or an inline (azurerm 2.x) policy with the same settings.",
            remediation: """
                resource "azurerm_mssql_server_extended_auditing_policy" "main" {
                  server_id              = azurerm_mssql_server.main.id
                  enabled                = true
                  log_monitoring_enabled = true
                  retention_in_days      = 90 # 0 keeps logs forever
                }
                """,
            references: ["CIS Azure Foundations 4.1.1", "CIS Azure Foundations 4.1.6", "MITRE ATT&CK T1562.008"],
            checkov: "CKV_AZURE_23"),
        examples: RuleExamples(
            triggering: [
                ["server_id": "s", "enabled": false, "retention_in_days": 0],
                ["server_id": "s", "enabled": true, "retention_in_days": 30],
                ["name": "sql", "extended_auditing_policy": [["retention_in_days": 7]]],
            ],
            nonTriggering: [
                ["server_id": "s", "enabled": true, "retention_in_days": 0],
                ["server_id": "s", "enabled": true, "retention_in_days": 120],
                ["name": "sql", "extended_auditing_policy": []], ["name": "sql"],
            ]),
        check: { resource in
            let isServer = servers.contains(resource.type)
            let policy =
                isServer ? PlanValues.block(resource.attributes, "extended_auditing_policy") : resource.attributes
            guard let policy else { return [] }
            let prefix = isServer ? "extended_auditing_policy.0." : ""
            if PlanValues.flag(policy["enabled"]) == false {
                return [Violation(path: prefix + "enabled", value: false, message: "SQL auditing is disabled")]
            }
            if let days = policy["retention_in_days"]?.intValue, days > 0, days < 90 {
                return [
                    Violation(
                        path: prefix + "retention_in_days", value: .number(Double(days)),
                        message: "SQL audit logs are kept \(days) days (less than 90)")
                ]
            }
            return []
        })

    static let threatDetection = Rule(
        RuleDescription(
            id: "azure-sql-threat-detection-disabled", title: "SQL threat detection is off or partial",
            severity: .medium,
            pack: "azure",
            resourceTypes: [
                "azurerm_mssql_server_security_alert_policy", "azurerm_mssql_database", "azurerm_sql_database",
                "azurerm_sql_server",
            ],
            rationale: "Advanced Threat Protection alerts on SQL injection, brute force and logins from unusual "
                + "places; switching it off or disabling alert types removes the only signal of an ongoing attack.",
            remediation: """
                resource "azurerm_mssql_server_security_alert_policy" "main" {
                  resource_group_name = azurerm_resource_group.main.name
                  server_name         = azurerm_mssql_server.main.name
                  state               = "Enabled"
                  disabled_alerts     = []
                }
                """,
            references: ["CIS Azure Foundations 4.2.1", "MITRE ATT&CK T1562.001"], checkov: "CKV_AZURE_25"),
        examples: RuleExamples(
            triggering: [
                ["server_name": "s", "state": "Disabled"],
                ["server_name": "s", "state": "Enabled", "disabled_alerts": ["Sql_Injection"]],
                ["name": "db", "threat_detection_policy": [["state": "Disabled"]]],
            ],
            nonTriggering: [
                ["server_name": "s", "state": "Enabled", "disabled_alerts": []],
                ["name": "db", "threat_detection_policy": []], ["name": "db"],
            ]),
        check: { resource in
            let isPolicy = resource.type == "azurerm_mssql_server_security_alert_policy"
            let policy =
                isPolicy ? resource.attributes : PlanValues.block(resource.attributes, "threat_detection_policy")
            guard let policy else { return [] }
            let prefix = isPolicy ? "" : "threat_detection_policy.0."
            if policy["state"]?.stringValue == "Disabled" {
                return [Violation(path: prefix + "state", value: "Disabled", message: "threat detection is disabled")]
            }
            let disabled = PlanValues.strings(policy["disabled_alerts"]).filter { !$0.isEmpty }
            guard !disabled.isEmpty else { return [] }
            return [
                Violation(
                    path: prefix + "disabled_alerts", value: .array(disabled.map(JSONValue.string)),
                    message: "threat detection alerts disabled: \(disabled.joined(separator: ", "))")
            ]
        })

    static let publicNetworkAccess = Rule(
        RuleDescription(
            id: "azure-sql-public-network-access", title: "SQL server accepts connections over its public endpoint",
            severity: .low, pack: "azure", resourceTypes: ["azurerm_mssql_server"],
            rationale: "With public network access on (the default), the server's login endpoint is on the internet "
                + "and only firewall rules stand between it and password spraying. Low because firewall rules "
                + "usually restrict it; azure-sql-firewall-open reports when they do not.",
            remediation: """
                resource "azurerm_mssql_server" "main" {
                  # ...
                  public_network_access_enabled = false # connect through a private endpoint
                }
                """,
            references: ["CIS Azure Foundations 4.1.7", "MITRE ATT&CK T1190"], checkov: "CKV_AZURE_113"),
        examples: RuleExamples(
            triggering: [["name": "sql", "public_network_access_enabled": true]],
            nonTriggering: [["name": "sql", "public_network_access_enabled": false]]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["public_network_access_enabled"]) == true else { return [] }
            return [Violation(path: "public_network_access_enabled", value: true)]
        })

    static let minTLS = Rule(
        RuleDescription(
            id: "azure-sql-min-tls", title: "SQL server allows TLS older than 1.2", severity: .medium, pack: "azure",
            resourceTypes: ["azurerm_mssql_server"],
            rationale: "TLS 1.0/1.1 connections can be downgraded and decrypted. azurerm 3.x+ defaults to \"1.2\"; "
                + "in 2.x the attribute had no default, so null means the server accepts every TLS version.",
            remediation: """
                resource "azurerm_mssql_server" "main" {
                  # ...
                  minimum_tls_version = "1.2"
                }
                """,
            references: ["CIS Azure Foundations 4.1.8", "MITRE ATT&CK T1040"], checkov: "CKV_AZURE_52"),
        examples: RuleExamples(
            triggering: [
                ["name": "sql", "minimum_tls_version": "1.0"], ["name": "sql", "minimum_tls_version": "Disabled"],
                ["name": "sql", "minimum_tls_version": nil],
            ],
            nonTriggering: [["name": "sql", "minimum_tls_version": "1.2"], ["name": "sql"]]),
        check: { resource in
            guard let value = resource.attributes["minimum_tls_version"] else { return [] }
            guard let version = value.stringValue else {
                return [
                    Violation(
                        path: "minimum_tls_version", value: .null,
                        message: "minimum_tls_version is not set: the server accepts TLS 1.0")
                ]
            }
            guard ["1.0", "1.1", "Disabled"].contains(version) else { return [] }
            return [Violation(path: "minimum_tls_version", value: .string(version))]
        })

    static let all: [Rule] = [
        firewallOpen, allowAzureServices, auditingDisabled, threatDetection, publicNetworkAccess, minTLS,
    ]
}
