import Foundation

/// Loads `steadystate/checks.json`, the custom checks, from bytes already read by the caller.
///
/// The field rules are the original's `parse_check`, which is the safety boundary on what a committed
/// check may do. Two things differ on purpose: a file that is not a JSON array throws instead of reading
/// as "no checks", and a `read`, `when` or `emit` that is not an object is reported instead of crashing
/// the whole scan with `AttributeError`.
public enum ChecksFile {
    /// Parses the checks, returning the valid ones in file order and every problem found.
    ///
    /// Checks that share a name are all kept, as the original keeps them, with a warning: their findings
    /// share one identity, so their issues would overwrite each other.
    public static func parse(
        _ data: Data, file: String
    ) throws(ConfigError) -> (checks: [Check], problems: [RunbookProblem]) {
        let entries = try RunbookJSON.topLevelArray(data, file: file, expected: "an array of check objects")
        var checks: [Check] = []
        var firstEntryByName: [String: Int] = [:]
        var problems: [RunbookProblem] = []
        for (offset, value) in entries.enumerated() {
            var report = EntryProblems(file: file, entry: offset + 1)
            if let check = parseEntry(value, report: &report) {
                if let earlier = firstEntryByName[check.name] {
                    report.warning("name", "duplicate of entry #\(earlier); both run and their findings collide")
                } else {
                    firstEntryByName[check.name] = offset + 1
                }
                checks.append(check)
            }
            problems += report.all
        }
        return (checks, problems)
    }

    static func parseEntry(_ value: JSONValue, report: inout EntryProblems) -> Check? {
        guard case .object(let members) = value else {
            report.error("entry", "must be an object, found \(RunbookJSON.typeName(value))")
            return nil
        }
        var name: String?
        if case .string(let text) = members["name"], !text.isEmpty {
            name = text
            report.name = text
        } else {
            report.error("name", "required: a non-empty string")
        }
        let read = section("read", members, &report)
        let when = section("when", members, &report)
        let emit = section("emit", members, &report)
        var fields = CheckFields(read: read ?? [:], when: when, report: report)
        let (severity, title) = emit.map { fields.emit($0) } ?? (nil, nil)
        let namespace = read.flatMap { fields.namespace(in: $0) } ?? nil
        let reader = read == nil ? nil : fields.reader(namespace: namespace)
        report = fields.report
        guard !report.hasErrors, let name, let reader, let severity, let title else { return nil }
        let scope: String? = if case .http = reader { nil } else { namespace.flatMap { $0.isEmpty ? nil : $0 } }
        return Check(name: name, reader: reader, namespace: scope, severity: severity, title: title)
    }

    /// The original's `raw.get(key) or {}`: falsy means empty; any other non-object is now a problem.
    private static func section(
        _ key: String, _ members: JSONObject, _ report: inout EntryProblems
    ) -> JSONObject? {
        guard let value = members[key], value.isTruthy else { return [:] }
        if case .object(let object) = value { return object }
        report.error(key, "must be an object, found \(RunbookJSON.typeName(value))")
        return nil
    }
}

/// Validates one check's `read`, `when` and `emit`; `when` is `nil` when it was not an object.
private struct CheckFields {
    let read: JSONObject
    let when: JSONObject?
    var report: EntryProblems

    mutating func emit(_ emit: JSONObject) -> (Severity?, String?) {
        var severity: Severity?
        if case .string(let text) = emit["severity"], let parsed = Severity(rawValue: text) {
            severity = parsed
        } else {
            let found = emit["severity"].map(\.compactText) ?? "missing"
            report.error("emit.severity", "'\(found)' is not one of low, medium, high, critical (lowercase)")
        }
        var title: String?
        if case .string(let text) = emit["title"], !text.isEmpty {
            title = text
        } else {
            report.error("emit.title", "required: a non-empty string")
        }
        return (severity, title)
    }

    /// `read.namespace`, which must be a string whenever it is present, even `null` is refused.
    mutating func namespace(in read: JSONObject) -> String?? {
        guard let value = read["namespace"] else { return .some(nil) }
        guard case .string(let text) = value else {
            report.error("read.namespace", "must be a string, found \(RunbookJSON.typeName(value))")
            return nil
        }
        return .some(text)
    }

    mutating func reader(namespace: String?) -> CheckReader? {
        guard case .string(let kind) = read["kind"], CheckReader.kinds.contains(kind) else {
            let found = read["kind"].map { "'\($0.compactText)' is not a check kind" } ?? "required"
            report.error("read.kind", "\(found); use one of \(CheckReader.kinds.joined(separator: ", "))")
            return nil
        }
        switch kind {
        case "http": return http()
        case "resource": return resource()
        default: break
        }
        let selector = nonEmptyString(read, "selector", "read.selector")
        if kind.hasPrefix("kubectl-"), namespace?.isEmpty ?? true {
            report.error("read.namespace", "required for \(kind): a kubectl read is scoped to one namespace")
        }
        switch kind {
        case "kubectl-cpu", "kubectl-mem":
            let aggregate = oneOf(read, "agg", "read.agg", default: CheckReader.Aggregate.sum)
            let threshold = self.threshold()
            guard let selector, let aggregate, let threshold else { return nil }
            return kind == "kubectl-cpu"
                ? .kubectlCPU(selector: selector, aggregate: aggregate, threshold: threshold)
                : .kubectlMemory(selector: selector, aggregate: aggregate, threshold: threshold)
        case "ansible-service":
            let service = nonEmptyString(read, "service", "read.service")
            let expect: CheckReader.ServiceState? = when.flatMap { oneOf($0, "expect", "when.expect") }
            guard let selector, let service, let expect else { return nil }
            return .ansibleService(hostPattern: selector, service: service, expect: expect)
        default:
            let tail = positiveInt(read, "tail", "read.tail", default: 200)
            let expectation = logExpectation()
            guard let selector, let tail, let expectation else { return nil }
            return kind == "kubectl-log"
                ? .kubectlLog(selector: selector, tail: tail, expectation: expectation)
                : .dockerLog(selector: selector, tail: tail, expectation: expectation)
        }
    }

    private mutating func threshold() -> CheckReader.Threshold? {
        guard let when else { return nil }
        let op: ComparisonOperator? = oneOf(when, "op", "when.op")
        guard case .number(let value) = when["value"] else {
            report.error("when.value", "required: a number (not a boolean or a string)")
            return nil
        }
        return op.map { CheckReader.Threshold(op: $0, value: value) }
    }

    private mutating func logExpectation() -> CheckReader.LogExpectation? {
        guard let when else { return nil }
        let pattern = nonEmptyString(when, "pattern", "when.pattern")
        if let pattern, let cause = RunbookRegex.problem(with: pattern, caseInsensitive: false) {
            report.error("when.pattern", cause)
            return nil
        }
        let expect: CheckReader.LogExpectation.Expect? = oneOf(when, "expect", "when.expect")
        guard let pattern, let expect else { return nil }
        return CheckReader.LogExpectation(pattern: pattern, expect: expect)
    }

    private mutating func http() -> CheckReader? {
        var url: String?
        if case .string(let text) = read["url"], text.hasPrefix("http://") || text.hasPrefix("https://") {
            url = text
        } else {
            report.error("read.url", "required: a URL starting with http:// or https://")
        }
        var method: CheckReader.HTTPMethod? = .get
        if let value = read["method"] {
            // The original upper-cases `str(value)`, so only strings can ever name GET or HEAD.
            method = value.stringValue.flatMap { CheckReader.HTTPMethod(rawValue: $0.uppercased()) }
            if method == nil { report.error("read.method", "'\(value.compactText)' is not GET or HEAD") }
        }
        let status = when.flatMap { integer($0, "status", "when.status", default: 200) }
        var body: String?
        if let value = when?["body"] {
            if case .string(let text) = value {
                body = text.isEmpty ? nil : text
                if let text = body, let cause = RunbookRegex.problem(with: text, caseInsensitive: false) {
                    report.error("when.body", cause)
                }
            } else {
                report.error("when.body", "must be a string (a regular expression), found \(RunbookJSON.typeName(value))")
            }
        }
        guard let url, let method, let status, !report.hasErrors else { return nil }
        return .http(url: url, method: method, status: status, body: body)
    }

    /// Ours: `read` selects scanned resources (`type` string or array, optional `source`, `name` glob,
    /// `namespace`, `where` equality filters) and `when` is a condition tree (see `Condition`).
    private mutating func resource() -> CheckReader? {
        var types: [String] = []
        switch read["type"] {
        case .string(let text) where !text.isEmpty: types = [text]
        case .array(let items) where !items.isEmpty && items.allSatisfy({ ($0.stringValue ?? "").isEmpty == false }):
            types = items.compactMap(\.stringValue)
        default: report.error("read.type", "required: a resource type or kind, or an array of them")
        }
        var source: SourceKind?
        if let value = read["source"] {
            source = value.stringValue.flatMap(SourceKind.init(parsing:))
            if source == nil { report.error("read.source", "'\(value.compactText)' is not one of \(SourceKind.allNames)") }
        }
        var name: String?
        if let value = read["name"] {
            name = value.stringValue
            if name == nil { report.error("read.name", "must be a string (a glob over the resource address)") }
        }
        let namespace = read["namespace"]?.stringValue
        var filters: JSONObject = [:]
        if let value = read["where"] {
            if case .object(let object) = value {
                filters = object
            } else {
                report.error("read.where", "must be an object of attribute path to value")
            }
        }
        guard let when else { return nil }
        var parser = ConditionParser(report: report)
        let condition = parser.parse(.object(when), at: "when")
        report = parser.report
        guard let condition, !types.isEmpty, !report.hasErrors else { return nil }
        return .resource(
            selector: ResourceSelector(types: types, source: source, name: name, namespace: namespace, filters: filters),
            condition: condition)
    }

    private mutating func nonEmptyString(_ object: JSONObject, _ key: String, _ field: String) -> String? {
        if case .string(let text) = object[key], !text.isEmpty { return text }
        report.error(field, "required: a non-empty string")
        return nil
    }

    /// An enum field; a missing key falls back to `fallback` when there is one, an explicit null does not.
    private mutating func oneOf<Value: RawRepresentable & CaseIterable>(
        _ object: JSONObject, _ key: String, _ field: String, default fallback: Value? = nil
    ) -> Value? where Value.RawValue == String {
        guard let value = object[key] else {
            if fallback == nil { report.error(field, "required: one of \(names(Value.self))") }
            return fallback
        }
        if case .string(let text) = value, let parsed = Value(rawValue: text) { return parsed }
        report.error(field, "'\(value.compactText)' is not one of \(names(Value.self))")
        return nil
    }

    private func names<Value: RawRepresentable & CaseIterable>(_: Value.Type) -> String
    where Value.RawValue == String {
        Value.allCases.map(\.rawValue).joined(separator: ", ")
    }

    private mutating func integer(_ object: JSONObject, _ key: String, _ field: String, default fallback: Int)
        -> Int?
    {
        guard let value = object[key] else { return fallback }
        if let number = value.intValue { return number }
        report.error(field, "must be an integer, found \(value.compactText)")
        return nil
    }

    private mutating func positiveInt(
        _ object: JSONObject, _ key: String, _ field: String, default fallback: Int
    ) -> Int? {
        guard let number = integer(object, key, field, default: fallback) else { return nil }
        guard number > 0 else {
            report.error(field, "must be a positive integer, found \(number)")
            return nil
        }
        return number
    }
}
