import Foundation

/// The human report printed to the terminal and the CI log.
///
/// The order answers the reader's questions in turn: how bad is it (summary), can I trust it (failed targets,
/// warnings), what do I fix first (findings, worst first), what was set aside (waivers). The last line is the
/// verdict, word for word as the original printed it, because CI log greps and humans both look there.
public enum ConsoleReport {
    /// The whole report as text ending in a newline; `useColor` adds ANSI colour to severities and the verdict.
    ///
    /// Text from the scanned repository is stripped of control characters even without colour, so a
    /// title cannot smuggle its own terminal escapes into a CI log.
    /// `command` names the verdict line's command (`steadystate scan: PASS …`); `ci` is the original's wording.
    public static func render(_ report: ScanReport, useColor: Bool, command: String = "ci") -> String {
        renderParts(report, useColor: useColor, command: command).joined()
    }

    /// `render`'s text in consecutive parts (a line each, a chunk of findings each), so a large report is
    /// printed without first being joined into one string of tens of megabytes.
    public static func renderParts(_ report: ScanReport, useColor: Bool, command: String = "ci") -> [String] {
        var parts: [String] = []
        render(report, useColor: useColor, command: command) { parts.append($0) }
        return parts
    }

    /// `renderParts`'s parts, handed to `emit` as they are made: findings a batch at a time (a chunk per core
    /// each), so the console text of a 100k-resource plan is printed without ever being whole in memory.
    /// Findings are rendered `findingsPerBatch` at a time (8,192: a few megabytes of text).
    public static func render(
        _ report: ScanReport, useColor: Bool, command: String = "ci", findingsPerBatch: Int = 8192,
        to emit: (String) -> Void
    ) {
        let style = ConsoleStyle(isEnabled: useColor)
        func add(_ lines: [String]) { for line in lines { emit(line + "\n") } }
        add([summaryLine(report)])

        let failed = report.targets.filter { $0.status == .failed }
        if !failed.isEmpty {
            add(["", "Target failures:"])
            add(failed.map { target in
                "  ✗ \(clean(target.name)) (\(clean(target.source)), \(clean(target.path))): "
                    + clean(target.error ?? "failed without an error message")
            })
        }
        if !report.errors.isEmpty {
            add(["", "Errors:"] + report.errors.map { "  ✗ \(clean($0))" })
        }
        if !report.warnings.isEmpty {
            add(["", "Warnings:"] + report.warnings.map { "  ! \(clean($0))" })
        }

        // Worst first, each severity in report order. A scan's findings come in report order, so each severity is
        // one run of the list and is read in place (regrouping 190k findings copied each twice, on one core);
        // a report in any other order is grouped first.
        let severities = Array(Severity.allCases.reversed())
        let isGrouped = zip(report.findings, report.findings.dropFirst()).allSatisfy { $0.severity >= $1.severity }
        let findings = isGrouped ? report.findings : severities.flatMap { severity in
            report.findings.filter { $0.severity == severity }
        }
        var groupStart = 0
        for severity in severities {
            var groupEnd = groupStart
            while groupEnd < findings.count, findings[groupEnd].severity == severity { groupEnd += 1 }
            defer { groupStart = groupEnd }
            guard groupEnd > groupStart else { continue }
            add(["", style.severity(severity, "\(severity.rawValue.uppercased()) (\(groupEnd - groupStart))")])
            // A chunk per core: a large plan's report is millions of characters. Each finding ends its own line.
            for batchStart in stride(from: groupStart, to: groupEnd, by: findingsPerBatch) {
                let batch = batchStart..<min(groupEnd, batchStart + findingsPerBatch)
                let chunks = Parallel.chunks(of: batch, minimumChunk: 256) { positions in
                    var text = ""
                    text.reserveCapacity(positions.count * 400)
                    for finding in findings[positions] { appendFinding(finding.fields, to: &text) }
                    return text
                }
                for chunk in chunks { emit(chunk) }
            }
        }

        if !report.waived.isEmpty {
            add(["", "Waived (\(report.waived.count), not counted):"])
            add(report.waived.map { waived in
                let expiry = waived.waiver.expires.map { "until \($0)" } ?? "no expiry"
                return "  - \(clean(waived.finding.title)) -- \(clean(waived.waiver.reason)) (\(expiry))"
            })
        }
        if !report.expiredWaivers.isEmpty {
            add(["", "Expired waivers:"])
            add(report.expiredWaivers.map { waiver in
                "  - waiver \(clean(waiverLabel(waiver))) expired on \(clean(waiver.expires ?? "an unknown date")); "
                    + "the finding counts again"
            })
        }

        add(["", style.verdict(report.verdict, command: command)])
    }

    /// The one-glance line: counts by severity (only the non-zero ones), targets, waived, failures.
    static func summaryLine(_ report: ScanReport) -> String {
        let total = report.findings.count
        var text = "steadystate: "
        if total == 0 {
            text += "no findings"
        } else {
            let parts = report.countsBySeverity.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }
            text += "\(total) finding\(total == 1 ? "" : "s") (\(parts.joined(separator: ", ")))"
        }
        text += " in \(report.targets.count) target(s)"
        if !report.waived.isEmpty { text += "; \(report.waived.count) waived" }
        let failed = report.targets.filter { $0.status == .failed }.count
        if failed > 0 { text += "; \(failed) target\(failed == 1 ? "" : "s") failed" }
        return text
    }

    /// The finding's lines, each ending in a newline. Appends into one buffer: at 19k findings a line array
    /// per finding cost more than the scan's rules.
    /// Appended part by part (no array of parts per line): a 100k-resource plan's console text is 190k findings.
    private static func appendFinding(_ finding: Finding.Fields, to text: inout String) {
        text += "  "
        text += clean(finding.title)
        text += "\n    resource "
        text += clean(finding.resource)
        text += " ("
        text += clean(finding.target)
        text += ")\n"
        if let location = finding.location {
            text += "    at "
            text += clean(location.file)
            if let line = location.line { text += ":\(line)" }
            text += "\n"
        }
        text += "    rule "
        text += clean(finding.ruleID)
        text += " · fp "
        // A fingerprint is hex digits: its prefix taken on bytes (by `Character` only if it were anything else).
        if ByteScan.isPrintableASCII(finding.fingerprint) {
            text += Substring(finding.fingerprint.utf8.prefix(12))
        } else {
            text += finding.fingerprint.prefix(12)
        }
        text += "\n"
        if let cause = finding.causedBy {
            text += "    follows the drift of "
            text += clean(cause)
            text += "\n"
        }
        // A created resource lists every attribute; the console shows the first few, the JSON report all.
        for evidence in finding.evidence.prefix(maxEvidenceLines) {
            text += "    "
            text += evidenceText(evidence)
            text += "\n"
        }
        if finding.evidence.count > maxEvidenceLines {
            text += "    … \(finding.evidence.count - maxEvidenceLines) more (see --format json)\n"
        }
        if let remediation = finding.remediation, let first = firstNonBlankLine(remediation) {
            text += "    fix: "
            text += clean(String(trimmed(first)))
            text += "\n"
        }
        for fixLine in FixText.lines(finding.fixes) {
            text += "    "
            text += clean(fixLine)
            text += "\n"
        }
    }

    static func trimmed(_ text: Substring) -> Substring {
        // ASCII ends, the usual case, are trimmed on bytes; anything else by `Character`.
        let bytes = text.utf8
        if let first = bytes.first, let last = bytes.last, first < 0x80, last < 0x80 {
            let isBlank = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
            if !isBlank(first) && !isBlank(last) { return text }
        }
        var text = text
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    /// The first line with something other than whitespace on it, without splitting the whole text.
    static func firstNonBlankLine(_ text: String) -> Substring? {
        // A first line of printable ASCII ended by "\n" (or the text's end), the usual case, is found on bytes:
        // there `Character`'s newline and whitespace are the bytes' own.
        let bytes = text.utf8
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        let line = bytes[..<end]
        if ByteScan.isPrintableASCII(bytes: line), line.contains(where: { $0 != 0x20 }) {
            return Substring(text)[..<end]
        }
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let candidate = rest[..<end]
            if !candidate.allSatisfy(\.isWhitespace) { return candidate }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        return nil
    }

    /// Evidence lines shown per finding before the rest are summarised.
    static let maxEvidenceLines = 5

    /// `path = value` for a rule's evidence, `path: before → after` for drift, where the change is the point.
    public static func evidenceText(_ evidence: Evidence) -> String {
        let path = clean(evidence.path)
        if let before = evidence.before {
            return "\(path): \(clean(before)) → \(clean(evidence.value ?? "(absent)"))"
        }
        guard let value = evidence.value else { return path }
        return "\(path) = \(clean(value))"
    }

    /// How a waiver is named to a reader: where it was declared, then what it selects.
    static func waiverLabel(_ waiver: Waiver) -> String {
        var selectors: [String] = []
        if let rule = waiver.rule { selectors.append("rule \(rule)") }
        if let fingerprint = waiver.fingerprint { selectors.append("fp \(fingerprint.prefix(12))") }
        if let resource = waiver.resource { selectors.append("resource \(resource)") }
        return selectors.isEmpty ? waiver.origin : "\(waiver.origin) (\(selectors.joined(separator: ", ")))"
    }

    private static func clean(_ text: String) -> String { ReportText.clean(text) }
}

/// ANSI colouring that collapses to plain text when disabled, so the renderer has one code path.
struct ConsoleStyle {
    var isEnabled: Bool

    private static let reset = "\u{1B}[0m"

    func severity(_ severity: Severity, _ text: String) -> String {
        switch severity {
        case .critical: paint(text, "1;31")
        case .high: paint(text, "31")
        case .medium: paint(text, "33")
        case .low: paint(text, "36")
        }
    }

    func verdict(_ verdict: Verdict, command: String = "ci") -> String {
        paint(verdict.line(command: command), verdict.outcome == .pass ? "1;32" : "1;31")
    }

    private func paint(_ text: String, _ code: String) -> String {
        isEnabled ? "\u{1B}[\(code)m\(text)\(ConsoleStyle.reset)" : text
    }
}
