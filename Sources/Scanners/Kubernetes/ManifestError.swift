import Core

/// Why a manifest (or a captured JSON file) could not be read.
///
/// Each case names the repository-relative file and, when known, the line, so the message starts with a
/// clickable `path:line:`.
public enum ManifestError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, cause: String)
    /// The bytes are not UTF-8 text (a binary, or a file saved in another encoding).
    case notText(file: String)
    /// A YAML document does not parse; the whole file is refused rather than half read.
    case invalidYAML(file: String, line: Int?, cause: String)
    case invalidJSON(file: String, line: Int?, cause: String)
    /// The file parses but is not what the source expects (a capture with the wrong shape).
    case unexpectedShape(file: String, line: Int?, cause: String)

    /// The repository-relative file (or tool output label) the error is about.
    public var file: String {
        switch self {
        case .unreadable(let file, _), .notText(let file), .invalidYAML(let file, _, _), .invalidJSON(let file, _, _),
            .unexpectedShape(let file, _, _):
            file
        }
    }

    /// The 1-based line, when the parser knows it.
    public var line: Int? {
        switch self {
        case .unreadable, .notText: nil
        case .invalidYAML(_, let line, _), .invalidJSON(_, let line, _), .unexpectedShape(_, let line, _): line
        }
    }

    /// The message without the location prefix.
    public var cause: String {
        switch self {
        case .unreadable(_, let cause): "cannot be read: \(cause)"
        case .notText: "is not UTF-8 text"
        case .invalidYAML(_, _, let cause): "not valid YAML: \(cause)"
        case .invalidJSON(_, _, let cause): "not valid JSON: \(cause)"
        case .unexpectedShape(_, _, let cause): cause
        }
    }

    /// `file:line` when the line is known, else the file.
    public var position: String { line.map { "\(file):\($0)" } ?? file }

    public var description: String { "\(position): \(cause)" }

    /// The form the scan pipeline records: a bad input file, located, so the target fails with this message
    /// and the other targets still scan.
    public var toolError: ToolError { .badInputFile(file: position, cause: cause) }
}
