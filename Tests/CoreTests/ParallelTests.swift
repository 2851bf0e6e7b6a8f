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

    /// A range is cut as an array of its positions would be: every position once, in order, no chunk empty, for
    /// ranges that do not start at zero too.
    @Test(arguments: [(0..<0, 1), (5..<14, 1), (100..<163, 64), (7..<4106, 256), (3..<1003, 64)])
    func rangeChunksCoverTheRangeInOrder(range: Range<Int>, minimumChunk: Int) {
        let chunks = Parallel.chunks(of: range, minimumChunk: minimumChunk) { $0 }
        #expect(chunks.flatMap { Array($0) } == Array(range))
        #expect(chunks.allSatisfy { !$0.isEmpty } || range.isEmpty)
        #expect(chunks == Parallel.chunks(of: Array(range), minimumChunk: minimumChunk) { $0.indices }.map {
            ($0.lowerBound + range.lowerBound)..<($0.upperBound + range.lowerBound)
        })
    }

    /// The merge of concurrently sorted chunks is the one stable sort: ties (equal keys) keep their order.
    @Test(arguments: [0, 1, 1023, 1024, 2049, 20000])
    func sortedIsTheStableSort(count: Int) {
        var random = Mutator.Generator(state: UInt64(count) + 1)
        let items = (0..<count).map { index in (key: Int.random(in: 0..<50, using: &random), index: index) }
        let sorted = Parallel.sorted(items) { $0.key < $1.key }
        #expect(sorted.map(\.index) == items.sorted { ($0.key, $0.index) < ($1.key, $1.index) }.map(\.index))
    }

    /// The merge in shares is the one sequential stable merge (left first on ties), for runs of any lengths,
    /// with many ties and none, large enough to be split.
    @Test(
        arguments: [(0, 0), (0, 9000), (9000, 0), (1, 20000), (20000, 1), (5000, 5000), (12345, 6789)], [3, 1_000_000])
    func mergeInSharesIsTheSequentialMerge(lengths: (Int, Int), keyRange: Int) {
        var random = Mutator.Generator(state: UInt64(lengths.0 * 31 + lengths.1 + keyRange))
        func run(_ count: Int, side: Int) -> [(key: Int, side: Int, index: Int)] {
            (0..<count).map { (key: Int.random(in: 0..<keyRange, using: &random), side: side, index: $0) }
                .sorted { ($0.key, $0.index) < ($1.key, $1.index) }
        }
        let left = run(lengths.0, side: 0)
        let right = run(lengths.1, side: 1)
        var expected: [(key: Int, side: Int, index: Int)] = []
        var (leftIndex, rightIndex) = (0, 0)
        while leftIndex < left.count || rightIndex < right.count {
            if rightIndex < right.count, leftIndex == left.count || right[rightIndex].key < left[leftIndex].key {
                expected.append(right[rightIndex])
                rightIndex += 1
            } else {
                expected.append(left[leftIndex])
                leftIndex += 1
            }
        }
        let merged = Parallel.merge(left, right) { $0.key < $1.key }
        let firstDifference = zip(merged, expected).enumerated().first { _, pair in
            pair.0.side != pair.1.side || pair.0.index != pair.1.index
        }?.offset
        #expect(merged.count == expected.count)
        #expect(firstDifference == nil)
    }

    @Test(arguments: [0, 1, 8191, 8192, 50000])
    func gatherIsMap(count: Int) {
        var random = Mutator.Generator(state: UInt64(count) + 7)
        let items = (0..<count).map { "item \($0)" }
        let positions = (0..<count).map { _ in Int.random(in: 0..<max(1, count), using: &random) }.filter { $0 < count }
        #expect(Parallel.gather(items, at: positions) == positions.map { items[$0] })
        #expect(Parallel.gather(items, at: Array(items.indices.reversed())) == items.reversed())
    }

    /// Joined in shares is `joined()`, for parts of any sizes (empty ones too) around the size that is split.
    @Test(arguments: [[], [0], [5, 0, 3], [8191], [8192], [0, 9000, 0], [4000, 4000, 4000], [1, 30000, 7, 12000]])
    func joinedIsJoined(sizes: [Int]) {
        var next = 0
        let parts = sizes.map { size in
            (0..<size).map { _ in
                next += 1
                return "item \(next)"
            }
        }
        #expect(Parallel.joined(parts) == Array(parts.joined()))
    }
}
