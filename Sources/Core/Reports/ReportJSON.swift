import Foundation

/// JSON exactly as `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` writes it, byte
/// for byte, in a fraction of the time (or, in `JSONStyle.compact`, as it writes without `.prettyPrinted`).
///
/// Every report steadystate writes (`--to json`, SARIF, `.steadystate/report.json`) uses those options. On a
/// 10k-resource plan the run report holds about 19k findings, and Foundation's encoder spent a fifth of the
/// whole scan on it: it boxes every value, keeps a coding path per level and sorts each object's dictionary
/// while writing. This encoder escapes scalars into one byte arena as they arrive, keeps objects as ordered
/// lists of (key, node), and sorts keys once per object while writing. The output contract is the
/// Foundation one, checked by `ReportJSONTests` on the golden reports and on random values:
/// - two-space indent, `"key" : value`, an empty container as `[`, a blank line, the closing bracket;
/// - keys in `String` order; numbers as their `description` without a trailing `.0`; `NaN` and infinities
///   throw; strings escape `"`, `\` and control characters (`\b \f \n \r \t`, else `\u00xx`), nothing else;
/// - `Date` through its own `Encodable` (Foundation's default `deferredToDate`), `URL` as its absolute string,
///   `Data` as Base64 (the defaults).
/// The coding path is not tracked (it only feeds error messages, and costs an allocation per level).
public enum ReportJSON {
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        Data(try bytes(value))
    }

    public static func bytes<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        var output: [UInt8] = []
        try JSONTree.write(value, style: .pretty(0), into: &output)
        return output
    }

    /// The same bytes as `bytes`, handed to `write` in consecutive parts as they are made: the findings of a
    /// large report are written a batch at a time (a chunk per core each), so a 300 MB run report is never
    /// whole in memory, nor copied into one array or `Data`, on its way to the file
    /// (`FileSystem.writeFile(_:streaming:)`). No part is empty.
    ///
    /// With `findingsOnePerLine`, each finding of a finding list is written compact on a line of its own (the
    /// rest stays pretty): the run report's layout, a third smaller, one line per finding for `grep`.
    public static func stream<Value: Encodable>(
        _ value: Value, findingsOnePerLine: Bool = false, to write: ([UInt8]) throws -> Void
    ) throws {
        let tree = JSONTree()
        tree.keepsPiecesApart = true
        var output: [UInt8] = []
        try tree.write(encoding: value, depth: 0, into: &output)
        var written = 0
        for splice in tree.splices {
            if splice.offset > written { try write(Array(output[written..<splice.offset])) }
            let deferred = tree.deferred[splice.deferred]
            try deferred.value.writeJSONPieces(depth: deferred.depth, compactElements: findingsOnePerLine) { piece in
                if !piece.isEmpty { try write(piece) }
            }
            written = splice.offset
        }
        if output.count > written { try write(written == 0 ? output : Array(output[written...])) }
    }
}

/// A value whose JSON is best written as several buffers, made as they are written (see `ReportJSON.stream`);
/// `writeJSON` still writes it whole.
protocol PiecewiseJSONWritable: DirectJSONWritable {
    /// The value's pretty JSON at `depth`, handed to `write` in consecutive pieces; with `compactElements`,
    /// each element compact on a line of its own.
    func writeJSONPieces(depth: Int, compactElements: Bool, to write: ([UInt8]) throws -> Void) throws
}

/// What `ReportJSON` builds before writing: leaves already escaped into `arena`, containers as lists.
final class JSONTree {
    enum Kind { case empty, leaf, object, array, pieces }
    /// A leaf's bytes are `arena[start..<end]`; a container's members are `objects[start]` or `arrays[start]`;
    /// a piecewise value is `deferred[start]`.
    struct Node {
        var kind: Kind = .empty
        var start = 0
        var end = 0
    }

    var nodes: [Node] = []
    var arena: [UInt8] = []
    var objects: [[(key: String, node: Int)]] = []
    var arrays: [[Int]] = []
    /// Set by `ReportJSON.stream`: piecewise values are kept aside, unwritten, and listed in `splices` (where
    /// their bytes go in the written output) instead of being written into it.
    var keepsPiecesApart = false
    var deferred: [(value: any PiecewiseJSONWritable, depth: Int)] = []
    var splices: [(offset: Int, deferred: Int)] = []
    /// Written without whitespace (Foundation's encoder without `.prettyPrinted`), values that write themselves
    /// included.
    let isCompact: Bool

    init(compact: Bool = false) { isCompact = compact }

    /// Encodes `value` into a tree of its own and writes it at `depth`.
    static func write<Value: Encodable>(_ value: Value, style: JSONStyle, into output: inout [UInt8]) throws {
        try JSONTree(compact: style.isCompact).write(encoding: value, depth: style.depth, into: &output)
    }

    /// Encodes `value` into this (fresh) tree and writes it at `depth`.
    func write<Value: Encodable>(encoding value: Value, depth: Int, into output: inout [UInt8]) throws {
        let root = newNode()
        try encode(value, into: root, depth: depth)
        // Only a fresh buffer: reserving on every nested call would defeat the array's geometric growth.
        if output.isEmpty { output.reserveCapacity(arena.count + arena.count / 2) }
        write(root, depth: depth, into: &output)
    }

    func newNode() -> Int {
        nodes.append(Node())
        return nodes.count - 1
    }

    func makeObject(_ node: Int) -> Int {
        if nodes[node].kind == .object { return nodes[node].start }
        objects.append([])
        nodes[node] = Node(kind: .object, start: objects.count - 1)
        return objects.count - 1
    }

    func makeArray(_ node: Int) -> Int {
        if nodes[node].kind == .array { return nodes[node].start }
        arrays.append([])
        nodes[node] = Node(kind: .array, start: arrays.count - 1)
        return arrays.count - 1
    }

    // MARK: Leaves

    func leaf(_ node: Int, _ write: (inout [UInt8]) -> Void) {
        let start = arena.count
        write(&arena)
        nodes[node] = Node(kind: .leaf, start: start, end: arena.count)
    }

    func setNull(_ node: Int) { leaf(node) { $0.append(contentsOf: "null".utf8) } }
    func setBool(_ node: Int, _ value: Bool) { leaf(node) { $0.append(contentsOf: (value ? "true" : "false").utf8) } }
    func setString(_ node: Int, _ value: String) { leaf(node) { Self.escape(value, into: &$0) } }
    func setInteger<Value: FixedWidthInteger>(_ node: Int, _ value: Value) {
        leaf(node) { $0.append(contentsOf: value.description.utf8) }
    }

    func setFloat<Value: BinaryFloatingPoint & CustomStringConvertible>(_ node: Int, _ value: Value) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Unable to encode \(Value.self).\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        leaf(node) { $0.append(contentsOf: text.utf8) }
    }

    /// `depth` is the nesting level the value will be written at: values that write themselves need it.
    func encode<Value: Encodable>(_ value: Value, into node: Int, depth: Int) throws {
        if keepsPiecesApart, let piecewise = value as? any PiecewiseJSONWritable {
            deferred.append((piecewise, depth))
            nodes[node] = Node(kind: .pieces, start: deferred.count - 1)
        } else if let direct = value as? any DirectJSONWritable {
            let start = arena.count
            try direct.writeJSON(into: &arena, style: JSONStyle(depth: depth, isCompact: isCompact))
            nodes[node] = Node(kind: .leaf, start: start, end: arena.count)
        } else if Value.self == URL.self, let url = value as? URL {
            setString(node, url.absoluteString)
        } else if Value.self == Data.self, let data = value as? Data {
            setString(node, data.base64EncodedString())
        } else {
            try value.encode(to: TreeEncoder(tree: self, node: node, depth: depth))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func escape(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            // Runs without an escape (nearly every string has none) are found a word at a time, copied whole.
            var mark = 0
            var index = ByteScan.firstJSONEscape(bytes)
            while index < bytes.count {
                let byte = bytes[index]
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<index]))
                mark = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                default:
                    output.append(contentsOf: [
                        UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)],
                    ])
                }
                index = ByteScan.firstJSONEscape(bytes, from: mark)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    // MARK: Writing

    func write(_ node: Int, depth: Int, into output: inout [UInt8]) {
        let entry = nodes[node]
        let style = JSONStyle(depth: depth, isCompact: isCompact)
        switch entry.kind {
        case .empty:
            // An `encode(to:)` that asked for no container: Foundation writes an empty object.
            Self.writeContainer(open: "{", close: "}", count: 0, style: style, into: &output) { _, _ in }
        case .leaf:
            arena.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[entry.start..<entry.end])) }
        case .pieces:
            splices.append((output.count, entry.start))  // only a tree that keeps pieces apart makes them
        case .object:
            let members = Self.sortedUnique(objects[entry.start])
            Self.writeContainer(open: "{", close: "}", count: members.count, style: style, into: &output) { index, output in
                Self.escape(members[index].key, into: &output)
                output.append(contentsOf: (isCompact ? ":" : " : ").utf8)
                write(members[index].node, depth: depth + 1, into: &output)
            }
        case .array:
            let items = arrays[entry.start]
            Self.writeContainer(open: "[", close: "]", count: items.count, style: style, into: &output) { index, output in
                write(items[index], depth: depth + 1, into: &output)
            }
        }
    }

    /// A container: pretty at `style.depth`, `open`, each member on its own line one level deeper (written by
    /// `member`), commas between, then `close` on its own line, an empty one holding a blank line, as
    /// Foundation's; compact, `open`, the members with commas between, `close`.
    static func writeContainer(
        open: Unicode.Scalar, close: Unicode.Scalar, count: Int, style: JSONStyle, into output: inout [UInt8],
        member: (Int, inout [UInt8]) throws -> Void
    ) rethrows {
        output.append(UInt8(ascii: open))
        if style.isCompact {
            for index in 0..<count {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try member(index, &output)
            }
            output.append(UInt8(ascii: close))
            return
        }
        let depth = style.depth
        output.append(0x0A)
        for index in 0..<count {
            output.appendSpaces(2 * (depth + 1))
            try member(index, &output)
            if index < count - 1 { output.append(UInt8(ascii: ",")) }
            output.append(0x0A)
        }
        if count == 0 { output.append(0x0A) }
        output.appendSpaces(2 * depth)
        output.append(UInt8(ascii: close))
    }

    /// Keys in `String` order; a key encoded twice keeps its last value, as a dictionary would.
    private static func sortedUnique(_ members: [(key: String, node: Int)]) -> [(key: String, node: Int)] {
        if zip(members, members.dropFirst()).allSatisfy({ $0.key < $1.key }) { return members }
        var sorted = members.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map(\.element)
        var index = sorted.count - 1
        while index > 0 {
            if sorted[index - 1].key == sorted[index].key { sorted.remove(at: index - 1) }
            index -= 1
        }
        return sorted
    }
}

// MARK: - The Encoder side

struct TreeEncoder: Encoder {
    let tree: JSONTree
    let node: Int
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(TreeKeyedContainer<Key>(tree: tree, object: tree.makeObject(node), depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeUnkeyedContainer(tree: tree, array: tree.makeArray(node), depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        TreeSingleValueContainer(tree: tree, node: node, depth: depth)
    }
}

struct TreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let tree: JSONTree
    let object: Int
    /// The object's own depth; its members are written one deeper.
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private func member(_ key: Key) -> Int {
        let node = tree.newNode()
        tree.objects[object].append((key.stringValue, node))
        return node
    }

    mutating func encodeNil(forKey key: Key) throws { tree.setNull(member(key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { tree.setBool(member(key), value) }
    mutating func encode(_ value: String, forKey key: Key) throws { tree.setString(member(key), value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try tree.setFloat(member(key), value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try tree.setFloat(member(key), value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { tree.setInteger(member(key), value) }
    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        try tree.encode(value, into: member(key), depth: depth + 1)
    }

    // Synthesized `Encodable` calls these for optionals; answering them here skips the default's extra hop.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { tree.setString(member(key), value) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { tree.setBool(member(key), value) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { tree.setInteger(member(key), value) }
    }
    mutating func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
        if let value { try tree.encode(value, into: member(key), depth: depth + 1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(
            TreeKeyedContainer<NestedKey>(tree: tree, object: tree.makeObject(member(key)), depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeUnkeyedContainer(tree: tree, array: tree.makeArray(member(key)), depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        let node = tree.newNode()
        tree.objects[object].append(("super", node))
        return TreeEncoder(tree: tree, node: node, depth: depth + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(tree: tree, node: member(key), depth: depth + 1)
    }
}

struct TreeUnkeyedContainer: UnkeyedEncodingContainer {
    let tree: JSONTree
    let array: Int
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { tree.arrays[array].count }

    private func element() -> Int {
        let node = tree.newNode()
        tree.arrays[array].append(node)
        return node
    }

    mutating func encodeNil() throws { tree.setNull(element()) }
    mutating func encode(_ value: Bool) throws { tree.setBool(element(), value) }
    mutating func encode(_ value: String) throws { tree.setString(element(), value) }
    mutating func encode(_ value: Double) throws { try tree.setFloat(element(), value) }
    mutating func encode(_ value: Float) throws { try tree.setFloat(element(), value) }
    mutating func encode(_ value: Int) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: Int8) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: Int16) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: Int32) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: Int64) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: UInt) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: UInt8) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: UInt16) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: UInt32) throws { tree.setInteger(element(), value) }
    mutating func encode(_ value: UInt64) throws { tree.setInteger(element(), value) }
    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try tree.encode(value, into: element(), depth: depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(
            TreeKeyedContainer<NestedKey>(tree: tree, object: tree.makeObject(element()), depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeUnkeyedContainer(tree: tree, array: tree.makeArray(element()), depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(tree: tree, node: element(), depth: depth + 1) }
}

struct TreeSingleValueContainer: SingleValueEncodingContainer {
    let tree: JSONTree
    let node: Int
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { tree.setNull(node) }
    mutating func encode(_ value: Bool) throws { tree.setBool(node, value) }
    mutating func encode(_ value: String) throws { tree.setString(node, value) }
    mutating func encode(_ value: Double) throws { try tree.setFloat(node, value) }
    mutating func encode(_ value: Float) throws { try tree.setFloat(node, value) }
    mutating func encode(_ value: Int) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: Int8) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: Int16) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: Int32) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: Int64) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: UInt) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: UInt8) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: UInt16) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: UInt32) throws { tree.setInteger(node, value) }
    mutating func encode(_ value: UInt64) throws { tree.setInteger(node, value) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { try tree.encode(value, into: node, depth: depth) }
}
