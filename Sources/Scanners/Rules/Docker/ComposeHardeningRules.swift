import Core

/// Runtime hardening a service opts into: a read-only root file system, a health check, a bounded restart.
enum ComposeHardeningRules {
    static let readOnly = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-read-only-missing", "Service has a writable root file system", .low, profile: .restricted,
            rationale: "A writable root file system lets an intruder drop tools and persist changes to the "
                + "container's binaries; a read-only one confines writes to the volumes and tmpfs you declare.",
            remediation: """
                Mount the root file system read-only and give writes a place:

                services:
                  web:
                    read_only: true
                    tmpfs:
                      - /tmp
                """,
            references: ["CIS Docker 5.12"]),
        examples: RuleExamples(
            triggering: [ComposeExample.with("read_only", nil), ComposeExample.with("read_only", false)],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("read_only", "true")]),
        check: { service in
            guard !RuleValues.isTruthy(service["read_only"]) else { return nil }
            return Violation(
                path: "read_only", value: service["read_only"], message: "does not mount its root file system read-only"
            )
        })

    static let healthcheck = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-healthcheck-missing", "Service has no health check", .low, profile: .restricted,
            rationale: "Without a health check a hung service counts as running: dependants start against it, "
                + "and nothing restarts it. (An image's own HEALTHCHECK is not visible here; declare it in the "
                + "compose file to make it reviewable.)",
            remediation: """
                Declare a health check:

                services:
                  web:
                    healthcheck:
                      test: ["CMD", "/app/healthcheck"]
                      interval: 30s
                      retries: 3
                """,
            references: ["CIS Docker 5.26", "CIS Docker 4.6"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("healthcheck", nil), ComposeExample.with("healthcheck.disable", true),
                ComposeExample.with("healthcheck.test", ["NONE"]),
            ],
            nonTriggering: [ComposeExample.hardened]),
        check: { service in
            let check = service["healthcheck"]
            let test = check?["test"]
            let isDisabled =
                check == nil || check?.isNull == true || RuleValues.isTruthy(check?["disable"])
                || test?.stringValue?.uppercased() == "NONE"
                || test?.arrayValue?.first?.stringValue?.uppercased() == "NONE"
            guard isDisabled else { return nil }
            return Violation(path: "healthcheck", value: check, message: "has no health check")
        })

    static let restartPolicy = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-restart-unbounded", "Service restarts without a bound", .low, profile: .restricted,
            rationale: "restart: always or unless-stopped restarts a crashing service forever; a crash loop then "
                + "burns the host's CPU and floods logs instead of failing visibly, which is the denial of "
                + "service CIS asks to bound with on-failure and a retry count.",
            remediation: """
                Restart on failure with a bound:

                services:
                  web:
                    restart: on-failure:5
                """,
            references: ["CIS Docker 5.14"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("restart", "always"), ComposeExample.with("restart", "unless-stopped"),
                ComposeExample.with("restart", nil).setting("deploy.restart_policy.condition", "any"),
            ],
            nonTriggering: [
                ComposeExample.hardened, ComposeExample.with("restart", "no"),
                ComposeExample.with("restart", nil).setting(
                    "deploy.restart_policy", ["condition": "any", "max_attempts": 5]),
            ]),
        check: { service in
            if let restart = service["restart"]?.stringValue,
                ["always", "unless-stopped"].contains(restart.lowercased())
            {
                return Violation(
                    path: "restart", value: .string(restart), message: "restarts without a bound (restart: \(restart))")
            }
            // Swarm-style deploy.restart_policy: condition any (the default) without max_attempts.
            if let policy = service["deploy"]?["restart_policy"], policy.objectValue != nil,
                (policy["condition"]?.stringValue ?? "any") == "any", policy["max_attempts"] == nil
            {
                return Violation(
                    path: "deploy.restart_policy", value: policy,
                    message: "restarts without a bound (deploy.restart_policy without max_attempts)")
            }
            return nil
        })
}
