import Foundation

/// The machine-readable report (`--to json`): a public contract documented in `docs/report-schema.md`.
///
/// The top-level fields are listed here one by one instead of encoding `ScanReport` directly, so adding a
/// field to the model never changes the contract by accident: it has to be added here, documented, and it
/// shows up in the golden file's diff.
public enum JSONReport {
    /// Pretty-printed UTF-8 JSON with sorted keys and a trailing newline: byte-identical for the same report.
    ///
    /// Slashes stay unescaped because paths and resource addresses are full of them and `\/` only hurts
    /// people reading the file; JSON parsers accept either.
    public static func encode(_ report: ScanReport) throws -> Data {
        var data = try ReportJSON.encode(Document(report))
        data.append(0x0A)
        return data
    }

    /// The schema-version-1 document: every `ScanReport` field plus `counts`.
    private struct Document: Encodable {
        var schemaVersion: Int
        var toolVersion: String
        var verdict: Verdict
        /// Per severity, zeros included, so consumers never need a default for a missing key.
        var counts: [String: Int]
        var findings: [Finding]
        var waived: [WaivedFinding]
        var expiredWaivers: [Waiver]
        var targets: [TargetResult]
        var gatingCategories: [FindingCategory]
        var warnings: [String]
        var errors: [String]

        init(_ report: ScanReport) {
            schemaVersion = report.schemaVersion
            toolVersion = report.toolVersion
            verdict = report.verdict
            counts = Dictionary(uniqueKeysWithValues: report.countsBySeverity.map { ($0.0.rawValue, $0.1) })
            findings = report.findings
            waived = report.waived
            expiredWaivers = report.expiredWaivers
            targets = report.targets
            gatingCategories = report.gatingCategories
            warnings = report.warnings
            errors = report.errors
        }
    }
}
