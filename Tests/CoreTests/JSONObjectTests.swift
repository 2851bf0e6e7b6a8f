import Foundation
import Testing

@testable import Core

/// `JSONObject` must behave as the dictionary it replaced, with members always in ascending key order.
@Suite struct JSONObjectTests {
    /// (members in document order, the object they make as a dictionary); repeated keys keep their last value.
    static let cases: [([(String, JSONValue)], [String: JSONValue])] = [
        ([], [:]),
        ([("a", 1)], ["a": 1]),
        ([("b", 1), ("a", 2)], ["a": 2, "b": 1]),
        ([("a", 1), ("b", 2), ("a", 3)], ["a": 3, "b": 2]),
        ([("z", 1), ("z", 2), ("z", 3)], ["z": 3]),
        ((0..<40).reversed().map { ("key\($0)", JSONValue.number(Double($0))) },
         Dictionary(uniqueKeysWithValues: (0..<40).map { ("key\($0)", JSONValue.number(Double($0))) })),
        ([("", 0), ("é", 1), ("e\u{301}x", 2), ("Ä", 3), ("_", 4), ("B", 5)],
         ["": 0, "é": 1, "e\u{301}x": 2, "Ä": 3, "_": 4, "B": 5]),
    ]

    @Test(arguments: cases.indices)
    func membersAreSortedAndUnique(_ index: Int) {
        let (given, expected) = Self.cases[index]
        let object = JSONObject(members: given.map { (key: $0.0, value: $0.1) })
        #expect(object.keys == expected.keys.sorted())
        #expect(object.count == expected.count)
        for (key, value) in expected { #expect(object[key] == value) }
        #expect(object["absent"] == nil)
        #expect(object == JSONObject(expected))
        #expect(object.hashValue == JSONObject(expected).hashValue)
        #expect(object.dictionary == expected)
    }

    /// Lookups scan small objects and search large ones: both must find every key and nothing else.
    @Test(arguments: [0, 1, 7, 8, 9, 16, 100])
    func lookupsFindEveryKey(_ size: Int) {
        var object = JSONObject()
        for number in stride(from: size - 1, through: 0, by: -1) { object["k\(number)"] = .number(Double(number)) }
        #expect(object.count == size)
        #expect(object.keys == object.keys.sorted())
        for number in 0..<size {
            #expect(object["k\(number)"] == .number(Double(number)))
            #expect(object.index(forKey: "k\(number)") != nil)
        }
        #expect(object["k\(size)"] == nil)
        #expect(object["k"] == nil)
        #expect(object.index(forKey: "") == nil)
    }

    @Test func mutationsKeepTheOrder() {
        var object: JSONObject = ["m": 1, "c": 2]
        #expect(object.updateValue(3, forKey: "c") == 2)
        #expect(object.updateValue(4, forKey: "a") == nil)
        object["z"] = 5
        #expect(object.keys == ["a", "c", "m", "z"])
        #expect(object.removeValue(forKey: "m") == 1)
        #expect(object.removeValue(forKey: "m") == nil)
        object["a"] = nil
        #expect(object.keys == ["c", "z"])
        #expect(object.values == [3, 5])
        object["q", default: 0] = 9
        #expect(object["q"] == 9)
        #expect(object.mapValues { _ in .null }.values == [.null, .null, .null])
        #expect(object.filter { $0.key != "c" }.keys == ["q", "z"])
        let merged = object.merging(["c": 10, "b": 1]) { old, new in old == 3 ? new : old }
        #expect(merged.keys == ["b", "c", "q", "z"])
        #expect(merged["c"] == 10)
    }

    /// Two objects are equal exactly when their members are, whatever order they were given in.
    @Test func equalityIsByMembers() {
        let first = JSONObject(members: [(key: "a", value: 1), (key: "b", value: [1, 2])] as [JSONObject.Element])
        let second = JSONObject(members: [(key: "b", value: [1, 2]), (key: "a", value: 1)] as [JSONObject.Element])
        #expect(first == second)
        #expect(first != JSONObject(members: [(key: "a", value: 1)] as [JSONObject.Element]))
        #expect(first != JSONObject(members: [(key: "a", value: 1), (key: "c", value: [1, 2])] as [JSONObject.Element]))
        #expect(first != JSONObject(members: [(key: "a", value: 2), (key: "b", value: [1, 2])] as [JSONObject.Element]))
        #expect(Set([JSONValue.object(first), .object(second)]).count == 1)
    }

    @Test func codableRoundTripsThroughFoundation() throws {
        let value: JSONValue = ["b": ["y": 1, "x": [true, nil]], "a": "text", "": [:]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        #expect(String(decoding: try sorted.encode(value), as: UTF8.self) == #"{"":{},"a":"text","b":{"x":[true,null],"y":1}}"#)
        #expect(value.compactText == #"{: {}, a: "text", b: {x: [true, null], y: 1}}"#)
    }
}
