import Foundation
import Testing

@testable import Core

/// Byte-for-byte checks of every renderer against committed files, so any output change shows up in review.
@Suite struct ReportGoldenTests {
    @Test func consoleWithoutColorMatchesGolden() throws {
        try GoldenFile.check(ConsoleReport.render(ReportFixture.report, useColor: false), against: "console.txt")
    }

    @Test func jsonMatchesGolden() throws {
        let data = try JSONReport.encode(ReportFixture.report)
        try GoldenFile.check(String(decoding: data, as: UTF8.self), against: "report.json")
    }

    @Test func sarifMatchesGolden() throws {
        let data = try SARIFReport.render(
            ReportFixture.report, rules: ReportFixture.rules, toolVersion: ReportFixture.toolVersion)
        try GoldenFile.check(String(decoding: data, as: UTF8.self), against: "report.sarif")
    }

    @Test func markdownMatchesGolden() throws {
        try GoldenFile.check(MarkdownSummary.render(ReportFixture.report, maxFindings: 3), against: "summary.md")
    }

    @Test func renderersAreDeterministic() throws {
        let report = ReportFixture.report
        #expect(try JSONReport.encode(report) == JSONReport.encode(report))
        #expect(
            try SARIFReport.render(report, rules: ReportFixture.rules, toolVersion: "1")
                == SARIFReport.render(report, rules: ReportFixture.rules.reversed(), toolVersion: "1"))
    }
}
