/// Findings and their evidence write their own JSON: a 10k-resource plan's run report holds about 19k findings
/// and 60k evidence entries, and going through `Encodable` for each field was most of the report's cost.
///
/// The members are listed here in sorted key order, as `JSONEncoder` with `.sortedKeys` writes them, with the
/// names of the synthesized coding keys; `ReportJSONTests` compares the bytes with Foundation's for findings
/// with every field set and with none, so a field added to `Finding` and forgotten here fails there.
extension Finding: DirectJSONWritable {
    func writeJSON(into output: inout [UInt8], style: JSONStyle) throws {
        try fields.writeJSON(into: &output, style: style)
    }
}

extension Finding.Fields {
    func writeJSON(into output: inout [UInt8], style: JSONStyle) throws {
        var object = JSONObjectWriter(into: &output, style: style)
        object.strings("actions", actions, into: &output)
        object.string("category", category.rawValue, into: &output)
        object.string("causedBy", causedBy, into: &output)
        object.string("changeType", changeType?.rawValue, into: &output)
        object.string("detail", detail, into: &output)
        object.key("evidence", into: &output)
        let evidence = self.evidence
        try JSONObjectWriter.array(evidence.count, style: style.nested, into: &output) { index, output in
            try evidence[index].writeJSON(into: &output, style: style.nested.nested)
        }
        object.string("fingerprint", fingerprint, into: &output)
        try object.encodable("fixes", fixes, into: &output)
        object.string("identity", identity, into: &output)
        if let location {
            object.key("location", into: &output)
            try location.writeJSON(into: &output, style: style.nested)
        }
        object.bool("outOfBand", outOfBand, into: &output)
        object.strings("references", references, into: &output)
        object.string("remediation", remediation, into: &output)
        object.string("resource", resource, into: &output)
        object.string("resourceType", resourceType, into: &output)
        object.string("ruleID", ruleID, into: &output)
        object.string("severity", severity.rawValue, into: &output)
        object.string("source", source, into: &output)
        object.string("target", target, into: &output)
        object.string("title", title, into: &output)
        object.close(into: &output)
    }
}

extension Evidence: DirectJSONWritable {
    func writeJSON(into output: inout [UInt8], style: JSONStyle) throws {
        var object = JSONObjectWriter(into: &output, style: style)
        object.string("before", before, into: &output)
        object.bool("isSensitive", isSensitive, into: &output)
        object.string("path", path, into: &output)
        object.string("value", value, into: &output)
        object.close(into: &output)
    }
}

extension SourceLocation: DirectJSONWritable {
    func writeJSON(into output: inout [UInt8], style: JSONStyle) throws {
        var object = JSONObjectWriter(into: &output, style: style)
        object.string("file", file, into: &output)
        object.int("line", line, into: &output)
        object.close(into: &output)
    }
}

/// A report's findings, written a chunk per core: on a large plan they are nearly all of the report's bytes.
extension Array: PiecewiseJSONWritable, DirectJSONWritable where Element == Finding {
    func writeJSON(into output: inout [UInt8], style: JSONStyle) throws {
        try writeJSONPieces(style: style, compactElements: false, findingsPerBatch: 8192) {
            output.append(contentsOf: $0)
        }
    }

    func writeJSONPieces(depth: Int, compactElements: Bool, to write: ([UInt8]) throws -> Void) throws {
        // Batches of about 13 MB pretty.
        try writeJSONPieces(style: .pretty(depth), compactElements: compactElements, findingsPerBatch: 8192, to: write)
    }

    /// `[`, the chunks, `]`, as `JSONObjectWriter.array` writes them in `style`; each finding is followed by
    /// its separator (",\n" pretty, "," compact) and the last drops it. With `compactElements` in a pretty
    /// list, each finding is compact on a line of its own. A batch's chunks are handed on before the next
    /// batch is made, so only one batch is ever in memory.
    func writeJSONPieces(
        style: JSONStyle, compactElements: Bool, findingsPerBatch: Int, to write: ([UInt8]) throws -> Void
    ) throws {
        let isPretty = !style.isCompact
        let elementStyle = compactElements || style.isCompact ? JSONStyle.compact : style.nested
        let indent = isPretty ? 2 * (style.depth + 1) : 0
        @Sendable func append(_ findings: ArraySlice<Finding>, to bytes: inout [UInt8]) throws {
            for finding in findings {
                bytes.appendSpaces(indent)
                try finding.writeJSON(into: &bytes, style: elementStyle)
                bytes.append(UInt8(ascii: ","))
                if isPretty { bytes.append(0x0A) }
            }
        }
        let separator = isPretty ? 2 : 1
        var opening: [UInt8] = [UInt8(ascii: "[")]
        if isPretty { opening.append(0x0A) }
        var closing: [UInt8] = []
        if isPretty {
            closing.append(0x0A)
            closing.appendSpaces(2 * style.depth)
        }
        closing.append(UInt8(ascii: "]"))
        guard count >= 512 else {
            var output = opening
            try append(self[...], to: &output)
            if !isEmpty { output.removeLast(separator) }
            return try write(output + closing)
        }
        try write(opening)
        for batchStart in stride(from: 0, to: count, by: findingsPerBatch) {
            // Positions, not a copy of the batch: copying (and freeing) 190k findings was a retain and a release
            // each, on one core.
            let batch = batchStart..<Swift.min(count, batchStart + findingsPerBatch)
            let chunks = Parallel.chunks(of: batch, minimumChunk: 256) { positions -> Result<[UInt8], any Error> in
                Result {
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(positions.count * (elementStyle.isCompact ? 1100 : 1600))
                    try append(self[positions], to: &bytes)
                    return bytes
                }
            }
            let isLastBatch = batchStart + findingsPerBatch >= count
            for (position, chunk) in chunks.enumerated() {
                var bytes = try chunk.get()
                if isLastBatch && position == chunks.count - 1 { bytes.removeLast(separator) }
                try write(bytes)
            }
        }
        try write(closing)
    }
}
