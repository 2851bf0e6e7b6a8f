import Core
import Foundation
import Testing

@testable import Scanners

/// simdjson must read every document exactly as Foundation's `JSONDecoder` does, and refuse what it refuses.
@Suite struct FastJSONTests {
    static func foundation(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Exotic but valid: escapes, surrogate pairs, raw UTF-8, number edge cases, empty containers.
    static let validDocuments: [String] = [
        #"{}"#, #"[]"#, #"{"a":{},"b":[],"c":[{}],"d":[[]]}"#, #"  {"a" : [ 1 , 2 ] }  "#,
        #"{"s":"\"\\\/\b\f\n\r\t"}"#, #"["\u0041\u00e9\u4e2d\u0000x"]"#, #"["\ud83d\ude00 and \uD834\uDD1E"]"#,
        #"["é中😀", "", " "]"#, #"{"\u006b\u0065\u0079":"escaped key","":"empty key"}"#,
        #"[0, -0, 1, -1, 1.5, -0.0, 0.1, 1e10, 1E+2, 2.5e-3, -1e-300, 1e300, 5e-324, 1.7976931348623157e308]"#,
        #"[9007199254740993, 9223372036854775807, -9223372036854775808, 18446744073709551615]"#,
        #"[123456789012345678901234567890, 1.0]"#,
        #"[true, false, null, {"n": null}]"#, #""top-level string""#, "42", "null",
        #"{"a":{"b":{"c":{"d":{"e":[[[[["deep"]]]]]}}}}}"#,
        String(repeating: "[", count: 400) + String(repeating: "]", count: 400),
    ]

    @Test(arguments: validDocuments)
    func decodesLikeFoundation(_ text: String) throws {
        #expect(try FastJSON.decode(Data(text.utf8)) == Self.foundation(text))
    }

    /// A plan-sized document is built on every core (containers above a share of the tape are split): the
    /// value must be the one pass's, member for member, with skipped sections left out.
    @Test func largeDocumentsDecodeLikeFoundation() throws {
        var random = Mutator.Generator(state: 17)
        func resource(_ index: Int) -> String {
            let tags = (0..<Int(random.next() % 6)).map { #""k\#($0)":"v\#(index)""# }.joined(separator: ",")
            return #"{"address":"aws_s3_bucket.b\#(index)","values":{"bucket":"b\#(index)","n":\#(index),"#
                + #""on":\#(index % 2 == 0),"tags":{\#(tags)},"list":[1,2.5,null,"x"],"nested":[{"a":[]}]}}"#
        }
        // Foundation decodes each resource once (it is slow in debug builds); the document repeats them.
        let texts = (0..<2000).map(resource)
        let values = try texts.map(Self.foundation)
        let resources = texts.joined(separator: ",")
        let text = #"{"format_version":"1.2","planned_values":{"root_module":{"resources":[\#(resources)]}},"#
            + #""prior_state":{"values":[\#(resources)]},"resource_changes":[\#(resources)],"empty":{}}"#
        let expected: JSONValue = .object([
            "format_version": "1.2", "planned_values": .object(["root_module": .object(["resources": .array(values)])]),
            "resource_changes": .array(values), "empty": .object([:]),
        ])
        #expect(try FastJSON.decode(Data(text.utf8), skippingTopLevelKeys: ["prior_state"]) == expected)
        guard case .object(var members) = expected else { return }
        members["prior_state"] = .object(["values": .array(values)])
        #expect(try FastJSON.decode(Data(text.utf8)) == .object(members))
        #expect(try FastJSON.decode(Data("[\(resources)]".utf8)) == .array(values))
    }

    /// Duplicate keys keep the last value (Foundation differs; terraform never writes duplicate keys).
    @Test func duplicateKeysKeepTheLastValue() throws {
        let text = #"{"a":1,"b":{"x":true},"a":2}"#
        #expect(try FastJSON.decode(Data(text.utf8))["a"] == 2)
    }

    static let invalidDocuments: [String] = [
        "", " ", #"{"a":}"#, #"{"a":1"#, "[01]", #"["unterminated]"#, "{'a':1}", "[NaN]", "[1e400]",
        "tru", #"{"a" 1}"#, "[1] [2]",
    ]

    /// Whatever Foundation refuses is refused, with Foundation's own error (simdjson hands it over).
    @Test(arguments: invalidDocuments)
    func refusesWhatFoundationRefuses(_ text: String) throws {
        #expect(throws: (any Error).self) { try Self.foundation(text) }
        #expect(throws: (any Error).self) { try FastJSON.decode(Data(text.utf8)) }
    }

    @Test func invalidUTF8IsRefused() {
        let bytes = Data([UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")])
        #expect(throws: (any Error).self) { try FastJSON.decode(bytes) }
    }

    /// A hostile document nested deeper than the bound is refused plainly, before anything recurses over it.
    @Test(arguments: ["[", #"{"a":"#])
    func deepNestingIsRefused(_ opener: String) {
        let depth = FastJSON.maximumDepth + 100
        let closer = opener == "[" ? "]" : "}"
        let text = String(repeating: opener, count: depth) + "1" + String(repeating: closer, count: depth)
        #expect(throws: FastJSON.TooDeep(limit: 512)) { try FastJSON.decode(Data(text.utf8)) }
        let hostile = String(repeating: opener, count: 100_000)
        #expect(throws: (any Error).self) { try FastJSON.decode(Data(hostile.utf8)) }
    }

    @Test func skippedTopLevelSectionsAreLeftOut() throws {
        let text = #"{"prior_state":{"x":[1,2,{"y":3.5}],"z":"s"},"a":1.5,"relevant_attributes":[[1],[2]],"b":"c","o":7}"#
        let decoded = try FastJSON.decode(Data(text.utf8), skippingTopLevelKeys: ["prior_state", "relevant_attributes", "o"])
        #expect(decoded == ["a": .number(1.5), "b": "c"])
        #expect(try FastJSON.decode(Data("[1]".utf8), skippingTopLevelKeys: ["a"]) == [1])
    }

    /// Every real plan of the corpus decodes to the same value both ways.
    @Test(arguments: ["aws-plan", "aws-plan-2", "gcp-plan", "azure-plan"])
    func realPlansDecodeLikeFoundation(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestTools.fixture("terraform/\(name)/plan.json")))
        #expect(try FastJSON.decode(data) == JSONDecoder().decode(JSONValue.self, from: data))
    }
}
