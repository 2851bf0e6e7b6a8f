import Foundation

/// When a `resource` check fires: a tree of tests over a resource's attributes.
///
/// `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`, or a leaf `{"path": "...", "op": "...", "value": ...}`.
/// Paths are dotted and `*` steps into every element of a list (or every value of an object), so
/// `spec.template.spec.containers.*.image` reads each container. A leaf holds when **any** value at its path
/// satisfies it (`absent`: when there is none); write `not` around the opposite test for "every". Nothing is
/// ever executed: a check can only compare values.
public indirect enum Condition: Sendable, Codable, Equatable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(path: String, op: ConditionOperator, value: JSONValue?)
}

/// The comparisons a leaf can make. Words and symbols are both accepted where both are common.
public enum ConditionOperator: String, Sendable, Codable, CaseIterable {
    case exists, absent
    case equals = "=="
    case notEquals = "!="
    case lessThan = "<"
    case greaterThan = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case isIn = "in"
    case notIn = "not_in"
    /// A regular expression (bounded in time) searched in a string value.
    case matches
    /// A string contains the text, or a list contains the value.
    case contains
    /// The value is a CIDR (or IP) that contains the given CIDR or IP: `cidr_blocks.* cidr_contains 10.1.2.3`.
    case cidrContains = "cidr_contains"
    /// The value's CIDR overlaps the given one.
    case cidrOverlaps = "cidr_overlaps"
    case versionLess = "version<"
    case versionLessOrEqual = "version<="
    case versionGreater = "version>"
    case versionGreaterOrEqual = "version>="
    case versionEquals = "version=="

    static let aliases: [String: ConditionOperator] = [
        "equals": .equals, "eq": .equals, "not_equals": .notEquals, "ne": .notEquals, "lt": .lessThan,
        "gt": .greaterThan, "le": .lessOrEqual, "ge": .greaterOrEqual, "not in": .notIn,
    ]

    public init?(name: String) {
        guard let parsed = ConditionOperator(rawValue: name) ?? ConditionOperator.aliases[name.lowercased()] else {
            return nil
        }
        self = parsed
    }

    var needsValue: Bool { self != .exists && self != .absent }
}

/// Which resources a `resource` check reads.
public struct ResourceSelector: Sendable, Codable, Equatable {
    /// Resource types or kinds (`aws_s3_bucket`, `Deployment`); any of them.
    public var types: [String]
    /// Only resources from this source kind's family.
    public var source: SourceKind?
    /// A glob over the resource address.
    public var name: String?
    /// Kubernetes namespace.
    public var namespace: String?
    /// Attribute path → required value (a shorthand for `==` tests).
    public var filters: JSONObject

    public init(
        types: [String], source: SourceKind? = nil, name: String? = nil, namespace: String? = nil,
        filters: JSONObject = [:]
    ) {
        self.types = types
        self.source = source
        self.name = name
        self.namespace = namespace
        self.filters = filters
    }

    public func selects(_ resource: Resource, source kind: SourceKind) -> Bool {
        guard types.contains(resource.type) else { return false }
        if let source, source.fingerprintName != kind.fingerprintName { return false }
        if let name, !Glob.matches(name, resource.address) { return false }
        if let namespace, resource.namespace != namespace { return false }
        return filters.allSatisfy { path, value in
            ConditionEvaluator.holds(.test(path: path, op: .equals, value: value), on: resource.attributes)
        }
    }
}

/// Parses a condition tree, reporting each mistake with its JSON path inside the entry.
struct ConditionParser {
    var report: EntryProblems

    mutating func parse(_ value: JSONValue, at path: String) -> Condition? {
        guard case .object(let node) = value else {
            report.error(path, "must be an object (all, any, not, or path/op/value)")
            return nil
        }
        let combinators = ["all", "any", "not"].filter { node[$0] != nil }
        if combinators.count > 1 || (!combinators.isEmpty && node["path"] != nil) {
            report.error(path, "give exactly one of all, any, not, or path/op/value")
            return nil
        }
        if let items = node["all"] ?? node["any"] {
            let key = node["all"] != nil ? "all" : "any"
            guard case .array(let list) = items, !list.isEmpty else {
                report.error("\(path).\(key)", "must be a non-empty array of conditions")
                return nil
            }
            var children: [Condition] = []
            for (index, child) in list.enumerated() {
                if let parsed = parse(child, at: "\(path).\(key)[\(index)]") { children.append(parsed) }
            }
            guard children.count == list.count else { return nil }
            return key == "all" ? .all(children) : .any(children)
        }
        if let inner = node["not"] {
            return parse(inner, at: "\(path).not").map(Condition.not)
        }
        return leaf(node, at: path)
    }

    private mutating func leaf(_ node: JSONObject, at path: String) -> Condition? {
        guard case .string(let attribute) = node["path"], !attribute.isEmpty else {
            report.error("\(path).path", "required: a non-empty dotted attribute path")
            return nil
        }
        guard case .string(let name) = node["op"], let op = ConditionOperator(name: name) else {
            let found = node["op"].map(\.compactText) ?? "missing"
            report.error(
                "\(path).op",
                "'\(found)' is not one of \(ConditionOperator.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        let value = node["value"]
        if op.needsValue, value == nil {
            report.error("\(path).value", "required for \(op.rawValue)")
            return nil
        }
        switch op {
        case .lessThan, .greaterThan, .lessOrEqual, .greaterOrEqual:
            guard case .number = value else {
                report.error("\(path).value", "must be a number for \(op.rawValue) (not a boolean or a string)")
                return nil
            }
        case .isIn, .notIn:
            guard case .array = value else {
                report.error("\(path).value", "must be an array for \(op.rawValue)")
                return nil
            }
        case .matches:
            guard case .string(let pattern) = value, RunbookRegex.problem(with: pattern, caseInsensitive: false) == nil
            else {
                report.error("\(path).value", "must be a regular expression that compiles")
                return nil
            }
        case .cidrContains, .cidrOverlaps:
            guard case .string(let text) = value, CIDR(text) != nil else {
                report.error("\(path).value", "must be an IP address or CIDR like 10.0.0.0/8")
                return nil
            }
        case .versionLess, .versionLessOrEqual, .versionGreater, .versionGreaterOrEqual, .versionEquals:
            guard case .string(let text) = value, SemanticVersion(text) != nil else {
                report.error("\(path).value", "must be a version like 1.27 or 1.27.3")
                return nil
            }
        case .exists, .absent, .equals, .notEquals, .contains:
            break
        }
        return .test(path: attribute, op: op, value: value)
    }
}
