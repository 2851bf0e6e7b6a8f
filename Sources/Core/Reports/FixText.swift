/// How a matched runbook fix reads in every report: the action, the entry, who vouched, and the bound's word.
public enum FixText {
    /// One line, plain text (callers escape for their format).
    public static func summary(_ fix: MatchedFix) -> String {
        var text = "\(fix.action) — \(fix.name)"
        if fix.isDraft {
            text += ", a draft by \(fix.author) (not vouched)"
        } else {
            text += ", vouched by \(fix.vouchedBy ?? fix.author)"
        }
        if !fix.unfilled.isEmpty {
            text += "; cannot be offered: no value for {\(fix.unfilled.joined(separator: "}, {"))}"
        } else if fix.bound.isInBound {
            text += "; in bound"
        } else {
            text += "; needs a human: \(fix.bound.reason)"
        }
        return text
    }

    /// The best fix's line plus a note naming the others, for compact reports.
    public static func lines(_ fixes: [MatchedFix]?) -> [String] {
        guard let fixes, let best = fixes.first else { return [] }
        var lines = ["runbook: " + summary(best)]
        if fixes.count > 1 {
            lines.append("also in the runbook: " + fixes.dropFirst().map(\.name).joined(separator: ", "))
        }
        return lines
    }
}
