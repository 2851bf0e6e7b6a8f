import Core
import Foundation

/// Decoding a terraform plan without building its planned values twice.
///
/// Every resource a plan creates or updates appears twice: in `planned_values` (its `values` and
/// `sensitive_values`) and in `resource_changes` (the change's `after` and `after_sensitive`), the same JSON
/// both times. Built twice, they are a third of a large plan's tree. So `planned_values` is built first, and
/// each change's `after` is compared with the planned values of its address straight on the tape (no
/// allocation); when they are equal, the change shares the planned value. Anything else (a different value,
/// members in another order, an entry without an address) is built as usual, so the tree is always the one
/// a plain decode gives.
extension TapeReader {
    /// The planned values and sensitivity mask of each planned resource, by address.
    struct PlannedResource: Sendable {
        var values: JSONValue?
        var sensitive: JSONValue?
    }

    /// The root object of a plan: its members in document order, `resource_changes` built last.
    mutating func plan(skipping skipped: Set<String>, splitAbove: Int) -> JSONValue {
        index += 1
        var members: [(key: String, start: Int)] = []
        while kind(index) != UInt8(ascii: "}") {
            let key = string(at: index)
            index += 1
            if !skipped.contains(key) { members.append((key, index)) }
            skipValue()
        }
        index += 1
        let changesAt = members.firstIndex { $0.key == "resource_changes" }
        var values = Array(repeating: JSONValue.null, count: members.count)
        let firstPhase = members.indices.filter { $0 != changesAt }
        let resume = index
        let splits = firstPhase.map { position -> Split in
            index = members[position].start
            return split(splitAbove: splitAbove)
        }
        index = resume
        for (position, value) in zip(firstPhase, build(splits, concurrently: splitAbove < Int.max)) {
            values[position] = value
        }
        if let changesAt {
            let planned = members.indices.first { members[$0].key == "planned_values" }.map {
                Self.plannedResources(values[$0])
            } ?? [:]
            values[changesAt] = resourceChanges(at: members[changesAt].start, planned: planned, splitAbove: splitAbove)
        }
        return .object(JSONObject(members: zip(members, values).lazy.map { (key: $0.0.key, value: $0.1) }))
    }

    /// Every resource of `planned_values`, child modules included; the first of an address wins.
    static func plannedResources(_ plannedValues: JSONValue) -> [String: PlannedResource] {
        var found: [(String, PlannedResource)] = []
        collectPlanned(module: plannedValues["root_module"], depth: 0, into: &found)
        return plannedIndex(found)
    }

    /// The index of `entries`, the first of an address winning.
    static func plannedIndex(_ entries: [(String, PlannedResource)]) -> [String: PlannedResource] {
        Dictionary(entries, uniquingKeysWith: { first, _ in first })  // sized once, not grown
    }

    /// The resources of `module` and of its child modules, in document order, for `plannedIndex`.
    static func collectPlanned(module: JSONValue?, depth: Int, into found: inout [(String, PlannedResource)]) {
        guard let module, depth <= FastJSON.maximumDepth else { return }
        for resource in module["resources"]?.arrayValue ?? [] {
            if let entry = plannedEntry(resource) { found.append(entry) }
        }
        for child in module["child_modules"]?.arrayValue ?? [] {
            collectPlanned(module: child, depth: depth + 1, into: &found)
        }
    }

    /// One planned resource by its address; nil without one.
    static func plannedEntry(_ resource: JSONValue) -> (String, PlannedResource)? {
        guard let address = resource["address"]?.stringValue else { return nil }
        return (address, PlannedResource(values: resource["values"], sensitive: resource["sensitive_values"]))
    }

    /// `resource_changes` (an array of change entries, if it is one), entries a chunk per core when large.
    private mutating func resourceChanges(at start: Int, planned: [String: PlannedResource], splitAbove: Int)
        -> JSONValue
    {
        let resume = index
        defer { index = resume }
        index = start
        guard kind(index) == UInt8(ascii: "["), !planned.isEmpty else { return value() }
        index += 1
        var starts: [Int] = []
        while kind(index) != UInt8(ascii: "]") {
            starts.append(index)
            skipValue()
        }
        let entries = buildEach(starts, concurrently: splitAbove < Int.max) { reader in reader.changeEntry(planned) }
        return .array(entries)
    }

    /// `resource_changes` whole (an array of change entries, if it is one), on this reader's thread.
    mutating func changeEntries(_ planned: [String: PlannedResource]) -> JSONValue {
        guard kind(index) == UInt8(ascii: "[") else { return value() }
        index += 1
        var entries: [JSONValue] = []
        while kind(index) != UInt8(ascii: "]") { entries.append(changeEntry(planned)) }
        index += 1
        return .array(entries)
    }

    /// An entry of `configuration.root_module.module_calls`: its `module` is shared with an equal one built
    /// before. Terraform repeats a module's whole configuration for every call of it, so a monorepo calling
    /// one module two hundred times holds one copy, not two hundred.
    mutating func moduleCall() -> JSONValue {
        guard kind(index) == UInt8(ascii: "{") else { return value() }
        index += 1
        var members: [JSONObject.Element] = []
        while kind(index) != UInt8(ascii: "}") {
            let key = string(at: index)
            index += 1
            members.append((key, key == "module" ? repeatedValue() : value()))
        }
        index += 1
        return .object(JSONObject(members: consume members))
    }

    /// One entry of `resource_changes`: its `change` shares the planned values of its `address` where equal.
    mutating func changeEntry(_ planned: [String: PlannedResource]) -> JSONValue {
        guard kind(index) == UInt8(ascii: "{") else { return value() }
        index += 1
        var members: [JSONObject.Element] = []
        var resource: PlannedResource?
        while kind(index) != UInt8(ascii: "}") {
            let key = string(at: index)
            index += 1
            if key == "address", kind(index) == UInt8(ascii: "\"") {
                resource = planned[string(at: index)]
            }
            if key == "change", let resource, kind(index) == UInt8(ascii: "{") {
                members.append((key, change(sharingWith: resource)))
            } else {
                members.append((key, value()))
            }
        }
        index += 1
        return .object(JSONObject(members: consume members))
    }

    private mutating func change(sharingWith resource: PlannedResource) -> JSONValue {
        index += 1
        var members: [JSONObject.Element] = []
        while kind(index) != UInt8(ascii: "}") {
            let key = string(at: index)
            index += 1
            let candidate = key == "after" ? resource.values : key == "after_sensitive" ? resource.sensitive : nil
            if let candidate, matches(at: index, candidate) {
                members.append((key, candidate))
                skipValue()
            } else if Self.isRepeatedMask(key) {
                members.append((key, repeatedValue()))
            } else {
                members.append((key, value()))
            }
        }
        index += 1
        return .object(JSONObject(members: consume members))
    }

    /// A change's masks, the same for every resource of a type and shape: built once per batch, then shared.
    /// Compared, not hashed: this runs for every member of every change.
    private static func isRepeatedMask(_ key: String) -> Bool {
        key == "after_unknown" || key == "before_sensitive" || key == "after_sensitive"
    }

    /// True when the value at `position` decodes to exactly `candidate` (numbers bit for bit); objects must
    /// list their members in the candidate's (sorted) order, which terraform's values always do.
    func matches(at position: Int, _ candidate: JSONValue) -> Bool {
        let word = tape[position]
        switch UInt8(truncatingIfNeeded: word >> 56) {
        case UInt8(ascii: "{"):
            guard case .object(let members) = candidate else { return false }
            var cursor = position + 1
            var member = members.startIndex
            while kind(cursor) != UInt8(ascii: "}") {
                guard member < members.endIndex, hasText(at: cursor, members[member].key),
                    matches(at: cursor + 1, members[member].value)
                else { return false }
                member += 1
                cursor = self.end(ofValueAt: cursor + 1)
            }
            return member == members.endIndex
        case UInt8(ascii: "["):
            guard case .array(let items) = candidate else { return false }
            var cursor = position + 1
            var item = 0
            while kind(cursor) != UInt8(ascii: "]") {
                guard item < items.count, matches(at: cursor, items[item]) else { return false }
                item += 1
                cursor = self.end(ofValueAt: cursor)
            }
            return item == items.count
        case UInt8(ascii: "\""):
            guard case .string(let text) = candidate else { return false }
            return hasText(at: position, text)
        case UInt8(ascii: "l"):
            guard case .number(let number) = candidate else { return false }
            return Double(Int64(bitPattern: tape[position + 1])).bitPattern == number.bitPattern
        case UInt8(ascii: "u"):
            guard case .number(let number) = candidate else { return false }
            return Double(tape[position + 1]).bitPattern == number.bitPattern
        case UInt8(ascii: "d"):
            guard case .number(let number) = candidate else { return false }
            return tape[position + 1] == number.bitPattern
        case UInt8(ascii: "t"): return candidate == .bool(true)
        case UInt8(ascii: "f"): return candidate == .bool(false)
        default: return candidate == .null
        }
    }

    /// True when the string at `position` has exactly `text`'s UTF-8 bytes.
    private func hasText(at position: Int, _ text: String) -> Bool {
        let (start, count) = stringBytes(at: position)
        var text = text
        return text.withUTF8 { bytes in
            bytes.count == count && (count == 0 || memcmp(bytes.baseAddress!, start, count) == 0)
        }
    }
}
