import Foundation

/// SARIF 2.1.0 for GitHub code scanning (`--to sarif`), so findings appear as alerts on the pull request.
///
/// GitHub accepts only a subset of SARIF and rejects files quietly in ways that are hard to debug from a CI
/// log, so this renderer sticks to what its upload documentation requires: every result has a physical
/// location, every `ruleId` has a descriptor in `tool.driver.rules` with a matching `ruleIndex`, and
/// `partialFingerprints` carries our own fingerprint so alerts keep their identity across line moves.
public enum SARIFReport {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/steadystate/steadystate"
    /// The key under `partialFingerprints`; versioned so a future change of hashing cannot collide.
    public static let fingerprintKey = "steadystate/v1"

    /// The SARIF log as pretty-printed JSON with sorted keys and a trailing newline.
    ///
    /// `rules` is the catalog; ids that appear in findings but not in it (drift ids, custom check names) get
    /// a descriptor built from the findings themselves, because GitHub drops results whose rule is unknown.
    /// Waived findings are included with an external suppression, so dismissing is visible, not silent.
    public static func render(_ report: ScanReport, rules: [RuleDescription], toolVersion: String) throws -> Data {
        let allFindings = report.findings + report.waived.map(\.finding)
        let descriptors = ruleDescriptors(for: allFindings, catalog: rules)
        let indexByID = Dictionary(uniqueKeysWithValues: descriptors.enumerated().map { ($0.element.id, $0.offset) })
        let targetPaths = Dictionary(report.targets.map { ($0.name, $0.path) }, uniquingKeysWith: { first, _ in first })

        var results = report.findings.map { finding in
            result(finding, ruleIndex: indexByID[finding.ruleID] ?? 0, targetPaths: targetPaths, suppression: nil)
        }
        results += report.waived.map { waived in
            result(
                waived.finding, ruleIndex: indexByID[waived.finding.ruleID] ?? 0, targetPaths: targetPaths,
                suppression: Suppression(kind: "external", justification: waived.waiver.reason))
        }

        let failures = report.targets.filter { $0.status == .failed }.map { target in
            Notification(
                level: "error",
                message: Message(text: "\(target.name) (\(target.source), \(target.path)): \(target.error ?? "failed")")
            )
        }
        let log = Log(
            schema: schemaURI, version: "2.1.0",
            runs: [
                Run(
                    tool: Tool(
                        driver: Driver(
                            name: "steadystate", version: toolVersion, informationUri: informationURI,
                            rules: descriptors)),
                    invocations: [
                        Invocation(executionSuccessful: failures.isEmpty, toolExecutionNotifications: failures)
                    ],
                    results: results)
            ])

        var data = try ReportJSON.encode(log)
        data.append(0x0A)
        return data
    }

    /// GitHub's mapping: only `error`, `warning` and `note` exist, and `error` is what blocks a check.
    public static func level(for severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// GitHub's `security-severity` score; it buckets >9.0 critical, ≥7.0 high, ≥4.0 medium, else low.
    public static func securitySeverity(for severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        }
    }

    /// One descriptor per rule id in the results, sorted by id so `ruleIndex` is stable across runs.
    static func ruleDescriptors(for findings: [Finding], catalog: [RuleDescription]) -> [ReportingDescriptor] {
        let known = Dictionary(catalog.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let firstFinding = Dictionary(findings.map { ($0.ruleID, $0) }, uniquingKeysWith: { first, _ in first })
        return firstFinding.keys.sorted().compactMap { id in
            if let rule = known[id] { return descriptor(rule) }
            guard let finding = firstFinding[id] else { return nil }
            let worst = findings.filter { $0.ruleID == id }.map(\.severity).max() ?? finding.severity
            return synthesizedDescriptor(id: id, finding: finding, severity: worst)
        }
    }

    private static func descriptor(_ rule: RuleDescription) -> ReportingDescriptor {
        var text = rule.rationale + "\n\nRemediation:\n" + rule.remediation
        var markdown = "**Why it matters:** \(rule.rationale)\n\n**Remediation:**\n\n\(rule.remediation)"
        if !rule.references.isEmpty {
            text += "\n\nReferences: " + rule.references.joined(separator: ", ")
            markdown += "\n\n**References:**\n\n" + rule.references.map { "- \($0)" }.joined(separator: "\n")
        }
        return ReportingDescriptor(
            id: rule.id, name: ruleName(rule.id), shortDescription: Message(text: rule.title),
            fullDescription: Message(text: rule.rationale), help: MultiformatMessage(text: text, markdown: markdown),
            defaultConfiguration: Configuration(level: level(for: rule.severity)),
            properties: RuleProperties(
                tags: tags(category: rule.category, pack: rule.pack),
                securitySeverity: securitySeverity(for: rule.severity),
                precision: rule.category == .drift ? "very-high" : "high"))
    }

    /// A descriptor for ids the catalog does not know.
    ///
    /// Custom check names and details come from the repository, so the Markdown help escapes them like any
    /// other untrusted text.
    private static func synthesizedDescriptor(id: String, finding: Finding, severity: Severity) -> ReportingDescriptor {
        let summary: String
        let detail: String
        let pack: String
        switch finding.changeType {
        case .added?:
            summary = "Declared resource is missing: the plan would create it."
            detail =
                "The resource is declared but absent from the recorded state or the infrastructure, so the "
                + "next apply would create it; it may have been deleted outside the pipeline."
            pack = "drift"
        case .removed?:
            summary = "Resource is no longer declared: the plan would destroy it."
            detail =
                "The resource exists but its declaration is gone, so the next apply would destroy it. "
                + "Restore the declaration, or remove the resource from state on purpose."
            pack = "drift"
        case .modified?:
            summary = "Resource differs from its declaration: the plan would change it."
            detail =
                "The resource's attributes differ from its declaration, so the next apply would revert "
                + "them; the change was probably made outside the pipeline."
            pack = "drift"
        case nil:
            summary = ReportText.clean(finding.category == .custom ? "Custom check '\(id)' fired." : finding.title)
            detail = finding.detail.isEmpty ? summary : ReportText.clean(finding.detail)
            pack = finding.category == .custom ? "custom" : finding.category.rawValue
        }
        var text = detail
        var markdown = MarkdownText.escape(detail)
        if let remediation = finding.remediation {
            text += "\n\nRemediation:\n" + remediation
            markdown += "\n\n**Remediation:** " + MarkdownText.escape(remediation)
        }
        if !finding.references.isEmpty {
            text += "\n\nReferences: " + finding.references.joined(separator: ", ")
            markdown +=
                "\n\n**References:**\n\n"
                + finding.references.map { "- " + MarkdownText.escape($0) }.joined(separator: "\n")
        }
        return ReportingDescriptor(
            id: id, name: ruleName(id), shortDescription: Message(text: summary),
            fullDescription: Message(text: detail),
            help: MultiformatMessage(text: text, markdown: markdown),
            defaultConfiguration: Configuration(level: level(for: severity)),
            properties: RuleProperties(
                tags: tags(category: finding.category, pack: pack), securitySeverity: securitySeverity(for: severity),
                precision: finding.category == .drift ? "very-high" : "medium"))
    }

    /// Sorted, de-duplicated tags; GitHub shows them as filters, and `security` marks an alert as a security one.
    private static func tags(category: FindingCategory, pack: String) -> [String] {
        Array(Set(["security", category.rawValue, pack])).sorted()
    }

    /// SARIF wants `name` to read as an identifier (`AwsS3PublicAcl`), distinct from the opaque `id`.
    static func ruleName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    private static func result(
        _ finding: Finding, ruleIndex: Int, targetPaths: [String: String], suppression: Suppression?
    ) -> Result {
        var text = ReportText.clean(finding.title)
        if !finding.detail.isEmpty { text += "\n\n" + ReportText.clean(finding.detail) }
        let evidence = finding.evidence.map(ConsoleReport.evidenceText)
        if !evidence.isEmpty { text += "\n\nEvidence:\n" + evidence.map { "- " + $0 }.joined(separator: "\n") }
        let fixes = FixText.lines(finding.fixes)
        if !fixes.isEmpty { text += "\n\n" + fixes.map(ReportText.clean).joined(separator: "\n") }

        // GitHub rejects a result without a physical location, so a finding with no file points at its target.
        let path = finding.location?.file ?? targetPaths[finding.target] ?? finding.target
        // A URI reference, not a path: spaces and `%` in a file name must be percent-encoded.
        let uri = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        let region = finding.location?.line.map { Region(startLine: max($0, 1)) }
        return Result(
            ruleId: finding.ruleID, ruleIndex: ruleIndex, level: level(for: finding.severity),
            message: Message(text: text),
            locations: [
                Location(
                    physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri), region: region))
            ],
            partialFingerprints: [fingerprintKey: finding.fingerprint],
            properties: ResultProperties(
                severity: finding.severity.rawValue, category: finding.category.rawValue, resource: finding.resource,
                resourceType: finding.resourceType, identity: finding.identity, source: finding.source,
                target: finding.target, changeType: finding.changeType?.rawValue),
            suppressions: suppression.map { [$0] })
    }
}
