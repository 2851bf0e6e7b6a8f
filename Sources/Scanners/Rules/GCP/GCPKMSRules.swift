import Core

/// Cloud KMS keys (`google_kms_crypto_key`): automatic rotation.
enum GCPKMSRules {
    static let kmsRotation = Rule(
        RuleDescription(
            id: "gcp-kms-rotation", title: "KMS key is not rotated at least every 90 days", severity: .medium,
            pack: "gcp", resourceTypes: ["google_kms_crypto_key"],
            rationale: "A symmetric key that never rotates protects ever more data with one key version, so a "
                + "single exposure (an exported key, a misused decrypt grant) reaches all of it. Asymmetric and "
                + "MAC keys cannot rotate automatically and are skipped.",
            remediation: """
                resource "google_kms_crypto_key" "data" {
                  name            = "data"
                  key_ring        = google_kms_key_ring.main.id
                  rotation_period = "7776000s" # 90 days
                }
                """,
            references: ["CIS GCP Foundations 1.10", "MITRE ATT&CK T1552.004"], checkov: "CKV_GCP_43"),
        examples: RuleExamples(
            triggering: [
                ["name": "k", "purpose": "ENCRYPT_DECRYPT", "rotation_period": nil],
                ["name": "k", "purpose": "ENCRYPT_DECRYPT", "rotation_period": "31536000s"],
            ],
            nonTriggering: [
                ["name": "k", "purpose": "ENCRYPT_DECRYPT", "rotation_period": "7776000s"],
                ["name": "k", "purpose": "ASYMMETRIC_SIGN", "rotation_period": nil],
            ]),
        check: { resource in
            let purpose = resource.attributes["purpose"]?.stringValue ?? "ENCRYPT_DECRYPT"
            guard purpose == "ENCRYPT_DECRYPT" else { return [] }
            let value = resource.attributes["rotation_period"]
            guard let text = value?.stringValue, !text.isEmpty else {
                return [
                    Violation(path: "rotation_period", value: value ?? .null, message: "key sets no rotation_period")
                ]
            }
            guard let seconds = Double(text.hasSuffix("s") ? String(text.dropLast()) : text), seconds > 7_776_000
            else { return [] }
            return [
                Violation(
                    path: "rotation_period", value: .string(text),
                    message: "key rotates every \(Int(seconds / 86_400)) days (more than 90)")
            ]
        })

    static let all: [Rule] = [kmsRotation]
}
