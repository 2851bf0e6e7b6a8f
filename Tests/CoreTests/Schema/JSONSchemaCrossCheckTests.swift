import Foundation
import Testing

@testable import Core

/// Our validator and Python's `jsonschema` (the reference implementation the schemas were written against)
/// give the same verdict on many small mutations of the valid fixtures.
struct JSONSchemaCrossCheckTests {
    /// Every document one small edit away from `value`: a key deleted, a value of another type or a bad
    /// enum value, an unexpected key added, an array emptied.
    static func mutations(of value: JSONValue) -> [JSONValue] {
        var results: [JSONValue] = []
        for replacement in replacements(for: value) { results.append(replacement) }
        switch value {
        case .object(let members):
            var extra = members
            extra["zz_unexpected"] = 1
            results.append(.object(extra))
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                var without = members
                without[key] = nil
                results.append(.object(without))
                for mutated in mutations(of: member) {
                    var changed = members
                    changed[key] = mutated
                    results.append(.object(changed))
                }
            }
        case .array(let items):
            if !items.isEmpty { results.append([]) }
            for (index, item) in items.enumerated() {
                for mutated in mutations(of: item) {
                    var changed = items
                    changed[index] = mutated
                    results.append(.array(changed))
                }
            }
        default: break
        }
        return results
    }

    private static func replacements(for value: JSONValue) -> [JSONValue] {
        switch value {
        case .string: [7, "", "  ", "bogus-value", .null]
        case .number(let number): ["12", .number(number + 0.5), 0, true]
        case .bool: ["yes", 1]
        case .array: [["x": 1], "list"]
        case .object: [[], "object"]
        case .null: [0]
        }
    }

    @Test func verdictsMatchPythonJsonschemaOnMutatedFixtures() throws {
        guard RunbookSchemaTests.run([RunbookSchemaTests.python, "-c", "import jsonschema"]).status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("jsonschema is missing; scripts/install-original.sh installs it")
            }
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "schema-cross-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        for schema in RunbookSchema.allCases {
            let validator = try schema.schema()
            let originals = try JSONSchemaTests.validDocuments().filter { $0.schema == schema }.map {
                try JSONSchemaTests.document($0.path)
            }
            // Distinct documents in a stable order, so a failure names the same examples every run.
            let documents = Set(originals.flatMap(Self.mutations(of:))).map { ($0.compactText, $0) }
                .sorted { $0.0 < $1.0 }.map(\.1)
            let ours = documents.map(validator.accepts)
            #expect(
                ours.contains(true) && ours.contains(false), "the mutations should include valid and invalid documents")

            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let documentsFile = directory.appendingPathComponent("\(schema.rawValue).json")
            try encoder.encode(JSONValue.array(documents)).write(to: documentsFile)
            let script = """
                import json, sys, jsonschema
                validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
                print("".join("1" if validator.is_valid(d) else "0" for d in json.load(open(sys.argv[2]))))
                """
            let result = RunbookSchemaTests.run([
                RunbookSchemaTests.python, "-c", script,
                RunbookPaths.schemas.appendingPathComponent(schema.fileName).path,
                documentsFile.path,
            ])
            try #require(result.status == 0, "\(result.output)")
            let theirs = result.output.trimmingCharacters(in: .whitespacesAndNewlines).map { $0 == "1" }
            try #require(theirs.count == documents.count)
            let disagreements = documents.indices.filter { ours[$0] != theirs[$0] }
            #expect(
                disagreements.isEmpty,
                "\(schema.fileName): \(disagreements.count) of \(documents.count) verdicts differ, e.g. \(disagreements.prefix(3).map { "ours \(ours[$0]) for \(documents[$0].compactText)" })"
            )
        }
    }
}
