/// How bad a finding is; the order is the gate's order.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case low, medium, high, critical

    /// The original's rank (low 1 … critical 4), kept so thresholds compare the same way.
    public var rank: Int {
        switch self {
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }

    /// Parses case-insensitively, trimming whitespace, as the original does for config values.
    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

/// The gate threshold of `--fail-on` / `[ci] fail_on`.
///
/// Unlike the original, where `any` and `low` behave like `medium` because low items never reach its
/// alert layer, here `any` and `low` really fail on low findings.
public enum GateThreshold: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case any, low, medium, high, critical, none

    /// The lowest severity that fails the gate, or `nil` when nothing does.
    public var minimumFailing: Severity? {
        switch self {
        case .any, .low: .low
        case .medium: .medium
        case .high: .high
        case .critical: .critical
        case .none: nil
        }
    }

    public func fails(_ severity: Severity) -> Bool {
        guard let minimum = minimumFailing else { return false }
        return severity >= minimum
    }

    public var description: String { rawValue }

    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
