import Foundation
import Testing

/// The shipped JSON Schemas must stay valid and must accept every committed `valid*` fixture.
struct RunbookSchemaTests {
    static let pairs = [
        ("solutions.schema.json", "valid-solutions.json"),
        ("checks.schema.json", "valid-checks.json"),
    ]

    @Test(arguments: ["solutions.schema.json", "checks.schema.json"])
    func schemaIsValidJSON(name: String) throws {
        let data = try Data(contentsOf: RunbookPaths.schemas.appendingPathComponent(name))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    /// Uses Python's `jsonschema` when it is installed; CI images without it skip quietly.
    @Test func validFixturesMatchTheirSchemas() throws {
        guard run(["python3", "-c", "import jsonschema"]).status == 0 else { return }
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: RunbookPaths.fixtures.path)
            .filter { $0.hasPrefix("valid") }.sorted()
        #expect(!fixtures.isEmpty)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2])))]
            print("\\n".join(errors)); sys.exit(1 if errors else 0)
            """
        for fixture in fixtures {
            let schema = fixture.contains("checks") ? "checks.schema.json" : "solutions.schema.json"
            let result = run([
                "python3", "-c", script, RunbookPaths.schemas.appendingPathComponent(schema).path,
                RunbookPaths.fixtures.appendingPathComponent(fixture).path,
            ])
            #expect(result.status == 0, "\(fixture) against \(schema): \(result.output)")
        }
    }

    private func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
