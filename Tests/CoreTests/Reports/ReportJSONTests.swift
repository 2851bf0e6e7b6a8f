import Foundation
import Testing

@testable import Core

/// `ReportJSON` promises Foundation's bytes: every report file must stay what `JSONEncoder` wrote before.
@Suite struct ReportJSONTests {
    static func foundation<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Foundation's compact bytes (no `.prettyPrinted`): the layout of each finding in the run report.
    static func foundationCompact<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func compact<Value: Encodable>(_ value: Value) throws -> Data {
        var output: [UInt8] = []
        try JSONTree.write(value, style: .compact, into: &output)
        return Data(output)
    }

    /// Both layouts: pretty (`ReportJSON.encode`) and compact, each against Foundation's.
    static func expectSameBytes<Value: Encodable>(_ value: Value, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
    {
        for (ours, theirs) in [
            (try ReportJSON.encode(value), try foundation(value)), (try compact(value), try foundationCompact(value)),
        ] {
            #expect(
                ours == theirs,
                "ReportJSON:\n\(String(decoding: ours, as: UTF8.self))\nJSONEncoder:\n\(String(decoding: theirs, as: UTF8.self))",
                sourceLocation: sourceLocation)
        }
    }

    @Test func theFixtureReportAndItsFindings() throws {
        try Self.expectSameBytes(ReportFixture.report)
        try Self.expectSameBytes(ReportFixture.findings)
        #expect(try JSONReport.encode(ReportFixture.report).count > 1000)
    }

    /// Findings write their own JSON (`ReportJSON+Finding.swift`): every optional field set, then none.
    @Test func findingsWithEveryFieldAndWithNone() throws {
        var full = FixMatcherTests.finding(change: .modified)
        let solution = FixMatcherTests.solution("restore", for: "drift", run: "terraform apply -target={address}")
        full.fixes = FixMatcher(solutions: [solution], bound: .builtIn).matches(for: full).fixes
        #expect(full.fixes?.isEmpty == false)
        full.actions = ["delete", "create"]
        full.remediation = "Do this:\n\n  then \"that\""
        full.references = ["CIS 1.2", "MITRE ATT&CK T1040"]
        full.causedBy = "aws_vpc.main"
        full.outOfBand = true
        full.evidence.append(Evidence(path: "password", value: "hunter2", isSensitive: true))
        full.evidence.append(Evidence(path: "tags"))
        var bare = Finding(
            ruleID: "r", category: .custom, severity: .low, title: "", detail: "", source: "helm",
            fingerprintSource: "helm", target: "", resource: "", resourceType: "", identity: "")
        bare.fixes = []
        var located = bare
        located.location = SourceLocation(file: "a/b.tf")
        try Self.expectSameBytes(full)
        try Self.expectSameBytes(bare)
        try Self.expectSameBytes([full, bare, located])
        try Self.expectSameBytes(["nested": ["deeper": [full]]])
    }

    /// Long finding lists are written a chunk per core (`[Finding]` is piecewise): the same bytes, joined or
    /// in parts, at the sizes around the chunking threshold, bare and inside a report.
    /// `ReportJSON.stream`'s parts, collected.
    static func streamed<Value: Encodable>(_ value: Value) throws -> [[UInt8]] {
        var parts: [[UInt8]] = []
        try ReportJSON.stream(value) { parts.append($0) }
        return parts
    }

    @Test(arguments: [0, 511, 512, 513, 1500])
    func longFindingListsWriteLikeFoundation(count: Int) throws {
        let templates = ReportFixture.findings
        let findings = (0..<count).map { index -> Finding in
            var finding = templates[index % templates.count]
            finding.title += " \(index)"
            return finding
        }
        var report = ReportFixture.report
        report.findings = findings
        try Self.expectSameBytes(findings)
        try Self.expectSameBytes(report)
        let parts = try Self.streamed(report)
        #expect(Data(parts.joined()) == (try Self.foundation(report)))
        #expect(parts.allSatisfy { !$0.isEmpty })
        #expect(Data(try Self.streamed(["findings": findings]).joined()) == (try Self.foundation(["findings": findings])))
        // Written a batch at a time: batches of any size give Foundation's bytes, and no empty piece.
        for batch in [1, 300, 512, 2000] {
            for style in [JSONStyle.pretty(1), .compact] {
                var pieces: [[UInt8]] = []
                try findings.writeJSONPieces(style: style, compactElements: false, findingsPerBatch: batch) {
                    pieces.append($0)
                }
                var whole: [UInt8] = []
                try findings.writeJSON(into: &whole, style: style)
                #expect(pieces.joined().elementsEqual(whole))
                #expect(pieces.allSatisfy { !$0.isEmpty })
            }
        }
    }

    /// The lines of a report document (at depth 1) without those inside its `findings` array.
    static func outsideFindings(_ lines: [Substring]) -> [Substring] {
        guard let open = lines.firstIndex(of: "    \"findings\" : ["),
            let close = lines[open...].firstIndex(where: { $0 == "    ]," || $0 == "    ]" })
        else { return [] }
        return Array(lines[...open] + lines[close...])
    }

    /// The run report's layout: pretty, except that each finding of a finding list is compact on a line of its
    /// own (Foundation's compact bytes for that finding), at the sizes around the chunking threshold.
    @Test(arguments: [0, 1, 511, 512, 513, 1500])
    func findingsOnePerLine(count: Int) throws {
        let templates = ReportFixture.findings
        var report = ReportFixture.report
        report.findings = (0..<count).map { index -> Finding in
            var finding = templates[index % templates.count]
            finding.title += " \(index)"
            return finding
        }
        var parts: [[UInt8]] = []
        try ReportJSON.stream(["report": report], findingsOnePerLine: true) { parts.append($0) }
        #expect(parts.allSatisfy { !$0.isEmpty })
        let text = String(decoding: parts.joined(), as: UTF8.self)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: try Self.foundation(["report": report])) as? NSDictionary
        #expect(parsed != nil && parsed == expected)

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let findingLines = lines.filter { $0.hasPrefix("      {\"") }
        #expect(findingLines.count == count)
        for (index, line) in findingLines.enumerated() {
            let compact = String(decoding: try Self.foundationCompact(report.findings[index]), as: UTF8.self)
            #expect(line == "      " + compact + (index < count - 1 ? "," : ""))
        }
        // Around the findings' lines, the pretty document's own lines.
        let prettyLines = String(decoding: try Self.foundation(["report": report]), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Self.outsideFindings(lines) == Self.outsideFindings(prettyLines))
        #expect(Self.outsideFindings(lines).count > 20)
    }

    struct Edges: Encodable {
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nested: [[String: [Int]]] = [["b": [], "a": [1, 2]], [:]]
        var keys: [String: Int] = ["B": 1, "_z": 2, "a": 3, "a10": 4, "a9": 5, "Ä": 6, "é": 7, "": 8]
        var absent: Int? = nil
        var present: Int? = 0
        var doubles: [Double] = [1, 0.1, -0.0, 1e15, 1e16, 1e-7, 5e-324, 1.7976931348623157e308, 123.456, -2.5]
        var floats: [Float] = [0.1, 1e10, 1.5]
        var integers: [Int64] = [.min, .max, 0, -1]
        var unsigned: [UInt64] = [.max]
        var small: [Int8] = [-128, 127]
        var flags: [Bool] = [true, false]
        var strings: [String] = [
            "", "x/y", "quote \" backslash \\", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1B}\u{1F}", "\u{7F}",
            "é 日本 \u{2028} \u{FEFF} 🦀", "e\u{301}",
        ]
        var date = Date(timeIntervalSinceReferenceDate: 12345.5)
        var url = URL(string: "https://example.com/a?b=c")!
        var data = Data([0, 1, 2, 250])
        var nothing: String? = nil
        var optionalArray: [String?] = [nil, "a"]
        var severity = Severity.high
    }

    @Test func edgeValues() throws {
        try Self.expectSameBytes(Edges())
        try Self.expectSameBytes([String]())
        try Self.expectSameBytes([String: Int]())
        try Self.expectSameBytes("top level")
        try Self.expectSameBytes(42)
    }

    @Test func nonFiniteNumbersThrowLikeFoundation() {
        #expect(throws: EncodingError.self) { try ReportJSON.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try ReportJSON.encode(["x": Double.infinity]) }
    }

    /// A custom `encode(to:)` with nested containers, a super encoder and a key written twice.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case z, a, inner, list }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .z)
            try container.encode(2, forKey: .z)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try inner.encodeNil(forKey: .a)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("x")
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encode(true)
            var object = list.nestedContainer(keyedBy: Keys.self)
            try object.encode(1.5, forKey: .a)
            try container.encode(["k": [1]], forKey: .a)
        }
    }

    @Test func handwrittenEncoders() throws {
        try Self.expectSameBytes(Handwritten())
    }

    /// Random JSON trees (seeded, so a failure names its seed): strings with every kind of character, keys
    /// that collide in case and prefix, numbers across the range.
    @Test(arguments: 1...40)
    func randomTrees(seed: UInt64) throws {
        var random = Mutator.Generator(state: seed)
        let value = Self.randomValue(depth: 0, &random)
        try Self.expectSameBytes(value)
    }

    static func randomString(_ random: inout Mutator.Generator) -> String {
        let alphabet: [Unicode.Scalar] = [
            "a", "B", "z", "_", "0", "9", "/", "\"", "\\", "\u{0}", "\u{1F}", "\n", "\t", "\u{7F}", "é", "Ä", "日",
            "\u{2028}", "🦀", " ",
        ]
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...8, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
        return String(text)
    }

    static func randomValue(depth: Int, _ random: inout Mutator.Generator) -> JSONValue {
        switch Int.random(in: depth > 3 ? 0...3 : 0...5, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let magnitude = [1.0, 1e-9, 1e6, 1e17, 1e300].randomElement(using: &random)!
            let value = Double.random(in: -1...1, using: &random) * magnitude
            return .number(Bool.random(using: &random) ? value.rounded() : value)
        case 3: return .string(randomString(&random))
        case 4:
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                members[randomString(&random)] = randomValue(depth: depth + 1, &random)
            }
            return .object(members)
        }
    }
}
