import Foundation

/// A runbook entry that matches a finding, ready to show: filled in, ranked, and judged by the bound.
public struct MatchedFix: Sendable, Codable, Hashable {
    /// The selector that made the match, most specific first; the ranking order.
    public enum Reason: String, Sendable, Codable, CaseIterable, Comparable {
        /// The finding's rule id is listed in `rules`.
        case rule
        /// The finding's address matches the `resource` glob.
        case resource
        /// `for` names the finding's category, rule id, drift change type or custom check.
        case category
        /// `match` (a case-insensitive regular expression) is found in the title.
        case title

        var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public var name: String
    /// Who signed the entry.
    public var author: String
    /// Who vouched for it: `vouched_by` when the original's `vouch` recorded one, else the author (a committed,
    /// non-draft entry is vouched by whoever committed it).
    public var vouchedBy: String?
    public var isDraft: Bool
    public var reason: Reason
    /// One sentence: which selector matched and on what.
    public var why: String
    public var kind: String
    /// `solution.run` with `{placeholders}` filled from the finding; shown, never executed.
    public var run: String?
    public var target: String?
    /// Our Markdown `fix` text, placeholders filled.
    public var fix: String?
    public var problem: String?
    /// Placeholders the finding could not fill; a fix with any is shown but never offered as ready.
    public var unfilled: [String]
    public var bound: BoundDecision
    /// Position in solutions.json, for the tie-break and for `explain`.
    public var entry: Int

    /// The text a human runs or edits: the command, else the kind and its target.
    public var action: String {
        if let run { return run }
        return [kind, target].compactMap { $0 }.joined(separator: " ")
    }
}

/// Matches findings to the team's runbook.
///
/// The original's rules hold: `for` is an exact, case-insensitive name and `match` a case-insensitive regular
/// expression on the title, and when several selectors are set all must hold. Unlike the original, `for` also
/// names rule ids and drift change types (so drift can carry a fix), our `rules`, `resource` and `source`
/// selectors narrow further, and matches are ranked: rule id > resource glob > category > title regex, ties by
/// file order. Regular expressions run under a time budget (`BoundedRegex`).
public struct FixMatcher: Sendable {
    struct Entry: Sendable {
        var solution: Solution
        var regex: BoundedRegex?
        var position: Int
    }

    let entries: [Entry]
    let bound: Bound

    /// Builds a matcher; entries whose `match` does not compile (validation already dropped them) never match.
    public init(solutions: [Solution], bound: Bound, regexBudget: TimeInterval = BoundedRegex.defaultBudget) {
        self.entries = solutions.enumerated().map { position, solution in
            Entry(
                solution: solution,
                regex: solution.match.flatMap { try? BoundedRegex($0, caseInsensitive: true, budget: regexBudget) },
                position: position + 1)
        }
        self.bound = bound
    }

    /// The matches for one finding, best first, plus a warning for each regex that ran out of time.
    public func matches(for finding: Finding) -> (fixes: [MatchedFix], warnings: [String]) {
        var found: [MatchedFix] = []
        var warnings: [String] = []
        for entry in entries {
            let solution = entry.solution
            var reasons: [(MatchedFix.Reason, String)] = []
            if let rules = solution.rules {
                guard rules.contains(where: { $0.caseInsensitiveCompare(finding.ruleID) == .orderedSame }) else { continue }
                reasons.append((.rule, "rule \(finding.ruleID) is listed in 'rules'"))
            }
            if let glob = solution.resource {
                guard Glob.matches(glob, finding.identity) || Glob.matches(glob, finding.resource) else { continue }
                reasons.append((.resource, "\(finding.identity) matches resource '\(glob)'"))
            }
            // Both terraform kinds are one family, as in fingerprints.
            if let source = solution.source {
                let findingFamily = SourceKind(parsing: finding.source)?.fingerprintName ?? finding.source
                guard source.fingerprintName == findingFamily else { continue }
            }
            if let name = solution.forCategory?.trimmingCharacters(in: .whitespaces) {
                let names = [finding.category.rawValue, finding.ruleID, finding.changeType?.rawValue].compactMap { $0 }
                guard let hit = names.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else { continue }
                reasons.append((.category, "'for' names \(hit)"))
            }
            if let regex = entry.regex {
                switch Self.search(regex, in: Self.titles(of: finding)) {
                case .matched: reasons.append((.title, "'match' /\(regex.pattern)/ is found in the title"))
                case .notMatched: continue
                case .timedOut:
                    warnings.append(
                        "solutions.json entry #\(entry.position) '\(solution.name)': 'match' ran out of time on "
                            + "\(finding.identity) and was treated as no match; simplify the pattern")
                    continue
                }
            } else if solution.match != nil {
                continue
            }
            guard let best = reasons.min(by: { $0.0 < $1.0 }) else { continue }
            found.append(fill(solution, entry: entry.position, reason: best.0, why: best.1, finding: finding))
        }
        found.sort { ($0.reason, $0.entry) < ($1.reason, $1.entry) }
        return (found, warnings)
    }

    /// The titles a `match` regex is searched in: ours, and for drift the original's own wording
    /// (`<change> <type> <address>`), so a runbook written against the original keeps matching.
    static func titles(of finding: Finding) -> [String] {
        guard let change = finding.changeType else { return [finding.title] }
        return [finding.title, "\(change.rawValue) \(finding.resourceType) \(finding.identity)"]
    }

    static func search(_ regex: BoundedRegex, in texts: [String]) -> BoundedRegex.Outcome {
        var outcome = BoundedRegex.Outcome.notMatched
        for text in texts {
            switch regex.search(text) {
            case .matched: return .matched
            case .timedOut: outcome = .timedOut
            case .notMatched: break
            }
        }
        return outcome
    }

    func fill(_ solution: Solution, entry: Int, reason: MatchedFix.Reason, why: String, finding: Finding) -> MatchedFix {
        let values = Placeholders.values(for: finding)
        var unfilled: Set<String> = []
        func render(_ text: String?) -> String? {
            guard let text else { return nil }
            let (filled, missing) = Placeholders.fill(text, values: values)
            unfilled.formUnion(missing)
            return filled
        }
        return MatchedFix(
            name: solution.name, author: solution.author,
            vouchedBy: solution.isProposed ? nil : (solution.vouchedBy ?? solution.author), isDraft: solution.isProposed,
            reason: reason, why: why, kind: solution.solution.kind, run: render(solution.solution.run),
            target: render(solution.solution.target), fix: render(solution.fix), problem: solution.problem,
            unfilled: unfilled.sorted(), bound: bound.decide(solution), entry: entry)
    }
}

/// `{name}` placeholders in a runbook entry, filled from the finding that matched it.
public enum Placeholders {
    /// Every name a runbook may use; `file`, `line`, `path`, `value`, `after`, `before` and `change` are filled
    /// only when the finding has them.
    public static let knownNames = [
        "address", "resource", "identity", "type", "kind", "rule", "severity", "category", "title", "target",
        "source", "fingerprint", "name", "change", "file", "line", "path", "value", "after", "before",
    ]

    /// The names a runbook may use. Evidence values are already redacted when sensitive.
    public static func values(for finding: Finding) -> [String: String] {
        var values: [String: String] = [
            "address": finding.resource, "resource": finding.resource, "identity": finding.identity,
            "type": finding.resourceType, "kind": finding.resourceType, "rule": finding.ruleID,
            "severity": finding.severity.rawValue, "category": finding.category.rawValue, "title": finding.title,
            "target": finding.target, "source": finding.source, "fingerprint": finding.fingerprint,
            "name": finding.resource.split(separator: "/").last.map { String($0.split(separator: ".").last ?? $0) }
                ?? finding.resource,
        ]
        if let change = finding.changeType { values["change"] = change.rawValue }
        if let location = finding.location {
            values["file"] = location.file
            if let line = location.line { values["line"] = String(line) }
        }
        if let evidence = finding.evidence.first {
            values["path"] = evidence.path
            if let value = evidence.value { values["value"] = value; values["after"] = value }
            // The last-applied value: what a fix restores.
            if let before = evidence.before { values["before"] = before }
        }
        return values
    }

    /// Replaces every `{name}` it knows; returns the text and the names it could not fill.
    public static func fill(_ text: String, values: [String: String]) -> (String, [String]) {
        var output = ""
        var missing: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                output += rest[open...]
                return (output, missing)
            }
            let name = String(rest[rest.index(after: open)..<close])
            let isName = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            if isName, let value = values[name] {
                output += value
            } else {
                if isName { missing.append(name) }
                output += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return (output, missing)
    }
}
