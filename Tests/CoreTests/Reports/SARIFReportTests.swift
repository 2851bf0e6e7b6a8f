import Foundation
import Testing

@testable import Core

/// The parts of SARIF 2.1.0 that GitHub code scanning enforces, checked on the parsed output.
///
/// This is the required check; `SARIFSchemaTests` adds a JSON-schema validation where Python is available.
@Suite struct SARIFReportTests {
    static func renderedLog() throws -> [String: Any] {
        let data = try SARIFReport.render(
            ReportFixture.report, rules: ReportFixture.rules, toolVersion: ReportFixture.toolVersion)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func hasTheRequiredStructure() throws {
        let log = try Self.renderedLog()
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "steadystate")
        #expect(driver["version"] as? String == ReportFixture.toolVersion)
        #expect(driver["informationUri"] is String)

        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(ruleIDs == ruleIDs.sorted())
        #expect(Set(ruleIDs).count == ruleIDs.count)
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
            let help = try #require(rule["help"] as? [String: Any])
            #expect(help["text"] is String && help["markdown"] is String)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level ?? ""))
            let properties = try #require(rule["properties"] as? [String: Any])
            let score = try #require(properties["security-severity"] as? String)
            #expect(Double(score) != nil)
            #expect((properties["tags"] as? [String])?.isEmpty == false)
        }

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == ReportFixture.report.findings.count + ReportFixture.report.waived.count)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ruleIDs.indices.contains(index) && ruleIDs[index] == ruleID, "ruleIndex of \(ruleID)")
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(!locations.isEmpty)
            for location in locations {
                let physical = location["physicalLocation"] as? [String: Any]
                let uri = (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String
                #expect(uri?.isEmpty == false, "every result needs artifactLocation.uri")
            }
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints["steadystate/v1"].map(Fingerprint.isWellFormed) == true)
        }
    }

    @Test func everyFindingRuleHasADescriptorEvenWithoutTheCatalog() throws {
        let data = try SARIFReport.render(ReportFixture.report, rules: [], toolVersion: "0")
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(
            rules.compactMap { $0["id"] as? String }
                == ["aws-s3-public-acl", "aws-sg-ssh-open", "drift-modified", "k8s-latest-tag", "queue-depth"])
    }

    @Test func levelsAndScoresFollowSeverity() {
        #expect(Severity.allCases.map(SARIFReport.level) == ["note", "warning", "error", "error"])
        #expect(Severity.allCases.map(SARIFReport.securitySeverity) == ["3.0", "5.5", "8.0", "9.5"])
    }

    @Test func waivedFindingsAreSuppressedAndLocationsFallBackToTheTarget() throws {
        let log = try Self.renderedLog()
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let suppression = try #require((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect(suppression["justification"] as? String == "Bastion retires in Q3")

        let drift = try #require(results.first { $0["ruleId"] as? String == "drift-modified" })
        let location = (drift["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "infra/prod")
        #expect(location?["region"] == nil)
    }

    @Test func ruleNamesReadAsIdentifiers() {
        #expect(SARIFReport.ruleName("aws-s3-public-acl") == "AwsS3PublicAcl")
        #expect(SARIFReport.ruleName("queue depth.v2") == "QueueDepthV2")
    }
}
