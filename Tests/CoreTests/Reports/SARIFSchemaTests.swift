import Foundation
import Testing

@testable import Core

/// Validates our SARIF with Python's `jsonschema`, as a second opinion beside the Swift structural check.
///
/// It prefers the OASIS `sarif-schema-2.1.0.json` when someone has placed it in `Tests/Fixtures/reports/`
/// (it is not committed: it is third-party text with its own licence), and otherwise uses our committed
/// `sarif-github-subset.schema.json`. It is skipped where `python3` with `jsonschema` is missing.
@Suite struct SARIFSchemaTests {
    static let python = "/usr/bin/env"

    static var hasJSONSchema: Bool {
        (try? runPython(["-c", "import jsonschema"]).status) == 0
    }

    @Test(.enabled(if: hasJSONSchema, "python3 with the jsonschema module is not installed"))
    func validatesAgainstSchema() throws {
        let official = GoldenFile.url("sarif-schema-2.1.0.json")
        let schema =
            FileManager.default.fileExists(atPath: official.path)
            ? official : GoldenFile.url("sarif-github-subset.schema.json")
        let sarif = FileManager.default.temporaryDirectory
            .appendingPathComponent("steadystate-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: sarif) }
        try SARIFReport.render(ReportFixture.report, rules: ReportFixture.rules, toolVersion: ReportFixture.toolVersion)
            .write(to: sarif)

        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            cls = jsonschema.validators.validator_for(schema)
            errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.path))
            for e in errors:
                print("/".join(str(p) for p in e.path) + ": " + e.message)
            sys.exit(1 if errors else 0)
            """
        let run = try Self.runPython(["-c", script, schema.path, sarif.path])
        #expect(run.status == 0, "SARIF does not validate against \(schema.lastPathComponent):\n\(run.output)")
    }

    @Test(.enabled(if: hasJSONSchema, "python3 with the jsonschema module is not installed"))
    func subsetSchemaRejectsAResultWithoutLocation() throws {
        // Guards the guard: a schema that accepts everything would make the test above meaningless.
        let broken =
            #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[]}},"results":[{"ruleId":"a","ruleIndex":0,"level":"error","message":{"text":"m"},"locations":[],"partialFingerprints":{"k":"v"}}]}]}"#
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            try:
                jsonschema.validate(json.loads(sys.argv[2]), schema)
            except jsonschema.ValidationError:
                sys.exit(3)
            """
        let run = try Self.runPython(["-c", script, GoldenFile.url("sarif-github-subset.schema.json").path, broken])
        #expect(run.status == 3, "expected a validation error, got status \(run.status): \(run.output)")
    }

    static func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
