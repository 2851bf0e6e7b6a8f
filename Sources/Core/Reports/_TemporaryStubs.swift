// TEMPORARY: replaced by the reports branch at merge.
import Foundation

public enum ConsoleReport {
    public static func render(_ report: ScanReport, useColor: Bool) -> String {
        (report.findings.map { "\($0.severity) \($0.title) \($0.fingerprint)" } + [report.verdict.line()])
            .joined(separator: "\n")
    }
}

public enum JSONReport {
    public static func encode(_ report: ScanReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(report)
    }
}

public enum SARIFReport {
    public static func render(_ report: ScanReport, rules: [RuleDescription], toolVersion: String) throws -> Data {
        Data()
    }
}

public enum MarkdownSummary {
    public static func render(_ report: ScanReport, maxFindings: Int = 50) -> String { "" }
}
