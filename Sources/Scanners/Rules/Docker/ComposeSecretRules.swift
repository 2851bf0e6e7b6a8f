import Core

/// Secrets written into the compose file.
enum ComposeSecretRules {
    static let secretLiteral = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-env-secret-literal", "Service writes a secret into its environment", .low, profile: .baseline,
            rationale: "A password or token written as a literal environment value is committed to the repository "
                + "and shown by docker inspect to anyone with access to the daemon. Only the variable's name is "
                + "reported, never its value.",
            remediation: """
                Interpolate it from the deployment's environment, or use a compose secret:

                services:
                  db:
                    environment:
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                    secrets: [db_password]
                secrets:
                  db_password:
                    environment: DB_PASSWORD
                """,
            references: ["CIS Docker 4.10", "MITRE ATT&CK T1552.001"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("environment.POSTGRES_PASSWORD", "hunter2-example"),
                ComposeExample.with("environment", ["LOG_LEVEL=info", "API_TOKEN=tok-example-123"]),
            ],
            nonTriggering: [
                ComposeExample.hardened,
                ComposeExample.with("environment.POSTGRES_PASSWORD", "${POSTGRES_PASSWORD}"),
                ComposeExample.with("environment.POSTGRES_PASSWORD_FILE", "/run/secrets/db_password"),
                ComposeExample.with("environment", ["API_TOKEN", "SECRET_KEY=$SECRET_KEY"]),
            ]),
        check: { service in
            let names = literalSecrets(service["environment"])
            guard let first = names.first else { return nil }
            // The path names the variable; the value is the secret and is never put in evidence.
            return Violation(
                path: "environment.\(first)", value: nil,
                message: "sets secret-looking environment variables to literal values: \(names.joined(separator: ", "))"
            )
        })

    /// Names of secret-looking variables with literal values, from a map or a `KEY=VALUE` list.
    static func literalSecrets(_ environment: JSONValue?) -> [String] {
        var pairs: [(String, String?)] = []
        switch environment {
        case .some(.object(let members)):
            pairs = members.keys.sorted().map { key in
                (key, members[key].flatMap { $0.isNull ? nil : $0.compactText })
            }
        case .some(.array(let items)):
            pairs = items.compactMap(\.stringValue).map { item in
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : nil)
            }
        default:
            return []
        }
        return pairs.compactMap { name, value in
            guard let value, SecretLiterals.looksLikeSecretName(name), SecretLiterals.isLiteral(value) else {
                return nil
            }
            return name
        }
    }
}
