import Core

/// Image references that can change under a service without any change to the compose file.
enum ComposeImageRules {
    static let unpinned = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-image-unpinned", "Service uses an unpinned image", .low, profile: .baseline,
            rationale: "An implicit or :latest tag is mutable: the image that runs changes with every pull, without "
                + "any change to the compose file, and a poisoned push reaches the host on the next restart.",
            remediation: """
                Pin a version tag, or a digest:

                services:
                  web:
                    image: registry.example.com/shop/web:1.4.2
                """,
            references: ["MITRE ATT&CK T1525"]),
        examples: RuleExamples(
            triggering: [ComposeExample.with("image", "postgres"), ComposeExample.with("image", "redis:latest")],
            nonTriggering: [
                ComposeExample.hardened, ComposeExample.with("image", "postgres:16.4"),
                ComposeExample.with("image", nil),
            ]),
        check: { service in
            guard let image = service["image"]?.stringValue, RuleValues.isUnpinned(image) else { return nil }
            return Violation(path: "image", value: .string(image), message: "uses an unpinned image: \(image)")
        })
}
