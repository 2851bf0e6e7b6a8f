import Core
import Foundation

/// How findings are gathered into issues.
public enum IssueGrouping: String, Sendable, Codable, CaseIterable {
    /// One issue per finding, keyed by the finding's fingerprint (the original's behaviour).
    case finding
    /// One issue per rule (and drift change type) across the repository.
    case rule
    /// One issue per target.
    case target
}

/// What the issue for a group of findings should look like now.
public struct DesiredIssue: Sendable, Equatable {
    /// The fingerprint in the marker: the finding's own, or a group key.
    public var key: String
    public var title: String
    public var body: String
    public var labels: [String]
    /// Target names the findings came from (the issue may be closed only when all of them scanned).
    public var targets: [String]
    public var severity: Severity

    public init(key: String, title: String, body: String, labels: [String], targets: [String], severity: Severity) {
        self.key = key
        self.title = title
        self.body = body
        self.labels = labels
        self.targets = targets
        self.severity = severity
    }
}

/// Renders issues from findings. Pure: the same findings give the same bytes, so an unchanged problem never
/// triggers an edit.
public enum IssueContent {
    /// GitHub's limits: a title of 256 characters, a body of 65,536.
    public static let maxTitleLength = 256
    public static let maxBodyLength = 65_536

    /// The key of a finding's issue under a grouping; per finding it is the original's fingerprint.
    public static func key(for finding: Finding, grouping: IssueGrouping) -> String {
        switch grouping {
        case .finding: finding.fingerprint
        case .rule: Fingerprint.sha256Hex("steadystate-group|rule|\(finding.changeType?.rawValue ?? finding.ruleID)")
        case .target: Fingerprint.sha256Hex("steadystate-group|target|\(finding.target)")
        }
    }

    /// Groups findings into desired issues, in a stable order (worst first, then key).
    public static func issues(
        for findings: [Finding], grouping: IssueGrouping, baseLabel: String, extraLabels: [String]
    ) -> [DesiredIssue] {
        var groups: [String: [Finding]] = [:]
        for finding in findings { groups[key(for: finding, grouping: grouping), default: []].append(finding) }
        return groups.map { key, members in
            let sorted = members.sorted(by: Finding.reportOrder)
            return render(key: key, findings: sorted, grouping: grouping, baseLabel: baseLabel, extraLabels: extraLabels)
        }
        .sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0.key < $1.key }
    }

    static func render(
        key: String, findings: [Finding], grouping: IssueGrouping, baseLabel: String, extraLabels: [String]
    ) -> DesiredIssue {
        let worst = findings.map(\.severity).max() ?? .low
        let first = findings[0]
        let headline: String
        switch grouping {
        case .finding: headline = first.title
        case .rule: headline = "\(first.title) (\(findings.count) resource(s))"
        case .target: headline = "\(findings.count) finding(s) in \(first.target)"
        }
        let categories = Set(findings.map(\.category.rawValue)).sorted()
        let labels = uniqued([baseLabel, worst.rawValue] + categories + extraLabels)
        let targets = Set(findings.map(\.target)).sorted()
        let body = renderBody(key: key, findings: findings, targets: targets)
        return DesiredIssue(
            key: key, title: title(headline), body: body, labels: labels, targets: targets, severity: worst)
    }

    /// `[steadystate] <title>`, on one line, without control characters, cut to GitHub's limit.
    public static func title(_ headline: String) -> String {
        let clean = String(
            String.UnicodeScalarView(
                headline.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
                    .filter { !MarkdownText.isInvisibleControl($0) }))
        let full = "[steadystate] " + clean
        return full.count <= maxTitleLength ? full : String(full.prefix(maxTitleLength - 1)) + "…"
    }

    static func renderBody(key: String, findings: [Finding], targets: [String]) -> String {
        var sections: [String] = []
        for (index, finding) in findings.enumerated() {
            if findings.count > 1 {
                sections.append("### \(index + 1). \(MarkdownText.escape(finding.title, maxLength: 300))")
            }
            sections.append(contentsOf: findingSections(finding))
        }
        let footer = [
            IssueMarkers.fingerprint(key)
        ] + targets.map(IssueMarkers.target) + [
            "_Opened by steadystate; it closes by itself when the finding clears._"
        ]
        var body = sections.joined(separator: "\n\n") + "\n\n" + footer.joined(separator: "\n")
        if body.count > maxBodyLength {
            let note = "\n\n_…cut to GitHub's 65,536-character limit; the full detail is in the run report (`.steadystate/report.json`)._\n\n"
            let tail = "\n\n" + footer.joined(separator: "\n")
            let room = maxBodyLength - note.count - tail.count
            body = String(body.prefix(max(room, 0))) + note + tail
        }
        return body
    }

    static func findingSections(_ finding: Finding) -> [String] {
        var sections: [String] = []
        sections.append(MarkdownText.escape(finding.detail, maxLength: 2_000))
        if let remediation = finding.remediation, !remediation.isEmpty {
            sections.append("**Recommended action:** " + MarkdownText.escape(remediation, maxLength: 2_000))
        }
        var facts = [
            "**Resources:** " + code(finding.resource),
            "**Rule:** " + code(finding.ruleID) + " · **Severity:** \(finding.severity.rawValue)"
                + " · **Category:** \(finding.category.rawValue)",
            "**Target:** " + code(finding.target) + " (source `\(finding.source)`)",
        ]
        if let location = finding.location {
            facts.append("**Location:** " + code(location.file + (location.line.map { ":\($0)" } ?? "")))
        }
        sections.append(facts.joined(separator: "\n"))
        if !finding.evidence.isEmpty {
            var rows = ["| Attribute | Before | Value |", "| --- | --- | --- |"]
            for evidence in finding.evidence.prefix(50) {
                rows.append(
                    "| \(code(evidence.path)) | \(evidence.before.map { code($0) } ?? "") | \(evidence.value.map { code($0) } ?? "") |")
            }
            if finding.evidence.count > 50 { rows.append("| … \(finding.evidence.count - 50) more | | |") }
            sections.append(rows.joined(separator: "\n"))
        }
        if !finding.references.isEmpty {
            sections.append("**References:** " + finding.references.map { MarkdownText.escape($0, maxLength: 200) }.joined(separator: ", "))
        }
        if let fixes = finding.fixes, !fixes.isEmpty {
            var lines = ["**Known fix (from your runbook):**"]
            for (index, fix) in fixes.enumerated() {
                let who = fix.vouchedBy.map { "vouched by \(MarkdownText.escape($0, maxLength: 100))" } ?? "not vouched"
                let draft = fix.isDraft ? " **(draft, not vouched)**" : ""
                let bound = fix.bound.isInBound ? "in bound" : "needs a human"
                lines.append(
                    "- \(index == 0 ? "**best:** " : "")\(code(fix.action)) — *\(MarkdownText.escape(fix.name, maxLength: 200))*, "
                        + "by \(MarkdownText.escape(fix.author, maxLength: 100)), \(who)\(draft); \(bound): "
                        + MarkdownText.escape(fix.bound.reason, maxLength: 300))
                if index == 0, let text = fix.fix, !text.isEmpty {
                    lines.append("  " + MarkdownText.escape(text, maxLength: 2_000))
                }
            }
            lines.append("_Nothing here was run: a fix is a proposal a human applies._")
            sections.append(lines.joined(separator: "\n"))
        }
        return sections
    }

    /// Inline code that cannot be broken out of: backticks become a lookalike, lines are joined, length is cut.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "`", with: "ˋ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "|", with: "¦")
        let cut = flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
        return "`" + String(String.UnicodeScalarView(cut.unicodeScalars.filter { $0 == "\t" || !MarkdownText.isInvisibleControl($0) })) + "`"
    }

    static func uniqued(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
