import Core

/// Cloud SQL (`google_sql_database_instance`): network exposure, transport encryption, backups and flags.
///
/// Everything lives under `settings.0`; `ip_configuration` and `backup_configuration` are Optional+Computed,
/// so when they are not written the plan leaves them unknown and the API defaults apply (a public IPv4
/// address, no SSL requirement, no automated backups). `require_ssl` (google ≤ 5.x) was replaced by
/// `ssl_mode` (google ≥ 5.x; the only spelling in 6.x); both are read.
enum GCPSQLRules {
    static let types = ["google_sql_database_instance"]
    static let worldNetworks: Set<String> = ["0.0.0.0/0", "0.0.0.0", "::/0"]

    static func settings(_ resource: Resource) -> JSONValue? { PlanValues.block(resource.attributes, "settings") }
    static func ipConfiguration(_ resource: Resource) -> JSONValue? {
        PlanValues.block(settings(resource), "ip_configuration")
    }
    static func engine(_ resource: Resource) -> String { resource.attributes["database_version"]?.stringValue ?? "" }
    static func isReplica(_ resource: Resource) -> Bool {
        !PlanValues.isUnset(resource.attributes["master_instance_name"])
    }

    static let openAuthorizedNetwork = Rule(
        RuleDescription(
            id: "gcp-sql-open-authorized-network", title: "Cloud SQL instance authorizes the whole internet",
            severity: .critical, pack: "gcp", resourceTypes: types,
            rationale: "An authorized network of 0.0.0.0/0 lets any address connect to the database's public IP; "
                + "password spraying and engine CVEs then hit it directly, as in mass-ransomed MySQL/PostgreSQL "
                + "instances.",
            remediation: """
                Use private IP (or the Cloud SQL Auth Proxy) and list only known ranges:

                settings {
                  ip_configuration {
                    ipv4_enabled    = false
                    private_network = google_compute_network.main.id
                  }
                }
                """,
            references: ["CIS GCP Foundations 6.5", "MITRE ATT&CK T1190"], checkov: "CKV_GCP_11"),
        examples: RuleExamples(
            triggering: [
                instance(ip: ["ipv4_enabled": true, "authorized_networks": [["name": "any", "value": "0.0.0.0/0"]]])
            ],
            nonTriggering: [
                instance(ip: [
                    "ipv4_enabled": true, "authorized_networks": [["name": "office", "value": "203.0.113.0/24"]],
                ]),
                instance(ip: ["ipv4_enabled": false, "authorized_networks": []]),
            ]),
        check: { resource in
            PlanValues.blocks(ipConfiguration(resource), "authorized_networks").enumerated().compactMap {
                index, network in
                guard let value = network["value"]?.stringValue, worldNetworks.contains(value) else { return nil }
                return Violation(
                    path: "settings.0.ip_configuration.0.authorized_networks.\(index).value",
                    value: .string(value), message: "authorized network \(value) admits the whole internet")
            }
        })

    static let publicIP = Rule(
        RuleDescription(
            id: "gcp-sql-public-ip", title: "Cloud SQL instance has a public IP and no private network",
            severity: .medium, pack: "gcp", resourceTypes: types,
            rationale: "An instance reachable only through a public IPv4 address depends on authorized networks "
                + "and passwords alone; a private IP keeps it off the internet entirely. When ip_configuration is "
                + "not written the API assigns a public address by default.",
            remediation: """
                settings {
                  ip_configuration {
                    ipv4_enabled    = false
                    private_network = google_compute_network.main.id
                  }
                }
                """,
            references: ["CIS GCP Foundations 6.6", "MITRE ATT&CK T1190"], checkov: "CKV_GCP_60"),
        examples: RuleExamples(
            triggering: [instance(ip: ["ipv4_enabled": true, "private_network": nil]), instance(ip: nil)],
            nonTriggering: [
                instance(ip: ["ipv4_enabled": false, "private_network": "projects/p/global/networks/main"]),
                instance(ip: ["ipv4_enabled": true, "private_network": "projects/p/global/networks/main"]),
            ]),
        check: { resource in
            guard settings(resource) != nil else { return [] }
            guard let ip = ipConfiguration(resource) else {
                return [
                    Violation(
                        path: "settings.0.ip_configuration", value: nil,
                        message: "ip_configuration is not set: the instance gets a public IPv4 address by default")
                ]
            }
            guard PlanValues.flag(ip["ipv4_enabled"]) != false, PlanValues.isUnset(ip["private_network"]) else {
                return []
            }
            return [
                Violation(path: "settings.0.ip_configuration.0.ipv4_enabled", value: ip["ipv4_enabled"] ?? .bool(true))
            ]
        })

    static let sslNotRequired = Rule(
        RuleDescription(
            id: "gcp-sql-ssl-not-required", title: "Cloud SQL instance accepts unencrypted connections",
            severity: .medium, pack: "gcp", resourceTypes: types,
            rationale: "Without an SSL requirement, clients that fall back to plain TCP send credentials and query "
                + "results in clear over any network path. Unset ssl_mode (and no require_ssl on google ≤ 5.x) "
                + "means ALLOW_UNENCRYPTED_AND_ENCRYPTED.",
            remediation: """
                settings {
                  ip_configuration {
                    ssl_mode = "ENCRYPTED_ONLY" # or TRUSTED_CLIENT_CERTIFICATE_REQUIRED
                  }
                }
                """,
            references: ["CIS GCP Foundations 6.4", "MITRE ATT&CK T1040"], checkov: "CKV_GCP_6"),
        examples: RuleExamples(
            triggering: [
                instance(ip: ["ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"]),
                instance(ip: ["require_ssl": false]),
                instance(ip: ["ipv4_enabled": true]),
            ],
            nonTriggering: [
                instance(ip: ["ssl_mode": "ENCRYPTED_ONLY"]),
                instance(ip: ["ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"]),
                instance(ip: ["require_ssl": true]),
            ]),
        check: { resource in
            guard settings(resource) != nil else { return [] }
            let ip = ipConfiguration(resource)
            let mode = ip?["ssl_mode"]?.stringValue ?? ""
            if mode == "ENCRYPTED_ONLY" || mode == "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" { return [] }
            if mode.isEmpty, PlanValues.flag(ip?["require_ssl"]) == true { return [] }
            if !mode.isEmpty {
                return [Violation(path: "settings.0.ip_configuration.0.ssl_mode", value: .string(mode))]
            }
            return [
                Violation(
                    path: "settings.0.ip_configuration.0.ssl_mode", value: ip?["require_ssl"],
                    message: "instance does not require SSL (ssl_mode unset, require_ssl not true)")
            ]
        })

    static let backupsDisabled = Rule(
        RuleDescription(
            id: "gcp-sql-backups-disabled", title: "Cloud SQL instance has automated backups disabled",
            severity: .medium, pack: "gcp", resourceTypes: types,
            rationale: "Without automated backups a dropped table, a bad migration or ransomware that wipes the "
                + "database cannot be undone. Read replicas are skipped (they cannot have backups); an unwritten "
                + "backup_configuration means the API default, which is disabled.",
            remediation: """
                settings {
                  backup_configuration {
                    enabled                        = true
                    point_in_time_recovery_enabled = true # binary_log_enabled for MySQL
                  }
                }
                """,
            references: ["CIS GCP Foundations 6.7", "MITRE ATT&CK T1490"], checkov: "CKV_GCP_14"),
        examples: RuleExamples(
            triggering: [
                instance(backup: ["enabled": false]), instance(backup: nil),
            ],
            nonTriggering: [
                instance(backup: ["enabled": true]),
                .object(instanceValues(backup: ["enabled": false]).merging(["master_instance_name": "primary"]) { $1 }),
            ]),
        check: { resource in
            guard let settings = settings(resource), !isReplica(resource) else { return [] }
            let backup = PlanValues.block(settings, "backup_configuration")
            guard PlanValues.flag(backup?["enabled"]) != true else { return [] }
            return [
                Violation(
                    path: "settings.0.backup_configuration.0.enabled", value: backup?["enabled"],
                    message: backup == nil ? "backup_configuration is not set: automated backups are off" : nil)
            ]
        })

    static let postgresLogConnections = flagRule(
        id: "gcp-sql-postgres-log-connections", engine: "POSTGRES", flag: "log_connections", wanted: "on",
        title: "Cloud SQL PostgreSQL does not log connections",
        rationale: "Without log_connections there is no record of who connected from where, so brute force and "
            + "use of stolen credentials go unnoticed. PostgreSQL's default is off.",
        cis: "CIS GCP Foundations 6.2.3", checkov: "CKV_GCP_52", firesWhenUnset: true)

    static let postgresLogDisconnections = flagRule(
        id: "gcp-sql-postgres-log-disconnections", engine: "POSTGRES", flag: "log_disconnections", wanted: "on",
        title: "Cloud SQL PostgreSQL does not log disconnections",
        rationale: "log_disconnections records session ends and durations, which an investigation needs to tell "
            + "how long an intruder's session lasted. PostgreSQL's default is off.",
        cis: "CIS GCP Foundations 6.2.4", checkov: "CKV_GCP_53", firesWhenUnset: true)

    static let mysqlLocalInfile = flagRule(
        id: "gcp-sql-mysql-local-infile", engine: "MYSQL", flag: "local_infile", wanted: "off",
        title: "Cloud SQL MySQL enables local_infile",
        rationale: "local_infile lets LOAD DATA LOCAL read files from the client host, a path SQL injection and "
            + "rogue servers use to exfiltrate files. Only an explicit \"on\" is flagged.",
        cis: "CIS GCP Foundations 6.1.3", checkov: "CKV_GCP_50", firesWhenUnset: false)

    static let sqlServerCrossDBOwnership = flagRule(
        id: "gcp-sql-sqlserver-cross-db-ownership-chaining", engine: "SQLSERVER", flag: "cross db ownership chaining",
        wanted: "off", title: "Cloud SQL SQL Server enables cross db ownership chaining",
        rationale: "Cross-database ownership chaining lets a user of one database reach objects in another "
            + "without a permission check, turning one compromised database into all of them. Only an explicit "
            + "\"on\" is flagged.",
        cis: "CIS GCP Foundations 6.3.2", checkov: "CKV_GCP_58", firesWhenUnset: false)

    /// A database flag rule: fires when `flag` has a value other than `wanted` (or, if asked, when it is unset).
    static func flagRule(
        id: String, engine prefix: String, flag: String, wanted: String, title: String, rationale: String,
        cis: String, checkov: String, firesWhenUnset: Bool
    ) -> Rule {
        let other = wanted == "on" ? "off" : "on"
        let version = prefix == "POSTGRES" ? "POSTGRES_16" : prefix == "MYSQL" ? "MYSQL_8_0" : "SQLSERVER_2022_STANDARD"
        func example(_ flags: [(String, String)], version: String = version) -> JSONValue {
            let list = JSONValue.array(flags.map { ["name": .string($0.0), "value": .string($0.1)] })
            return .object(instanceValues(flags: list).merging(["database_version": .string(version)]) { $1 })
        }
        var triggering = [example([(flag, other)])]
        var nonTriggering = [example([(flag, wanted)]), example([(flag, other)], version: "OTHER_1")]
        if firesWhenUnset { triggering.append(example([])) } else { nonTriggering.append(example([])) }
        return Rule(
            RuleDescription(
                id: id, title: title, severity: .low, pack: "gcp", resourceTypes: types, rationale: rationale,
                remediation: """
                    settings {
                      database_flags {
                        name  = "\(flag)"
                        value = "\(wanted)"
                      }
                    }
                    """,
                references: [cis], checkov: checkov),
            examples: RuleExamples(triggering: triggering, nonTriggering: nonTriggering),
            check: { resource in
                guard engine(resource).hasPrefix(prefix), let settings = settings(resource) else { return [] }
                let flags = PlanValues.blocks(settings, "database_flags")
                guard let index = flags.firstIndex(where: { $0["name"]?.stringValue == flag }) else {
                    return firesWhenUnset
                        ? [
                            Violation(
                                path: "settings.0.database_flags", value: nil,
                                message: "database flag \(flag) is not set (default \(other))")
                        ]
                        : []
                }
                let value = flags[index]["value"]?.stringValue?.lowercased() ?? ""
                guard value != wanted else { return [] }
                return [
                    Violation(
                        path: "settings.0.database_flags.\(index).value", value: .string(value),
                        message: "database flag \(flag) is \(value)")
                ]
            })
    }

    static func instanceValues(
        ip: JSONValue? = ["ipv4_enabled": false], backup: JSONValue? = ["enabled": true],
        flags: JSONValue = []
    ) -> [String: JSONValue] {
        var settings: [String: JSONValue] = ["tier": "db-f1-micro", "database_flags": flags]
        if let ip { settings["ip_configuration"] = [ip] }
        if let backup { settings["backup_configuration"] = [backup] }
        return [
            "name": "db", "database_version": "POSTGRES_16", "master_instance_name": nil,
            "settings": [.object(settings)],
        ]
    }

    static func instance(ip: JSONValue? = ["ipv4_enabled": false], backup: JSONValue? = ["enabled": true]) -> JSONValue
    {
        .object(instanceValues(ip: ip, backup: backup))
    }

    static let all: [Rule] = [
        openAuthorizedNetwork, publicIP, sslNotRequired, backupsDisabled, postgresLogConnections,
        postgresLogDisconnections, mysqlLocalInfile, sqlServerCrossDBOwnership,
    ]
}
