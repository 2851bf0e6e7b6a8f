import Foundation
import Testing

@testable import Core

@Suite struct ConsoleReportTests {
    @Test(arguments: [false, true])
    func lastLineIsTheVerdictLine(useColor: Bool) {
        let output = ConsoleReport.render(ReportFixture.report, useColor: useColor)
        let last = output.split(separator: "\n").last.map(String.init) ?? ""
        let expected = ReportFixture.report.verdict.line()
        #expect(useColor ? last.contains(expected) : last == expected)
    }

    /// A large group is rendered a chunk per core: every finding once, in report order, and the parts join
    /// into exactly `render`'s text.
    @Test(arguments: [255, 256, 257, 1500])
    func largeGroupsKeepTheirOrder(count: Int) {
        var report = ReportFixture.report
        let template = report.findings.first { $0.severity == .low }!
        report.findings = (0..<count).map { index in
            var finding = template
            finding.title = "finding #\(String(format: "%05d", index))"
            return finding
        }
        let parts = ConsoleReport.renderParts(report, useColor: false)
        let text = ConsoleReport.render(report, useColor: false)
        #expect(parts.joined() == text)
        // Findings are rendered a batch at a time: batches of any size give the same text.
        for batch in [1, 100, 256, 1000] {
            var streamed = ""
            ConsoleReport.render(report, useColor: false, findingsPerBatch: batch) { streamed += $0 }
            #expect(streamed == text)
        }
        let titles = text.split(separator: "\n").filter { $0.hasPrefix("  finding #") }.map { String($0.dropFirst(2)) }
        #expect(titles == (0..<count).map { "finding #\(String(format: "%05d", $0))" })
    }

    /// Findings in report order are read as runs of one severity; in any other order they are grouped first,
    /// each severity keeping its own order: both give the text of the findings grouped by one stable pass.
    @Test(arguments: [0, 1, 7, 300])
    func findingsInAnyOrderAreGroupedWorstFirst(seed: UInt64) {
        var random = Mutator.Generator(state: seed + 1)
        var report = ReportFixture.report
        let templates = report.findings
        report.findings = (0..<600).map { index in
            var finding = templates[Int.random(in: 0..<templates.count, using: &random)]
            finding.title = "finding #\(index)"
            return finding
        }
        var grouped = report
        grouped.findings = Severity.allCases.reversed().flatMap { severity in
            report.findings.filter { $0.severity == severity }
        }
        func rendered(_ report: ScanReport, batch: Int) -> String {
            var text = ""
            ConsoleReport.render(report, useColor: false, findingsPerBatch: batch) { text += $0 }
            return text
        }
        let text = rendered(report, batch: 64)
        #expect(text == rendered(grouped, batch: 64))
        #expect(text == ConsoleReport.render(grouped, useColor: false))
        let titles = text.split(separator: "\n").filter { $0.hasPrefix("  finding #") }.map { String($0.dropFirst(2)) }
        #expect(titles == grouped.findings.map(\.title))
    }

    @Test func noEscapeCharactersWithoutColor() {
        // The fixture has an ESC in a title: it must not survive either.
        let output = ConsoleReport.render(ReportFixture.report, useColor: false)
        #expect(!output.unicodeScalars.contains("\u{1B}"))
    }

    @Test func colorOnlyWhenAsked() {
        let output = ConsoleReport.render(ReportFixture.report, useColor: true)
        #expect(output.contains("\u{1B}[1;31mCRITICAL (1)\u{1B}[0m"))
        #expect(output.hasSuffix("\u{1B}[1;31m\(ReportFixture.report.verdict.line())\u{1B}[0m\n"))
        #expect(!output.contains("\u{1B}[31m\u{1B}"), "the title's own escape is neutralised")
    }

    @Test func summaryLineCountsOnlyWhatIsThere() {
        #expect(
            ConsoleReport.summaryLine(ReportFixture.report)
                == "steadystate: 5 findings (1 critical, 2 high, 1 medium, 1 low) in 3 target(s); 1 waived; "
                + "1 target failed")
        let clean = ScanReport(
            toolVersion: "1",
            verdict: Verdict(outcome: .pass, failOn: .high, gating: 0, total: 0, failedTargets: 0, exitCode: 0),
            findings: [], waived: [], expiredWaivers: [], targets: [], gatingCategories: [.security], warnings: [],
            errors: [])
        #expect(ConsoleReport.summaryLine(clean) == "steadystate: no findings in 0 target(s)")
        #expect(
            ConsoleReport.render(clean, useColor: false)
                == "steadystate: no findings in 0 target(s)\n\nsteadystate ci: PASS -- clean -- no drift/malfunction\n")
    }

    @Test func driftEvidenceShowsBeforeAndAfterAndNeverTheSecret() {
        let output = ConsoleReport.render(ReportFixture.report, useColor: false)
        #expect(output.contains("instance_class: db.t3.medium → db.t3.large"))
        #expect(output.contains("password: (sensitive value) → (sensitive value)"))
        #expect(!output.contains("hunter"))
    }

    /// The remediation's first line and its trimming take a byte path for printable ASCII: it must give what
    /// the `Character` path gives, on ASCII and on everything else.
    @Test(arguments: [
        "Block public access:\n\nresource ...", "\n\n   \nsecond line\nthird", "  padded both  \nnext", "only line",
        "tab\tinside\n", "\r\nafter a CRLF", "line\r\nnext", "é first\n", "ends in é", "\u{2028}separated",
        "\u{00A0}nbsp\u{00A0}\nx", "", "   ", "\n", " \n \n", "a", "x\u{0301} combining\n", "\u{0085}next",
    ])
    func firstLineMatchesTheCharacterPath(text: String) {
        func reference(_ text: String) -> String? {
            var rest = Substring(text)
            while !rest.isEmpty {
                let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
                let candidate = rest[..<end]
                if !candidate.allSatisfy(\.isWhitespace) {
                    var line = candidate
                    while let first = line.first, first.isWhitespace { line.removeFirst() }
                    while let last = line.last, last.isWhitespace { line.removeLast() }
                    return String(line)
                }
                rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            }
            return nil
        }
        #expect(ConsoleReport.firstNonBlankLine(text).map { String(ConsoleReport.trimmed($0)) } == reference(text))
    }
}
