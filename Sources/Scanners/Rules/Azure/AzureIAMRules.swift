import Core

/// Role assignments of the privileged built-in roles: Owner, Contributor, User Access Administrator.
///
/// The role is named by `role_definition_name` or by `role_definition_id`, whose last segment is the
/// built-in role's fixed GUID (`role_definition_name` is computed and absent in the plan then). Assignments
/// at subscription, management-group or root scope are high; narrower ones (a resource group, a single
/// resource) are reported by a separate low rule, because a deployment identity owning its own resource
/// group is common and intended.
enum AzureIAMRules {
    static let privilegedRoles: [String: String] = [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
        "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    ]

    /// The privileged role an assignment grants, if any.
    static func privilegedRole(_ resource: Resource) -> String? {
        if let name = resource.attributes["role_definition_name"]?.stringValue,
            privilegedRoles.values.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame })
        {
            return name
        }
        guard let id = resource.attributes["role_definition_id"]?.stringValue,
            let guid = id.split(separator: "/").last
        else { return nil }
        return privilegedRoles[guid.lowercased()]
    }

    /// True for `/`, `/subscriptions/<id>` and management groups: scopes that cover whole subscriptions.
    static func isBroadScope(_ scope: String) -> Bool {
        let parts = scope.lowercased().split(separator: "/")
        if parts.isEmpty { return true }
        if parts.count == 2, parts[0] == "subscriptions" { return true }
        return parts.starts(with: ["providers", "microsoft.management", "managementgroups"])
    }

    static func rule(broad: Bool) -> Rule {
        Rule(
            RuleDescription(
                id: broad ? "azure-role-assignment-privileged" : "azure-role-assignment-privileged-resource-group",
                title: broad
                    ? "Owner, Contributor or User Access Administrator is assigned at subscription scope"
                    : "Owner, Contributor or User Access Administrator is assigned on a resource group or resource",
                severity: broad ? .high : .low, pack: "azure", resourceTypes: ["azurerm_role_assignment"],
                rationale: broad
                    ? "These roles at subscription (or management-group) scope can change or delete everything in "
                        + "it, and Owner/User Access Administrator can grant themselves more: a phished user or "
                        + "leaked service-principal secret with them takes over the subscription."
                    : "A privileged role on a resource group is usually a deployment identity's and intended; it is "
                        + "reported low so that new grants stay visible in review (Owner and User Access "
                        + "Administrator can delegate access further).",
                remediation: """
                    Assign a narrower built-in role at the smallest scope that works:

                    resource "azurerm_role_assignment" "deployer" {
                      scope                = azurerm_resource_group.app.id
                      role_definition_name = "Website Contributor"
                      principal_id         = azuread_service_principal.deployer.object_id
                    }
                    """,
                references: ["CIS Azure Foundations 1.23", "MITRE ATT&CK T1098"], checkov: nil),
            examples: RuleExamples(
                triggering: broad
                    ? [
                        [
                            "scope": "/subscriptions/00000000-0000-0000-0000-000000000000",
                            "role_definition_name": "Owner",
                        ],
                        [
                            "scope": "/providers/Microsoft.Management/managementGroups/root",
                            "role_definition_id":
                                "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
                        ],
                    ]
                    : [
                        [
                            "scope": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app",
                            "role_definition_name": "Contributor",
                        ]
                    ],
                nonTriggering: broad
                    ? [
                        [
                            "scope": "/subscriptions/00000000-0000-0000-0000-000000000000",
                            "role_definition_name": "Reader",
                        ],
                        [
                            "scope": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app",
                            "role_definition_name": "Owner",
                        ],
                    ]
                    : [
                        [
                            "scope": "/subscriptions/00000000-0000-0000-0000-000000000000",
                            "role_definition_name": "Owner",
                        ],
                        [
                            "scope": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app",
                            "role_definition_name": "Storage Blob Data Reader",
                        ],
                    ]),
            check: { resource in
                guard let role = privilegedRole(resource), let scope = resource.attributes["scope"]?.stringValue,
                    isBroadScope(scope) == broad
                else { return [] }
                let path =
                    resource.attributes["role_definition_name"]?.stringValue == nil
                    ? "role_definition_id" : "role_definition_name"
                return [Violation(path: path, value: .string(role), message: "\(role) is assigned at scope \(scope)")]
            })
    }

    static let all: [Rule] = [rule(broad: true), rule(broad: false)]
}
