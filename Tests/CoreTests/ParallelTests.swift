import Testing

@testable import Core

/// `Parallel` must give exactly what a loop gives, in the loop's order, whatever the cores do.
@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 2, 7, 1000])
    func mapKeepsIndexOrder(count: Int) {
        #expect(Parallel.map(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
    }

    /// Chunks cover the items once each, in order, and none is empty (9 items in 4 chunks are 3 of 3).
    @Test(arguments: [(0, 1), (1, 1), (9, 1), (63, 64), (64, 32), (65, 16), (257, 1), (1000, 64), (4099, 256)])
    func chunksCoverEveryItemInOrder(count: Int, minimumChunk: Int) {
        let items = Array(0..<count)
        let chunks = Parallel.chunks(of: items, minimumChunk: minimumChunk) { Array($0) }
        #expect(chunks.flatMap { $0 } == items)
        #expect(chunks.allSatisfy { !$0.isEmpty } || count == 0)
        #expect(chunks.count <= max(1, Parallel.width * 4))
    }

    /// The merge of concurrently sorted chunks is the one stable sort: ties (equal keys) keep their order.
    @Test(arguments: [0, 1, 1023, 1024, 2049, 20000])
    func sortedIsTheStableSort(count: Int) {
        var random = Mutator.Generator(state: UInt64(count) + 1)
        let items = (0..<count).map { index in (key: Int.random(in: 0..<50, using: &random), index: index) }
        let sorted = Parallel.sorted(items) { $0.key < $1.key }
        #expect(sorted.map(\.index) == items.sorted { ($0.key, $0.index) < ($1.key, $1.index) }.map(\.index))
    }
}
