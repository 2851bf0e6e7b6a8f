import Core

/// Links drift that follows other drift: a drifted resource whose configuration refers to another drifted
/// resource (a subnet whose VPC is being replaced) points at the root of that chain, so the cause is read first.
enum DriftGrouping {
    /// Sets `causedBy` on every drift finding whose resource refers, directly or through other drifted
    /// resources, to a drifted resource; cycles are cut where they close.
    static func link(_ drift: inout [Finding], resources: [Resource]) {
        // Bases are made once, a chunk per core: a 100k-resource plan has about as many drift findings.
        let driftBases = Array(
            Parallel.chunks(of: drift, minimumChunk: 4096) { chunk in chunk.map { base($0.resource) } }.joined())
        let drifted = Set(driftBases)
        // Each resource's cause depends on that resource alone: a chunk per core, then in resource order (the
        // last of several instances of one block wins, as one loop assigning them would leave it).
        let causes = Parallel.chunks(of: resources, minimumChunk: 1024) { chunk in
            chunk.compactMap { resource -> (own: String, cause: String)? in
                let own = base(resource.address)
                guard drifted.contains(own) else { return nil }
                var cause: String?
                for targets in resource.references.values {
                    for target in targets {
                        let candidate = base(target)
                        if candidate != own, drifted.contains(candidate), cause.map({ candidate < $0 }) ?? true {
                            cause = candidate
                        }
                    }
                }
                return cause.map { (own, $0) }
            }
        }
        var links: [String: String] = [:]
        for chunk in causes {
            for link in chunk { links[link.own] = link.cause }
        }
        let parent = links
        @Sendable func root(of address: String) -> String? {
            guard var current = parent[address] else { return nil }  // most drift has no cause
            var seen: Set<String> = [address, current]
            while let next = parent[current], seen.insert(next).inserted { current = next }
            return current
        }
        let roots = Parallel.chunks(of: driftBases, minimumChunk: 4096) { chunk in chunk.map(root(of:)) }.joined()
        for (index, cause) in zip(drift.indices, roots) where cause != drift[index].causedBy {
            drift[index].causedBy = cause
        }
    }

    /// The address without its last instance key: `aws_subnet.a[0]` → `aws_subnet.a`.
    private static func base(_ address: String) -> String {
        guard address.hasSuffix("]"), let open = address.lastIndex(of: "[") else { return address }
        return String(address[..<open])
    }
}
