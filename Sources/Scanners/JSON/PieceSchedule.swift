import CSimdjson
import Core
import Foundation

/// The batches of one piecewise decode, cut while the outline is walked and built by the other cores meanwhile.
///
/// Outlining a 248 MB plan took 0.2 s on one core here while the other waited: simdjson indexes the whole text
/// (0.15 to 0.2 s), then the walk skips through it. Now the walk runs on a thread of its own and hands its nodes
/// over as it goes, so batches are built during the walk (not during the indexing: the first batch starts only
/// after it); consecutive pieces of one phase are cut into batches of about `targetBytes` and queued at
/// once. Changes wait for the planned-resource index (they share its values), which is complete once every
/// batch cut before `planned_values` was complete is built: each batch collects its own planned resources as it
/// is built, and they are merged into the index in batch order as the batches come in, by the thread that
/// finds them ready, while the others go on building (merging all of them at the end took 0.05 s on one core,
/// the others waiting). The rest never waits. Once the walk ends, its thread builds batches too. Batches are cut
/// exactly as the walk's order gives them, so the built tree does not depend on which thread built what, nor when.
final class PieceSchedule: @unchecked Sendable {
    private let text: SharedText
    private let targetBytes: Int
    private let parsers = ParserPool()

    // The walk's own, until it ends (then the calling thread's):
    private var outline: Outline
    private var open: [Outline.Phase: (pieces: [Piece], bytes: Int)] = [:]
    private var plannedValuesMember: Int?

    // Shared, under `condition`:
    private let condition = NSCondition()
    private var batches: [[Piece]] = []
    private var results: [[JSONValue]?] = []
    /// Each batch's planned resources (`Outline.Planned` pieces), in document order.
    private var plannedEntries: [[(String, TapeReader.PlannedResource)]] = []
    private var firstPhaseQueue: [Int] = []
    private var changesQueue: [Int] = []
    /// Every first-phase batch, in the order cut; those before `mergeCursor` are in `merged`.
    private var firstPhaseOrder: [Int] = []
    private var mergeCursor = 0
    /// The index so far; written only by the thread that set `isMerging`, outside the lock.
    private var merged: [String: TapeReader.PlannedResource] = [:]
    private var isMerging = false
    /// Set once `planned_values` is complete (or the walk has ended): batches below this id hold all of it.
    private var plannedBarrier: Int?
    /// The complete index, once published.
    private var planned: [String: TapeReader.PlannedResource]?
    private var running = 0
    private var walkEnded = false
    private var failed = false

    init(text: SharedText, targetBytes: Int, outline: Outline) {
        self.text = text
        self.targetBytes = max(1, targetBytes)
        self.outline = outline
    }

    /// The document's value, or nil when the walk or any batch fails.
    func run() -> JSONValue? {
        let walkFinished = DispatchSemaphore(value: 0)
        let walker = Thread { [self] in
            walk()
            work()
            walkFinished.signal()
        }
        walker.stackSize = 8 << 20  // as a worker's: building a batch recurses as deep as its values nest
        walker.start()
        DispatchQueue.concurrentPerform(iterations: max(1, Parallel.width - 1)) { _ in work() }
        walkFinished.wait()

        guard !failed, !outline.nodes.isEmpty else { return nil }
        // Values are moved (swapped) from the batches into place and from there into the tree: a copy left
        // behind is a release per value when the batches are freed, 0.05 s at 100k on one core.
        var values = Array(repeating: JSONValue.null, count: outline.nodes.count)
        for id in batches.indices {
            guard var built = results[id].take() else { return nil }
            for (position, piece) in batches[id].enumerated() { swap(&values[piece.node], &built[position]) }
        }
        let document = outline.assemble(0, &values)
        // The outline's nodes and keys, and the planned resources (a key and two values each, shared with the
        // tree), freed one by one, were another 0.05 s on one core.
        ProcessLifetime.retainUntilExit(outline)
        condition.lock()
        ProcessLifetime.retainUntilExit((plannedEntries, planned))
        condition.unlock()
        return document
    }

    // MARK: The walk's thread

    private func walk() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let code = ss_json_outline_walk(
            text.base, text.count, FastJSON.outlineObjectDepth, targetBytes,
            { context, nodes, first, end, keys, membersDone in
                guard let context, let nodes, let keys else { return false }
                let schedule = Unmanaged<PieceSchedule>.fromOpaque(context).takeUnretainedValue()
                return schedule.receive(nodes, first..<end, keys: keys, membersDone: membersDone)
            }, context)
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        walkEnded = true
        guard code == 0 else {
            failed = true
            return
        }
        enqueue(.first)
        enqueue(.changes)
        if plannedBarrier == nil { setBarrier() }
    }

    /// New nodes from the walk: pieces go into the open batch of their phase, full batches are queued.
    private func receive(
        _ nodes: UnsafePointer<ss_json_outline_node>, _ range: Range<Int>, keys: UnsafePointer<UInt8>, membersDone: Int
    ) -> Bool {
        outline.append(nodes, range, keys: keys)
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        for index in range where outline.nodes[index].kind == .piece {
            let piece = outline.piece(index)
            let phase = Outline.Phase(piece.role)
            if let current = open[phase], !current.pieces.isEmpty, current.bytes + piece.length > targetBytes {
                enqueue(phase)
            }
            open[phase, default: ([], 0)].pieces.append(piece)
            open[phase, default: ([], 0)].bytes += piece.length
        }
        if plannedBarrier == nil, outline.sharesPlannedValues, outline.nodes.first?.kind == .object {
            if plannedValuesMember == nil {
                plannedValuesMember = outline.children[0].firstIndex { outline.nodes[$0].key == "planned_values" }
            }
            if let position = plannedValuesMember, membersDone > position {
                enqueue(.first)
                setBarrier()
            }
        }
        return !failed
    }

    /// Queues the open batch of `phase`, if any. Under `condition`.
    private func enqueue(_ phase: Outline.Phase) {
        guard let current = open[phase], !current.pieces.isEmpty else { return }
        open[phase] = nil
        let id = batches.count
        batches.append(current.pieces)
        results.append(nil)
        plannedEntries.append([])
        switch phase {
        case .first:
            firstPhaseQueue.append(id)
            firstPhaseOrder.append(id)
        case .changes:
            changesQueue.append(id)
        }
    }

    /// Under `condition`, on the walk's thread.
    private func setBarrier() {
        plannedBarrier = batches.count
        mergeReadyEntries()
    }

    /// Merges the planned resources of the first-phase batches built so far, in the order they were cut (the
    /// first of an address wins, as in `TapeReader.plannedIndex`), and publishes the index once every batch cut
    /// before the barrier is in. One thread merges at a time, without the lock; the others go on building and
    /// leave what they finish to it. Under `condition`.
    private func mergeReadyEntries() {
        guard !isMerging, planned == nil else { return }
        isMerging = true
        while true {
            var ready: [[(String, TapeReader.PlannedResource)]] = []
            while mergeCursor < firstPhaseOrder.count, results[firstPhaseOrder[mergeCursor]] != nil {
                ready.append(plannedEntries[firstPhaseOrder[mergeCursor]])
                mergeCursor += 1
            }
            guard !ready.isEmpty else { break }
            condition.unlock()
            for entries in ready {
                for (address, resource) in entries { _ = merged.value(forKey: address, insertingIfAbsent: resource) }
            }
            condition.lock()
        }
        isMerging = false
        if let barrier = plannedBarrier,
            mergeCursor == firstPhaseOrder.count || firstPhaseOrder[mergeCursor] >= barrier
        {
            planned = merged
            condition.broadcast()
        }
    }

    // MARK: Every thread

    private func work() {
        while let id = next() {
            condition.lock()
            let batch = batches[id]
            let isChanges = Outline.Phase(batch[0].role) == .changes
            let planned = isChanges ? self.planned ?? [:] : [:]
            condition.unlock()
            let built = parsers.build(batch, text: text, planned: planned)
            let entries = built.map { Self.plannedEntries(batch, $0) } ?? []
            condition.lock()
            results[id] = built
            plannedEntries[id] = entries
            if built == nil { failed = true }
            running -= 1
            if !isChanges { mergeReadyEntries() }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next batch to build, once there is one; nil when all are built (or one failed).
    private func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if failed { return nil }
            if !firstPhaseQueue.isEmpty {
                running += 1
                return firstPhaseQueue.removeFirst()
            }
            if planned != nil, !changesQueue.isEmpty {
                running += 1
                return changesQueue.removeFirst()
            }
            if walkEnded, running == 0, firstPhaseQueue.isEmpty, changesQueue.isEmpty { return nil }
            condition.wait()
        }
    }

    /// The planned resources of one built batch, in document order.
    private static func plannedEntries(
        _ batch: [Piece], _ values: [JSONValue]
    ) -> [(String, TapeReader.PlannedResource)] {
        var found: [(String, TapeReader.PlannedResource)] = []
        for (piece, value) in zip(batch, values) {
            switch piece.planned {
            case .resource?: if let entry = TapeReader.plannedEntry(value) { found.append(entry) }
            case .module?: TapeReader.collectPlanned(module: value, depth: 1, into: &found)
            case nil: continue
            }
        }
        return found
    }
}
