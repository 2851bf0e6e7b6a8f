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
        chunks(of: items.indices, minimumChunk: minimumChunk, chunksPerCore: chunksPerCore) { transform(items[$0]) }
    }

    /// `transform` over `range` cut as `chunks(of:)` cuts an array: for work that reads several arrays, or a
    /// part of one, by position.
    public static func chunks<Value: Sendable>(
        of range: Range<Int>, minimumChunk: Int = 64, chunksPerCore: Int = 4,
        _ transform: @Sendable (Range<Int>) -> Value
    ) -> [Value] {
        let chunkCount = max(1, min(width * chunksPerCore, range.count / max(1, minimumChunk)))
        guard chunkCount > 1 else { return [transform(range)] }
        let size = (range.count + chunkCount - 1) / chunkCount
        // Never an empty chunk: 9 items in 4 chunks are 3 of 3.
        return map((range.count + size - 1) / size) { chunk in
            let start = range.lowerBound + chunk * size
            return transform(start..<min(range.upperBound, start + size))
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
    /// concurrently, then merged, left run first on ties, so the result is the one stable sort's. Each merge
    /// is split into a share per core too: the last one, of two halves, was 190k comparisons on one core.
    public static func sorted<Item: Sendable>(
        _ items: [Item], by areInIncreasingOrder: @Sendable (Item, Item) -> Bool
    ) -> [Item] {
        var runs = chunks(of: items, minimumChunk: 1024, chunksPerCore: 1) { $0.sorted(by: areInIncreasingOrder) }
        while runs.count > 1 {
            var merged: [[Item]] = []
            for index in stride(from: 0, to: runs.count, by: 2) {
                guard index + 1 < runs.count else {
                    merged.append(runs[index])
                    continue
                }
                merged.append(merge(runs[index], runs[index + 1], by: areInIncreasingOrder))
            }
            runs = merged
        }
        return runs.first ?? []
    }

    /// The stable merge of two sorted runs (`left` first on ties), in shares merged concurrently.
    ///
    /// Share `j` starts at `left[p]` (p = j·|left|/shares) and at the first element of `right` not below it, q:
    /// everything before (p, q) precedes everything after in the one sequential merge (`right[..<q]` is below
    /// `left[p]`, so below every later `left` element; `right[q...]` is not below `left[p]`, so not below any
    /// earlier one), so the shares' merges laid side by side are that merge.
    static func merge<Item: Sendable>(
        _ left: [Item], _ right: [Item], by less: @Sendable (Item, Item) -> Bool
    ) -> [Item] {
        guard !left.isEmpty, !right.isEmpty else { return left + right }
        let shares = left.count + right.count < 8192 || width == 1 ? 1 : width * 2
        var cuts: [(left: Int, right: Int)] = [(0, 0)]
        for share in 1..<max(1, shares) {
            let pivot = share * left.count / shares
            guard pivot < left.count else { break }
            var low = cuts[cuts.count - 1].right
            var high = right.count
            while low < high {
                let middle = (low + high) / 2
                if less(right[middle], left[pivot]) { low = middle + 1 } else { high = middle }
            }
            cuts.append((pivot, low))
        }
        cuts.append((left.count, right.count))
        let bounds = cuts
        return written(count: left.count + right.count, by: bounds.count - 1) { share, output in
            var leftIndex = bounds[share].left
            var rightIndex = bounds[share].right
            let leftEnd = bounds[share + 1].left
            let rightEnd = bounds[share + 1].right
            var slot = output + leftIndex + rightIndex
            while leftIndex < leftEnd, rightIndex < rightEnd {
                if less(right[rightIndex], left[leftIndex]) {
                    slot.initialize(to: right[rightIndex])
                    rightIndex += 1
                } else {
                    slot.initialize(to: left[leftIndex])
                    leftIndex += 1
                }
                slot += 1
            }
            while leftIndex < leftEnd {
                slot.initialize(to: left[leftIndex])
                leftIndex += 1
                slot += 1
            }
            while rightIndex < rightEnd {
                slot.initialize(to: right[rightIndex])
                rightIndex += 1
                slot += 1
            }
        }
    }

    /// `parts` joined into one array, the copying done a share per core: copying a large array of values
    /// that hold references is a retain per element, a cache miss apiece when they are spread over the heap.
    public static func joined<Item: Sendable>(_ parts: [[Item]]) -> [Item] {
        let total = parts.reduce(0) { $0 + $1.count }
        guard total >= 8192, width > 1 else { return Array(parts.joined()) }
        // Consecutive ranges of about equal size, each within one part: (part, range in that part, where it goes).
        let size = (total + width * 4 - 1) / (width * 4)
        var pieces: [(part: Int, range: Range<Int>, offset: Int)] = []
        var offset = 0
        for (part, items) in parts.enumerated() {
            for start in stride(from: 0, to: items.count, by: size) {
                pieces.append((part, start..<min(items.count, start + size), offset + start))
            }
            offset += items.count
        }
        let plan = pieces
        return written(count: total, by: plan.count) { piece, output in
            let (part, range, offset) = plan[piece]
            parts[part].withUnsafeBufferPointer { items in
                (output + offset).initialize(from: items.baseAddress! + range.lowerBound, count: range.count)
            }
        }
    }

    /// `positions.map { items[$0] }`, a share per core: gathering a large array in a new order is a cache miss
    /// (and a retain) per element.
    public static func gather<Item: Sendable>(_ items: [Item], at positions: [Int]) -> [Item] {
        guard positions.count >= 8192, width > 1 else { return positions.map { items[$0] } }
        let shares = width * 4
        let size = (positions.count + shares - 1) / shares
        return written(count: positions.count, by: (positions.count + size - 1) / size) { share, output in
            for index in share * size..<min(positions.count, (share + 1) * size) {
                (output + index).initialize(to: items[positions[index]])
            }
        }
    }

    /// An array of `count` items (at least one) written in place by `shares` concurrent calls of `fill`: each
    /// initializes its own slots of the output, and together they initialize every slot once.
    private static func written<Item>(
        count: Int, by shares: Int, _ fill: @Sendable (_ share: Int, _ output: UnsafeMutablePointer<Item>) -> Void
    ) -> [Item] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: shares) { fill($0, output) }
            initialized = count
        }
    }
}
