import CSimdjson
import Core
import Foundation

/// JSON text to `JSONValue` through simdjson (Debian's `libsimdjson-dev`), for documents of hundreds of megabytes.
///
/// Foundation's `JSONDecoder` reads about 45 MB/s here, so a 220 MB plan would spend five seconds in decoding
/// alone (docs/performance.md). simdjson validates the whole text (UTF-8 included) and writes its tape; one
/// pass over the tape builds the values, so no call crosses into C per value. Behaviour stays Foundation's:
/// a document simdjson rejects for any reason but depth is handed to `JSONDecoder`, which either reads it
/// (an integer wider than 64 bits, which simdjson refuses and Foundation rounds to a `Double`) or throws
/// the error it always threw, with its line and column. Duplicate keys keep the last value (Foundation's
/// decoder differs; terraform never writes duplicate keys).
public enum FastJSON {
    /// Arrays and objects nest at most this deep: a hostile plan cannot exhaust the stack of the walkers
    /// that recurse over values (this one, attribute diffs, reference gathering).
    public static let maximumDepth = 512

    /// The document nests deeper than `maximumDepth`; said plainly, since it is the one error Foundation
    /// never sees (simdjson stops first).
    public struct TooDeep: Error, CustomStringConvertible, Equatable {
        public var limit: Int
        public var description: String { "arrays and objects nest more than \(limit) levels deep" }
    }

    /// Decodes the whole document.
    public static func decode(_ data: Data) throws -> JSONValue {
        try decode(data, skippingTopLevelKeys: [])
    }

    /// Decodes the document, leaving out the named members of a top-level object (still validated, never built).
    ///
    /// A plan's `prior_state` repeats the state, and nothing reads it; skipping it saves its share of time and
    /// memory. Any other shape of document decodes whole.
    ///
    /// `data` is given up once simdjson has parsed it (in place when the text's last page leaves room for the
    /// bytes simdjson reads past the end, else from a padded copy): a mapped 200 MB plan is unmapped before the
    /// tree is built, so the two never count against the peak together.
    ///
    /// `sharesPlannedValues` is for terraform plans: a change's `after` and `after_sensitive` that equal the
    /// planned values of its address (as they do for every create and update) are shared with them instead
    /// of being built a second time. The tree is the same value either way.
    public static func decode(
        _ data: consuming Data, skippingTopLevelKeys skipped: Set<String>, sharesPlannedValues: Bool = false
    ) throws -> JSONValue {
        if data.count >= piecewiseThreshold {
            let pieces = data.withUnsafeBytes { raw -> JSONValue? in
                guard let base = raw.baseAddress, ss_json_has_readable_padding(base, raw.count) else { return nil }
                return decodeInPieces(raw, skipping: skipped, sharesPlannedValues: sharesPlannedValues)
            }
            if let pieces { return pieces }
        }
        var code: Int32 = 0
        let parsed: OpaquePointer? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            return ss_json_parse(base.assumingMemoryBound(to: UInt8.self), raw.count, maximumDepth, &code)
        }
        guard let document = parsed else {
            if code == ss_json_depth_error() { throw TooDeep(limit: maximumDepth) }
            return try foundationDecode(data, skipping: skipped)
        }
        defer { ss_json_free(document) }
        guard let tape = ss_json_tape(document), let strings = ss_json_strings(document) else {
            return try foundationDecode(data, skipping: skipped)
        }
        let size = data.count
        _ = consume data
        var reader = TapeReader(tape: tape, strings: strings, recent: RecentStrings(forBytes: size))
        return reader.root(skipping: skipped, sharesPlannedValues: sharesPlannedValues)
    }

    private static func foundationDecode(_ data: Data, skipping skipped: Set<String>) throws -> JSONValue {
        let value = try JSONDecoder().decode(JSONValue.self, from: data)
        guard !skipped.isEmpty, case .object(let members) = value else { return value }
        return .object(members.filter { !skipped.contains($0.key) })
    }
}

/// One forward pass over a simdjson tape (simdjson's doc/tape.md): a word per value, its kind in the top byte.
///
/// Strings are a 32-bit little-endian length, the bytes and a NUL in the string buffer; numbers take the
/// following word; `{` and `[` carry the index just past their closing word in the low 32 bits. Recursion
/// is bounded by `FastJSON.maximumDepth`, which simdjson enforced while parsing.
/// The tape's buffers, read (never written) by several threads while one document is built.
struct SharedTape: @unchecked Sendable {
    let tape: UnsafePointer<UInt64>
    let strings: UnsafePointer<UInt8>
}

struct TapeReader {
    let tape: UnsafePointer<UInt64>
    let strings: UnsafePointer<UInt8>
    var index = 1  // word 0 is the root marker
    /// This thread's recently built long strings, reused when the same text comes again.
    let recent: RecentStrings
    /// Containers this reader built through `repeatedValue`, by tape span.
    let repeats = RepeatedValues()

    init(tape: UnsafePointer<UInt64>, strings: UnsafePointer<UInt8>, recent: RecentStrings = RecentStrings()) {
        self.tape = tape
        self.strings = strings
        self.recent = recent
    }

    private static let payloadMask: UInt64 = 0x00FF_FFFF_FFFF_FFFF

    func kind(_ position: Int) -> UInt8 { UInt8(truncatingIfNeeded: tape[position] >> 56) }

    /// The document, with the named top-level members left out; large documents are built on every core.
    mutating func root(skipping skipped: Set<String>, sharesPlannedValues: Bool = false) -> JSONValue {
        let span = kind(index) == UInt8(ascii: "{") || kind(index) == UInt8(ascii: "[") ? end(of: index) - index : 0
        var splitAbove = span / (Parallel.width * 8)
        if Parallel.width == 1 || splitAbove < Self.smallestSplit { splitAbove = Int.max }
        if kind(index) == UInt8(ascii: "{"), sharesPlannedValues {
            return plan(skipping: skipped, splitAbove: splitAbove)
        }
        guard splitAbove < Int.max || (!skipped.isEmpty && kind(index) == UInt8(ascii: "{")) else { return value() }
        return build([split(splitAbove: splitAbove, skipping: skipped)], concurrently: splitAbove < Int.max)[0]
    }

    /// Containers spanning fewer tape words than this are always built on one thread.
    static let smallestSplit = 4096

    /// The index just past the closing word of the container at `position`.
    func end(of position: Int) -> Int { Int(truncatingIfNeeded: tape[position] & 0xFFFF_FFFF) }

    mutating func skipValue() { index = end(ofValueAt: index) }

    /// The position just past the value at `position`.
    func end(ofValueAt position: Int) -> Int {
        switch kind(position) {
        case UInt8(ascii: "{"), UInt8(ascii: "["): end(of: position)
        case UInt8(ascii: "l"), UInt8(ascii: "u"), UInt8(ascii: "d"): position + 2
        default: position + 1
        }
    }

    func string(at position: Int) -> String {
        let (start, count) = stringBytes(at: position)
        return recent.string(start, count: count)
    }

    /// Where the bytes of the string at `position` are in the string buffer, and how many there are.
    func stringBytes(at position: Int) -> (start: UnsafePointer<UInt8>, count: Int) {
        let offset = Int(truncatingIfNeeded: tape[position] & Self.payloadMask)
        let start = strings + offset
        var length: UInt32 = 0
        withUnsafeMutableBytes(of: &length) { $0.copyMemory(from: UnsafeRawBufferPointer(start: start, count: 4)) }
        return (start + 4, Int(UInt32(littleEndian: length)))
    }

    mutating func value() -> JSONValue {
        let word = tape[index]
        switch UInt8(truncatingIfNeeded: word >> 56) {
        case UInt8(ascii: "{"):
            let count = Int(truncatingIfNeeded: (word >> 32) & 0xFF_FFFF)
            index += 1
            var members: [JSONObject.Element] = []
            members.reserveCapacity(count)
            while kind(index) != UInt8(ascii: "}") {
                let key = string(at: index)
                index += 1
                members.append((key: key, value: value()))
            }
            index += 1
            return .object(JSONObject(members: consume members))
        case UInt8(ascii: "["):
            let count = Int(truncatingIfNeeded: (word >> 32) & 0xFF_FFFF)
            index += 1
            var items: [JSONValue] = []
            items.reserveCapacity(count)
            while kind(index) != UInt8(ascii: "]") { items.append(value()) }
            index += 1
            return .array(items)
        case UInt8(ascii: "\""):
            defer { index += 1 }
            return .string(string(at: index))
        case UInt8(ascii: "l"):
            defer { index += 2 }
            return .number(Double(Int64(bitPattern: tape[index + 1])))
        case UInt8(ascii: "u"):
            defer { index += 2 }
            return .number(Double(tape[index + 1]))
        case UInt8(ascii: "d"):
            defer { index += 2 }
            return .number(Double(bitPattern: tape[index + 1]))
        case UInt8(ascii: "t"):
            index += 1
            return .bool(true)
        case UInt8(ascii: "f"):
            index += 1
            return .bool(false)
        default:  // "n"
            index += 1
            return .null
        }
    }
}

extension TapeReader {
    /// The value at `index`, shared with an equal container this reader built before from the same tape, else
    /// built and remembered. Equal means the same tape words (numbers bit for bit) and the same string bytes.
    mutating func repeatedValue() -> JSONValue {
        let start = index
        guard kind(start) == UInt8(ascii: "{") || kind(start) == UInt8(ascii: "[") else { return value() }
        let span = end(of: start) - start
        for known in repeats.candidates(span: span) where sameValue(at: known.position, start, span: span) {
            index = start + span
            return known.value
        }
        let built = value()
        repeats.remember(span: span, position: start, value: built)
        return built
    }

    /// True when the `span` tape words at `first` and at `second` hold the same value. Equal sequences of
    /// kinds nest alike, so brackets compare by kind alone.
    func sameValue(at first: Int, _ second: Int, span: Int) -> Bool {
        var offset = 0
        while offset < span {
            let word = tape[first + offset]
            let other = tape[second + offset]
            let kind = UInt8(truncatingIfNeeded: word >> 56)
            guard kind == UInt8(truncatingIfNeeded: other >> 56) else { return false }
            switch kind {
            case UInt8(ascii: "\""):
                let (start, count) = stringBytes(at: first + offset)
                let (otherStart, otherCount) = stringBytes(at: second + offset)
                guard count == otherCount, count == 0 || memcmp(start, otherStart, count) == 0 else { return false }
            case UInt8(ascii: "l"), UInt8(ascii: "u"), UInt8(ascii: "d"):
                offset += 1
                guard tape[first + offset] == tape[second + offset] else { return false }
            default:
                break
            }
            offset += 1
        }
        return true
    }
}

/// Containers one reader has built, by tape span, the last few of each span: what `repeatedValue` shares.
final class RepeatedValues {
    private static let perSpan = 8
    private var bySpan: [Int: [(position: Int, value: JSONValue)]] = [:]

    func candidates(span: Int) -> [(position: Int, value: JSONValue)] { bySpan[span] ?? [] }

    func remember(span: Int, position: Int, value: JSONValue) {
        var known = bySpan[span] ?? []
        if known.count == Self.perSpan { known.removeFirst() }
        known.append((position, value))
        bySpan[span] = known
    }
}

/// The last long string built for each of 1,024 slots, by a hash of its length and its first and last 8 bytes.
///
/// A string of up to 15 UTF-8 bytes is stored inline; a longer one is its own allocation. A plan repeats a
/// few hundred long keys (`sensitive_values`, `server_side_encryption_configuration`) and values
/// (`registry.terraform.io/hashicorp/aws`) hundreds of thousands of times: at 100k resources, a fifth of the
/// decoded tree. Reusing the last string of a slot when its bytes match costs a compare instead of an
/// allocation; a unique string (an address, an ARN) just takes the slot. One reader's thread owns it.
///
/// A small document (a policy a rule reads, decoded once per rule and resource) gets 32 slots: setting up and
/// tearing down 1,024 for each was a tenth of the rules' time on a large plan.
final class RecentStrings {
    private let slotCount: Int
    private let shift: UInt64
    private let slots: UnsafeMutablePointer<String>

    init(forBytes documentBytes: Int = .max) {
        let bits = documentBytes < 64 << 10 ? 5 : 10
        slotCount = 1 << bits
        shift = UInt64(64 - bits)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: "", count: slotCount)
    }

    deinit {
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    func string(_ start: UnsafePointer<UInt8>, count: Int) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: count)
        guard count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        let head = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
        let tail = UnsafeRawPointer(start + count - 8).loadUnaligned(as: UInt64.self)
        let mixed = (head ^ (tail &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(count)) &* 0xC2B2_AE3D_27D4_EB4F
        let slot = slots + Int(truncatingIfNeeded: mixed >> shift)
        var cached = slot.pointee
        let isSame = cached.utf8.count == count
            && cached.withUTF8 { memcmp($0.baseAddress!, start, count) == 0 }
        if isSame { return cached }
        cached = String(decoding: bytes, as: UTF8.self)
        slot.pointee = cached
        return cached
    }
}
