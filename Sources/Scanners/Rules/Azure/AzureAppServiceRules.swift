import Core

/// App Service web apps: HTTPS only, minimum TLS, FTP deployments.
///
/// `azurerm_app_service` (azurerm ≤ 3.x) keeps TLS in `site_config.0.min_tls_version`; its successors
/// `azurerm_linux_web_app`/`azurerm_windows_web_app` (3.x+) spell it `minimum_tls_version`. Both read.
enum AzureAppServiceRules {
    static let apps = ["azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"]

    static let httpsOnly = Rule(
        RuleDescription(
            id: "azure-app-service-https-only", title: "Web app accepts plain HTTP", severity: .medium, pack: "azure",
            resourceTypes: apps,
            rationale: "Without https_only (default false) the app serves HTTP too, so session cookies and logins "
                + "can be read or altered on any network between user and app.",
            remediation: """
                resource "azurerm_linux_web_app" "app" {
                  # ...
                  https_only = true
                }
                """,
            references: ["CIS Azure Foundations 9.2", "MITRE ATT&CK T1557"], checkov: "CKV_AZURE_14"),
        examples: RuleExamples(
            triggering: [["name": "app", "https_only": false], ["name": "app", "https_only": nil]],
            nonTriggering: [["name": "app", "https_only": true]]),
        check: { resource in
            let value = resource.attributes["https_only"]
            guard let value, PlanValues.flag(value) != true else { return [] }
            return [Violation(path: "https_only", value: value)]
        })

    static let minTLS = Rule(
        RuleDescription(
            id: "azure-app-service-min-tls", title: "Web app allows TLS older than 1.2", severity: .medium,
            pack: "azure", resourceTypes: apps,
            rationale: "TLS 1.0/1.1 are deprecated and open to downgrade attacks that expose session traffic. The "
                + "default is 1.2, so only an explicit older version is reported.",
            remediation: """
                site_config {
                  minimum_tls_version = "1.2" # min_tls_version on azurerm_app_service
                }
                """,
            references: ["CIS Azure Foundations 9.3", "MITRE ATT&CK T1040"], checkov: "CKV_AZURE_15"),
        examples: RuleExamples(
            triggering: [
                ["name": "app", "site_config": [["minimum_tls_version": "1.0"]]],
                ["name": "app", "site_config": [["min_tls_version": "1.1"]]],
            ],
            nonTriggering: [
                ["name": "app", "site_config": [["minimum_tls_version": "1.2"]]], ["name": "app", "site_config": []],
            ]),
        check: { resource in
            let site = PlanValues.block(resource.attributes, "site_config")
            for key in ["minimum_tls_version", "min_tls_version"] {
                if let version = site?[key]?.stringValue, version == "1.0" || version == "1.1" {
                    return [Violation(path: "site_config.0.\(key)", value: .string(version))]
                }
            }
            return []
        })

    static let ftps = Rule(
        RuleDescription(
            id: "azure-app-service-ftp-allowed", title: "Web app allows unencrypted FTP deployments", severity: .medium,
            pack: "azure", resourceTypes: apps,
            rationale: "ftps_state = \"AllAllowed\" accepts plain FTP, which sends the deployment credentials in "
                + "clear; whoever captures them can replace the app's code.",
            remediation: """
                site_config {
                  ftps_state = "Disabled" # or "FtpsOnly"
                }
                """,
            references: ["CIS Azure Foundations 9.10", "MITRE ATT&CK T1040"], checkov: "CKV_AZURE_78"),
        examples: RuleExamples(
            triggering: [["name": "app", "site_config": [["ftps_state": "AllAllowed"]]]],
            nonTriggering: [
                ["name": "app", "site_config": [["ftps_state": "Disabled"]]],
                ["name": "app", "site_config": [["ftps_state": "FtpsOnly"]]],
            ]),
        check: { resource in
            let site = PlanValues.block(resource.attributes, "site_config")
            guard site?["ftps_state"]?.stringValue == "AllAllowed" else { return [] }
            return [Violation(path: "site_config.0.ftps_state", value: "AllAllowed")]
        })

    static let all: [Rule] = [httpsOnly, minTLS, ftps]
}
