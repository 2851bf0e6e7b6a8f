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

    /// Python's `jsonschema` from the test venv (scripts/install-original.sh); in CI its absence is a failure.
    static var python: String {
        let named = ProcessInfo.processInfo.environment["STEADYSTATE_ORIGINAL_PYTHON"]
        let packageRoot = RunbookPaths.repoRoot.path
        return [named, packageRoot + "/.tools/orig-venv/bin/python"].compactMap { $0 }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "python3"
    }

    /// Every committed `valid*` fixture and every example repository's runbook files match their schemas.
    @Test func validFixturesAndExamplesMatchTheirSchemas() throws {
        guard Self.run([Self.python, "-c", "import jsonschema"]).status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("jsonschema is missing; scripts/install-original.sh installs it")
            }
            return
        }
        let packageRoot = RunbookPaths.repoRoot.path
        var fixtures = try FileManager.default.contentsOfDirectory(atPath: RunbookPaths.fixtures.path)
            .filter { $0.hasPrefix("valid") }.sorted().map { RunbookPaths.fixtures.appendingPathComponent($0).path }
        #expect(!fixtures.isEmpty)
        let examples = FileManager.default.enumerator(atPath: packageRoot + "/examples")?.allObjects as? [String] ?? []
        let runbooks = examples.filter { $0.hasSuffix("steadystate/solutions.json") || $0.hasSuffix("steadystate/checks.json") }
        #expect(!runbooks.isEmpty)
        fixtures += runbooks.sorted().map { packageRoot + "/examples/" + $0 }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2])))]
            print("\\n".join(errors)); sys.exit(1 if errors else 0)
            """
        for fixture in fixtures {
            let schema = (fixture as NSString).lastPathComponent.contains("checks") ? "checks.schema.json" : "solutions.schema.json"
            let result = Self.run([
                Self.python, "-c", script, RunbookPaths.schemas.appendingPathComponent(schema).path, fixture,
            ])
            #expect(result.status == 0, "\(fixture) against \(schema): \(result.output)")
        }
    }

    /// A command through `/usr/bin/env`, its status and its combined output (also used by the schema cross-check).
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
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
