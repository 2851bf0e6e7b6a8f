import Core
import Foundation
import Pipeline
import Testing

/// The runbook in a real run: fixes on findings, custom checks, explain, add-solution and add-check.
@Suite(.serialized)
struct RunbookCommandTests {
    static let solutions = """
        [
          {"name": "close-ssh", "author": "platform", "for": "aws-sg-ssh-open", "impact": "low", "reversibility": "high",
           "solution": {"kind": "edit", "target": "{address}: restrict {path}"}},
          {"name": "any-security", "author": "sec", "for": "security", "solution": {"kind": "review", "target": "{address}"}},
          {"name": "db-drift", "author": "dba", "for": "modified", "match": "aws_db_instance",
           "solution": {"kind": "command", "run": "terraform apply -target={address}"}}
        ]
        """
    static let checks = """
        [
          {"name": "db-must-be-encrypted", "read": {"kind": "resource", "type": "aws_db_instance"},
           "when": {"not": {"path": "storage_encrypted", "op": "==", "value": true}},
           "emit": {"severity": "high", "title": "database storage is not encrypted"}},
          {"name": "no-password-in-plan", "read": {"kind": "resource", "type": "aws_db_instance"},
           "when": {"path": "password", "op": "exists"}, "emit": {"severity": "low", "title": "password set in config"}},
          {"name": "web-up", "read": {"kind": "http", "url": "https://shop.example/healthz"},
           "emit": {"severity": "critical", "title": "shop is down"}}
        ]
        """

    static func repository() throws -> String {
        try ScanCommandTests.repository(extra: [
            "steadystate/solutions.json": solutions, "steadystate/checks.json": checks,
        ])
    }

    @Test func findingsCarryRankedFixesAndCustomChecksRun() async throws {
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let (code, output) = await ScanCommandTests.run(.init(path: "infra/plan.json"), in: root, format: .json)
        #expect(code == 1)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(output.standardOutput.utf8))
        let ssh = try #require(report.findings.first { $0.ruleID == "aws-sg-ssh-open" })
        #expect(ssh.fixes?.map(\.name) == ["close-ssh", "any-security"])
        #expect(ssh.fixes?.first?.target == "aws_security_group.bastion: restrict ingress.0.cidr_blocks")
        #expect(ssh.fixes?.first?.bound.isInBound == true)
        let drift = try #require(report.findings.first { $0.resource == "aws_db_instance.main" && $0.category == .drift })
        #expect(drift.fixes?.map(\.name) == ["db-drift"])
        // The check reads what the plan declares: this database is encrypted, so only the password check fires.
        #expect(!report.findings.contains { $0.ruleID == "db-must-be-encrypted" })
        let password = try #require(report.findings.first { $0.ruleID == "no-password-in-plan" })
        #expect(password.category == .custom)
        #expect(password.evidence.first?.value == Evidence.redactedText)
        #expect(!output.standardOutput.contains("hunter2"))
        #expect(output.standardError.contains("'web-up' (http) is a live check, not checkable from the repository: skipped"))
    }

    @Test func explainShowsEvidenceFingerprintInputsAndWhyEachFixMatched() async throws {
        let root = try Self.repository()
        defer { TestSupport.cleanUp(root) }
        let fingerprint = Fingerprint.sha256Hex("terraform|aws_security_group.bastion|aws-sg-ssh-open")
        let output = CollectingOutput()
        let code = await ExplainCommand.run(
            String(fingerprint.prefix(10)), options: ScanOptions(command: "explain", inputs: .init(path: "infra/plan.json")),
            environment: TestSupport.environment(in: root, output: output))
        #expect(code == 0, "\(output.standardError)")
        let text = output.standardOutput
        #expect(text.contains("= sha256(\"terraform|aws_security_group.bastion|aws-sg-ssh-open\")"))
        #expect(text.contains("1. close-ssh (entry #1, category match): 'for' names aws-sg-ssh-open"))
        #expect(text.contains("2. any-security (entry #2, category match): 'for' names security"))
        #expect(text.contains("ingress.0.cidr_blocks = [\"0.0.0.0/0\"]"))

        let missing = CollectingOutput()
        let notFound = await ExplainCommand.run(
            "deadbeefdeadbeef", options: ScanOptions(command: "explain", inputs: .init(path: "infra/plan.json")),
            environment: TestSupport.environment(in: root, output: missing))
        #expect(notFound == ExitStatus.usageError)
        #expect(missing.standardError.contains("no finding with fingerprint or rule 'deadbeefdeadbeef'"))
    }

    @Test func addSolutionAppendsOnlyTheNewEntryAndRefusesBadOnes() throws {
        let root = try TestSupport.temporaryDirectory("add")
        defer { TestSupport.cleanUp(root) }
        let original = "[\n  {\"name\": \"keep\",   \"author\": \"me\", \"for\": \"drift\", \"solution\": {\"kind\": \"k\", \"run\": \"r\"}}\n]\n"
        try TestSupport.write(["steadystate/solutions.json": original], under: root)
        let output = CollectingOutput()
        var environment = TestSupport.environment(in: root, output: output)
        environment.readStandardInput = { Data(#"{"name": "new", "author": "ops", "match": "public", "solution": {"kind": "command"}}"#.utf8) }
        let code = AddEntryCommand.run(
            .init(kind: .solutions, fields: ["solution.run": "terraform apply -target={address}"], json: "-"),
            environment: environment)
        #expect(code == 0, "\(output.standardError)")
        let text = try String(contentsOfFile: root + "/steadystate/solutions.json", encoding: .utf8)
        #expect(text.hasPrefix("[\n  {\"name\": \"keep\",   \"author\": \"me\""), "existing bytes are kept")
        #expect(text.contains("    \"match\": \"public\",\n"))
        #expect(text.contains("\"run\": \"terraform apply -target={address}\""))
        let parsed = try SolutionsFile.parse(Data(text.utf8), file: "s")
        #expect(parsed.solutions.map(\.name) == ["keep", "new"])

        for (fields, message) in [
            (["name": JSONValue.string("keep"), "author": "x", "for": "drift", "solution.kind": "k", "solution.run": "r"], "name = 'keep'"),
            (["name": "bad", "author": "x", "match": "(", "solution.kind": "k", "solution.run": "r"], "entry 'bad': match: invalid regular expression"),
        ] {
            let failure = CollectingOutput()
            let result = AddEntryCommand.run(
                .init(kind: .solutions, fields: fields), environment: TestSupport.environment(in: root, output: failure))
            #expect(result == ExitStatus.usageError)
            #expect(failure.standardError.contains(message), "\(failure.standardError)")
        }
        #expect(try String(contentsOfFile: root + "/steadystate/solutions.json", encoding: .utf8) == text, "refused entries write nothing")
    }

    @Test func addCheckCreatesTheFileAndTheCheckRuns() async throws {
        let root = try ScanCommandTests.repository()
        defer { TestSupport.cleanUp(root) }
        let output = CollectingOutput()
        let code = AddEntryCommand.run(
            .init(kind: .checks, fields: [
                "name": "sg-named", "read.kind": "resource", "read.type": "aws_security_group", "when.path": "name",
                "when.op": "==", "when.value": "bastion", "emit.severity": "medium", "emit.title": "bastion group",
            ]), environment: TestSupport.environment(in: root, output: output))
        #expect(code == 0, "\(output.standardError)")
        let (_, scan) = await ScanCommandTests.run(.init(path: "infra/plan.json"), in: root, format: .json)
        let report = try JSONDecoder().decode(ScanReport.self, from: Data(scan.standardOutput.utf8))
        #expect(report.findings.contains { $0.ruleID == "sg-named" && $0.resource == "aws_security_group.bastion" })
    }
}
