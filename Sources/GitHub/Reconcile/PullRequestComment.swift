import Core
import Foundation

/// The one sticky comment steadystate keeps on a pull request, found again by its marker and edited in place.
///
/// The baseline is the base branch's known problems: the fingerprints of the open steadystate issues that the
/// scheduled run on the default branch keeps. So a pull request sees what it adds (new), what it clears (fixed)
/// and what it inherits (unchanged), with no second scan and no credentials.
public enum PullRequestComment {
    public struct Baseline: Sendable, Equatable {
        /// Open issue key → its title, as filed on the default branch.
        public var openIssues: [String: String]
        public init(openIssues: [String: String]) { self.openIssues = openIssues }
    }

    public static func render(
        report: ScanReport, baseline: Baseline, grouping: IssueGrouping, coverage: ScanCoverage,
        severityBar: Severity = .low, maxRows: Int = 50
    ) -> String {
        let verdict = report.verdict
        let icon = verdict.outcome == .pass ? "✅" : "❌"
        var new: [Finding] = []
        var unchanged: [Finding] = []
        var presentKeys = Set<String>()
        // Only findings at or above the issue bar have issues on the base branch, so only they are compared.
        let compared = report.findings.filter { $0.severity >= severityBar }
        for finding in compared {
            let key = IssueContent.key(for: finding, grouping: grouping)
            presentKeys.insert(key)
            if baseline.openIssues[key] != nil { unchanged.append(finding) } else { new.append(finding) }
        }
        let fixed = baseline.openIssues.filter { !presentKeys.contains($0.key) }.sorted { $0.key < $1.key }
        var lines = [
            IssueMarkers.pullRequestCommentMarker,
            "## \(icon) steadystate: \(verdict.outcome.rawValue.uppercased())",
            "",
            MarkdownText.escape(verdict.line()),
            "",
            "| | Findings |",
            "| --- | ---: |",
            "| new in this pull request | \(new.count) |",
            "| fixed by this pull request | \(fixed.count) |",
            "| unchanged from the base branch | \(unchanged.count) |",
        ]
        let below = report.findings.count - compared.count
        if below > 0 { lines.append("| below the issue bar (\(severityBar.rawValue)), not compared | \(below) |") }
        if !report.waived.isEmpty { lines.append("| waived | \(report.waived.count) |") }
        func table(_ title: String, _ findings: [Finding]) {
            guard !findings.isEmpty else { return }
            lines += ["", "### \(title)", "", "| Severity | Title | Resource | Rule |", "| --- | --- | --- | --- |"]
            for finding in findings.prefix(maxRows) {
                lines.append(
                    "| \(finding.severity.rawValue) | \(MarkdownText.escape(finding.title, maxLength: 200)) | "
                        + "\(IssueContent.code(finding.resource)) | \(IssueContent.code(finding.ruleID)) |")
            }
            if findings.count > maxRows { lines.append("| … | \(findings.count - maxRows) more in the run report | | |") }
        }
        table("New", new)
        if !fixed.isEmpty {
            lines += ["", "### Fixed", ""]
            for (_, title) in fixed.prefix(maxRows) { lines.append("- \(MarkdownText.escape(title, maxLength: 200))") }
        }
        table("Unchanged", unchanged)
        if !report.errors.isEmpty {
            lines += ["", "### Not scanned", ""]
            lines += report.errors.prefix(20).map { "- " + MarkdownText.escape($0, maxLength: 300) }
            if !coverage.coversEverything { lines.append("- _Fixed counts exclude targets that did not scan._") }
        }
        lines += ["", "_Updated in place by steadystate on every push._"]
        let body = lines.joined(separator: "\n")
        return body.count <= IssueContent.maxBodyLength ? body : String(body.prefix(IssueContent.maxBodyLength - 200)) + "\n\n_…cut; see the run report._"
    }
}
