import Foundation
import Testing

@testable import Core

struct SolutionsFileTests {
    static let file = "steadystate/solutions.json"

    @Test func originalFormatFixtureLoadsUnchanged() throws {
        let (solutions, problems) = try SolutionsFile.parse(RunbookPaths.fixture("valid-solutions.json"), file: Self.file)
        #expect(problems == [])
        #expect(solutions.map(\.name) == ["relock-bucket", "restart-web", "reboot-node", "redeploy", "tighten-sg"])
        #expect(solutions.map(\.solution.kind) == ["command", "playbook", "reboot", "workflow", "fix"])
        #expect(
            solutions.first
                == Solution(
                    name: "relock-bucket", author: "platform-team", match: "public_access_block",
                    solution: .init(kind: "command", run: "terraform apply -target=aws_s3_bucket_public_access_block.logs"),
                    impact: .low, reversibility: .high, problem: "bucket guard removed"))
        let node = try #require(solutions.first { $0.name == "reboot-node" })
        #expect(node.forCategory == "NodeNotReady" && node.match == "node-[0-9]+")
        #expect(node.impact == .high && node.reversibility == .low && node.vouchedBy == "lead" && !node.isProposed)
        #expect(node.solution == .init(kind: "reboot", target: "{node}"))
        #expect(solutions.first { $0.name == "redeploy" }?.isProposed == true)
        let sg = try #require(solutions.last)
        #expect(sg.rules == ["terraform.sg-open-world"] && sg.source == .terraform)
        #expect(sg.resource == "module.net.aws_security_group.*" && sg.fix?.hasPrefix("Restrict") == true)
        #expect(sg.patch?["with"] == "cidr_blocks = [\"10.0.0.0/8\"] # {rule}")
    }

    static let valid = #""name": "n", "author": "a", "for": "x", "solution": {"kind": "command", "run": "true"}"#

    /// One broken entry each; every one must yield exactly one error naming the entry and field.
    static let invalidEntries: [(json: String, field: String)] = [
        (#"{"author": "a", "for": "x", "solution": {"kind": "k", "run": "r"}}"#, "name"),
        (#"{"name": "  ", "author": "a", "for": "x", "solution": {"kind": "k", "run": "r"}}"#, "name"),
        (#"{"name": 0, "author": "a", "for": "x", "solution": {"kind": "k", "run": "r"}}"#, "name"),
        (#"{"name": ["n"], "author": "a", "for": "x", "solution": {"kind": "k", "run": "r"}}"#, "name"),
        (#"{"name": "n", "author": null, "for": "x", "solution": {"kind": "k", "run": "r"}}"#, "author"),
        (#"{"name": "n", "author": "a", "solution": {"kind": "k", "run": "r"}}"#, "for/match"),
        (#"{"name": "n", "author": "a", "for": "", "match": false, "solution": {"kind": "k", "run": "r"}}"#, "for/match"),
        (#"{"name": "n", "author": "a", "match": "(unclosed", "solution": {"kind": "k", "run": "r"}}"#, "match"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": {"kind": "k", "run": "r"}, "patch": {"file": "main.tf"}}"#, "patch"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": {"kind": "k", "run": "r"}, "patch": {"file": "{nope}.tf", "replace": "a", "with": "b"}}"#, "patch"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": {"kind": "k", "run": "r"}, "patch": "sed -i s/a/b/"}"#, "patch"),
        (#"{"name": "n", "author": "a", "for": "x"}"#, "solution"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": "reboot"}"#, "solution"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": [1]}"#, "solution"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": {"run": "r"}}"#, "solution.kind"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": {"kind": "k", "run": ""}}"#, "solution.run/target"),
        (#"{"name": "n", "author": "a", "for": "x", "solution": {"kind": "k", "run": {"a": 1}}}"#, "solution.run"),
        ("{\(valid), \"impact\": \"extreme\"}", "impact"),
        ("{\(valid), \"reversibility\": \"none\"}", "reversibility"),
        ("{\(valid), \"impact\": true}", "impact"),
        ("{\(valid), \"rules\": \"terraform.x\"}", "rules"),
        ("{\(valid), \"rules\": [\"ok\", 3]}", "rules"),
        ("{\(valid), \"source\": \"aws\"}", "source"),
        ("{\(valid), \"resource\": 5}", "resource"),
        ("{\(valid), \"fix\": \"\"}", "fix"),
        (#""just a string""#, "entry"),
        ("null", "entry"),
    ]

    @Test(arguments: invalidEntries)
    func invalidEntryIsDroppedWithOneProblem(json: String, field: String) throws {
        let (solutions, problems) = try SolutionsFile.parse(Data(json: "[\(json)]"), file: Self.file)
        #expect(solutions.isEmpty)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.field == field)
        #expect(problems.first?.entry == 1)
        #expect(problems.first?.severity == .error)
    }

    @Test func problemNamesFileEntryAndField() throws {
        let json = """
            [{\(Self.valid)}, {"name": "b", "author": "a", "for": "y", "solution": {"kind": "k", "run": "r"}},
             {"name": "relock-bucket", "author": "a", "match": "a(", "solution": {"kind": "k", "run": "r"}}]
            """
        let (solutions, problems) = try SolutionsFile.parse(Data(json: json), file: Self.file)
        #expect(solutions.count == 2)
        #expect(
            problems.map(\.description) == [
                "steadystate/solutions.json: entry #3 'relock-bucket': match: invalid regular expression: 'a(' does not compile (at $[2].match)"
            ])
    }

    /// Scalars become text as Python's `str()` makes them; falsy values are "unset".
    static let oddValues: [(json: String, name: String, author: String, impact: BoundLevel)] = [
        (#""name": 42, "author": 7"#, "42", "7", .medium),
        (#""name": true, "author": "  ops  ""#, "True", "ops", .medium),
        (#""name": 1.5, "author": "a", "impact": " HIGH ""#, "1.5", "a", .high),
        (#""name": "n", "author": "a", "impact": null, "reversibility": 0"#, "n", "a", .medium),
        (#""name": "n", "author": "a", "impact": """#, "n", "a", .medium),
    ]

    @Test(arguments: oddValues)
    func scalarsAreStringifiedLikeTheOriginal(json: String, name: String, author: String, impact: BoundLevel) throws {
        let entry = #"[{\#(json), "for": "x", "solution": {"kind": "k", "run": 1}}]"#
        let (solutions, problems) = try SolutionsFile.parse(Data(json: entry), file: Self.file)
        #expect(problems == [])
        #expect(solutions.map(\.name) == [name])
        #expect(solutions.first?.author == author)
        #expect(solutions.first?.impact == impact)
        #expect(solutions.first?.solution.run == "1")
    }

    @Test func firstDuplicateWinsAsInTheOriginalsMatchingWithAWarning() throws {
        let json = """
            [{"name": "dup", "author": "first", "for": "x", "solution": {"kind": "k", "run": "r"}},
             {"name": "other", "author": "a", "for": "y", "solution": {"kind": "k", "run": "r"}},
             {"name": " dup ", "author": "second", "for": "x", "solution": {"kind": "k", "run": "r"}}]
            """
        let (solutions, problems) = try SolutionsFile.parse(Data(json: json), file: Self.file)
        #expect(solutions.map(\.name) == ["dup", "other"])
        #expect(solutions.first?.author == "first")
        #expect(problems.count == 1)
        #expect(problems.first?.severity == .warning && problems.first?.entry == 3 && problems.first?.field == "name")
    }

    static let proposedValues: [(json: String, isProposed: Bool, warns: Bool)] = [
        ("true", true, false), ("false", false, false), ("null", false, false),
        (#""false""#, false, true), (#""yes""#, true, true), (#""TRUE""#, true, true), (#""1""#, true, true),
        (#""no""#, false, true), ("1", true, true), ("0", false, true),
    ]

    @Test(arguments: proposedValues)
    func proposedReadsBooleansAndWarnsOnOtherValues(json: String, isProposed: Bool, warns: Bool) throws {
        let (solutions, problems) = try SolutionsFile.parse(
            Data(json: "[{\(Self.valid), \"proposed\": \(json)}]"), file: Self.file)
        #expect(solutions.first?.isProposed == isProposed)
        #expect(problems.map(\.severity) == (warns ? [.warning] : []))
    }

    @Test func unknownKeysWarnButKeepTheEntry() throws {
        let (solutions, problems) = try SolutionsFile.parse(
            Data(json: "[{\(Self.valid), \"mach\": \"x\"}]"), file: Self.file)
        #expect(solutions.count == 1)
        #expect(problems.map(\.field) == ["mach"] && problems.first?.severity == .warning)
    }

    @Test func pythonNamedGroupsCompile() throws {
        #expect(RunbookRegex.problem(with: "(?P<svc>api|web)-(?P=svc)", caseInsensitive: true) == nil)
        let regex = try RunbookRegex.compile("(?P<svc>api)-(?P=svc)", caseInsensitive: true)
        let text = "API-api"
        #expect(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
    }

    @Test func brokenJSONThrowsMalformedWithPosition() {
        #expect(throws: ConfigError.malformed(file: Self.file, line: 2, column: 9, cause: "Invalid value around character 12.")) {
            try SolutionsFile.parse(Data(json: "[1,\n  {\"a\": x}]"), file: Self.file)
        }
        #expect {
            try SolutionsFile.parse(Data(json: "[{\"name\": "), file: Self.file)
        } throws: { error in
            guard case .malformed(let file, let line, _, _) = error as? ConfigError else { return false }
            return file == Self.file && line == 1
        }
        #expect {
            try SolutionsFile.parse(Data(), file: Self.file)
        } throws: { error in
            if case .malformed(Self.file, _, _, _) = error as? ConfigError { return true }
            return false
        }
    }

    @Test(arguments: [#"{"name": "n"}"#, "3", #""x""#, "null"])
    func nonArrayTopLevelThrowsWrongType(json: String) {
        #expect(throws: ConfigError.wrongType(file: Self.file, key: "top level", expected: "an array of solution objects")) {
            try SolutionsFile.parse(Data(json: json), file: Self.file)
        }
    }

    @Test func roundTripsThroughCodableInTheFileShape() throws {
        let (solutions, _) = try SolutionsFile.parse(RunbookPaths.fixture("valid-solutions.json"), file: Self.file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(solutions)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""for":"CrashLoop""#) && text.contains(#""vouched_by":"lead""#))
        #expect(try SolutionsFile.parse(data, file: Self.file).solutions == solutions)
    }
}
