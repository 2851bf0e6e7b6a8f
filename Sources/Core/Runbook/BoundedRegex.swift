import Foundation

/// A regular expression search that cannot hang a run.
///
/// Patterns come from committed files (`solutions.json`, `checks.json`) that a pull request can change, and a
/// backtracking engine (ICU, Python's `re`) takes exponential time on patterns like `(a+)+$`. ICU reports progress
/// during long matches; the search gives up once its time budget is spent and says so, so a hostile pattern costs
/// at most the budget per search, never the CI job.
public struct BoundedRegex: Sendable {
    /// The outcome of one search.
    public enum Outcome: Sendable, Equatable {
        case matched
        case notMatched
        /// The budget ran out before the engine decided; treated as "no match" and reported.
        case timedOut
    }

    /// Time one search may take.
    public static let defaultBudget: TimeInterval = 0.05

    public let pattern: String
    // NSRegularExpression is immutable and documented as thread-safe.
    private nonisolated(unsafe) let expression: NSRegularExpression
    public let budget: TimeInterval

    public init(_ pattern: String, caseInsensitive: Bool, budget: TimeInterval = BoundedRegex.defaultBudget) throws {
        self.pattern = pattern
        self.expression = try RunbookRegex.compile(pattern, caseInsensitive: caseInsensitive)
        self.budget = budget
    }

    /// Searches `text` anywhere (Python's `re.search`).
    public func search(_ text: String) -> Outcome {
        let started = Date()
        var outcome = Outcome.notMatched
        expression.enumerateMatches(
            in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)
        ) { match, _, stop in
            if match != nil {
                outcome = .matched
                stop.pointee = true
            } else if Date().timeIntervalSince(started) > budget {
                outcome = .timedOut
                stop.pointee = true
            }
        }
        return outcome
    }
}
