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
    /// Batches are cut and built while the outline is walked; changes wait for the planned values they share,
    /// wherever those come in the document (before the changes, after them, or not at all).
    @Test(arguments: [1, 64, 1 << 20])
    func changesWaitForPlannedValuesWhereverTheyAre(batch: Int) throws {
        let planned = #""planned_values":{"root_module":{"resources":["#
            + (0..<40).map { #"{"address":"a.b\#($0)","values":{"n":\#($0),"tags":{"k":"v\#($0)"}}}"# }
            .joined(separator: ",") + "]}}"
        let changes = #""resource_changes":["#
            + (0..<40).map {
                #"{"address":"a.b\#($0)","change":{"actions":["create"],"after":{"n":\#($0 == 7 ? 70 : $0),"#
                    + #""tags":{"k":"v\#($0)"}},"after_unknown":{"id":true}}}"#
            }.joined(separator: ",") + "]"
        let configuration = #""configuration":{"root_module":{"resources":[{"address":"a.b0"}]}}"#
        for members in [[planned, changes, configuration], [changes, configuration, planned], [changes, configuration]] {
            let text = "{" + members.joined(separator: ",") + "}"
            #expect(Self.pieces(text, plan: true, batch: batch) == (try FastJSONTests.foundation(text)))
        }
    }

    /// A malformation met after batches were already cut and built, or a bad piece among many good ones:
    /// still no value, and nothing built so far leaks into one.
    @Test(arguments: [1, 64, 1 << 20])
    func failsAfterBatchesWereCut(batch: Int) {
        let good = (0..<200).map { #"{"address":"a.b\#($0)","values":{"n":\#($0)}}"# }
        let late = #"{"resource_changes":["# + good.joined(separator: ",") + #"],"x":[1,2}"#
        let early = #"{"resource_changes":[{"address":1,}, "# + good.joined(separator: ",") + "]}"
        let trailing = #"{"resource_changes":["# + good.joined(separator: ",") + "]} {}"
        for text in [late, early, trailing] {
            #expect(Self.pieces(text, plan: true, batch: batch) == nil)
            #expect(Self.pieces(text, plan: false, batch: batch) == nil)
        }
    }
    /// A change's `after` that equals its planned values is the planned values' own storage, for resources of
    /// the root module and of nested child modules alike, however the batches fall; an unequal one is not.
    @Test(arguments: [1, 64, 1 << 20])
    func changesShareTheirPlannedValues(batch: Int) throws {
        func resource(_ address: String, _ n: Int) -> String {
            #"{"address":"\#(address)","values":{"n":\#(n),"tags":{"k":"v"}}}"#
        }
        let child = #"{"address":"module.a","resources":[\#(resource("module.a.x.y", 1))],"#
            + #""child_modules":[{"address":"module.a.module.b","resources":[\#(resource("module.a.module.b.x.z", 2))]}]}"#
        let planned = #""planned_values":{"root_module":{"resources":[\#(resource("x.root", 0))],"child_modules":[\#(child)]}}"#
        let changes = [("x.root", 0), ("module.a.x.y", 1), ("module.a.module.b.x.z", 2), ("module.a.x.y", 9)].map {
            #"{"address":"\#($0.0)","change":{"actions":["update"],"after":{"n":\#($0.1),"tags":{"k":"v"}}}}"#
        }
        let text = "{" + planned + #","resource_changes":["# + changes.joined(separator: ",") + "]}"
        let value = try #require(Self.pieces(text, plan: true, batch: batch))
        #expect(value == (try FastJSONTests.foundation(text)))
        let root = value["planned_values"]?["root_module"]
        let plannedValues = [
            root?["resources"]?[0]?["values"],
            root?["child_modules"]?[0]?["resources"]?[0]?["values"],
            root?["child_modules"]?[0]?["child_modules"]?[0]?["resources"]?[0]?["values"],
        ]
        let afters = (0..<4).map { value["resource_changes"]?[$0]?["change"]?["after"] }
        for (planned, after) in zip(plannedValues, afters) {
            #expect(planned?.objectValue?.storageIdentity != nil)
            #expect(after?.objectValue?.storageIdentity == planned?.objectValue?.storageIdentity)
        }
        #expect(afters[3]?.objectValue?.storageIdentity != plannedValues[1]?.objectValue?.storageIdentity)
    }

    /// Of two planned resources with one address, the first is the one changes share, however the batches fall
    /// (the index is merged batch by batch, in the order they were cut).
    @Test(arguments: [1, 64, 1 << 20])
    func theFirstOfAnAddressIsShared(batch: Int) throws {
        let resources = (5...7).map { #"{"address":"x.dup","values":{"n":\#($0),"tags":{"k":"v"}}}"# }
        let planned = #""planned_values":{"root_module":{"resources":[\#(resources.joined(separator: ","))]}}"#
        let change = #"{"address":"x.dup","change":{"actions":["update"],"after":{"n":5,"tags":{"k":"v"}}}}"#
        let text = "{" + planned + #","resource_changes":["# + change + "]}"
        let value = try #require(Self.pieces(text, plan: true, batch: batch))
        #expect(value == (try FastJSONTests.foundation(text)))
        let first = value["planned_values"]?["root_module"]?["resources"]?[0]?["values"]?.objectValue
        let after = value["resource_changes"]?[0]?["change"]?["after"]?.objectValue
        #expect(first?.storageIdentity != nil)
        #expect(after?.storageIdentity == first?.storageIdentity)
    }
}
