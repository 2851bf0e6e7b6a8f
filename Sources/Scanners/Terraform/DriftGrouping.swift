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
        // Each drifted address gets a number, first seen first, so links and roots are arrays, not tables of
        // strings (hashing every address twice more was a third of this on a 100k-resource plan).
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(driftBases.count)
        var addresses: [String] = []
        let findingNumbers = driftBases.map { address -> Int in
            let next = addresses.count
            let number = numbers.value(forKey: address, insertingIfAbsent: next)
            if number == next { addresses.append(address) }
            return number
        }
        let drifted = numbers
        // Each resource's cause depends on that resource alone: a chunk per core, then in resource order (the
        // last of several instances of one block wins, as one loop assigning them would leave it).
        let causes = Parallel.chunks(of: resources, minimumChunk: 1024) { chunk in
            chunk.compactMap { resource -> (own: Int, cause: Int)? in
                let own = base(resource.address)
                guard let ownNumber = drifted[own] else { return nil }
                var cause: (address: String, number: Int)?
                for targets in resource.references.values {
                    for target in targets {
                        let candidate = base(target)
                        guard candidate != own, let number = drifted[candidate] else { continue }
                        if cause.map({ candidate < $0.address }) ?? true { cause = (candidate, number) }
                    }
                }
                return cause.map { (ownNumber, $0.number) }
            }
        }
        var parent = Array(repeating: -1, count: addresses.count)
        for chunk in causes {
            for link in chunk { parent[link.own] = link.cause }
        }
        // The root of each address's chain (most drift has no cause); a cycle is cut where it closes.
        let links = parent
        let roots = Parallel.chunks(of: links.indices, minimumChunk: 4096) { chunk in
            chunk.map { number -> Int? in
                guard links[number] >= 0 else { return nil }
                var current = links[number]
                var seen: Set<Int> = [number, current]
                while links[current] >= 0, seen.insert(links[current]).inserted { current = links[current] }
                return current
            }
        }.joined()
        let rootNumbers = Array(roots)
        for (index, number) in findingNumbers.enumerated() {
            let cause = rootNumbers[number].map { addresses[$0] }
            if cause != drift[index].causedBy { drift[index].causedBy = cause }
        }
    }

    /// The address without its last instance key: `aws_subnet.a[0]` → `aws_subnet.a`.
    private static func base(_ address: String) -> String {
        guard address.hasSuffix("]"), let open = address.lastIndex(of: "[") else { return address }
        return String(address[..<open])
    }
}
