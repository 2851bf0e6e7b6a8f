import Core
import Foundation

/// Resource-manager IAM: basic roles (owner, editor) and public members at project, folder or organization level.
///
/// IAM comes in three shapes: `_iam_member` (one `member`), `_iam_binding` (a `members` set) and
/// `_iam_policy` (`policy_data`, a JSON document usually rendered by a `google_iam_policy` data source).
/// `members(_:)` reads all three the same way, for these rules and the bucket rule.
enum GCPIAMRules {
    /// One principal holding one role, with the attribute path that grants it.
    struct Grant: Sendable {
        var path: String
        var role: String
        var member: String
    }

    static let scopes = ["project", "folder", "organization"]
    static let types = scopes.flatMap { scope in ["member", "binding", "policy"].map { "google_\(scope)_iam_\($0)" } }
    static let basicRoles: Set<String> = ["roles/owner", "roles/editor"]

    static func members(_ resource: Resource) -> [Grant] {
        let attributes = resource.attributes
        if let member = attributes["member"]?.stringValue {
            return [Grant(path: "member", role: attributes["role"]?.stringValue ?? "?", member: member)]
        }
        if attributes["members"] != nil {
            let role = attributes["role"]?.stringValue ?? "?"
            return PlanValues.strings(attributes["members"]).enumerated().map {
                Grant(path: "members.\($0.offset)", role: role, member: $0.element)
            }
        }
        guard let text = attributes["policy_data"]?.stringValue,
            let policy = try? FastJSON.decode(Data(text.utf8))
        else { return [] }
        return PlanValues.blocks(policy, "bindings").flatMap { binding in
            PlanValues.strings(binding["members"]).map {
                Grant(path: "policy_data", role: binding["role"]?.stringValue ?? "?", member: $0)
            }
        }
    }

    static let basicRole = Rule(
        RuleDescription(
            id: "gcp-iam-basic-role", title: "IAM grants the basic owner or editor role", severity: .high,
            pack: "gcp", resourceTypes: types,
            rationale: "roles/owner and roles/editor grant write access to nearly every service in the project "
                + "(editor alone can read secrets, deploy code and create keys for service accounts); a phished "
                + "user or leaked service-account key with them takes over the whole project.",
            remediation: """
                Grant predefined or custom roles scoped to the job instead of a basic role:

                resource "google_project_iam_member" "deployer" {
                  project = "my-project"
                  role    = "roles/run.developer"
                  member  = "serviceAccount:deployer@my-project.iam.gserviceaccount.com"
                }
                """,
            references: ["CIS GCP Foundations 1.5", "MITRE ATT&CK T1098"], checkov: "CKV_GCP_117"),
        examples: RuleExamples(
            triggering: [
                ["project": "p", "role": "roles/owner", "member": "user:alice@example.com"],
                [
                    "project": "p", "role": "roles/editor",
                    "members": ["serviceAccount:123-compute@developer.gserviceaccount.com"],
                ],
                [
                    "project": "p",
                    "policy_data": #"{"bindings":[{"role":"roles/editor","members":["group:devs@example.com"]}]}"#,
                ],
            ],
            nonTriggering: [
                ["project": "p", "role": "roles/viewer", "member": "user:alice@example.com"],
                ["project": "p", "role": "roles/run.developer", "members": ["group:devs@example.com"]],
            ]),
        check: { resource in
            members(resource).filter { basicRoles.contains($0.role) }.map {
                Violation(path: $0.path, value: .string($0.member), message: "\($0.role) is granted to \($0.member)")
            }
        })

    static let publicMember = Rule(
        RuleDescription(
            id: "gcp-iam-public-member", title: "IAM grants a role to allUsers or allAuthenticatedUsers",
            severity: .critical, pack: "gcp", resourceTypes: types,
            rationale: "A project-, folder- or organization-level grant to allUsers/allAuthenticatedUsers hands the "
                + "role to anyone on the internet (or any Google account) across every resource below it.",
            remediation: """
                Grant roles to named principals only:

                resource "google_project_iam_member" "viewer" {
                  project = "my-project"
                  role    = "roles/viewer"
                  member  = "group:auditors@example.com"
                }
                """,
            references: ["CIS GCP Foundations 1.1", "MITRE ATT&CK T1098", "MITRE ATT&CK T1078"], checkov: nil),
        examples: RuleExamples(
            triggering: [
                ["project": "p", "role": "roles/viewer", "member": "allUsers"],
                ["folder": "folders/1", "role": "roles/browser", "members": ["allAuthenticatedUsers"]],
            ],
            nonTriggering: [["project": "p", "role": "roles/viewer", "member": "domain:example.com"]]),
        check: { resource in
            members(resource).filter { GCPStorageRules.publicMembers.contains($0.member) }.map {
                Violation(path: $0.path, value: .string($0.member), message: "\($0.role) is granted to \($0.member)")
            }
        })

    static let all: [Rule] = [basicRole, publicMember]
}
