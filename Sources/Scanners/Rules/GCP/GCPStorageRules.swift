import Core
import Foundation

/// Cloud Storage: public buckets (IAM and ACLs) and the bucket settings that keep them private and recoverable.
///
/// Public access on GCS is granted in three places: IAM members (`allUsers`, `allAuthenticatedUsers`) on
/// the bucket, legacy ACLs, and a whole-bucket IAM policy document. `allAuthenticatedUsers` means any Google
/// account, not your organization.
enum GCPStorageRules {
    static let publicMembers: Set<String> = ["allUsers", "allAuthenticatedUsers"]
    static let publicACLs: Set<String> = ["publicRead", "publicReadWrite", "authenticatedRead"]

    static let publicIAM = Rule(
        RuleDescription(
            id: "gcp-storage-public-iam", title: "Cloud Storage bucket is public through IAM", severity: .critical,
            pack: "gcp",
            resourceTypes: [
                "google_storage_bucket_iam_member", "google_storage_bucket_iam_binding",
                "google_storage_bucket_iam_policy",
            ],
            rationale: "Granting a role to allUsers or allAuthenticatedUsers lets anyone on the internet (or any "
                + "Google account) read, and with write roles overwrite, every object in the bucket: the classic "
                + "cloud-storage data leak.",
            remediation: """
                Grant roles to specific principals, and serve public content through a CDN or signed URLs:

                resource "google_storage_bucket_iam_member" "reader" {
                  bucket = google_storage_bucket.data.name
                  role   = "roles/storage.objectViewer"
                  member = "serviceAccount:app@my-project.iam.gserviceaccount.com"
                }
                """,
            references: ["CIS GCP Foundations 5.1", "MITRE ATT&CK T1530"], checkov: "CKV_GCP_28"),
        examples: RuleExamples(
            triggering: [
                ["bucket": "b", "role": "roles/storage.objectViewer", "member": "allUsers"],
                [
                    "bucket": "b", "role": "roles/storage.objectAdmin",
                    "members": ["user:a@example.com", "allAuthenticatedUsers"],
                ],
                [
                    "bucket": "b",
                    "policy_data": #"{"bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}]}"#,
                ],
            ],
            nonTriggering: [
                [
                    "bucket": "b", "role": "roles/storage.objectViewer",
                    "member": "serviceAccount:app@p.iam.gserviceaccount.com",
                ],
                ["bucket": "b", "role": "roles/storage.objectViewer", "members": ["group:data@example.com"]],
                [
                    "bucket": "b",
                    "policy_data": #"{"bindings":[{"role":"roles/storage.admin","members":["user:a@example.com"]}]}"#,
                ],
            ]),
        check: { resource in
            GCPIAMRules.members(resource).filter { publicMembers.contains($0.member) }.map {
                Violation(path: $0.path, value: .string($0.member), message: "\($0.role) is granted to \($0.member)")
            }
        })

    static let publicACL = Rule(
        RuleDescription(
            id: "gcp-storage-public-acl", title: "Cloud Storage ACL grants public access", severity: .critical,
            pack: "gcp",
            resourceTypes: [
                "google_storage_bucket_acl", "google_storage_default_object_acl", "google_storage_object_acl",
            ],
            rationale: "A public ACL (publicRead, an allUsers or allAuthenticatedUsers entity) exposes the bucket's "
                + "listing or its objects to anyone; default object ACLs make every future upload public too.",
            remediation: """
                Turn on uniform bucket-level access (which disables ACLs) and grant access through IAM instead:

                resource "google_storage_bucket" "data" {
                  name                        = "my-data"
                  location                    = "EU"
                  uniform_bucket_level_access = true
                  public_access_prevention    = "enforced"
                }
                """,
            references: ["CIS GCP Foundations 5.1", "MITRE ATT&CK T1530"], checkov: nil),
        examples: RuleExamples(
            triggering: [
                ["bucket": "b", "predefined_acl": "publicRead", "role_entity": nil],
                ["bucket": "b", "role_entity": ["OWNER:project-owners-123", "READER:allUsers"]],
            ],
            nonTriggering: [
                ["bucket": "b", "predefined_acl": "private"],
                ["bucket": "b", "role_entity": ["OWNER:project-owners-123", "READER:group-data@example.com"]],
            ]),
        check: { resource in
            var found: [Violation] = []
            if let acl = resource.attributes["predefined_acl"]?.stringValue, publicACLs.contains(acl) {
                found.append(
                    Violation(path: "predefined_acl", value: .string(acl), message: "predefined ACL is \(acl)"))
            }
            for (index, entry) in PlanValues.strings(resource.attributes["role_entity"]).enumerated() {
                let entity = entry.split(separator: ":", maxSplits: 1).last.map(String.init) ?? entry
                if publicMembers.contains(entity) {
                    found.append(
                        Violation(
                            path: "role_entity.\(index)", value: .string(entry),
                            message: "ACL entry \(entry) is public"))
                }
            }
            return found
        })

    static let uniformAccess = Rule(
        RuleDescription(
            id: "gcp-storage-uniform-access-disabled", title: "Cloud Storage bucket allows object ACLs",
            severity: .medium, pack: "gcp", resourceTypes: ["google_storage_bucket"],
            rationale: "Without uniform bucket-level access, any object can carry its own ACL, so a single upload "
                + "with a public ACL leaks data that IAM reviews never see. Unset means the API default: "
                + "fine-grained ACLs (google ≥ 4 leaves the attribute unknown in the plan; google 2.x/3.x spelled "
                + "it bucket_policy_only).",
            remediation: """
                resource "google_storage_bucket" "data" {
                  name                        = "my-data"
                  location                    = "EU"
                  uniform_bucket_level_access = true
                }
                """,
            references: ["CIS GCP Foundations 5.2", "MITRE ATT&CK T1530"], checkov: "CKV_GCP_29"),
        examples: RuleExamples(
            triggering: [
                ["name": "b", "uniform_bucket_level_access": false], ["name": "b"],
                ["name": "b", "bucket_policy_only": false],
            ],
            nonTriggering: [
                ["name": "b", "uniform_bucket_level_access": true],
                ["name": "b", "bucket_policy_only": true],
            ]),
        check: { resource in
            let attributes = resource.attributes
            let uniform = PlanValues.flag(attributes["uniform_bucket_level_access"])
            let legacy = PlanValues.flag(attributes["bucket_policy_only"])
            guard uniform != true, legacy != true else { return [] }
            if let uniform {
                return [Violation(path: "uniform_bucket_level_access", value: .bool(uniform))]
            }
            return [
                Violation(
                    path: "uniform_bucket_level_access", value: attributes["uniform_bucket_level_access"],
                    message: "bucket does not set uniform_bucket_level_access (fine-grained ACLs by default)")
            ]
        })

    static let publicAccessPrevention = Rule(
        RuleDescription(
            id: "gcp-storage-public-access-prevention",
            title: "Cloud Storage bucket does not enforce public access prevention",
            severity: .medium, pack: "gcp", resourceTypes: ["google_storage_bucket"],
            rationale: "Public access prevention makes a later allUsers grant or public ACL fail instead of "
                + "silently publishing the bucket. Unset or \"inherited\" leaves it to an organization policy "
                + "that most projects do not have (the attribute exists from google 4.x on).",
            remediation: """
                resource "google_storage_bucket" "data" {
                  name                     = "my-data"
                  location                 = "EU"
                  public_access_prevention = "enforced"
                }
                """,
            references: ["CIS GCP Foundations 5.1", "MITRE ATT&CK T1530", "MITRE ATT&CK T1562"], checkov: "CKV_GCP_114"),
        examples: RuleExamples(
            triggering: [["name": "b", "public_access_prevention": "inherited"], ["name": "b"]],
            nonTriggering: [["name": "b", "public_access_prevention": "enforced"]]),
        check: { resource in
            let value = resource.attributes["public_access_prevention"]
            guard value?.stringValue != "enforced" else { return [] }
            return [
                Violation(
                    path: "public_access_prevention", value: value ?? .null,
                    message: value?.stringValue.map { "public access prevention is \($0)" }
                        ?? "bucket does not set public_access_prevention = \"enforced\"")
            ]
        })

    static let versioning = Rule(
        RuleDescription(
            id: "gcp-storage-versioning-disabled", title: "Cloud Storage bucket keeps no object versions",
            severity: .low, pack: "gcp", resourceTypes: ["google_storage_bucket"],
            rationale: "Without versioning, an overwrite or delete (a bug, a compromised key, ransomware) destroys "
                + "the only copy of an object. An absent versioning block means disabled.",
            remediation: """
                resource "google_storage_bucket" "data" {
                  name     = "my-data"
                  location = "EU"
                  versioning {
                    enabled = true
                  }
                }
                """,
            references: ["MITRE ATT&CK T1485"], checkov: "CKV_GCP_78"),
        examples: RuleExamples(
            triggering: [["name": "b", "versioning": []], ["name": "b", "versioning": [["enabled": false]]]],
            nonTriggering: [["name": "b", "versioning": [["enabled": true]]]]),
        check: { resource in
            let block = PlanValues.block(resource.attributes, "versioning")
            guard PlanValues.flag(block?["enabled"]) != true else { return [] }
            return [
                Violation(
                    path: block == nil ? "versioning" : "versioning.0.enabled",
                    value: block?["enabled"] ?? .array([]),
                    message: block == nil ? "bucket has no versioning block" : nil)
            ]
        })

    static let logging = Rule(
        RuleDescription(
            id: "gcp-storage-logging-disabled", title: "Cloud Storage bucket has no usage logging",
            severity: .low, pack: "gcp", resourceTypes: ["google_storage_bucket"],
            rationale: "Without access logs (or Data Access audit logs) there is no record of who downloaded what "
                + "after a leak, so its scope cannot be established.",
            remediation: """
                resource "google_storage_bucket" "data" {
                  name     = "my-data"
                  location = "EU"
                  logging {
                    log_bucket = google_storage_bucket.access_logs.name
                  }
                }
                """,
            references: ["CIS GCP Foundations 2.1", "MITRE ATT&CK T1530"], checkov: "CKV_GCP_62"),
        examples: RuleExamples(
            triggering: [["name": "b", "logging": []]],
            nonTriggering: [["name": "b", "logging": [["log_bucket": "access-logs", "log_object_prefix": nil]]]]),
        check: { resource in
            let block = PlanValues.block(resource.attributes, "logging")
            // An unknown (absent) block is not judged: it is set from another resource's output.
            guard resource.attributes["logging"] != nil, PlanValues.isUnset(block?["log_bucket"]) else { return [] }
            return [
                Violation(
                    path: "logging", value: resource.attributes["logging"], message: "bucket has no logging block")
            ]
        })

    static let all: [Rule] = [publicIAM, publicACL, uniformAccess, publicAccessPrevention, versioning, logging]
}
