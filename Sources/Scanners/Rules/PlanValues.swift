import Core

/// Defensive readers for planned values, shared by the cloud packs.
///
/// Terraform's plan JSON has three ways to say "nothing": an attribute that is absent (unknown until
/// apply, usually an Optional+Computed attribute left unset, so the cloud's default applies), `null` (an
/// optional attribute left unset with no default), and `[]` (a nested block not written). Providers also
/// change shapes between major versions: SDKv2 blocks are one-element lists, framework blocks are objects.
/// These helpers read all of them the same way, so each rule only decides what "unset" means for it.
enum PlanValues {
    /// The first element of a nested block, whether the plan shows it as a list or as an object.
    static func block(_ value: JSONValue?, _ key: String) -> JSONValue? {
        value?[key]?.elements.first { !$0.isNull }
    }

    /// Every element of a nested block (or set of objects), skipping nulls.
    static func blocks(_ value: JSONValue?, _ key: String) -> [JSONValue] {
        (value?[key]?.elements ?? []).filter { !$0.isNull }
    }

    /// The strings of a list or set attribute; a single string reads as a one-element list.
    static func strings(_ value: JSONValue?) -> [String] {
        (value?.elements ?? []).compactMap(\.stringValue)
    }

    /// A boolean that some providers and metadata maps spell as a string (`"TRUE"`, `"1"`).
    static func flag(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: return flag
        case .number(let number)?: return number != 0
        case .string(let text)?:
            switch text.trimmingBlanks().lowercased() {
            case "true", "1", "yes", "on", "enabled": return true
            case "false", "0", "no", "off", "disabled": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// True when the value is absent, `null`, an empty string or an empty collection.
    static func isUnset(_ value: JSONValue?) -> Bool {
        guard let value else { return true }
        return !value.isTruthy && value.boolValue == nil && value.numberValue == nil
    }
}

/// The ports one ingress entry opens: every port, or a list of closed ranges.
struct PortExposure: Sendable, Equatable {
    var isAllPorts: Bool
    var ranges: [ClosedRange<Int>]

    static let all = PortExposure(isAllPorts: true, ranges: [0...65535])
    static let none = PortExposure(isAllPorts: false, ranges: [])

    /// Parses port specs such as `"22"`, `"8000-8080"`, `"*"`; an unparseable spec is kept out.
    init(specs: [String]) {
        var ranges: [ClosedRange<Int>] = []
        var isAll = false
        for raw in specs {
            let spec = raw.trimmingBlanks()
            if spec == "*" || spec.isEmpty { isAll = true; continue }
            let parts = spec.split(separator: "-", maxSplits: 1).map { Int(String($0).trimmingBlanks()) }
            if parts.count == 1, let port = parts[0] {
                ranges.append(port...port)
            } else if parts.count == 2, let low = parts[0], let high = parts[1], low <= high {
                ranges.append(low...high)
            }
        }
        if ranges.contains(where: { $0.lowerBound <= 1 && $0.upperBound >= 65535 }) { isAll = true }
        self.init(isAllPorts: isAll, ranges: isAll ? [0...65535] : ranges)
    }

    init(isAllPorts: Bool, ranges: [ClosedRange<Int>]) {
        self.isAllPorts = isAllPorts
        self.ranges = ranges
    }

    var isEmpty: Bool { !isAllPorts && ranges.isEmpty }

    func covers(_ port: Int) -> Bool { ranges.contains { $0.contains(port) } }

    /// The opened ranges that are not exactly one of `ports`, rendered for a message (`"3306, 8000-8080"`).
    func otherThan(_ ports: Set<Int>) -> [String] {
        ranges.compactMap { range in
            if range.lowerBound == range.upperBound {
                return ports.contains(range.lowerBound) ? nil : String(range.lowerBound)
            }
            return "\(range.lowerBound)-\(range.upperBound)"
        }
    }

    /// Merges the exposure of several entries of one resource.
    static func + (lhs: PortExposure, rhs: PortExposure) -> PortExposure {
        if lhs.isAllPorts || rhs.isAllPorts { return .all }
        return PortExposure(isAllPorts: false, ranges: lhs.ranges + rhs.ranges)
    }
}
