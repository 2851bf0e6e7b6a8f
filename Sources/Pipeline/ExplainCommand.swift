import Core
import Foundation
import Scanners

/// `steadystate explain FINGERPRINT|RULE`: a finding's evidence, how its fingerprint is made, its waiver, and each
/// runbook entry that matched it with the reason and the bound's word. Scans exactly as `scan` does.
public enum ExplainCommand {
    public static func run(_ subject: String, options: ScanOptions, environment: RunEnvironment) async -> Int32 {
        guard case .success(let completed) = await ScanCommand.execute(options, environment: environment) else {
            return ExitStatus.usageError
        }
        let report = completed.report
        let key = subject.trimmingCharacters(in: .whitespaces).lowercased()
        let isFingerprint = key.count >= 8 && key.allSatisfy(\.isHexDigit)
        let active = report.findings.map { ($0, nil as Waiver?) }
        let waived = report.waived.map { ($0.finding, $0.waiver as Waiver?) }
        let selected = (active + waived).filter { finding, _ in
            isFingerprint ? finding.fingerprint.hasPrefix(key) : finding.ruleID.lowercased() == key
        }
        var lines: [String] = []
        for (finding, waiver) in selected {
            lines += describe(finding, waiver: waiver, gating: report.isGating(finding) && waiver == nil)
            lines.append("")
        }
        if selected.isEmpty {
            if let rule = RuleCatalog.all.first(where: { $0.description.id == key })?.description {
                lines += describeRule(rule) + ["", "No finding of this rule in this repository."]
            } else {
                environment.printError(
                    "steadystate: no finding with fingerprint or rule '\(subject)' (fingerprints need 8+ hex digits; "
                        + "'steadystate catalog' lists rule ids)")
                return ExitStatus.usageError
            }
        }
        environment.print(lines.joined(separator: "\n").trimmingCharacters(in: .newlines))
        return ExitStatus.pass
    }

    static func describe(_ finding: Finding, waiver: Waiver?, gating: Bool) -> [String] {
        let source = SourceKind(parsing: finding.source)?.fingerprintSource(for: finding.category) ?? finding.source
        let discriminator = finding.changeType?.rawValue ?? finding.ruleID
        var lines = [
            ReportText.clean(finding.title),
            "  severity     \(finding.severity.rawValue) (\(finding.category.rawValue))"
                + (gating ? ", fails the gate" : waiver == nil ? ", below the gate" : ", waived"),
            "  rule         \(finding.ruleID)",
            "  resource     \(ReportText.clean(finding.resource)) (\(finding.resourceType)) in target \(ReportText.clean(finding.target))",
        ]
        if let location = finding.location {
            lines.append("  location     \(location.file)\(location.line.map { ":\($0)" } ?? "")")
        }
        lines.append("  fingerprint  \(finding.fingerprint)")
        lines.append("               = sha256(\"\(source)|\(ReportText.clean(finding.identity))|\(discriminator)\")")
        if !finding.evidence.isEmpty {
            lines.append("  evidence")
            lines += finding.evidence.map { "    " + ConsoleReport.evidenceText($0) }
        }
        if let waiver {
            lines.append("  waived by    \(waiver.origin): \(waiver.reason)" + (waiver.expires.map { " (until \($0))" } ?? ""))
        }
        guard let fixes = finding.fixes, !fixes.isEmpty else {
            lines.append("  runbook      no entry in solutions.json matches")
            return lines
        }
        lines.append("  runbook (best first)")
        for (rank, fix) in fixes.enumerated() {
            lines.append("    \(rank + 1). \(fix.name) (entry #\(fix.entry), \(fix.reason.rawValue) match): \(ReportText.clean(fix.why))")
            lines.append("       \(ReportText.clean(FixText.summary(fix)))")
        }
        return lines
    }

    static func describeRule(_ rule: RuleDescription) -> [String] {
        var lines = [
            "\(rule.id): \(rule.title)", "  severity   \(rule.severity.rawValue) (\(rule.category.rawValue), pack \(rule.pack))",
            "  reads      \(rule.resourceTypes.joined(separator: ", "))", "  why        \(rule.rationale)",
            "  remedy     " + rule.remediation.replacingOccurrences(of: "\n", with: "\n             "),
        ]
        if !rule.references.isEmpty { lines.append("  references \(rule.references.joined(separator: "; "))") }
        if let checkov = rule.checkov { lines.append("  checkov    \(checkov)") }
        return lines
    }
}
