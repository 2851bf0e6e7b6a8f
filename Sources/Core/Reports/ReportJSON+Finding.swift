/// Findings and their evidence write their own JSON: a 10k-resource plan's run report holds about 19k findings
/// and 60k evidence entries, and going through `Encodable` for each field was most of the report's cost.
///
/// The members are listed here in sorted key order, as `JSONEncoder` with `.sortedKeys` writes them, with the
/// names of the synthesized coding keys; `ReportJSONTests` compares the bytes with Foundation's for findings
/// with every field set and with none, so a field added to `Finding` and forgotten here fails there.
extension Finding: DirectJSONWritable {
    func writeJSON(into output: inout [UInt8], depth: Int) throws {
        var object = PrettyObject(into: &output, depth: depth)
        object.strings("actions", actions, into: &output)
        object.string("category", category.rawValue, into: &output)
        object.string("causedBy", causedBy, into: &output)
        object.string("changeType", changeType?.rawValue, into: &output)
        object.string("detail", detail, into: &output)
        object.key("evidence", into: &output)
        let evidence = self.evidence
        try PrettyObject.array(evidence.count, depth: depth + 1, into: &output) { index, output in
            try evidence[index].writeJSON(into: &output, depth: depth + 2)
        }
        object.string("fingerprint", fingerprint, into: &output)
        try object.encodable("fixes", fixes, into: &output)
        object.string("identity", identity, into: &output)
        if let location {
            object.key("location", into: &output)
            try location.writeJSON(into: &output, depth: depth + 1)
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
    func writeJSON(into output: inout [UInt8], depth: Int) throws {
        var object = PrettyObject(into: &output, depth: depth)
        object.string("before", before, into: &output)
        object.bool("isSensitive", isSensitive, into: &output)
        object.string("path", path, into: &output)
        object.string("value", value, into: &output)
        object.close(into: &output)
    }
}

extension SourceLocation: DirectJSONWritable {
    func writeJSON(into output: inout [UInt8], depth: Int) throws {
        var object = PrettyObject(into: &output, depth: depth)
        object.string("file", file, into: &output)
        object.int("line", line, into: &output)
        object.close(into: &output)
    }
}

/// A report's findings, written a chunk per core: on a large plan they are nearly all of the report's bytes.
extension Array: PiecewiseJSONWritable, DirectJSONWritable where Element == Finding {
    func writeJSON(into output: inout [UInt8], depth: Int) throws {
        try writeJSONPieces(depth: depth) { output.append(contentsOf: $0) }
    }

    /// `[`, the chunks, `]`, as `PrettyObject.array` writes them; each chunk's findings are each followed by
    /// ",\n" and the last chunk drops its final comma. A batch's chunks are handed on before the next
    /// batch is made, so only one batch is ever in memory.
    func writeJSONPieces(depth: Int, to write: ([UInt8]) throws -> Void) throws {
        try writeJSONPieces(depth: depth, findingsPerBatch: 8192, to: write)  // batches of about 13 MB
    }

    func writeJSONPieces(depth: Int, findingsPerBatch: Int, to write: ([UInt8]) throws -> Void) throws {
        guard count >= 512 else {
            var output: [UInt8] = []
            try PrettyObject.array(count, depth: depth, into: &output) { index, output in
                try self[index].writeJSON(into: &output, depth: depth + 1)
            }
            return try write(output)
        }
        try write([UInt8(ascii: "["), 0x0A])
        for batchStart in stride(from: 0, to: count, by: findingsPerBatch) {
            let batch = Array(self[batchStart..<Swift.min(count, batchStart + findingsPerBatch)])
            let chunks = Parallel.chunks(of: batch, minimumChunk: 256) { findings -> Result<[UInt8], any Error> in
                Result {
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(findings.count * 1600)
                    for finding in findings {
                        bytes.append(contentsOf: repeatElement(0x20, count: 2 * (depth + 1)))
                        try finding.writeJSON(into: &bytes, depth: depth + 1)
                        bytes.append(UInt8(ascii: ","))
                        bytes.append(0x0A)
                    }
                    return bytes
                }
            }
            let isLastBatch = batchStart + findingsPerBatch >= count
            for (position, chunk) in chunks.enumerated() {
                var bytes = try chunk.get()
                if isLastBatch && position == chunks.count - 1 { bytes.removeLast(2) }
                try write(bytes)
            }
        }
        try write([0x0A] + [UInt8](repeating: 0x20, count: 2 * depth) + [UInt8(ascii: "]")])
    }
}
