/// The members of a JSON object, kept sorted by key: what `JSONValue.object` holds.
///
/// A 100k-resource plan decodes to about a million objects. As dictionaries they cost a hash per key to
/// build and per lookup, space for a quarter of their buckets left empty, and a sort every time a report
/// or a diff wants them in order. Sorted members cost none of that: terraform writes most objects already
/// sorted (checked in one pass while building), lookups are a binary search (a scan when small), iteration
/// is in key order, and two objects compare member by member.
///
/// The API is the part of `Dictionary`'s that the scanners use, with the same meaning, so code reads as it
/// did with a dictionary; the one difference is that iteration order is defined (ascending keys, as
/// `String`'s `<` orders them). A key given twice keeps its last value, as assigning into a dictionary does.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: JSONValue)
    public typealias Index = Int
    public typealias Key = String
    public typealias Value = JSONValue

    /// Ascending by key, no key twice.
    private var members: [Element]

    public init() { members = [] }

    /// Where the members are stored: the same for copies of one object (a decoder shares repeated values),
    /// so while the object is alive it identifies them; a memo key for work that depends on the members alone.
    /// `nil` when there are none.
    public var storageIdentity: UnsafeRawPointer? {
        members.isEmpty ? nil : members.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    /// Members in any order; a repeated key keeps its last value.
    ///
    /// Sorted in place: terraform's own structures (a resource's `address`, `mode`, `type`…) come in field
    /// order, a million objects in a large plan, and copying each into a new array retained and released
    /// every member twice.
    public init(members: consuming [Element]) {
        if !Self.isAscending(members) {
            if members.count <= 16, !Self.repeatsAKey(members) {
                members.sort { $0.key < $1.key }  // unique keys: every sort gives the one order
            } else {
                members = Self.sortedKeepingLast(members)
            }
        }
        self.members = members
    }

    public init<S: Sequence>(members unordered: S) where S.Element == Element {
        self.init(members: Array(unordered))
    }

    private static func isAscending(_ members: [Element]) -> Bool {
        guard members.count > 1 else { return true }
        for position in 1..<members.count where !(members[position - 1].key < members[position].key) { return false }
        return true
    }

    private static func repeatsAKey(_ members: [Element]) -> Bool {
        for later in members.indices {
            for earlier in 0..<later where members[earlier].key == members[later].key { return true }
        }
        return false
    }

    /// Ascending by key; of a key given more than once, the last value.
    private static func sortedKeepingLast(_ members: [Element]) -> [Element] {
        let order = members.indices.sorted { left, right in
            members[left].key < members[right].key || (members[left].key == members[right].key && left < right)
        }
        var unique: [Element] = []
        unique.reserveCapacity(members.count)
        for position in order {
            if let last = unique.last, last.key == members[position].key {
                unique[unique.count - 1] = members[position]
            } else {
                unique.append(members[position])
            }
        }
        return unique
    }

    public init(_ dictionary: [String: JSONValue]) {
        members = dictionary.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, JSONValue) {
        self.init(members: pairs.lazy.map { (key: $0.0, value: $0.1) })
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(members: elements.lazy.map { (key: $0.0, value: $0.1) })
    }

    // MARK: Collection

    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }
    public subscript(position: Int) -> Element { members[position] }

    // MARK: Dictionary's API

    /// The position of `key`, if present.
    public func index(forKey key: String) -> Int? {
        // Objects of up to 32 members (nearly all of a plan's) are scanned, lengths first: a length is one load,
        // and ordering two strings (binary search) goes through the standard library's general comparison.
        if members.count <= 32 {
            let length = key.utf8.count
            return members.firstIndex { $0.key.utf8.count == length && $0.key == key }
        }
        let position = insertionPoint(of: key)
        return position < members.count && members[position].key == key ? position : nil
    }

    /// The first position whose key is not below `key`.
    private func insertionPoint(of key: String) -> Int {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    public subscript(key: String) -> JSONValue? {
        get { index(forKey: key).map { members[$0].value } }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    public subscript(key: String, default fallback: @autoclosure () -> JSONValue) -> JSONValue {
        get { self[key] ?? fallback() }
        set { self[key] = newValue }
    }

    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        let position = insertionPoint(of: key)
        if position < members.count, members[position].key == key {
            let old = members[position].value
            members[position].value = value
            return old
        }
        members.insert((key: key, value: value), at: position)
        return nil
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = index(forKey: key) else { return nil }
        return members.remove(at: position).value
    }

    /// The keys, ascending.
    public var keys: [String] { members.map(\.key) }

    /// The values, in their keys' order.
    public var values: [JSONValue] { members.map(\.value) }

    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for position in result.members.indices {
            result.members[position].value = try transform(result.members[position].value)
        }
        return result
    }

    /// The members `isIncluded` accepts, still an object (as `Dictionary.filter` returns a dictionary).
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> JSONObject {
        var result = JSONObject()
        result.members = try members.filter(isIncluded)
        return result
    }

    /// `self` with `other`'s members added; `combine` picks the value of a key both have.
    public func merging(
        _ other: JSONObject, uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows -> JSONObject {
        var result = self
        for member in other.members {
            if let existing = result[member.key] {
                result[member.key] = try combine(existing, member.value)
            } else {
                result[member.key] = member.value
            }
        }
        return result
    }

    /// The same members as a dictionary, for code that wants one.
    public var dictionary: [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: members.lazy.map { ($0.key, $0.value) })
    }

    // MARK: Hashable

    public static func == (left: JSONObject, right: JSONObject) -> Bool {
        guard left.members.count == right.members.count else { return false }
        for (a, b) in zip(left.members, right.members) where a.key != b.key || a.value != b.value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension JSONObject: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        members.isEmpty ? "[:]" : "[" + members.map { "\($0.key.debugDescription): \($0.value)" }.joined(separator: ", ") + "]"
    }

    public var debugDescription: String { description }
}

extension JSONObject: Codable {
    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: MemberKey.self)
        var members: [Element] = []
        for key in container.allKeys {
            members.append((key: key.stringValue, value: try container.decode(JSONValue.self, forKey: key)))
        }
        self.init(members: members)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        for member in members {
            try container.encode(member.value, forKey: MemberKey(stringValue: member.key))
        }
    }
}
