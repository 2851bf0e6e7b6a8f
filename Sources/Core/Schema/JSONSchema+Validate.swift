import Foundation

extension JSONSchema {
    /// Every violation of the schema in `instance`, in document order of the keywords checked; empty when valid.
    ///
    /// When an `anyOf` or `oneOf` matches nothing, the violations of the closest alternative are reported
    /// (the only one of the right shape, else the one with the fewest violations), since "matches none of 4
    /// alternatives" tells a person nothing; when no alternative is closest, the generic line is reported.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        violations(of: root, in: instance, at: [], depth: 0)
    }

    /// Whether `instance` satisfies the schema.
    public func accepts(_ instance: JSONValue) -> Bool { validate(instance).isEmpty }

    /// The order keywords are evaluated in, so output is stable (an object's keys have none).
    private static let evaluationOrder = [
        "$ref", "type", "enum", "const", "pattern", "minLength", "minimum", "minItems", "required", "properties",
        "additionalProperties", "items", "allOf", "anyOf", "oneOf", "if",
    ]

    private func violations(
        of schema: JSONValue, in instance: JSONValue, at path: [JSONSchemaViolation.Step], depth: Int
    ) -> [JSONSchemaViolation] {
        func fail(_ keyword: String, _ message: String) -> [JSONSchemaViolation] {
            [JSONSchemaViolation(path: path, keyword: keyword, message: message)]
        }
        guard depth <= Self.maximumDepth else {
            return fail("$ref", "nests deeper than the validator follows (\(Self.maximumDepth) schema levels)")
        }
        switch schema {
        case .bool(true): return []
        case .bool(false): return fail("false", "is not allowed here")
        case .object(let keywords):
            var found: [JSONSchemaViolation] = []
            for keyword in Self.evaluationOrder {
                guard let value = keywords[keyword] else { continue }
                found += violations(of: keyword, value, schema: keywords, in: instance, at: path, depth: depth)
            }
            return found
        default: return []  // refused when loading
        }
    }

    private func violations(
        of keyword: String, _ value: JSONValue, schema: JSONObject, in instance: JSONValue,
        at path: [JSONSchemaViolation.Step], depth: Int
    ) -> [JSONSchemaViolation] {
        func fail(_ message: String) -> [JSONSchemaViolation] {
            [JSONSchemaViolation(path: path, keyword: keyword, message: message)]
        }
        func sub(_ schema: JSONValue, _ instance: JSONValue, _ steps: [JSONSchemaViolation.Step] = [])
            -> [JSONSchemaViolation]
        {
            violations(of: schema, in: instance, at: path + steps, depth: depth + 1)
        }
        switch keyword {
        case "$ref":
            guard let reference = value.stringValue, let target = resolve(reference) else { return [] }
            return sub(target, instance)
        case "type":
            let names = value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue) ?? []
            if names.contains(where: { Self.has(type: $0, instance) }) { return [] }
            return fail(
                "must be \(Self.list(names.map(Self.article(for:)), joiner: "or")), found \(RunbookJSON.typeName(instance))"
            )
        case "enum":
            let allowed = value.arrayValue ?? []
            if allowed.contains(where: { Self.equal($0, instance) }) { return [] }
            return fail(
                "must be one of \(allowed.map(\.compactText).joined(separator: ", ")); found \(Self.quoted(instance))")
        case "const":
            return Self.equal(value, instance)
                ? [] : fail("must be \(Self.quoted(value)); found \(Self.quoted(instance))")
        case "pattern":
            guard let text = instance.stringValue, let pattern = value.stringValue,
                let regex = patterns[pattern]
            else { return [] }
            let range = NSRange(location: 0, length: (text as NSString).length)
            return regex.firstMatch(in: text, range: range) != nil
                ? [] : fail("must match the pattern '\(pattern)'; found \(Self.quoted(instance))")
        case "minLength":
            guard let text = instance.stringValue, let minimum = value.intValue, text.unicodeScalars.count < minimum
            else { return [] }
            return fail("must be at least \(minimum) character(s) long")
        case "minimum":
            guard case .number(let number) = instance, let minimum = value.numberValue, number < minimum else {
                return []
            }
            return fail("must be at least \(value.compactText); found \(instance.compactText)")
        case "minItems":
            guard let items = instance.arrayValue, let minimum = value.intValue, items.count < minimum else {
                return []
            }
            return fail("must have at least \(minimum) item(s)")
        case "required":
            guard let members = instance.objectValue else { return [] }
            return (value.arrayValue ?? []).compactMap(\.stringValue).filter { members[$0] == nil }.map {
                JSONSchemaViolation(path: path, keyword: keyword, message: "required property '\($0)' is missing")
            }
        case "properties":
            guard let members = instance.objectValue, let properties = value.objectValue else { return [] }
            return members.keys.sorted().flatMap { key -> [JSONSchemaViolation] in
                guard let property = properties[key], let member = members[key] else { return [] }
                return sub(property, member, [.key(key)])
            }
        case "additionalProperties":
            guard let members = instance.objectValue else { return [] }
            let declared = schema["properties"]?.objectValue ?? [:]
            return members.keys.sorted().filter { declared[$0] == nil }.flatMap { key -> [JSONSchemaViolation] in
                if value == .bool(false) {
                    return fail("unexpected property '\(key)'")
                }
                return members[key].map { sub(value, $0, [.key(key)]) } ?? []
            }
        case "items":
            guard let items = instance.arrayValue else { return [] }
            return items.enumerated().flatMap { sub(value, $1, [.index($0)]) }
        case "allOf":
            return (value.arrayValue ?? []).flatMap { sub($0, instance) }
        case "anyOf", "oneOf":
            let branches = value.arrayValue ?? []
            let outcomes = branches.map { sub($0, instance) }
            let matched = outcomes.indices.filter { outcomes[$0].isEmpty }
            if keyword == "anyOf", !matched.isEmpty { return [] }
            if matched.count == 1 { return [] }
            if matched.count > 1 {
                return fail(
                    "must match exactly one of \(branches.count) alternatives; matched \(matched.count) (#\(matched.map { String($0 + 1) }.joined(separator: ", #")))"
                )
            }
            if let keys = Self.requiredAlternatives(branches) {
                return fail("must have at least one of \(Self.list(keys.map { "'\($0)'" }, joiner: "or"))")
            }
            if let closest = Self.closest(outcomes, at: path) { return closest }
            let quantity = keyword == "anyOf" ? "at least one" : "exactly one"
            return fail("must match \(quantity) of \(branches.count) alternatives; matched none")
        case "if":
            let holds = sub(value, instance).isEmpty
            guard let branch = schema[holds ? "then" : "else"] else { return [] }
            return sub(branch, instance)
        default:
            return []
        }
    }

    /// The violations of the alternative nearest to matching, or `nil` when none stands out.
    private static func closest(_ outcomes: [[JSONSchemaViolation]], at path: [JSONSchemaViolation.Step])
        -> [JSONSchemaViolation]?
    {
        // An alternative for another type of value (or one whose own alternatives all failed) is not close.
        let wrongShape: Set<String> = ["type", "anyOf", "oneOf"]
        let candidates = outcomes.filter { outcome in
            !outcome.contains { $0.path == path && wrongShape.contains($0.keyword) }
        }
        if candidates.count == 1 { return candidates[0] }
        let fewest = candidates.map(\.count).min() ?? 0
        let best = candidates.filter { $0.count == fewest }
        return best.count == 1 ? best[0] : nil
    }

    /// The keys when every alternative is just `{"required": ["key"]}`, the "one of these fields" idiom.
    private static func requiredAlternatives(_ branches: [JSONValue]) -> [String]? {
        let keys = branches.compactMap { branch -> String? in
            guard let members = branch.objectValue, members.count == 1,
                let required = members["required"]?.arrayValue, required.count == 1
            else { return nil }
            return required[0].stringValue
        }
        return keys.count == branches.count ? keys : nil
    }

    static func has(type name: String, _ value: JSONValue) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("number", .number),
            ("string", .string):
            true
        case ("integer", .number(let number)): number.rounded() == number && number.isFinite
        default: false
        }
    }

    /// JSON equality: numbers by value, `true` never equal to `1`, objects regardless of key order.
    static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool { left == right }

    private static func article(for type: String) -> String {
        switch type {
        case "null": "null"
        case "integer": "an integer"
        case "object", "array": "an \(type)"
        default: "a \(type)"
        }
    }

    private static func quoted(_ value: JSONValue) -> String {
        if case .string(let text) = value { return "'\(text)'" }
        return value.compactText
    }

    private static func list(_ items: [String], joiner: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(joiner) " + (items.last ?? "")
    }
}
