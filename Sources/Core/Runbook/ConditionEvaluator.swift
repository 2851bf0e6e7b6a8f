import Foundation

/// Evaluates `Condition` trees against one resource's attributes. Pure; regular expressions are time-bounded.
public enum ConditionEvaluator {
    /// A satisfied leaf: the concrete path and the value that satisfied it (nil for `absent`/negations).
    public struct Witness: Sendable, Equatable {
        public var path: String
        public var value: JSONValue?
    }

    public static func holds(_ condition: Condition, on attributes: JSONValue) -> Bool {
        evaluate(condition, on: attributes) != nil
    }

    /// The witnesses when the condition holds, `nil` when it does not.
    public static func evaluate(_ condition: Condition, on attributes: JSONValue) -> [Witness]? {
        switch condition {
        case .all(let children):
            var witnesses: [Witness] = []
            for child in children {
                guard let found = evaluate(child, on: attributes) else { return nil }
                witnesses += found
            }
            return witnesses
        case .any(let children):
            for child in children {
                if let found = evaluate(child, on: attributes) { return found }
            }
            return nil
        case .not(let inner):
            return evaluate(inner, on: attributes) == nil ? [] : nil
        case .test(let path, let op, let expected):
            return test(path: path, op: op, expected: expected, on: attributes)
        }
    }

    static func test(path: String, op: ConditionOperator, expected: JSONValue?, on attributes: JSONValue) -> [Witness]? {
        let found = values(at: path, in: attributes).filter { !$0.value.isNull }
        func firstSatisfying(_ predicate: (JSONValue) -> Bool) -> [Witness]? {
            found.first { predicate($0.value) }.map { [Witness(path: $0.path, value: $0.value)] }
        }
        switch op {
        case .exists:
            return found.first.map { [Witness(path: $0.path, value: $0.value)] }
        case .absent:
            return found.isEmpty ? [Witness(path: path, value: nil)] : nil
        case .equals:
            guard let expected, !expected.isNull else { return found.isEmpty ? [Witness(path: path, value: nil)] : nil }
            return firstSatisfying { $0 == expected }
        case .notEquals:
            let equal = test(path: path, op: .equals, expected: expected, on: attributes)
            return equal == nil ? [Witness(path: path, value: found.first?.value)] : nil
        case .lessThan, .greaterThan, .lessOrEqual, .greaterOrEqual:
            guard let bound = expected?.numberValue else { return nil }
            return firstSatisfying { value in
                guard let number = value.numberValue else { return false }
                switch op {
                case .lessThan: return number < bound
                case .greaterThan: return number > bound
                case .lessOrEqual: return number <= bound
                default: return number >= bound
                }
            }
        case .isIn:
            let options = expected?.arrayValue ?? []
            return firstSatisfying { options.contains($0) }
        case .notIn:
            let inside = test(path: path, op: .isIn, expected: expected, on: attributes)
            return inside == nil ? [Witness(path: path, value: found.first?.value)] : nil
        case .matches:
            guard let pattern = expected?.stringValue,
                let regex = try? BoundedRegex(pattern, caseInsensitive: false)
            else { return nil }
            return firstSatisfying { value in
                guard let text = value.stringValue else { return false }
                return regex.search(text) == .matched
            }
        case .contains:
            guard let expected else { return nil }
            return firstSatisfying { value in
                switch value {
                case .string(let text): expected.stringValue.map { text.contains($0) } ?? false
                case .array(let items): items.contains(expected)
                default: false
                }
            }
        case .cidrContains, .cidrOverlaps:
            guard let wanted = expected?.stringValue.flatMap(CIDR.init) else { return nil }
            return firstSatisfying { value in
                value.elements.compactMap { $0.stringValue.flatMap(CIDR.init) }.contains { cidr in
                    op == .cidrContains ? cidr.contains(wanted) : cidr.overlaps(wanted)
                }
            }
        case .versionLess, .versionLessOrEqual, .versionGreater, .versionGreaterOrEqual, .versionEquals:
            guard let wanted = expected?.stringValue.flatMap(SemanticVersion.init) else { return nil }
            return firstSatisfying { value in
                guard let version = (value.stringValue ?? value.compactText).flatMap(SemanticVersion.init) else {
                    return false
                }
                switch op {
                case .versionLess: return version < wanted
                case .versionLessOrEqual: return version <= wanted
                case .versionGreater: return version > wanted
                case .versionGreaterOrEqual: return version >= wanted
                default: return version == wanted
                }
            }
        }
    }

    /// Every value at a dotted path, `*` stepping into each list element or object value; numeric segments
    /// index lists. Missing steps yield nothing.
    public static func values(at path: String, in root: JSONValue) -> [(path: String, value: JSONValue)] {
        var current: [(String, JSONValue)] = [("", root)]
        for segment in path.split(separator: ".", omittingEmptySubsequences: true).map(String.init) {
            var next: [(String, JSONValue)] = []
            for (prefix, node) in current {
                let join = { (step: String) in prefix.isEmpty ? step : "\(prefix).\(step)" }
                if segment == "*" {
                    switch node {
                    case .array(let items): next += items.enumerated().map { (join(String($0.offset)), $0.element) }
                    case .object(let members):
                        next += members.keys.sorted().compactMap { key in members[key].map { (join(key), $0) } }
                    default: break
                    }
                } else if let index = Int(segment), case .array(let items) = node {
                    if items.indices.contains(index) { next.append((join(segment), items[index])) }
                } else if let child = node[segment] {
                    next.append((join(segment), child))
                }
            }
            current = next
        }
        return current.map { (path: $0.0, value: $0.1) }
    }
}

/// An IPv4 or IPv6 network (`10.0.0.0/8`, `::/0`) or a single address.
public struct CIDR: Sendable, Equatable {
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = CIDR.parseAddress(String(parts[0])) else { return nil }
        let maximum = address.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...maximum).contains(length) else { return nil }
            self.prefix = length
        } else {
            self.prefix = maximum
        }
        self.bytes = address
    }

    static func parseAddress(_ text: String) -> [UInt8]? {
        if text.contains(":") {
            var address = in6_addr()
            return inet_pton(AF_INET6, text, &address) == 1 ? withUnsafeBytes(of: &address) { Array($0) } : nil
        }
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1 ? withUnsafeBytes(of: &address) { Array($0) } : nil
    }

    /// True when the first `length` bits of both addresses agree.
    static func samePrefix(_ a: [UInt8], _ b: [UInt8], length: Int) -> Bool {
        guard a.count == b.count else { return false }
        var remaining = length
        for index in a.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if a[index] & mask != b[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    public func contains(_ other: CIDR) -> Bool {
        other.prefix >= prefix && CIDR.samePrefix(bytes, other.bytes, length: prefix)
    }

    public func overlaps(_ other: CIDR) -> Bool {
        CIDR.samePrefix(bytes, other.bytes, length: min(prefix, other.prefix))
    }
}

/// A dotted version (`1.27`, `v1.27.3`, `1.27.3-eks.1`): numeric parts compared in order, missing parts as 0;
/// anything after `-` or `+` is ignored.
public struct SemanticVersion: Sendable, Comparable {
    let parts: [Int]

    public init?(_ text: String) {
        var core = text.trimmingCharacters(in: .whitespaces)
        if core.hasPrefix("v") || core.hasPrefix("V") { core.removeFirst() }
        if let cut = core.firstIndex(where: { $0 == "-" || $0 == "+" }) { core = String(core[..<cut]) }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !numbers.isEmpty, numbers.count <= 4, numbers.allSatisfy({ $0 != nil }) else { return nil }
        self.parts = numbers.compactMap { $0 }
    }

    private func padded(_ count: Int) -> [Int] { parts + Array(repeating: 0, count: max(0, count - parts.count)) }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        let width = max(lhs.parts.count, rhs.parts.count)
        return lhs.padded(width) == rhs.padded(width)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let width = max(lhs.parts.count, rhs.parts.count)
        return lhs.padded(width).lexicographicallyPrecedes(rhs.padded(width))
    }
}
