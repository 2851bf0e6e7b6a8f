/// One entry of `solutions.json` or `checks.json` that was dropped or is suspicious.
///
/// The original drops invalid entries without a word (only its `doctor` says why), so a typo silently
/// disables a fix or a check. Problems are data rather than thrown errors because one bad entry must
/// never disable the rest of the file; the caller decides whether to print them or fail on them.
public struct RunbookProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Whether the entry survived: `error` means it was dropped, `warning` means it was kept.
    public enum Severity: String, Sendable, Codable {
        case error, warning
    }

    /// The file's display path, as given to the parser.
    public var file: String
    /// 1-based position in the top-level array, so it matches what a person counts in the file.
    public var entry: Int
    /// The entry's name when it has a usable one; `nil` when the name itself is the problem.
    public var name: String?
    /// Dotted field path within the entry (`solution.kind`, `when.op`).
    public var field: String
    public var cause: String
    public var severity: Severity

    public init(
        file: String, entry: Int, name: String?, field: String, cause: String, severity: Severity = .error
    ) {
        self.file = file
        self.entry = entry
        self.name = name
        self.field = field
        self.cause = cause
        self.severity = severity
    }

    /// The JSON path of the mistake (`$[2].when.op`), so an editor or `jq` finds it at once.
    public var jsonPath: String {
        field == "entry" ? "$[\(entry - 1)]" : "$[\(entry - 1)].\(field)"
    }

    public var description: String {
        let label = name.map { " '\($0)'" } ?? ""
        return "\(file): entry #\(entry)\(label): \(field): \(cause) (at \(jsonPath))"
    }
}

/// Collects the problems of one entry so each validator can report and carry on.
struct EntryProblems {
    let file: String
    let entry: Int
    var name: String?
    private(set) var all: [RunbookProblem] = []

    init(file: String, entry: Int) {
        self.file = file
        self.entry = entry
    }

    var hasErrors: Bool { all.contains { $0.severity == .error } }

    mutating func error(_ field: String, _ cause: String) {
        all.append(RunbookProblem(file: file, entry: entry, name: name, field: field, cause: cause))
    }

    mutating func warning(_ field: String, _ cause: String) {
        all.append(
            RunbookProblem(file: file, entry: entry, name: name, field: field, cause: cause, severity: .warning))
    }
}
