import Foundation

/// Loads `steadystate/solutions.json`, the runbook, from bytes already read by the caller.
///
/// Unlike the original, which reads a missing, malformed or non-array file as an empty runbook, a file
/// that is not a JSON array throws: the runbook is committed intent, and silently ignoring all of it is
/// worse than stopping. Invalid entries are still dropped one by one, as the original drops them, but
/// each drop is reported as a ``RunbookProblem``.
public enum SolutionsFile {
    /// Keys the original or our extensions read; anything else is probably a typo and earns a warning.
    static let knownKeys: Set<String> = [
        "name", "author", "for", "match", "solution", "impact", "reversibility", "problem", "added", "proposed",
        "vouched_by", "rules", "resource", "source", "fix", "patch",
    ]

    /// Parses the runbook, returning the valid entries in file order and every problem found.
    ///
    /// When two valid entries share a name the first one wins and the later one is dropped with a warning:
    /// the original loads both but de-duplicates matches by name keeping the first, so the first is the fix
    /// its issues show, and a switching team must see the same one.
    public static func parse(
        _ data: Data, file: String
    ) throws(ConfigError) -> (solutions: [Solution], problems: [RunbookProblem]) {
        let entries = try RunbookJSON.topLevelArray(data, file: file, expected: "an array of solution objects")
        var kept: [Solution] = []
        var entryByName: [String: Int] = [:]
        var problems: [RunbookProblem] = []
        for (offset, value) in entries.enumerated() {
            var report = EntryProblems(file: file, entry: offset + 1)
            let solution = parseEntry(value, report: &report)
            if let solution {
                if let earlier = entryByName[solution.name] {
                    report.warning("name", "duplicate of entry #\(earlier); the first entry wins and this one is ignored")
                } else {
                    entryByName[solution.name] = offset + 1
                    kept.append(solution)
                }
            }
            problems += report.all
        }
        return (kept, problems)
    }

    static func parseEntry(_ value: JSONValue, report: inout EntryProblems) -> Solution? {
        guard case .object(let members) = value else {
            report.error("entry", "must be an object, found \(RunbookJSON.typeName(value))")
            return nil
        }
        var fields = FieldReader(members: members, report: report)
        let name = fields.requiredText("name", "a non-empty name is the runbook's key")
        fields.report.name = name
        let author = fields.requiredText("author", "an unsigned fix is not auditable")
        let forCategory = fields.optionalText("for")
        let match = fields.optionalText("match")
        // Ours: `rules` or `resource` alone also join a fix to findings precisely.
        let hasOwnSelector = members["rules"].map { !$0.isNull } == true || members["resource"].map { !$0.isNull } == true
        if forCategory == nil, match == nil, !hasOwnSelector, members["for"].map(isNestedText) != true,
            members["match"].map(isNestedText) != true
        {
            fields.report.error(
                "for/match", "one of 'for', 'match', 'rules' or 'resource' is required to join the fix to a finding")
        }
        if let match, let cause = RunbookRegex.problem(with: match, caseInsensitive: true) {
            fields.report.error("match", cause)
        }
        let action = fields.action()
        let impact = fields.level("impact")
        let reversibility = fields.level("reversibility")
        let problem = fields.freeText("problem")
        let added = fields.freeText("added")
        let vouchedBy = fields.freeText("vouched_by")
        let isProposed = fields.proposed()
        let rules = fields.ruleIDs()
        let resource = fields.extensionString("resource")
        let source = fields.sourceKind()
        let fix = fields.extensionString("fix")
        let patch = members["patch"].flatMap { $0.isNull ? nil : $0 }
        if let patch {
            // The shape and the placeholder names are checked now; whether it applies is known only per finding.
            let sample = Dictionary(uniqueKeysWithValues: Placeholders.knownNames.map { ($0, "x") })
            do {
                _ = try FixPatch.parse(patch, values: sample)
            } catch {
                fields.report.error("patch", error.description)
            }
        }
        for key in members.keys.sorted() where !knownKeys.contains(key) {
            fields.report.warning(key, "unknown field; ignored")
        }
        report = fields.report
        guard !report.hasErrors, let name, let author, let action, let impact, let reversibility else {
            return nil
        }
        return Solution(
            name: name, author: author, forCategory: forCategory, match: match, solution: action, impact: impact,
            reversibility: reversibility, problem: problem, added: added, isProposed: isProposed,
            vouchedBy: vouchedBy, rules: rules, resource: resource, source: source, fix: fix, patch: patch)
    }

    private static func isNestedText(_ value: JSONValue) -> Bool {
        RunbookJSON.pythonText(value) == .nested
    }
}

/// Reads one runbook entry's fields, recording a problem for each one that is unusable.
private struct FieldReader {
    let members: JSONObject
    var report: EntryProblems

    /// A field the original reads with `str(raw.get(key) or "").strip()` and requires non-empty.
    mutating func requiredText(_ key: String, _ why: String) -> String? {
        let value = members[key]
        switch RunbookJSON.pythonText(value) {
        case .text(let text): return text
        case .unset: report.error(key, "required: \(why)")
        case .nested: report.error(key, "must be a string, found \(value.map(RunbookJSON.typeName) ?? "null")")
        }
        return nil
    }

    mutating func optionalText(_ key: String, label: String? = nil, in object: JSONObject? = nil)
        -> String?
    {
        let value = (object ?? members)[key]
        switch RunbookJSON.pythonText(value) {
        case .text(let text): return text
        case .unset: return nil
        case .nested:
            report.error(label ?? key, "must be a string, found \(value.map(RunbookJSON.typeName) ?? "null")")
            return nil
        }
    }

    /// Prose the original never interprets, so a nested value is kept as text with a warning.
    mutating func freeText(_ key: String) -> String? {
        let value = members[key]
        switch RunbookJSON.pythonText(value) {
        case .text(let text): return text
        case .unset: return nil
        case .nested:
            report.warning(key, "expected a string; the value is kept as text")
            return value?.compactText
        }
    }

    mutating func action() -> Solution.Action? {
        guard let value = members["solution"] else {
            report.error("solution", "required: an object with 'kind' and 'run' or 'target'")
            return nil
        }
        guard case .object(let object) = value else {
            report.error(
                "solution",
                "must be an object with 'kind' and 'run' or 'target', found \(RunbookJSON.typeName(value))")
            return nil
        }
        let kind: String?
        switch RunbookJSON.pythonText(object["kind"]) {
        case .text(let text): kind = text
        case .unset:
            report.error("solution.kind", "required: command, playbook, reboot, workflow or another kind")
            kind = nil
        case .nested:
            report.error("solution.kind", "must be a string")
            kind = nil
        }
        let run = optionalText("run", label: "solution.run", in: object)
        let target = optionalText("target", label: "solution.target", in: object)
        if run == nil, target == nil, RunbookJSON.pythonText(object["run"]) != .nested,
            RunbookJSON.pythonText(object["target"]) != .nested
        {
            report.error(
                "solution.run/target", "one of 'run' or 'target' is required; a fix with no action is a note")
        }
        guard let kind else { return nil }
        return Solution.Action(kind: kind, run: run, target: target)
    }

    /// `impact` / `reversibility`: case-insensitive, falsy means the default `medium`.
    mutating func level(_ key: String) -> BoundLevel? {
        switch RunbookJSON.pythonText(members[key]) {
        case .unset: return .medium
        case .text(let text):
            if let level = BoundLevel(rawValue: text.lowercased()) { return level }
            report.error(key, "'\(text)' is not one of \(BoundLevel.allNames)")
        case .nested: report.error(key, "must be one of \(BoundLevel.allNames)")
        }
        return nil
    }

    mutating func proposed() -> Bool {
        guard let value = members["proposed"] else { return false }
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .string(let text):
            let isDraft = ["true", "yes", "1"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
            report.warning(
                "proposed",
                "expected a boolean; the string '\(text)' is read as \(isDraft ? "a draft" : "not a draft")"
                    + " (the original treats every non-empty string as a draft)")
            return isDraft
        default:
            let reading = value.isTruthy ? "a draft" : "not a draft"
            report.warning("proposed", "expected a boolean; \(value.compactText) is read as \(reading)")
            return value.isTruthy
        }
    }

    mutating func ruleIDs() -> [String]? {
        guard let value = members["rules"], !value.isNull else { return nil }
        guard case .array(let items) = value,
            let ids = Optional(items.compactMap(\.stringValue)), ids.count == items.count,
            ids.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else {
            report.error("rules", "must be an array of rule ids (non-empty strings)")
            return nil
        }
        return ids
    }

    mutating func extensionString(_ key: String) -> String? {
        guard let value = members[key], !value.isNull else { return nil }
        guard case .string(let text) = value else {
            report.error(key, "must be a string, found \(RunbookJSON.typeName(value))")
            return nil
        }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            report.error(key, "must not be empty")
            return nil
        }
        return text
    }

    mutating func sourceKind() -> SourceKind? {
        guard let text = extensionString("source") else { return nil }
        guard let kind = SourceKind(parsing: text) else {
            report.error("source", "'\(text)' is not a source; use one of \(SourceKind.allNames)")
            return nil
        }
        return kind
    }
}
