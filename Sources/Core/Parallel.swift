import Dispatch
import Foundation

/// Data parallelism for the pure stages of a scan: decoding a plan's sections, running the rules, writing the
/// findings. A 10k-resource plan is one target, so scanning targets concurrently leaves all but one core idle;
/// these stages split their own work instead. Results always come back in index order, so every output is the
/// same whatever the cores and the interleaving.
///
/// Synchronous on purpose: the stages stay plain functions `(input) -> output`. The calling thread runs
/// iterations itself (`DispatchQueue.concurrentPerform`), so waiting never depends on a free worker. A loop
/// started inside another's iteration runs on that iteration's thread alone (Dispatch does not widen it), so
/// a stage puts all its pieces of work in one loop rather than splitting level by level.
public enum Parallel {
    /// The cores work is spread over (at least 1): the ones this process may run on (`taskset` narrows them).
    public static let width = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `transform(0) ..< transform(count - 1)`, computed concurrently, in index order.
    /// `transform` must be safe to run on several threads at once: a pure function of its captures.
    public static func map<Value: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        guard count > 1, width > 1 else { return (0..<count).map(transform) }
        let slots = UnsafeMutableBufferPointer<Value?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        // Each iteration writes only its own slot, and concurrentPerform returns after every iteration ends.
        nonisolated(unsafe) let shared = slots
        DispatchQueue.concurrentPerform(iterations: count) { index in shared[index] = transform(index) }
        return slots.map { $0! }
    }

    /// `transform` over `items` in contiguous chunks (about `chunksPerCore` per core, at least `minimumChunk`
    /// items each), concurrently; the chunks' results in order.
    public static func chunks<Item: Sendable, Value: Sendable>(
        of items: [Item], minimumChunk: Int = 64, chunksPerCore: Int = 4,
        _ transform: @Sendable (ArraySlice<Item>) -> Value
    ) -> [Value] {
        let chunkCount = max(1, min(width * chunksPerCore, items.count / max(1, minimumChunk)))
        guard chunkCount > 1 else { return [transform(items[...])] }
        let size = (items.count + chunkCount - 1) / chunkCount
        // Never an empty chunk: 9 items in 4 chunks are 3 of 3.
        return map((items.count + size - 1) / size) { chunk in
            let start = chunk * size
            return transform(items[start..<min(items.count, start + size)])
        }
    }

    /// Consecutive ranges of `costs`, each closed once it sums to `target` (the last takes what is left): work
    /// items of uneven cost grouped into shares of about equal cost, in order.
    public static func shares(of costs: [Int], target: Int) -> [Range<Int>] {
        var shares: [Range<Int>] = []
        var start = 0
        var cost = 0
        for index in costs.indices {
            cost += costs[index]
            if cost >= target || index == costs.count - 1 {
                shares.append(start..<(index + 1))
                start = index + 1
                cost = 0
            }
        }
        return shares
    }

    /// `items` in the order `areInIncreasingOrder` gives, stably (ties keep their order): chunks are sorted
    /// concurrently, then merged, left run first on ties, so the result is the one stable sort's.
    public static func sorted<Item: Sendable>(
        _ items: [Item], by areInIncreasingOrder: @Sendable (Item, Item) -> Bool
    ) -> [Item] {
        var runs = chunks(of: items, minimumChunk: 1024, chunksPerCore: 1) { $0.sorted(by: areInIncreasingOrder) }
        while runs.count > 1 {
            var merged: [[Item]] = []
            for index in stride(from: 0, to: runs.count, by: 2) {
                merged.append(
                    index + 1 < runs.count ? merge(runs[index], runs[index + 1], by: areInIncreasingOrder) : runs[index])
            }
            runs = merged
        }
        return runs.first ?? []
    }

    private static func merge<Item>(_ left: [Item], _ right: [Item], by less: (Item, Item) -> Bool) -> [Item] {
        var result: [Item] = []
        result.reserveCapacity(left.count + right.count)
        var leftIndex = 0
        var rightIndex = 0
        while leftIndex < left.count, rightIndex < right.count {
            if less(right[rightIndex], left[leftIndex]) {
                result.append(right[rightIndex])
                rightIndex += 1
            } else {
                result.append(left[leftIndex])
                leftIndex += 1
            }
        }
        result.append(contentsOf: left[leftIndex...])
        result.append(contentsOf: right[rightIndex...])
        return result
    }
}
