import Core

/// Network security rules open to the internet: standalone `azurerm_network_security_rule` and the inline
/// `security_rule` entries of `azurerm_network_security_group`.
///
/// Only inbound Allow rules count. The internet is `*`, `0.0.0.0`, `0.0.0.0/0`, `::/0` or the service tags
/// `Internet`/`Any`; prefixes come from `source_address_prefix` and `source_address_prefixes`, ports from
/// `destination_port_range(s)`. Protocol `*` opens the ports on TCP and UDP. A higher-priority Deny is not
/// taken into account: an Allow from the internet is a finding even if it is shadowed today.
enum AzureNetworkRules {
    static let worldSources: Set<String> = ["*", "0.0.0.0", "0.0.0.0/0", "::/0", "internet", "any"]

    static func exposures(_ resource: Resource) -> [IngressExposure] {
        if resource.type == "azurerm_network_security_group" {
            return PlanValues.blocks(resource.attributes, "security_rule").enumerated().compactMap { index, rule in
                exposure(rule, path: "security_rule.\(index)")
            }
        }
        return exposure(resource.attributes, path: "").map { [$0] } ?? []
    }

    static func exposure(_ rule: JSONValue, path: String) -> IngressExposure? {
        guard rule["direction"]?.stringValue?.lowercased() == "inbound",
            rule["access"]?.stringValue?.lowercased() == "allow"
        else { return nil }
        let prefix = path.isEmpty ? "" : path + "."
        var sourcePath = prefix + "source_address_prefix"
        var sources = PlanValues.strings(rule["source_address_prefix"]).filter {
            worldSources.contains($0.lowercased())
        }
        if sources.isEmpty {
            sources = PlanValues.strings(rule["source_address_prefixes"]).filter {
                worldSources.contains($0.lowercased())
            }
            sourcePath = prefix + "source_address_prefixes"
        }
        guard !sources.isEmpty else { return nil }
        let specs =
            PlanValues.strings(rule["destination_port_range"]) + PlanValues.strings(rule["destination_port_ranges"])
        let ports = specs.isEmpty ? PortExposure.all : PortExposure(specs: specs)
        switch rule["protocol"]?.stringValue?.lowercased() ?? "*" {
        case "tcp": return IngressExposure(path: path, sourcePath: sourcePath, sources: sources, tcp: ports, udp: .none)
        case "udp": return IngressExposure(path: path, sourcePath: sourcePath, sources: sources, tcp: .none, udp: ports)
        case "*": return IngressExposure(path: path, sourcePath: sourcePath, sources: sources, tcp: ports, udp: ports)
        default: return nil
        }
    }

    static let rules: [Rule] = IngressRules.rules(
        IngressRules.Texts(
            pack: "azure", subject: "Network security rule",
            types: ["azurerm_network_security_rule", "azurerm_network_security_group"],
            sshRemediation: remediation(
                port: "22", note: "Reach VMs through Azure Bastion or a VPN and allow SSH only from there:"),
            rdpRemediation: remediation(
                port: "3389", note: "Reach VMs through Azure Bastion or a VPN and allow RDP only from there:"),
            allRemediation: remediation(
                port: "443", note: "Allow only the ports the service needs, from the sources that need them:"),
            otherRemediation: remediation(
                port: "5432",
                note: "Reach internal services over private endpoints or VNet peering, or restrict the source:"),
            webRemediation: """
                Publish web services through Application Gateway or Front Door and allow only their traffic:

                resource "azurerm_network_security_rule" "web" {
                  name                        = "allow-appgw-https"
                  priority                    = 200
                  direction                   = "Inbound"
                  access                      = "Allow"
                  protocol                    = "Tcp"
                  source_port_range           = "*"
                  destination_port_range      = "443"
                  source_address_prefix       = "GatewayManager"
                  destination_address_prefix  = "VirtualNetwork"
                  resource_group_name         = azurerm_resource_group.main.name
                  network_security_group_name = azurerm_network_security_group.web.name
                }
                """,
            sshReferences: ["CIS Azure Foundations 6.2"], rdpReferences: ["CIS Azure Foundations 6.1"],
            checkovSSH: "CKV_AZURE_10", checkovRDP: "CKV_AZURE_9", checkovAll: nil, checkovWeb: "CKV_AZURE_160",
            examples: (
                ssh: RuleExamples(
                    triggering: [
                        rule(port: "22"), rule(port: "20-25", source: "Internet"),
                        group([rule(port: "22", source: "0.0.0.0/0")]),
                        rule(port: nil, ports: ["443", "22"], source: nil, sources: ["10.0.0.0/8", "*"]),
                    ],
                    nonTriggering: [
                        rule(port: "22", source: "10.0.0.0/8"), rule(port: "22", direction: "Outbound"),
                        rule(port: "22", access: "Deny"), rule(port: "*"), group([rule(port: "443")]),
                    ]),
                rdp: RuleExamples(
                    triggering: [
                        rule(port: "3389"), rule(port: "3389", protocol: "Udp"),
                        group([rule(port: "3389", source: "Any")]),
                    ],
                    nonTriggering: [rule(port: "3389", source: "VirtualNetwork"), rule(port: "22")]),
                all: RuleExamples(
                    triggering: [
                        rule(port: "*"), rule(port: "0-65535", protocol: "Tcp"),
                        group([rule(port: "*", protocol: "*")]),
                    ],
                    nonTriggering: [
                        rule(port: "*", source: "10.0.0.0/8"), rule(port: "22"), rule(port: "*", protocol: "Icmp"),
                    ]),
                other: RuleExamples(
                    triggering: [rule(port: "1433"), group([rule(port: "6379")])],
                    nonTriggering: [rule(port: "443"), rule(port: "1433", source: "10.1.0.0/16")]),
                web: RuleExamples(
                    triggering: [rule(port: "443"), rule(port: "80")],
                    nonTriggering: [rule(port: "443", source: "AzureFrontDoor.Backend"), rule(port: "*")])
            )),
        exposures: exposures)

    private static func remediation(port: String, note: String) -> String {
        """
        \(note)

        resource "azurerm_network_security_rule" "admin" {
          name                        = "allow-admin-from-bastion"
          priority                    = 100
          direction                   = "Inbound"
          access                      = "Allow"
          protocol                    = "Tcp"
          source_port_range           = "*"
          destination_port_range      = "\(port)"
          source_address_prefix       = "10.0.250.0/26" # AzureBastionSubnet
          destination_address_prefix  = "VirtualNetwork"
          resource_group_name         = azurerm_resource_group.main.name
          network_security_group_name = azurerm_network_security_group.app.name
        }
        """
    }

    private static func rule(
        port: String?, ports: [String] = [], protocol proto: String = "Tcp", source: String? = "*",
        sources: [String] = [],
        direction: String = "Inbound", access: String = "Allow"
    ) -> JSONValue {
        [
            "name": "r", "priority": 100, "direction": .string(direction), "access": .string(access),
            "protocol": .string(proto), "source_port_range": "*", "destination_address_prefix": "*",
            "destination_port_range": port.map(JSONValue.string) ?? .null,
            "destination_port_ranges": .array(ports.map(JSONValue.string)),
            "source_address_prefix": source.map(JSONValue.string) ?? .null,
            "source_address_prefixes": .array(sources.map(JSONValue.string)),
        ]
    }

    private static func group(_ rules: [JSONValue]) -> JSONValue { ["name": "nsg", "security_rule": .array(rules)] }
}
