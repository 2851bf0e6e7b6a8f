import Core

/// PostgreSQL and MySQL servers: SSL enforcement, on single servers and flexible servers.
///
/// Single servers (`azurerm_postgresql_server`, `azurerm_mysql_server`) have `ssl_enforcement_enabled`
/// (required from azurerm 3.x; 2.x also accepted the older `ssl_enforcement = "Disabled"`). Flexible servers
/// enforce TLS through the `require_secure_transport` server parameter, set with a `_configuration` resource.
enum AzureDatabaseServerRules {
    static func sslRule(id: String, engine: String, server: String, configuration: String, checkov: String, cis: String)
        -> Rule
    {
        Rule(
            RuleDescription(
                id: id, title: "\(engine) server does not enforce SSL connections", severity: .high, pack: "azure",
                resourceTypes: [server, configuration],
                rationale: "With SSL enforcement off, clients may connect in clear text and send the database "
                    + "password and query results readable to anyone on the network path.",
                remediation: """
                    resource "\(server)" "main" {
                      # ...
                      ssl_enforcement_enabled          = true
                      ssl_minimal_tls_version_enforced = "TLS1_2"
                    }
                    # flexible servers:
                    resource "\(configuration)" "tls" {
                      name      = "require_secure_transport"
                      server_id = azurerm_\(engine.lowercased())_flexible_server.main.id
                      value     = "on"
                    }
                    """,
                references: [cis, "MITRE ATT&CK T1040"], checkov: checkov),
            examples: RuleExamples(
                triggering: [
                    ["name": "db", "ssl_enforcement_enabled": false], ["name": "db", "ssl_enforcement": "Disabled"],
                    ["name": "require_secure_transport", "value": "OFF"],
                ],
                nonTriggering: [
                    ["name": "db", "ssl_enforcement_enabled": true],
                    ["name": "require_secure_transport", "value": "ON"], ["name": "log_connections", "value": "off"],
                ]),
            check: { resource in
                let attributes = resource.attributes
                if resource.type == configuration {
                    guard attributes["name"]?.stringValue == "require_secure_transport",
                        PlanValues.flag(attributes["value"]) == false
                    else { return [] }
                    return [
                        Violation(path: "value", value: attributes["value"], message: "require_secure_transport is off")
                    ]
                }
                if PlanValues.flag(attributes["ssl_enforcement_enabled"]) == false {
                    return [Violation(path: "ssl_enforcement_enabled", value: false)]
                }
                guard attributes["ssl_enforcement"]?.stringValue == "Disabled" else { return [] }
                return [Violation(path: "ssl_enforcement", value: "Disabled")]
            })
    }

    static let postgresSSL = sslRule(
        id: "azure-postgresql-ssl-disabled", engine: "PostgreSQL", server: "azurerm_postgresql_server",
        configuration: "azurerm_postgresql_flexible_server_configuration", checkov: "CKV_AZURE_29",
        cis: "CIS Azure Foundations 4.3.1")

    static let mysqlSSL = sslRule(
        id: "azure-mysql-ssl-disabled", engine: "MySQL", server: "azurerm_mysql_server",
        configuration: "azurerm_mysql_flexible_server_configuration", checkov: "CKV_AZURE_28",
        cis: "CIS Azure Foundations 4.4.1")

    static let all: [Rule] = [postgresSSL, mysqlSSL]
}
