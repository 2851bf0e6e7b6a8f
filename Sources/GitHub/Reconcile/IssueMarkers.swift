import Foundation

/// The hidden HTML comments that tie a GitHub issue or comment to what steadystate knows.
///
/// `steadystate-fp` is the original's marker, read and written exactly as it does, so issues it opened are
/// recognised. The others are ours; an issue without them (one the original opened) is still matched by its
/// fingerprint and simply has no recorded target.
public enum IssueMarkers {
    /// The original's pattern, `<!--\s*steadystate-fp:\s*(\S+)\s*-->`.
    /// Built per call: `Regex` is not `Sendable`, and bodies are few.
    static var fingerprintPattern: Regex<(Substring, Substring)> { #/<!--\s*steadystate-fp:\s*(\S+?)\s*-->/# }
    static var targetPattern: Regex<(Substring, Substring)> { #/<!--\s*steadystate-target:\s*(.+?)\s*-->/# }

    public static let digestMarker = "<!-- steadystate-digest -->"
    /// Added when steadystate closes an issue because of a waiver, so a lifted waiver may reopen it (a person's
    /// *not planned* close, without it, stands).
    public static let waivedMarker = "<!-- steadystate-waived -->"
    public static let pullRequestCommentMarker = "<!-- steadystate-pr-comment -->"

    public static func fingerprint(_ key: String) -> String { "<!-- steadystate-fp: \(key) -->" }

    /// Target names never contain `-->`: it would end the comment early.
    public static func target(_ name: String) -> String {
        "<!-- steadystate-target: \(name.replacingOccurrences(of: "-->", with: "- ->")) -->"
    }

    /// The first fingerprint marker of a body, as the original reads it.
    public static func fingerprint(in body: String) -> String? {
        body.firstMatch(of: fingerprintPattern).map { String($0.output.1) }
    }

    /// Every target an issue says it belongs to; empty for issues the original opened.
    public static func targets(in body: String) -> [String] {
        body.matches(of: targetPattern).map { String($0.output.1) }
    }

    public static func isDigest(_ body: String) -> Bool { body.contains(digestMarker) }
}
