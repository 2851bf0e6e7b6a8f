import Foundation
import GitHubEmulator
import Testing
import Yams

/// Runs `action.yml` itself: its shell steps, in order, with the environment a GitHub runner gives them, against
/// the GitHub emulator. `uses:` steps (the cache, the SARIF upload) belong to GitHub and are skipped; the build
/// step is skipped the way the action skips it, because the test passes the built binary as `binary`.
@Suite(.serialized) struct ActionTests {
    struct Step {
        var id: String?
        var condition: String?
        var script: String?
        var environment: [String: String]
        var workingDirectory: String?
    }

    static func steps() throws -> (inputs: [String: String], steps: [Step]) {
        let text = try String(contentsOfFile: TestSupport.packageRoot + "/action.yml", encoding: .utf8)
        let yaml = try #require(try Yams.load(yaml: text) as? [String: Any])
        var defaults: [String: String] = [:]
        for (name, spec) in yaml["inputs"] as? [String: Any] ?? [:] {
            defaults[name] = ((spec as? [String: Any])?["default"]).map { "\($0)" } ?? ""
        }
        let runs = try #require(yaml["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = (runs["steps"] as? [[String: Any]] ?? []).map { step in
            Step(
                id: step["id"] as? String, condition: step["if"] as? String,
                script: step["uses"] == nil ? step["run"] as? String : nil,
                environment: (step["env"] as? [String: Any] ?? [:]).mapValues { "\($0)" },
                workingDirectory: step["working-directory"] as? String)
        }
        return (defaults, steps)
    }

    /// The expressions action.yml uses: `inputs.*`, `github.*`, `steps.*.outputs.*`, `a || b`, `x == ''`.
    static func evaluate(_ expression: String, inputs: [String: String], outputs: [String: [String: String]]) -> String {
        func term(_ raw: String) -> String {
            let name = raw.trimmingCharacters(in: .whitespaces)
            let parts = name.split(separator: ".").map(String.init)
            if parts.first == "inputs", parts.count == 2 { return inputs[parts[1]] ?? "" }
            if parts.first == "github", parts.count == 2 {
                return ["action_path": TestSupport.packageRoot, "token": "ghs_actionToken"][parts[1]] ?? ""
            }
            if parts.first == "steps", parts.count == 4 { return outputs[parts[1]]?[parts[3]] ?? "" }
            return name
        }
        if expression.contains("==") {
            let sides = expression.components(separatedBy: "==")
            let right = sides[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            return term(sides[0]) == right ? "true" : "false"
        }
        return expression.components(separatedBy: "||").map(term).first { !$0.isEmpty } ?? ""
    }

    static func substitute(_ text: String, inputs: [String: String], outputs: [String: [String: String]]) -> String {
        var result = text
        while let open = result.range(of: "${{"), let close = result.range(of: "}}", range: open.upperBound..<result.endIndex) {
            let expression = String(result[open.upperBound..<close.lowerBound])
            result.replaceSubrange(open.lowerBound..<close.upperBound, with: evaluate(expression, inputs: inputs, outputs: outputs))
        }
        return result
    }

    struct ActionRun {
        var status: Int32
        var outputs: [String: [String: String]]
        var printed: String
    }

    /// Runs every shell step of action.yml in order, as a runner would, with `overrides` on the inputs.
    static func runAction(
        _ overrides: [String: String], workspace: String, api: URL
    ) async throws -> ActionRun {
        let (defaults, steps) = try Self.steps()
        var inputs = defaults
        inputs.merge(overrides) { _, override in override }
        var outputs: [String: [String: String]] = [:]
        var lastStatus: Int32 = 0
        var printed = ""
        for step in steps {
            if let condition = step.condition, !condition.contains("always()") {
                guard Self.evaluate(condition, inputs: inputs, outputs: outputs) == "true" else { continue }
            }
            guard let script = step.script else { continue }
            let outputFile = workspace + "/output-\(step.id ?? "step")"
            FileManager.default.createFile(atPath: outputFile, contents: nil)
            var environment = [
                "PATH": "/usr/bin:/bin", "HOME": workspace, "GITHUB_OUTPUT": outputFile,
                "GITHUB_STEP_SUMMARY": workspace + "/summary.md", "GITHUB_REPOSITORY": "acme/infra",
                "GITHUB_API_URL": api.absoluteString, "GITHUB_EVENT_NAME": "push", "GITHUB_WORKSPACE": workspace,
            ]
            for (name, value) in step.environment { environment[name] = Self.substitute(value, inputs: inputs, outputs: outputs) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-e", "-c", Self.substitute(script, inputs: inputs, outputs: outputs)]
            let directory = step.workingDirectory.map { Self.substitute($0, inputs: inputs, outputs: outputs) } ?? "."
            process.currentDirectoryURL = URL(fileURLWithPath: workspace + "/" + directory)
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            let (text, status) = try await TestSupport.offPool { () throws -> (String, Int32) in
                try process.run()
                let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return (text, process.terminationStatus)
            }
            printed += text
            lastStatus = status
            var values: [String: String] = [:]
            for line in try String(contentsOfFile: outputFile, encoding: .utf8).split(separator: "\n") {
                if let equals = line.firstIndex(of: "=") { values[String(line[..<equals])] = String(line[line.index(after: equals)...]) }
            }
            if let id = step.id { outputs[id] = values }
            if status != 0 { break }
        }
        return ActionRun(status: lastStatus, outputs: outputs, printed: printed)
    }

    static var binary: String { TestSupport.packageRoot + "/.build/debug/steadystate" }

    @Test func theActionGatesFilesIssuesAndSetsItsOutputs() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the package first")
        let emulator = GitHubEmulator(token: "ghs_actionToken")
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        _ = await emulator.seedRepository("acme/infra", files: [:])
        let workspace = try TestSupport.temporaryDirectory("action")
        defer { TestSupport.cleanUp(workspace) }
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/examples/demo", toPath: workspace + "/repo")

        let run = try await Self.runAction(
            ["working-directory": "repo", "to": "console,github", "binary": Self.binary, "token": "ghs_actionToken"],
            workspace: workspace, api: api)
        let (lastStatus, outputs, printed) = (run.status, run.outputs, run.printed)
        // The bundled example fails the gate on high findings, files issues, and reports through the outputs.
        #expect(lastStatus == 1, "\(printed)")
        #expect(outputs["run"]?["verdict"] == "fail")
        #expect(outputs["run"]?["high"].flatMap(Int.init).map { $0 > 0 } == true)
        #expect(FileManager.default.fileExists(atPath: workspace + "/repo/steadystate.sarif"))
        #expect(await emulator.issues("acme/infra").count == 9, "\(printed)")
        #expect(!printed.contains("ghs_actionToken"))
        #expect(FileManager.default.fileExists(atPath: workspace + "/summary.md"))
    }

    /// The sharded workflow of examples/workflows/sharded-matrix.yml, through the action: list the shards,
    /// scan each (no GitHub), merge (one reconciliation): the same issues as the one-job run.
    @Test func theActionListsShardsScansThemAndMerges() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the package first")
        let emulator = GitHubEmulator(token: "ghs_actionToken")
        let api = try await emulator.start()
        defer { Task { await emulator.stop() } }
        _ = await emulator.seedRepository("acme/infra", files: [:])
        let workspace = try TestSupport.temporaryDirectory("action-shards")
        defer { TestSupport.cleanUp(workspace) }
        let repo = workspace + "/repo"
        try TestSupport.write(
            [
                "steadystate/config.toml": "[ci]\nfail_on = \"high\"\n",
                "web/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
                "db/compose.yaml": "services:\n  db:\n    image: postgres:16\n    network_mode: host\n",
                "cache/compose.yaml": "services:\n  cache:\n    image: redis:7\n    cap_add: [SYS_ADMIN]\n",
            ], under: repo)
        let base = ["working-directory": "repo", "binary": Self.binary, "token": "ghs_actionToken", "sarif": ""]

        let listing = try await Self.runAction(base.merging(["shards": "2"]) { $1 }, workspace: workspace, api: api)
        #expect(listing.status == 0, "\(listing.printed)")
        #expect(listing.outputs["run"]?["shards"] == "[\"1/2\",\"2/2\"]", "\(listing.outputs)")
        #expect(listing.outputs["run"]?["targets"]?.contains("\"path\":\"web\"") == true)

        var reports: [String] = []
        for shard in ["1/2", "2/2"] {
            let run = try await Self.runAction(
                base.merging(["shard": shard, "to": "console,github", "fail-on": "none"]) { $1 }, workspace: workspace, api: api)
            #expect(run.status == 0, "\(run.printed)")
            #expect(run.printed.contains("GitHub is reconciled once, by `steadystate merge`"))
            let report = workspace + "/shard-\(reports.count + 1).json"
            try FileManager.default.copyItem(atPath: repo + "/.steadystate/report.json", toPath: report)
            reports.append(report)
        }
        #expect(await emulator.issues("acme/infra").isEmpty, "shards never touch GitHub")

        let merged = try await Self.runAction(
            base.merging(["merge": workspace + "/shard-*.json", "to": "console,github"]) { $1 }, workspace: workspace, api: api)
        #expect(merged.status == 1, "\(merged.printed)")
        #expect(merged.outputs["run"]?["verdict"] == "fail")
        let issues = await emulator.issues("acme/infra")
        #expect(!issues.isEmpty)
        #expect(Set(issues.map(\.title)).count == issues.count, "no duplicates")
        #expect(!merged.printed.contains("ghs_actionToken"))
    }
}
