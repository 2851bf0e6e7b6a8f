/// The job summary written to `$GITHUB_STEP_SUMMARY`: what a reviewer sees first on the workflow run page.
///
/// Everything that came from the pull request goes through `MarkdownText.escape`, because this page is
/// rendered with the repository's authority: an unescaped title could ping a team, cross-link an issue
/// or inject HTML into the run page. The findings table is capped because GitHub truncates summaries
/// over 1 MiB and a reviewer will not read the 500th row anyway; the JSON and SARIF reports have them all.
public enum MarkdownSummary {
    /// The cut for one table cell; long values (policy documents, certificates) would bury the table.
    static let cellLimit = 120

    /// The summary as Markdown ending in a newline; at most `maxFindings` rows in the findings table.
    public static func render(_ report: ScanReport, maxFindings: Int = 50) -> String {
        let isPass = report.verdict.outcome == .pass
        var lines = [
            "## \(isPass ? "✅" : "❌") steadystate: \(isPass ? "PASS" : "FAIL")",
            "",
            MarkdownText.escape(report.verdict.line()),
            "",
            "| Severity | Findings |",
            "| --- | ---: |",
        ]
        for (severity, count) in report.countsBySeverity {
            lines.append("| \(severity.rawValue) | \(count) |")
        }
        lines.append("| **total** | \(report.findings.count) |")

        var notes: [String] = []
        if !report.waived.isEmpty {
            notes.append("\(report.waived.count) waived finding(s) not counted.")
        }
        if !report.expiredWaivers.isEmpty {
            notes.append("\(report.expiredWaivers.count) expired waiver(s): their findings count again.")
        }
        if !notes.isEmpty { lines += [""] + notes.map { "- \($0)" } }

        if !report.findings.isEmpty {
            // The runbook column appears only when the team's runbook has something to say.
            let hasFixes = report.findings.contains { $0.fixes != nil }
            lines += [
                "", "### Findings", "",
                "| Severity | Title | Resource | Rule |" + (hasFixes ? " Runbook fix |" : ""),
                "| --- | --- | --- | --- |" + (hasFixes ? " --- |" : ""),
            ]
            let shown = report.findings.prefix(max(maxFindings, 0))
            for finding in shown {
                var cells = [
                    finding.severity.rawValue, cell(finding.title), cell(finding.resource), cell(finding.ruleID),
                ]
                if hasFixes { cells.append(finding.fixes?.first.map { cell(FixText.summary($0)) } ?? "—") }
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            if shown.count < report.findings.count {
                lines += [
                    "",
                    "_Showing \(shown.count) of \(report.findings.count) findings, worst first; "
                        + "the JSON and SARIF reports list them all._",
                ]
            }
        }

        let failed = report.targets.filter { $0.status == .failed }
        if !failed.isEmpty {
            lines += ["", "### Targets that could not be scanned", ""]
            lines += failed.map { target in
                "- **\(cell(target.name))** (\(cell(target.source)), \(cell(target.path))): "
                    + MarkdownText.escape(target.error ?? "failed", maxLength: 500)
            }
        }
        if !report.errors.isEmpty {
            lines += ["", "### Errors", ""] + report.errors.map { "- " + MarkdownText.escape($0, maxLength: 500) }
        }
        if !report.warnings.isEmpty {
            lines += ["", "### Warnings", ""] + report.warnings.map { "- " + MarkdownText.escape($0, maxLength: 500) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cell(_ text: String) -> String {
        MarkdownText.escape(text, maxLength: cellLimit)
    }
}
