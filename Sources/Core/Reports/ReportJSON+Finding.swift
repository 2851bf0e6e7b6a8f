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
