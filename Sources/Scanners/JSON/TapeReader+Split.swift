import Core

/// Building a large document on every core.
///
/// The document is cut into subtrees of at most `splitAbove` tape words, each built whole by one reader; the
/// containers above them are assembled from their parts once all are built, in document order, so the value
/// is the one pass's, member for member. The parts go to the cores in shares of about equal tape span, all
/// in one parallel loop: Dispatch runs a parallel loop nested in another on one thread, so splitting level
/// by level left a core idle whenever one member (a plan's `planned_values`) outweighed its siblings.
extension TapeReader {
    /// How a value is cut: built whole from its start, or a container assembled from its parts.
    indirect enum Split {
        case whole(start: Int)
        case object(keys: [String], parts: [Split])
        case array([Split])
    }

    /// The cut of the value at `index`, which moves past it: a container spanning more than `splitAbove` words
    /// is opened, anything else is one part. `skipped` names members of this object to leave out (and opens it).
    mutating func split(splitAbove: Int, skipping skipped: Set<String> = []) -> Split {
        let start = index
        let isObject = kind(index) == UInt8(ascii: "{")
        guard isObject || kind(index) == UInt8(ascii: "["),
            end(of: index) - index > splitAbove || (isObject && !skipped.isEmpty)
        else {
            skipValue()
            return .whole(start: start)
        }
        index += 1
        var keys: [String] = []
        var parts: [Split] = []
        while kind(index) != (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
            if isObject {
                let key = string(at: index)
                index += 1
                if skipped.contains(key) {
                    skipValue()
                    continue
                }
                keys.append(key)
            }
            parts.append(split(splitAbove: splitAbove))
        }
        index += 1
        return isObject ? .object(keys: keys, parts: parts) : .array(parts)
    }

    /// The values the splits describe: every whole part built (concurrently, when asked: a small document's
    /// parts, split only to leave members out, are not worth a parallel loop), then each split assembled.
    func build(_ splits: [Split], concurrently: Bool) -> [JSONValue] {
        var starts: [Int] = []
        func collect(_ split: Split) {
            switch split {
            case .whole(let start): starts.append(start)
            case .object(_, let parts), .array(let parts): for part in parts { collect(part) }
            }
        }
        for split in splits { collect(split) }
        let built = buildEach(starts, concurrently: concurrently) { reader in reader.value() }
        var next = built.startIndex
        func assemble(_ split: Split) -> JSONValue {
            switch split {
            case .whole:
                defer { next += 1 }
                return built[next]
            case .object(let keys, let parts):
                let values = parts.map(assemble)
                return .object(JSONObject(members: zip(keys, values).lazy.map { (key: $0.0, value: $0.1) }))
            case .array(let parts):
                return .array(parts.map(assemble))
            }
        }
        return splits.map(assemble)
    }

    /// `make` at each of `starts`, in order; when `concurrently`, in shares of about equal tape span (several
    /// per core), a reader per share.
    func buildEach(
        _ starts: [Int], concurrently: Bool, _ make: @Sendable (inout TapeReader) -> JSONValue
    ) -> [JSONValue] {
        guard concurrently, Parallel.width > 1, starts.count > 1 else {
            var reader = TapeReader(tape: tape, strings: strings)
            return starts.map { start in
                reader.index = start
                return make(&reader)
            }
        }
        let spans = starts.map { end(ofValueAt: $0) - $0 }
        let ranges = Parallel.shares(of: spans, target: max(1, spans.reduce(0, +) / (Parallel.width * 8)))
        let shared = SharedTape(tape: tape, strings: strings)
        return Parallel.map(ranges.count) { share in
            var reader = TapeReader(tape: shared.tape, strings: shared.strings)
            return starts[ranges[share]].map { start in
                reader.index = start
                return make(&reader)
            }
        }.flatMap { $0 }
    }
}
