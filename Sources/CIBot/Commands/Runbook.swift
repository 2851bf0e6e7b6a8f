import ArgumentParser
import Foundation
import Core
import Pipeline

extension SteadystateCommand {
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a finding (by fingerprint, 8+ hex digits) or a rule: evidence, fingerprint, matched fixes.")

        @Argument(help: "A fingerprint (or its first 8+ hex digits) or a rule id.")
        var subject: String

        @OptionGroup var arguments: ScanArguments

        func run() async throws {
            let code = await ExplainCommand.run(
                subject, options: arguments.options(command: "explain", allowsGitHub: false), environment: .live())
            throw ExitCode(code)
        }
    }

    struct AddSolution: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-solution",
            abstract: "Validate a runbook entry and append it to steadystate/solutions.json (flags or --json).")

        @Option(help: "Unique name (the runbook's key).") var name: String?
        @Option(help: "Who vouches for the fix.") var author: String?
        @Option(name: .customLong("for"), help: "A category, rule id, drift change type or check name.") var forName: String?
        @Option(help: "A regular expression searched case-insensitively in the finding title.") var match: String?
        @Option(help: "Comma-separated rule ids.") var rules: String?
        @Option(help: "A glob over the resource address.") var resource: String?
        @Option(help: "Only findings of this source kind.") var source: String?
        @Option(help: "Solution kind: command, playbook, workflow, edit, …") var kind: String?
        @Option(help: "The command shown to a human ({placeholders} allowed); never run by ci.") var run: String?
        @Option(help: "What to act on.") var target: String?
        @Option(help: "Impact: low, medium, high.") var impact: String?
        @Option(help: "Reversibility: low, medium, high.") var reversibility: String?
        @Option(help: "The problem this fixes.") var problem: String?
        @Option(help: "Markdown shown with the finding.") var fix: String?
        @Flag(help: "Mark as a draft that nobody has vouched for yet.") var proposed = false
        @Option(help: "A JSON object with the entry (a file, or - for standard input); flags override its keys.") var json: String?
        @Option(help: "The file to append to (else steadystate/solutions.json).") var file: String?
        @Option(help: "The repository root (else the current directory).") var dir: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            let strings: [(String, String?)] = [
                ("name", name), ("author", author), ("for", forName), ("match", match), ("resource", resource),
                ("source", source), ("solution.kind", kind), ("solution.run", run), ("solution.target", target),
                ("impact", impact), ("reversibility", reversibility), ("problem", problem), ("fix", fix),
            ]
            for (key, value) in strings { if let value { fields[key] = .string(value) } }
            if let rules { fields["rules"] = .array(CommaList.split(rules).map(JSONValue.string)) }
            if proposed { fields["proposed"] = true }
            let options = AddEntryCommand.Options(kind: .solutions, fields: fields, json: json, file: file, directory: dir)
            throw ExitCode(AddEntryCommand.run(options, environment: .live()))
        }
    }

    struct AddCheck: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-check",
            abstract: "Validate a custom check and append it to steadystate/checks.json (flags or --json).")

        @Option(help: "Unique name; also the finding's rule id.") var name: String?
        @Option(help: "Resource type or kind to read (a 'resource' check).") var type: String?
        @Option(help: "Dotted attribute path; * steps into lists.") var path: String?
        @Option(help: "Operator: exists, absent, ==, !=, <, >, in, matches, contains, cidr_contains, version<, …") var op: String?
        @Option(help: "The value to compare with, as JSON (\"\\\"x\\\"\", 3, [\"a\"], true).") var value: String?
        @Option(help: "Severity: low, medium, high, critical.") var severity: String?
        @Option(help: "Finding title.") var title: String?
        @Option(help: "A JSON object with the check (a file, or - for standard input); flags override its keys.") var json: String?
        @Option(help: "The file to append to (else steadystate/checks.json).") var file: String?
        @Option(help: "The repository root (else the current directory).") var dir: String?

        func run() async throws {
            var fields: [String: JSONValue] = [:]
            if let name { fields["name"] = .string(name) }
            if let type {
                fields["read.kind"] = "resource"
                fields["read.type"] = .string(type)
            }
            if let path { fields["when.path"] = .string(path) }
            if let op { fields["when.op"] = .string(op) }
            if let value {
                guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(value.utf8)) else {
                    throw ValidationError("--value must be JSON: quote strings (\"\\\"prod\\\"\")")
                }
                fields["when.value"] = parsed
            }
            if let severity { fields["emit.severity"] = .string(severity) }
            if let title { fields["emit.title"] = .string(title) }
            let options = AddEntryCommand.Options(kind: .checks, fields: fields, json: json, file: file, directory: dir)
            throw ExitCode(AddEntryCommand.run(options, environment: .live()))
        }
    }
}
