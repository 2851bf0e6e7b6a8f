// MARK: - Values that write themselves

/// How a value is laid out: pretty at a nesting level (`JSONEncoder`'s `.prettyPrinted`), or compact (no
/// whitespace at all, `JSONEncoder` without it).
struct JSONStyle: Sendable {
    var depth: Int
    var isCompact: Bool

    static func pretty(_ depth: Int) -> JSONStyle { JSONStyle(depth: depth, isCompact: false) }
    static let compact = JSONStyle(depth: 0, isCompact: true)

    /// The style of a member or element one level down.
    var nested: JSONStyle { JSONStyle(depth: depth + 1, isCompact: isCompact) }
}

/// A value that writes its own JSON, byte-identical to what its `Encodable` conformance gives through
/// `ReportJSON` in either style: used for the few types a report holds by the ten thousand (findings, their
/// evidence).
protocol DirectJSONWritable {
    /// Writes the value as it appears in `style` (pretty: its closing bracket indented by `style.depth`).
    func writeJSON(into output: inout [UInt8], style: JSONStyle) throws
}

/// Writes one object member by member, in either style; members must come in sorted key order.
struct JSONObjectWriter {
    private(set) var isEmpty = true
    let style: JSONStyle

    init(into output: inout [UInt8], style: JSONStyle) {
        self.style = style
        output.append(UInt8(ascii: "{"))
    }

    /// Member names are literals (the synthesized coding keys), so they are copied, never escaped: none holds
    /// a quote, a backslash or a control character. Written byte by byte: an array literal here was an
    /// allocation per member, fourteen per finding.
    mutating func key(_ key: StaticString, into output: inout [UInt8]) {
        if !isEmpty { output.append(UInt8(ascii: ",")) }
        isEmpty = false
        if !style.isCompact {
            output.append(0x0A)
            output.appendSpaces(2 * (style.depth + 1))
        }
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        output.append(UInt8(ascii: "\""))
        if style.isCompact {
            output.append(UInt8(ascii: ":"))
        } else {
            output.append(0x20)
            output.append(UInt8(ascii: ":"))
            output.append(0x20)
        }
    }

    mutating func string(_ key: StaticString, _ value: String?, into output: inout [UInt8]) {
        guard let value else { return }
        self.key(key, into: &output)
        JSONTree.escape(value, into: &output)
    }

    mutating func bool(_ key: StaticString, _ value: Bool?, into output: inout [UInt8]) {
        guard let value else { return }
        self.key(key, into: &output)
        output.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func int(_ key: StaticString, _ value: Int?, into output: inout [UInt8]) {
        guard let value else { return }
        self.key(key, into: &output)
        output.append(contentsOf: value.description.utf8)
    }

    mutating func strings(_ key: StaticString, _ values: [String]?, into output: inout [UInt8]) {
        guard let values else { return }
        self.key(key, into: &output)
        JSONObjectWriter.array(values.count, style: style.nested, into: &output) { index, output in
            JSONTree.escape(values[index], into: &output)
        }
    }

    /// Any other `Encodable`, through a tree of its own at this member's level.
    mutating func encodable<Value: Encodable>(_ key: StaticString, _ value: Value?, into output: inout [UInt8]) throws {
        guard let value else { return }
        self.key(key, into: &output)
        try JSONTree.write(value, style: style.nested, into: &output)
    }

    func close(into output: inout [UInt8]) {
        if !style.isCompact {
            output.append(0x0A)
            if isEmpty { output.append(0x0A) }
            output.appendSpaces(2 * style.depth)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// An array of `count` elements in `style`, each written by `element` (in `style.nested`).
    static func array(
        _ count: Int, style: JSONStyle, into output: inout [UInt8], element: (Int, inout [UInt8]) throws -> Void
    ) rethrows {
        try JSONTree.writeContainer(open: "[", close: "]", count: count, style: style, into: &output, member: element)
    }
}
