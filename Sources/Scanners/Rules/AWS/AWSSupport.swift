import Core
import Foundation

/// Reading helpers every AWS rule family shares: provider-shape quirks, IAM policy documents, and links
/// between resources of one plan.
///
/// Planned values follow two conventions the rules rely on. An attribute the configuration leaves unset is
/// `null` (or `[]` for a block) when the provider has a fixed default, and absent when the provider computes
/// it; a value that depends on another new resource is absent too. Each rule says which reading it takes for
/// an absent attribute, in its own doc comment.
enum AWSSupport {
    /// `0.0.0.0/0` and `::/0` (and its long spelling): "anyone on the internet".
    static let worldCIDRs: Set<String> = ["0.0.0.0/0", "::/0", "0000:0000:0000:0000:0000:0000:0000:0000/0"]

    /// A boolean as the provider writes it: launch templates keep some flags as the strings "true"/"false".
    static func bool(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .string(let text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// An integer, also when a module passed it through as a string.
    static func int(_ value: JSONValue?) -> Int? {
        if let number = value?.intValue { return number }
        if let text = value?.stringValue { return Int(text) }
        return nil
    }

    /// The first element of a nested block (Terraform wraps single blocks in one-element lists).
    static func block(_ value: JSONValue?) -> JSONValue? {
        value?.elements.first
    }

    /// Strings of a list attribute, or of a single string.
    static func strings(_ value: JSONValue?) -> [String] {
        (value?.elements ?? []).compactMap(\.stringValue)
    }

    // MARK: Secret-looking names

    /// Name fragments that mark a value as a credential (`DB_PASSWORD`, `stripeApiKey`, `/app/token`).
    private static let secretMarkers = [
        "password", "passwd", "secret", "token", "apikey", "api_key", "privatekey", "private_key", "accesskey",
        "access_key", "credential",
    ]
    /// Name endings that say the value only points at or describes a secret (`DB_PASSWORD_ARN`,
    /// `ACCESS_KEY_ID`, `TOKEN_TTL`, `/app/secret_name`).
    private static let referenceSuffixes = [
        "arn", "_id", "id", "_name", "_path", "_param", "_parameter", "_ssm", "_file", "_url", "_uri", "_version",
        "_ttl", "_length", "_expiry", "_header", "_key_id",
    ]

    /// True when a variable or parameter name looks like it holds a credential itself.
    static func looksSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        guard secretMarkers.contains(where: lowered.contains) else { return false }
        return !referenceSuffixes.contains { lowered.hasSuffix($0) }
    }

    /// True when a value is a pointer to a secret rather than the secret: an ARN or an empty string.
    static func isSecretReference(_ value: String) -> Bool {
        value.isEmpty || value.hasPrefix("arn:") || value.hasPrefix("{{resolve:")
    }

    // MARK: Policy documents

    /// A parsed policy statement with the fields rules compare.
    struct Statement {
        var index: Int
        var isAllow: Bool
        var actions: [String]
        var notActions: [String]
        var resources: [String]
        var principal: JSONValue?
        var condition: JSONValue?

        /// True when a condition narrows who can use the statement (see `restricts`).
        var isRestricted: Bool { AWSSupport.restricts(condition) }

        /// True for `"Principal": "*"` and `"Principal": {"AWS": "*"}` (or a list holding `*`).
        var isPublicPrincipal: Bool {
            guard let principal else { return false }
            if principal.stringValue == "*" { return true }
            return AWSSupport.strings(principal["AWS"]).contains("*")
        }
    }

    /// The statements of a policy held as a JSON string (as Terraform stores `policy`) or as an object.
    static func statements(_ value: JSONValue?) -> [Statement]? {
        let document: JSONValue
        switch value {
        case .string(let text):
            guard let parsed = try? FastJSON.decode(Data(text.utf8)) else { return nil }
            document = parsed
        case .object: document = value ?? .null
        default: return nil
        }
        return (document["Statement"]?.elements ?? []).enumerated().map { index, statement in
            Statement(
                index: index, isAllow: (statement["Effect"]?.stringValue ?? "Allow") == "Allow",
                actions: strings(statement["Action"]), notActions: strings(statement["NotAction"]),
                resources: strings(statement["Resource"]), principal: statement["Principal"],
                condition: statement["Condition"])
        }
    }

    /// The first Allow statement that lets anyone (`*`) act without a condition, as a violation of `path`.
    static func publicStatement(_ resource: Resource, path: String = "policy", what: String) -> [Violation] {
        guard let statements = statements(resource.attributes[path]) else { return [] }
        guard let statement = statements.first(where: { $0.isAllow && $0.isPublicPrincipal && !$0.isRestricted })
        else { return [] }
        let actions = statement.actions.isEmpty ? "any action" : statement.actions.joined(separator: ", ")
        return [
            Violation(
                path: path, value: .string("Statement[\(statement.index)]: Allow \(actions) to Principal *"),
                message: "\(what) lets anyone (Principal \"*\", no narrowing condition) \(actions)")
        ]
    }

    /// Condition keys that pin a statement to known callers.
    ///
    /// An organization, account, VPC, endpoint, source resource or network narrows the statement;
    /// `aws:SecureTransport`, tags, user agents and the like narrow nothing.
    private static let narrowingKeys: Set<String> = [
        "aws:sourcevpce", "aws:sourcevpc", "aws:vpceaccount", "aws:vpceorgid", "aws:principalorgid",
        "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:userid", "aws:sourceaccount",
        "aws:sourceowner", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceip",
        "aws:ec2instancesourcevpc", "ec2:sourceinstancearn", "lambda:sourcefunctionarn", "ssm:sourceinstancearn",
        "kms:calleraccount", "sts:externalid", "s3:dataaccesspointaccount", "aws:resourceorgid",
    ]

    /// True when a `Condition` block limits the statement to known callers.
    ///
    /// Only positive operators count (`StringEquals`, `ArnLike`, `IpAddress` …; a `…Not…` operator excludes
    /// a few callers and admits the rest), and only with a concrete value: `*`, an ARN with a wildcard
    /// account (`arn:aws:iam::*:…`) and an internet-wide `aws:SourceIp` narrow nothing.
    static func restricts(_ condition: JSONValue?) -> Bool {
        for (operation, tests) in condition?.objectValue ?? [:] {
            let lowered = operation.lowercased()
            guard !lowered.contains("not"), !lowered.hasPrefix("null") else { continue }
            for (key, value) in tests.objectValue ?? [:] where narrowingKeys.contains(key.lowercased()) {
                let values = strings(value)
                guard !values.isEmpty else { continue }
                let isBroad = values.contains { text in
                    text == "*" || worldCIDRs.contains(text)
                        || text.range(
                            of: #"^arn:[^:]+:[^:]*:[^:]*:\*"#,
                            options: .regularExpression) != nil
                }
                if !isBroad { return true }
            }
        }
        return false
    }

    // MARK: Links between resources

    /// Whether some resource of `types` points at `target` through `attribute`.
    enum Link {
        /// A resource names the target, by configuration reference or by a known value.
        case linked([Resource])
        /// None does, but one has an unknown target (a module output, say): the rule gives the benefit of doubt.
        case unknown
        case none
    }

    /// Finds the resources of `types` whose `attribute` points at `target`.
    ///
    /// A candidate is linked when its configuration refers to the target's block (plans), or when its known
    /// value equals one of the target's own identifying values (`targetKeys`: `id`, `bucket`, `arn`…; state
    /// files and existing resources). A candidate whose value is unknown makes the answer `.unknown` when
    /// nothing says where it points, or when it points through the output of the module holding the target
    /// (`vpc_id = module.network.vpc_id` for a VPC inside `module.network`).
    static func link(
        to target: Resource, from types: [String], attribute: String, targetKeys: [String],
        in inventory: ResourceInventory
    ) -> Link {
        let index = inventory.memoized("aws.link|\(types.joined(separator: ","))|\(attribute)") {
            LinkIndex($0, types: types, attribute: attribute)
        }
        let targetAddress = target.configurationAddress
        var ordinals = index.byReference[targetAddress] ?? []
        for key in targetKeys {
            if let value = target.attributes[key]?.stringValue { ordinals += index.byValue[value] ?? [] }
        }
        if !ordinals.isEmpty {
            return .linked(Set(ordinals).sorted().map { index.candidates[$0] })
        }
        if index.hasUnplacedUnknown { return .unknown }
        var prefix = Substring(targetAddress)
        while let dot = prefix.lastIndex(of: ".") {
            prefix = prefix[..<dot]
            if index.moduleReferences.contains(String(prefix)) { return .unknown }
        }
        return .none
    }

    /// The candidates of `link`, indexed once per inventory by where they point.
    struct LinkIndex: Sendable {
        /// Every resource of the types, in inventory order; the maps below hold positions in it.
        var candidates: [Resource] = []
        /// Configuration address referred to through the attribute → candidates.
        var byReference: [String: [Int]] = [:]
        /// Known string value of the attribute → candidates.
        var byValue: [String: [Int]] = [:]
        /// Some candidate's attribute is unknown and nothing says where it points.
        var hasUnplacedUnknown = false
        /// Module calls (`module.network`) whose output some unknown candidate attribute comes from.
        var moduleReferences: Set<String> = []

        init(_ inventory: ResourceInventory, types: [String], attribute: String) {
            for type in types {
                for candidate in inventory.resources(ofType: type) {
                    let ordinal = candidates.count
                    candidates.append(candidate)
                    let references = candidate.references[attribute] ?? []
                    for reference in Set(references) { byReference[reference, default: []].append(ordinal) }
                    let values = strings(candidate.attributes[attribute])
                    for value in Set(values) { byValue[value, default: []].append(ordinal) }
                    guard values.isEmpty, candidate.attributes[attribute] == nil else { continue }
                    if references.isEmpty { hasUnplacedUnknown = true }
                    for reference in references {
                        let parts = reference.split(separator: ".")
                        if parts.count >= 2 && parts[parts.count - 2] == "module" { moduleReferences.insert(reference) }
                    }
                }
            }
        }
    }
}
