import CSimdjson
import Core
import Foundation

/// Decoding a large document in pieces, so its whole tape never exists.
///
/// simdjson's DOM parser holds the text, its structural index, the tape and a copy of every string at once:
/// 3.5 times a 236 MiB plan before one value is built, and every page of that is fresh memory the kernel must
/// clear (on a virtual machine, about half a second per gigabyte). Here simdjson's On Demand API walks the
/// document's upper levels (`ss_json_outline_walk`: the root and objects a few levels down are opened, array
/// elements and everything deeper are left whole, only skipped). The values left whole are parsed in batches
/// of a few megabytes, each batch one small document (`[piece,piece,...]`), by DOM parsers that are reused;
/// each batch's values are built while its tape is in cache, and the opened containers are assembled from
/// them. The walk hands over its nodes as it goes, so batches are built on the other cores while it walks on
/// (`PieceSchedule`). Every byte is still validated: the walk checks the opened containers' punctuation and
/// keys, and the DOM parser everything inside the pieces.
///
/// Any failure (a malformation, a number simdjson refuses, nesting too deep) gives `nil`, and the caller
/// decodes the whole document the usual way, which reports the error as it always has.
extension FastJSON {
    /// Documents smaller than this are parsed whole: the walk costs more than it saves.
    static let piecewiseThreshold = 8 << 20

    /// Objects this many levels down (the root is level 0) are opened; a plan's `resource_changes` entries,
    /// `planned_values` modules and `module_calls` entries are the pieces.
    static let outlineObjectDepth = 4

    /// The document in `bytes` (followed by `ss_json_padding()` readable bytes), or nil when it must be
    /// decoded whole. `batchBytes` nil: an eighth of a core's share, 1 to 4 MiB (a parser holds about 3.5
    /// times its batch).
    static func decodeInPieces(
        _ bytes: UnsafeRawBufferPointer, skipping skipped: Set<String>, sharesPlannedValues: Bool,
        batchBytes: Int? = nil
    ) -> JSONValue? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return nil }
        let target = batchBytes ?? min(4 << 20, max(1 << 20, bytes.count / (Parallel.width * 8)))
        let schedule = PieceSchedule(
            text: SharedText(base: base, count: bytes.count), targetBytes: target,
            outline: Outline(skipped: skipped, sharesPlannedValues: sharesPlannedValues))
        return schedule.run()
    }
}

/// The document's text, read by several threads at once (never written).
struct SharedText: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
}

/// The outline's nodes as Swift values, each piece with the way it is built.
struct Outline: Sendable {
    enum Kind: Sendable { case object, array, piece }

    /// How a piece is built: plainly, as `resource_changes` (whole, or one entry), as a `module_calls` entry,
    /// or not at all (a skipped top-level member: parsed, so validated, never built).
    enum Role: Sendable { case plain, changes, change, moduleCall, skipped }

    /// Changes are built after the planned values they share (`TapeReader.changeEntry`); the rest first.
    enum Phase: Sendable {
        case first, changes

        init(_ role: Role) { self = role == .changes || role == .change ? .changes : .first }
    }

    /// A piece the planned-resource index reads: an entry of `planned_values.root_module.resources`, or of its
    /// `child_modules` (a module, with its own resources and modules).
    enum Planned: Sendable { case resource, module }

    struct Node: Sendable {
        var parent: Int
        var kind: Kind
        var key: String
        var start: Int
        var length: Int
        var depth: Int
        var role: Role
        var planned: Planned? = nil
    }

    var nodes: [Node] = []
    /// Each opened container's children, in document order.
    var children: [[Int]] = []
    let skipped: Set<String>
    let sharesPlannedValues: Bool

    init(skipped: Set<String>, sharesPlannedValues: Bool) {
        self.skipped = skipped
        self.sharesPlannedValues = sharesPlannedValues
    }

    /// Adds the walk's nodes `range` (every node before them is already here); `keys` are the walk's key bytes.
    mutating func append(_ raw: UnsafePointer<ss_json_outline_node>, _ range: Range<Int>, keys: UnsafePointer<UInt8>) {
        nodes.reserveCapacity(range.upperBound)
        children.reserveCapacity(range.upperBound)
        for index in range {
            let node = raw[index]
            let parent = Int(node.parent)
            let key = String(decoding: UnsafeBufferPointer(start: keys + node.key_offset, count: node.key_length),
                as: UTF8.self)
            let kind: Kind = node.kind == UInt8(ascii: "{") ? .object : node.kind == UInt8(ascii: "[") ? .array : .piece
            let depth = parent < 0 ? 0 : nodes[parent].depth + 1
            var role = Role.plain
            children.append([])
            if parent >= 0 {
                children[parent].append(index)
                role = Self.role(key: key, parent: parent, in: nodes, skipped: skipped, plan: sharesPlannedValues)
            }
            let isPlanned = kind == .piece && sharesPlannedValues && parent >= 0
            let planned = isPlanned ? Self.planned(under: parent, in: nodes) : nil
            nodes.append(Node(parent: parent, kind: kind, key: key, start: node.start, length: node.length,
                depth: depth, role: role, planned: planned))
        }
    }

    /// The piece at `index`, as a batch carries it.
    func piece(_ index: Int) -> Piece {
        let node = nodes[index]
        return Piece(
            node: index, start: node.start, length: node.length, depth: node.depth, role: node.role,
            planned: node.planned)
    }

    private static func planned(under parent: Int, in nodes: [Node]) -> Planned? {
        let list = nodes[parent]
        guard list.kind == .array, list.depth == 3, list.key == "resources" || list.key == "child_modules" else {
            return nil
        }
        let module = nodes[list.parent]
        let values = nodes[module.parent]
        guard module.key == "root_module", module.kind == .object, values.key == "planned_values", values.parent == 0,
            nodes[0].kind == .object
        else { return nil }
        return list.key == "resources" ? .resource : .module
    }

    private static func role(key: String, parent: Int, in nodes: [Node], skipped: Set<String>, plan: Bool) -> Role {
        let container = nodes[parent]
        let isTopLevelMember = container.parent < 0 && container.kind == .object
        if isTopLevelMember, skipped.contains(key) { return .skipped }
        guard plan else { return .plain }
        if isTopLevelMember { return key == "resource_changes" ? .changes : .plain }
        if container.depth == 1, container.key == "resource_changes", container.kind == .array,
            nodes[container.parent].parent < 0
        {
            return .change
        }
        if container.depth == 3, container.key == "module_calls", container.kind == .object {
            let rootModule = nodes[container.parent]
            let configuration = nodes[rootModule.parent]
            if rootModule.key == "root_module", configuration.key == "configuration", configuration.parent == 0 {
                return .moduleCall
            }
        }
        return .plain
    }

    /// The value of node `index`, its pieces moved out of `values` (left `.null`); skipped members are left out.
    func assemble(_ index: Int, _ values: inout [JSONValue]) -> JSONValue {
        switch nodes[index].kind {
        case .piece:
            var value = JSONValue.null
            swap(&value, &values[index])
            return value
        case .array:
            var items: [JSONValue] = []
            items.reserveCapacity(children[index].count)
            for child in children[index] { items.append(assemble(child, &values)) }
            return .array(items)
        case .object:
            var members: [JSONObject.Element] = []
            members.reserveCapacity(children[index].count)
            for child in children[index] where nodes[child].role != .skipped {
                members.append((key: nodes[child].key, value: assemble(child, &values)))
            }
            return .object(JSONObject(members: members))
        }
    }
}

/// A value left whole, as a batch carries it (so building never reads the outline, which the walk extends).
struct Piece: Sendable {
    var node: Int
    var start: Int
    var length: Int
    var depth: Int
    var role: Outline.Role
    var planned: Outline.Planned?
}

/// simdjson DOM parsers, one per thread at a time, kept for the whole decode: a parser's buffers, once
/// touched, are reused by every batch it parses.
final class ParserPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [OpaquePointer] = []

    deinit {
        for parser in idle { ss_json_parser_free(parser) }
    }

    /// The values of one batch's pieces, in order, or nil when the batch does not parse.
    func build(_ batch: [Piece], text: SharedText, planned: [String: TapeReader.PlannedResource]) -> [JSONValue]? {
        guard let parser = take() else { return nil }
        defer { put(parser) }
        let padding = ss_json_padding()
        var length = 1
        for piece in batch { length += piece.length + 1 }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: length + padding)
        defer { buffer.deallocate() }
        buffer[0] = UInt8(ascii: "[")
        var cursor = 1
        var deepest = 0
        for piece in batch {
            (buffer + cursor).update(from: text.base + piece.start, count: piece.length)
            cursor += piece.length
            buffer[cursor] = UInt8(ascii: ",")
            cursor += 1
            deepest = max(deepest, piece.depth)
        }
        buffer[cursor - 1] = UInt8(ascii: "]")
        (buffer + length).initialize(repeating: UInt8(ascii: " "), count: padding)

        var tape: UnsafePointer<UInt64>?
        var strings: UnsafePointer<UInt8>?
        var code: Int32 = 0
        // A piece `deepest` levels down may nest that much less; the batch's array is one level of its own.
        let depthLimit = FastJSON.maximumDepth - deepest + 1
        guard depthLimit > 0, ss_json_parser_parse(parser, buffer, length, depthLimit, &tape, &strings, &code),
            let tape, let strings
        else { return nil }
        var reader = TapeReader(tape: tape, strings: strings)
        reader.index = 2  // past the root marker and the batch's `[`
        return batch.map { piece in
            switch piece.role {
            case .plain: return reader.value()
            case .change: return reader.changeEntry(planned)
            case .changes: return reader.changeEntries(planned)
            case .moduleCall: return reader.moduleCall()
            case .skipped:
                reader.skipValue()
                return .null
            }
        }
    }

    private func take() -> OpaquePointer? {
        lock.lock()
        let parser = idle.popLast()
        lock.unlock()
        return parser ?? ss_json_parser_new()
    }

    private func put(_ parser: OpaquePointer) {
        lock.lock()
        idle.append(parser)
        lock.unlock()
    }
}
