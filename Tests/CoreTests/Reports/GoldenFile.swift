import Foundation
import Testing

/// Compares rendered output with a committed file under `Tests/Fixtures/reports/`, printing a line diff.
///
/// Set `STEADYSTATE_REGENERATE_GOLDEN=1` to rewrite the files instead; review the resulting git diff like code.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Reports
        .deletingLastPathComponent()  // CoreTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/reports")

    static var isRegenerating: Bool {
        ProcessInfo.processInfo.environment["STEADYSTATE_REGENERATE_GOLDEN"] == "1"
    }

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let file = url(name)
        if isRegenerating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "Missing golden file \(name); run with STEADYSTATE_REGENERATE_GOLDEN=1 to create it.",
                sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record(
                """
                \(name) differs from the rendered output (- expected, + actual). \
                If the change is intended, rerun with STEADYSTATE_REGENERATE_GOLDEN=1 and review the diff.
                \(diff(expected: expected, actual: actual))
                """, sourceLocation: sourceLocation)
        }
    }

    /// A minimal LCS line diff with two lines of context: enough to read a golden mismatch in a CI log.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var lcs = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [(Character, String)] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                edits.append((" ", old[i]))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                edits.append(("-", old[i]))
                i += 1
            } else {
                edits.append(("+", new[j]))
                j += 1
            }
        }
        let changed = edits.indices.filter { edits[$0].0 != " " }
        let shown = Set(changed.flatMap { max($0 - 2, 0)...min($0 + 2, edits.count - 1) })
        var lines: [String] = []
        var previous = -1
        for index in shown.sorted() {
            if index != previous + 1 { lines.append("@@ line \(index + 1) @@") }
            lines.append("\(edits[index].0)\(edits[index].1)")
            previous = index
        }
        return lines.joined(separator: "\n")
    }
}
