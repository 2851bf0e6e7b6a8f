import Core
import Foundation
import Testing

@testable import Scanners

@Suite struct TerraformPlanTests {
    let context = RuleEngine.Context(source: .terraformState, target: "infra")

    func awsPlan() throws -> JSONValue {
        try TerraformPlan.decode(Data(contentsOf: URL(fileURLWithPath: TestTools.fixture("terraform/aws-plan/plan.json"))))
    }

    @Test func resourcesComeFromEveryModule() throws {
        let resources = TerraformPlan.resources(in: try awsPlan())
        #expect(resources.count == 16)
        let cache = try #require(resources.first { $0.address == "module.storage.aws_ebs_volume.cache" })
        #expect(cache.namespace == "module.storage" && cache.name == "cache" && cache.type == "aws_ebs_volume")
        let db = try #require(resources.first { $0.address == "aws_db_instance.public" })
        #expect(db.isSensitive("password"))
    }

    @Test func stateDocumentsAreReadToo() {
        let state: JSONValue = ["values": ["root_module": ["resources": [
            ["address": "terraform_data.a", "mode": "managed", "type": "terraform_data", "name": "a", "values": ["input": 1]],
            ["address": "data.x.y", "mode": "data", "type": "x", "name": "y", "values": [:]],
        ]]]]
        #expect(TerraformPlan.resources(in: state).map(\.address) == ["terraform_data.a"])
    }

    func change(_ address: String?, _ actions: [JSONValue], name: String? = nil) -> JSONValue {
        var entry: [String: JSONValue] = ["type": "t", "change": ["actions": .array(actions), "before": nil, "after": nil]]
        if let address { entry["address"] = .string(address) }
        if let name { entry["name"] = .string(name) }
        return .object(entry)
    }

    /// A large plan's drift is made a chunk per core beside its resources: the findings must be the ones a
    /// single loop over the changes gives, in plan order, and the resources the plain reading's.
    @Test func largePlansScanLikeOneLoop() {
        let changes = (0..<3000).map { index -> JSONValue in
            let actions: [JSONValue] = index % 5 == 0 ? ["update"] : index % 11 == 0 ? ["no-op"] : ["create"]
            return [
                "address": .string("aws_s3_bucket.b\(index % 2900)"), "type": "aws_s3_bucket", "name": .string("b\(index)"),
                "change": [
                    "actions": .array(actions), "before": index % 5 == 0 ? ["bucket": "old"] : nil,
                    "after": ["bucket": .string("b\(index)"), "tags": ["n": .number(Double(index))]],
                ],
            ]
        }
        let drifted = (0..<300).map { index -> JSONValue in
            ["address": .string("aws_s3_bucket.d\(index)"), "type": "aws_s3_bucket",
             "change": ["actions": ["update"], "before": ["bucket": "x"], "after": ["bucket": "y"]]]
        }
        let planned = (0..<2900).map { index -> JSONValue in
            ["address": .string("aws_s3_bucket.b\(index)"), "mode": "managed", "type": "aws_s3_bucket",
             "name": .string("b\(index)"), "values": ["bucket": .string("b\(index)")]]
        }
        let plan: JSONValue = [
            "resource_changes": .array(changes), "resource_drift": .array(drifted),
            "planned_values": ["root_module": ["resources": .array(planned)]],
        ]
        let scan = TerraformPlan.scan(plan, context: context, liveDriftIsPrimary: true)
        let oneLoop = TerraformPlan.plannedChanges(in: plan).map { change -> Finding in
            var finding = change.finding(context)
            if !change.isActionable {
                finding.outOfBand = true
                finding.severity = TerraformPlan.baselineSeverity(change.changeType, isActionable: true)
            }
            return finding
        }
        #expect(oneLoop.count > 2500)
        #expect(scan.drift == oneLoop)
        #expect(scan.changes.map(\.identity) == oneLoop.map(\.resource))
        #expect(scan.resources == TerraformPlan.resources(in: plan))
    }

    /// The first change of each identity is kept, in plan order, wherever its repeats are (the same half, the
    /// other half, the drift section): held to one loop with a set, on plans of every small size and a large one.
    @Test(arguments: [0, 1, 2, 3, 7, 40, 3001])
    func eachIdentityKeepsItsFirstChange(_ count: Int) {
        var random = Mutator.Generator(state: UInt64(count) + 1)
        let identities = (0..<count).map { _ in "aws_s3_bucket.b\(random.next() % UInt64(max(1, count / 3 + 1)))" }
        let split = count * 3 / 4
        let actionable = identities[..<split].enumerated().map { change($0.element, $0.offset % 9 == 0 ? ["no-op"] : ["update"]) }
        let outOfBand = identities[split...].map { change($0, ["update"]) }
        let plan: JSONValue = ["resource_changes": .array(actionable), "resource_drift": .array(Array(outOfBand))]
        var seen: Set<String> = []
        var expected: [String] = []
        for (position, identity) in identities.enumerated() {
            let isNoOp = position < split && position % 9 == 0
            if !isNoOp, seen.insert(identity).inserted { expected.append("\(identity) \(position < split)") }
        }
        let changes = TerraformPlan.plannedChanges(in: plan)
        #expect(changes.map { "\($0.identity) \($0.isActionable)" } == expected)
    }

    @Test func driftFollowsTheOriginalsRules() {
        let plan: JSONValue = [
            "resource_changes": [
                change("a.create", ["create"]), change("a.delete", ["delete"]), change("a.update", ["update"]),
                change("a.replace1", ["create", "delete"]), change("a.replace2", ["delete", "create"]),
                change("a.noop", ["no-op"]), change("a.read", ["read"]), change("a.odd", ["read", "update"]),
                change(nil, ["update"], name: "byname"), change(nil, ["update"]),
            ],
            "resource_drift": [change("a.update", ["delete"]), change("a.drifted", ["update"])],
        ]
        let findings = TerraformPlan.driftFindings(in: plan, context: context)
        let summary = findings.map { "\($0.identity) \($0.changeType?.rawValue ?? "") \($0.severity)" }
        #expect(summary == [
            "a.create added low", "a.delete removed high", "a.update modified medium", "a.replace1 modified medium",
            "a.replace2 modified medium", "a.odd modified medium", "byname modified medium", "? modified medium",
            "a.drifted modified low",
        ])
        #expect(findings[3].title == "a.replace1 would be replaced")
        #expect(findings[0].title == "a.create would be created" && findings[1].title == "a.delete would be destroyed")
        #expect(findings.last?.title == "a.drifted was changed outside Terraform")
        #expect(findings.allSatisfy { $0.category == .drift && $0.ruleID == "drift-\($0.changeType?.rawValue ?? "")" })
    }

    @Test func evidenceListsChangedLeavesAndRedactsSensitiveOnes() throws {
        let plan: JSONValue = ["resource_changes": [[
            "address": "aws_db_instance.main", "type": "aws_db_instance", "name": "main",
            "change": [
                "actions": ["update"],
                "before": ["size": 10, "tags": ["env": "dev", "team": "a"], "password": "old-secret",
                           "nested": ["list": ["x", "top-secret-1"]]],
                "after": ["size": 20, "tags": ["env": "prod", "team": "a"], "password": "new-secret",
                          "nested": ["list": ["x", "top-secret-2"]], "arn": nil],
                "before_sensitive": ["password": true, "nested": ["list": [false, true]]],
                "after_sensitive": ["password": true, "nested": ["list": [false, true]]],
                "after_unknown": ["arn": true],
            ],
        ]]]
        let finding = try #require(TerraformPlan.driftFindings(in: plan, context: context).first)
        #expect(finding.evidence.map(\.path) == ["arn", "nested.list.1", "password", "size", "tags.env"])
        #expect(finding.evidence.first { $0.path == "size" } == Evidence(path: "size", value: "20", before: "10"))
        #expect(finding.evidence.first { $0.path == "arn" }?.value == "(known after apply)")
        let encoded = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        for secret in ["old-secret", "new-secret", "top-secret"] { #expect(!encoded.contains(secret)) }
    }

    @Test func fingerprintIsSourceIdentityAndChangeType() throws {
        let findings = TerraformPlan.driftFindings(in: try awsPlan(), context: context)
        let bastion = try #require(findings.first { $0.identity == "aws_security_group.bastion" })
        #expect(bastion.fingerprint == Fingerprint.sha256Hex("terraform|aws_security_group.bastion|added"))
        let modified: JSONValue = ["resource_changes": [change("aws_s3_bucket.logs", ["update"])]]
        let logs = try #require(TerraformPlan.driftFindings(in: modified, context: context).first)
        // Computed independently: python3 -c "import hashlib; print(hashlib.sha256(
        //     b'terraform|aws_s3_bucket.logs|modified').hexdigest())"
        #expect(logs.fingerprint == "fc003d97670ea461ec4097b6c8c4153d2a9ae1fdfd9eaa62eb98eedf017cb7e4")
    }

    /// Reordered sections and re-serialised JSON (other whitespace, other key order) give the same set.
    @Test func fingerprintsSurviveReorderingAndReserialisation() throws {
        let plan = try awsPlan()
        let original = Set(TerraformPlan.driftFindings(in: plan, context: context).map(\.fingerprint))
        guard case .object(var members) = plan,
            case .array(let changes) = members["resource_changes"],
            case .object(var planned) = members["planned_values"],
            case .object(var root) = planned["root_module"],
            case .array(let resources) = root["resources"]
        else {
            Issue.record("unexpected plan shape")
            return
        }
        members["resource_changes"] = .array(changes.reversed())
        root["resources"] = .array(resources.reversed())
        planned["root_module"] = .object(root)
        members["planned_values"] = .object(planned)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let reserialised = try TerraformPlan.decode(encoder.encode(JSONValue.object(members)))
        let again = Set(TerraformPlan.driftFindings(in: reserialised, context: context).map(\.fingerprint))
        #expect(again == original && original.count == 16)
        let rules = RuleEngine.evaluate(
            RuleCatalog.all, over: ResourceInventory(TerraformPlan.resources(in: plan)), context: context)
        let rulesAgain = RuleEngine.evaluate(
            RuleCatalog.all, over: ResourceInventory(TerraformPlan.resources(in: reserialised)), context: context)
        #expect(Set(rules.map(\.fingerprint)) == Set(rulesAgain.map(\.fingerprint)))
    }

    /// The original, run on the same captured plan, must give the same drift fingerprints.
    @Test func fingerprintsMatchThePythonOriginal() throws {
        guard let python = TestTools.originalPython() else {
            print("skipping: the original steadystate is not installed (.tools/orig-venv or /tmp/orig)")
            return
        }
        let script = """
            import json, sys
            from steadystate.sources.terraform import drifts_from_plan_json
            for d in drifts_from_plan_json(json.load(open(sys.argv[1]))):
                print(d.fingerprint, d.identity, d.change_type.value)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, TestTools.fixture("terraform/aws-plan/plan.json")]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let theirs = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        let ours = TerraformPlan.driftFindings(in: try awsPlan(), context: context).map {
            "\($0.fingerprint) \($0.identity) \($0.changeType?.rawValue ?? "")"
        }
        #expect(ours == theirs && ours.count == 16)
    }

    @Test func binaryAndTextPlansAreToldApart() {
        #expect(TerraformPlan.looksLikeJSON(Data("  \n{\"a\":1}".utf8)))
        #expect(!TerraformPlan.looksLikeJSON(Data("PK\u{3}\u{4}".utf8)))
        #expect(!TerraformPlan.looksLikeJSON(Data("Error: nope".utf8)))
    }
}
