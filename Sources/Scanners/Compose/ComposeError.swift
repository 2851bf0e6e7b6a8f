import Core

/// Why a compose file (or a captured compose snapshot) cannot be read.
///
/// Each case names the file and, when the parser knows it, the line, so a CI log points straight at the
/// problem.
public enum ComposeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not YAML (or JSON); `line`/`column` are 1-based.
    case invalidYAML(file: String, line: Int?, column: Int?, problem: String)
    /// A section or entry has the wrong shape (`services` is a list, a service is a string, …).
    case wrongShape(file: String, line: Int?, key: String, expected: String)
    /// The same key twice in one mapping: compose refuses the file, so do we.
    case duplicateKey(file: String, line: Int?, key: String)
    /// A directory target holds none of compose's standard file names.
    case noComposeFile(directory: String, looked: [String])
    /// A captured `{"config", "ps"}` snapshot lacks a part the original's reconcile needs.
    case incompleteSnapshot(file: String, missing: String)

    public var description: String {
        switch self {
        case let .invalidYAML(file, line, column, problem):
            return "\(Self.place(file, line, column)): not valid YAML: \(problem)"
        case let .wrongShape(file, line, key, expected):
            return "\(Self.place(file, line, nil)): '\(key)' must be \(expected)"
        case let .duplicateKey(file, line, key):
            return "\(Self.place(file, line, nil)): key '\(key)' is defined twice"
        case let .noComposeFile(directory, looked):
            return "\(directory): no compose file here (looked for \(looked.joined(separator: ", ")))"
        case let .incompleteSnapshot(file, missing):
            return "\(file): a captured compose snapshot needs \(missing)"
        }
    }

    /// The same problem as the pipeline reports a target it could not read.
    var toolError: ToolError {
        switch self {
        case let .invalidYAML(file, line, column, problem):
            .badInputFile(file: Self.place(file, line, column), cause: "not valid YAML: \(problem)")
        case let .wrongShape(file, line, key, expected):
            .badInputFile(file: Self.place(file, line, nil), cause: "'\(key)' must be \(expected)")
        case let .duplicateKey(file, line, key):
            .badInputFile(file: Self.place(file, line, nil), cause: "key '\(key)' is defined twice")
        case let .noComposeFile(directory, looked):
            .badInputFile(
                file: directory, cause: "no compose file here (looked for \(looked.joined(separator: ", ")))")
        case let .incompleteSnapshot(file, missing):
            .badInputFile(file: file, cause: "a captured compose snapshot needs \(missing)")
        }
    }

    private static func place(_ file: String, _ line: Int?, _ column: Int?) -> String {
        [file, line.map(String.init), line == nil ? nil : column.map(String.init)].compactMap { $0 }
            .joined(separator: ":")
    }
}
