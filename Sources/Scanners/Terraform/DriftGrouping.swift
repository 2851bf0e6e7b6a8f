import Core

/// Links drift that follows other drift: a drifted resource whose configuration refers to another drifted
/// resource (a subnet whose VPC is being replaced) points at the root of that chain, so the cause is read first.
enum DriftGrouping {
    /// Sets `causedBy` on every drift finding whose resource refers, directly or through other drifted
    /// resources, to a drifted resource; cycles are cut where they close.
    static func link(_ drift: inout [Finding], resources: [Resource]) {
        func base(_ address: String) -> String {
            guard address.hasSuffix("]"), let open = address.lastIndex(of: "[") else { return address }
            return String(address[..<open])
        }
        let drifted = Set(drift.map { base($0.resource) })
        var parent: [String: String] = [:]
        for resource in resources {
            let own = base(resource.address)
            guard drifted.contains(own) else { continue }
            let targets = Set(resource.references.values.flatMap { $0 }.map(base)).subtracting([own])
            if let cause = targets.filter(drifted.contains).sorted().first { parent[own] = cause }
        }
        func root(of address: String) -> String? {
            var current = address
            var seen: Set<String> = [address]
            while let next = parent[current], seen.insert(next).inserted { current = next }
            return current == address ? nil : current
        }
        for index in drift.indices {
            drift[index].causedBy = root(of: base(drift[index].resource))
        }
    }
}
