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

    /// Long strings are reused by a hash of their length and outer bytes: strings alike in all three but
    /// different inside must still decode to themselves, in any interleaving.
    @Test func longStringsAlikeAtTheEndsStayDistinct() throws {
        let strings = (0..<300).map { "prefix-0_\(String(format: "%04d", $0 % 37))\($0 % 2 == 0 ? "é" : "e")_suffix-9" }
            + ["", "short", String(repeating: "x", count: 15), String(repeating: "x", count: 16), "0123456789abcdef"]
        let keys = strings.enumerated().map { #""\#($0.element)-\#($0.offset % 3)""# }
        let text = "[" + strings.map { #"{"\#($0)":"\#($0)","v":["\#($0)"]}"# }.joined(separator: ",") + ","
            + "{" + keys.map { "\($0):1" }.joined(separator: ",") + "}]"
        #expect(try FastJSON.decode(Data(text.utf8)) == Self.foundation(text))
    }

    /// A plan's changes share the planned values they repeat; every other shape is built, and the value is
    /// always the plain decode's: equal, different, reordered, -0 against 0, a missing or unplanned address.
    @Test(arguments: [1, 400])  // 400 copies span enough of the tape to be built on every core
    func changesSharingPlannedValuesDecodeLikeFoundation(_ copies: Int) throws {
        func plan(_ copy: Int) -> (planned: String, changes: String) {
            let planned = [
                #"{"address":"a.same\#(copy)","values":{"n":1,"tags":{"k":"v"},"list":[1,"x",null]},"sensitive_values":{"tags":{}}}"#,
                #"{"address":"a.differs\#(copy)","values":{"n":1},"sensitive_values":{}}"#,
                #"{"address":"a.text\#(copy)","values":{"s":"same length"},"sensitive_values":{}}"#,
                #"{"address":"a.reordered\#(copy)","values":{"a":1,"b":2},"sensitive_values":{}}"#,
                #"{"address":"a.zero\#(copy)","values":{"n":0.0},"sensitive_values":{}}"#,
                #"{"address":"a.nested\#(copy)","values":{"o":{"p":[{"q":true}]}},"sensitive_values":{"o":{"p":[{}]}}}"#,
            ].joined(separator: ",")
            let changes = [
                #"{"address":"a.same\#(copy)","change":{"actions":["create"],"before":null,"after":{"list":[1,"x",null],"n":1,"tags":{"k":"v"}},"after_sensitive":{"tags":{}}}}"#,
                #"{"address":"a.differs\#(copy)","change":{"actions":["update"],"before":{"n":1},"after":{"n":2},"after_sensitive":{}}}"#,
                #"{"address":"a.reordered\#(copy)","change":{"actions":["create"],"after":{"b":2,"a":1}}}"#,
                #"{"address":"a.text\#(copy)","change":{"actions":["update"],"after":{"s":"same_length"}}}"#,
                #"{"address":"a.zero\#(copy)","change":{"actions":["create"],"after":{"n":-0.0}}}"#,
                #"{"address":"a.nested\#(copy)","change":{"actions":["create"],"after":{"o":{"p":[{"q":false}]}},"after_sensitive":{"o":{"p":[{}]}}}}"#,
                #"{"address":"a.unplanned\#(copy)","change":{"actions":["delete"],"after":null}}"#,
                #"{"change":{"actions":["create"],"after":{"n":1}}}"#,
                #"{"address":"a.same\#(copy)","change":"not an object"}"#,
            ].joined(separator: ",")
            return (planned, changes)
        }
        let parts = (0..<copies).map(plan)
        let text = #"{"format_version":"1.2","resource_changes":["# + parts.map(\.changes).joined(separator: ",")
            + #"],"planned_values":{"root_module":{"resources":[],"child_modules":[{"resources":["#
            + parts.map(\.planned).joined(separator: ",") + "]}]}},\"prior_state\":{}}"
        let expected = try Self.foundation(text)
        guard case .object(var members) = expected else { return }
        members["prior_state"] = nil
        #expect(try FastJSON.decode(Data(text.utf8), skippingTopLevelKeys: ["prior_state"], sharesPlannedValues: true)
            == .object(members))
        #expect(try FastJSON.decode(Data(text.utf8), skippingTopLevelKeys: [], sharesPlannedValues: true) == expected)
        // Not a plan: decodes as usual.
        #expect(try FastJSON.decode(Data("[1,{\"a\":2}]".utf8), skippingTopLevelKeys: [], sharesPlannedValues: true)
            == [1, ["a": 2]])
    }

    /// simdjson reads up to 64 bytes past the text: it parses in place only when they are in the text's last
    /// page. Here the page after the text is unreadable, so a read past the end in any other case would crash.
    @Test(arguments: [0, 1, 32, 63, 64, 65, 300])
    func textEndingNearAnUnreadablePageParses(_ slack: Int) throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let region = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            region != MAP_FAILED
        else {
            Issue.record("mmap failed")
            return
        }
        defer { munmap(region, 2 * page) }
        #expect(mprotect(region + page, page, PROT_NONE) == 0)
        let text = #"{"key":["a string that ends the document near the page boundary"],"last":"value"}"#
        let bytes = Array(text.utf8)
        let start = region + page - slack - bytes.count
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        let data = Data(bytesNoCopy: start, count: bytes.count, deallocator: .none)
        #expect(try FastJSON.decode(data) == Self.foundation(text))
    }
}

