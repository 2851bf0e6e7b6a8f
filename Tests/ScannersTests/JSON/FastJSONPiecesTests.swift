import Core
import Foundation
import Testing

@testable import Scanners

/// Decoding in pieces (an outline, then batches of pieces) must give exactly the whole document's value, and
/// give up (so the whole decode reports the error) on anything the whole decode refuses.
@Suite struct FastJSONPiecesTests {
    static func pieces(_ text: String, skipping: Set<String> = [], plan: Bool = false, batch: Int) -> JSONValue? {
        var bytes = Array(text.utf8)
        bytes.append(contentsOf: Array(repeating: UInt8(ascii: " "), count: padding))
        return bytes.withUnsafeBytes { raw in
            FastJSON.decodeInPieces(
                UnsafeRawBufferPointer(rebasing: raw[0..<text.utf8.count]), skipping: skipping,
                sharesPlannedValues: plan, batchBytes: batch)
        }
    }

    static let padding = 64

    static let plans = ["aws-plan", "aws-plan-2", "gcp-plan", "azure-plan"]

    /// Every real plan, in batches of one piece, of a few pieces and of all of them: the plan decode's value.
    @Test(arguments: plans, [1, 4096, 1 << 30])
    func realPlansDecodeAsWhole(_ name: String, batch: Int) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/terraform/\(name)/plan.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let whole = try FastJSON.decode(
            Data(text.utf8), skippingTopLevelKeys: TerraformPlan.unreadSections, sharesPlannedValues: true)
        let pieces = Self.pieces(text, skipping: TerraformPlan.unreadSections, plan: true, batch: batch)
        #expect(pieces == whole)
        #expect(pieces?["prior_state"] == nil)
    }

    /// Repeated module configurations and masks are shared, and a near-repeat (one byte apart) is not.
    @Test(arguments: [1, 64, 1 << 20])
    func repeatsAreSharedOnlyWhenEqual(batch: Int) throws {
        let module = #"{"resources":[{"address":"aws_s3_bucket.b","expressions":{"bucket":{"constant_value":"x"}}}]}"#
        let other = module.replacingOccurrences(of: #""x""#, with: #""y""#)
        let calls = (0..<6).map { #""m\#($0)":{"source":"./m","module":\#($0 == 3 ? other : module)}"# }
        let changes = (0..<6).map {
            #"{"address":"a.b\#($0)","change":{"actions":["create"],"after":{"n":\#($0)},"#
                + #""after_unknown":{"id":true,"arn":\#($0 != 4)},"after_sensitive":{}}}"#
        }
        let text = #"{"planned_values":{"root_module":{"resources":[{"address":"a.b0","values":{"n":0}}]}},"#
            + #""resource_changes":[\#(changes.joined(separator: ","))],"#
            + #""configuration":{"root_module":{"module_calls":{\#(calls.joined(separator: ","))}}},"x":[1,"two",null]}"#
        let expected = try FastJSONTests.foundation(text)
        #expect(Self.pieces(text, plan: true, batch: batch) == expected)
        #expect(Self.pieces(text, plan: false, batch: batch) == expected)
    }

    /// Object roots and array roots, deep and odd members, duplicate keys (the last wins, as whole).
    @Test(arguments: [
        #"{"a":1,"b":"two","c":[1,{"d":[]}],"e":{"f":{"g":{"h":{"i":[{"j":1}]}}}},"a":3}"#,
        #"[{"a":1},[2,3],"s",null,true,1.5e3]"#,
        #"  { "spaced" : { "x" : [ 1 , 2 ] } , "k\u0065y" : "escaped" }  "#,
        #"{"":{"":[""]}}"#,
        #"{"d":"# + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "}",
    ])
    func documentsDecodeAsWhole(_ text: String) throws {
        for batch in [1, 16, 1 << 20] {
            #expect(Self.pieces(text, batch: batch) == (try FastJSON.decode(Data(text.utf8))))
        }
    }

    /// Malformed text, numbers simdjson refuses and nesting over the limit: no value, so the whole decode
    /// (which throws or falls back to Foundation) has the last word.
    @Test(arguments: [
        #"{"a":[1,2}"#, #"{"a":1,}"#, #"{"a":1 "b":2}"#, #"{"a":1} x"#, #"{"a":tru}"#, #"{"a":"\x"}"#,
        #"{"a":[1,2]]"#, #"{"a":{"b":1]}"#, #"{"a":123456789012345678901234567890}"#, #"{"a" 1}"#,
        #"{"d":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
    ])
    func refusesWhatWholeRefuses(_ text: String) {
        for batch in [1, 1 << 20] { #expect(Self.pieces(text, batch: batch) == nil) }
    }
}
