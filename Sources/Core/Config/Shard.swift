/// `--shard I/N`: a stable share of a repository's targets, for a CI matrix of N jobs.
///
/// Targets are dealt out round-robin in name order, so shards are balanced by count and the same target list
/// always gives the same split, whatever order config or discovery listed them in. Identities and fingerprints
/// are computed over the whole list, never the share, so a sharded run files exactly the issues an unsharded one
/// would (`steadystate merge` then reconciles GitHub once).
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `2/3` → index 2 of 3; anything else (or `0/3`, `4/3`) is a usage error the caller reports.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index)
        else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The targets of this share, in their original order.
    public func select(_ targets: [ScanTarget]) -> [ScanTarget] {
        let owned = Set(Self.assignment(targets.map(\.name), count: count).filter { $0.value == index }.keys)
        return targets.filter { owned.contains($0.name) }
    }

    /// Target name → its 1-based shard.
    public static func assignment(_ names: [String], count: Int) -> [String: Int] {
        var result: [String: Int] = [:]
        for (offset, name) in Set(names).sorted().enumerated() { result[name] = offset % max(1, count) + 1 }
        return result
    }
}
