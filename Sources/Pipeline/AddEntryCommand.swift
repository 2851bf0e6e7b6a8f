import Core
import Foundation

/// `steadystate add-solution` and `add-check`: validate one entry and append it to the committed file.
///
/// The entry comes from flags or from a JSON object (`--json FILE`, `--json -` for standard input). It is checked
/// by the same parser `ci` uses, a duplicate name is refused, and only the new entry is added to the file's text.
public enum AddEntryCommand {
    public struct Options: Sendable {
        public var kind: RunbookEditor.Kind
        /// Fields given as flags, already shaped as the file's JSON (`for`, `solution.run`, …).
        public var fields: [String: JSONValue]
        /// `--json`: a file path or `-`.
        public var json: String?
        /// `--file`: where to write (else `steadystate/<kind>`).
        public var file: String?
        public var directory: String?

        public init(
            kind: RunbookEditor.Kind, fields: [String: JSONValue], json: String? = nil, file: String? = nil,
            directory: String? = nil
        ) {
            self.kind = kind
            self.fields = fields
            self.json = json
            self.file = file
            self.directory = directory
        }
    }

    public static func run(_ options: Options, environment: RunEnvironment) -> Int32 {
        let root = RunEnvironment.absolute(options.directory ?? ".", in: environment.currentDirectory)
        let display = options.file ?? "\(IntentPaths.folder)/\(options.kind.rawValue)"
        let path = RunEnvironment.absolute(display, in: root)
        do {
            let entry = try buildEntry(options, root: root, environment: environment)
            let existing: String? =
                environment.fileSystem.fileExists(path)
                ? try IntentLoader.readText(path, display: display, environment: environment) : nil
            let text = try RunbookEditor.appending(entry, to: existing, kind: options.kind, file: display)
            do {
                try environment.fileSystem.writeFile(path, Data(text.utf8))
            } catch {
                throw ConfigError.unreadable(file: display, cause: "cannot write: \(error.localizedDescription)")
            }
            environment.print("added '\(entry["name"]?.compactText ?? "")' to \(display)")
            return ExitStatus.pass
        } catch let error as ConfigError {
            environment.printError("steadystate: \(error)")
            return ExitStatus.usageError
        } catch {
            environment.printError("steadystate: \(error)")
            return ExitStatus.usageError
        }
    }

    static func buildEntry(_ options: Options, root: String, environment: RunEnvironment) throws -> JSONValue {
        var members = JSONObject()
        if let source = options.json {
            let data: Data
            let display = source == "-" ? "standard input" : source
            if source == "-" {
                data = environment.readStandardInput()
            } else {
                data = try IntentLoader.readData(
                    RunEnvironment.absolute(source, in: root), display: source, environment: environment)
            }
            let value: JSONValue
            do {
                value = try JSONDecoder().decode(JSONValue.self, from: data)
            } catch {
                throw ConfigError.malformed(file: display, line: nil, column: nil, cause: JSONErrorText.describe(error))
            }
            guard case .object(let object) = value else {
                throw ConfigError.wrongType(file: display, key: "top level", expected: "one JSON object (an entry)")
            }
            members = object
        }
        // Flags win over the JSON document, key by key; nested keys (`solution.run`) merge into their object.
        for (key, value) in options.fields.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                var nested = members[parts[0]]?.objectValue ?? [:]
                nested[parts[1]] = value
                members[parts[0]] = .object(nested)
            } else {
                members[key] = value
            }
        }
        if options.kind == .solutions, members["added"] == nil {
            members["added"] = .string(ScanCommand.today(environment.now()))
        }
        return .object(members)
    }
}
