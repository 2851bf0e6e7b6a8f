import Foundation

/// How far a fix may reach unattended: the original's impact × reversibility grid.
///
/// A fix inside the bound is marked in-bound (its fix PR may carry the team's auto-merge label); anything outside
/// always waits for a human, and the output says why. `ci` never executes anything either way: the bound only
/// decides what a proposal is allowed to say about itself.
public struct Bound: Sendable, Equatable {
    /// How reversible a change is, in increasing order of danger.
    public enum Reversibility: String, Sendable, Codable, CaseIterable, Comparable {
        case lossless
        case selfHealing = "self_healing"
        case recoverable
        case irreversible

        var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    /// How much a change touches, in increasing order.
    public enum Impact: String, Sendable, Codable, CaseIterable, Comparable {
        case one, service, tenant, node, fleet

        var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    /// The highest impact allowed unattended per reversibility; a reversibility absent here is never allowed.
    public var ceilings: [Reversibility: Impact]

    /// The original's built-in bound: lossless → tenant, self_healing → service, the rest never.
    public static let builtIn = Bound(ceilings: [.lossless: .tenant, .selfHealing: .service])

    public init(ceilings: [Reversibility: Impact]) {
        self.ceilings = ceilings
    }

    /// The built-in bound overlaid with `[bound]` pairs, then `STEADYSTATE_BOUND` (`rev=impact` separated by
    /// `,` or `;`). As in the original: case-insensitive and trimmed; `none`, `never` or empty forbid; an unknown
    /// key or value is skipped (the previous value stays) — here with a warning naming it.
    public static func resolve(
        config pairs: [String: String], environment: String?, file: String
    ) -> (bound: Bound, warnings: [ConfigWarning]) {
        var bound = Bound.builtIn
        var warnings: [ConfigWarning] = []
        func apply(_ key: String, _ value: String, origin: String) {
            let name = key.trimmingCharacters(in: .whitespaces).lowercased()
            let level = value.trimmingCharacters(in: .whitespaces).lowercased()
            guard let reversibility = Reversibility(rawValue: name) else {
                warnings.append(ConfigWarning(file: origin, message: "[bound] unknown reversibility '\(key)' (ignored)"))
                return
            }
            if level.isEmpty || level == "none" || level == "never" {
                bound.ceilings[reversibility] = nil
            } else if let impact = Impact(rawValue: level) {
                bound.ceilings[reversibility] = impact
            } else {
                warnings.append(ConfigWarning(file: origin, message: "[bound] \(name): unknown impact '\(value)' (ignored)"))
            }
        }
        for key in pairs.keys.sorted() { apply(key, pairs[key] ?? "", origin: file) }
        for pair in (environment ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }  // bare tokens are ignored, as in the original
            apply(String(parts[0]), String(parts[1]), origin: "STEADYSTATE_BOUND")
        }
        return (bound, warnings)
    }

    /// The original's mapping of a solution's `reversibility` (high = most reversible) onto the grid.
    public static func envelope(for solution: Solution) -> (Reversibility, Impact) {
        let reversibility: Reversibility =
            switch solution.reversibility {
            case .high: .selfHealing
            case .medium: .recoverable
            case .low: .irreversible
            }
        let impact: Impact =
            switch solution.impact {
            case .low: .service
            case .medium: .tenant
            case .high: .node
            }
        return (reversibility, impact)
    }

    /// Whether a solution may be proposed as in-bound, and why not when it may not.
    public func decide(_ solution: Solution) -> BoundDecision {
        if solution.isProposed {
            return BoundDecision(isInBound: false, reason: "a draft (proposed: true) is never in-bound; vouch for it first")
        }
        let (reversibility, impact) = Bound.envelope(for: solution)
        guard let ceiling = ceilings[reversibility] else {
            return BoundDecision(
                isInBound: false,
                reason: "\(reversibility.rawValue) changes are never unattended under the bound; a human must review")
        }
        if impact <= ceiling {
            return BoundDecision(
                isInBound: true, reason: "\(reversibility.rawValue) × \(impact.rawValue) is within the bound (≤ \(ceiling.rawValue))")
        }
        return BoundDecision(
            isInBound: false,
            reason: "impact \(impact.rawValue) exceeds the bound for \(reversibility.rawValue) (≤ \(ceiling.rawValue)); a human must review")
    }
}

/// The bound's verdict on one fix.
public struct BoundDecision: Sendable, Codable, Hashable {
    public var isInBound: Bool
    public var reason: String
}
