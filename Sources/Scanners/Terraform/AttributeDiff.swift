import Core

/// The leaf attributes that differ between a change's `before` and `after`, as redacted evidence.
///
/// Terraform's plan JSON carries sensitive values in plain text and marks them only in the
/// `before_sensitive`/`after_sensitive` masks. A value marked on either side is never rendered: the walk
/// stops at the first marked node and reports that path as redacted, so not even the shape of a sensitive
/// object (its keys) reaches a report.
enum AttributeDiff {
    static let unknownText = "(known after apply)"

    static func evidence(
        before: JSONValue, after: JSONValue, beforeSensitive: JSONValue, afterSensitive: JSONValue,
        afterUnknown: JSONValue
    ) -> [Evidence] {
        var found: [Evidence] = []
        walk(
            path: .root, before: before, after: after,
            masks: Masks(before: beforeSensitive, after: afterSensitive, unknown: afterUnknown), into: &found)
        // The masks cover only paths that came from sensitive expressions; an attribute a provider derives from
        // one (terraform_data's `output` copies `input`) carries the same secret unmarked. So any evidence
        // that shows a marked value anywhere is redacted too.
        let secrets = SensitiveValues.collect(before, mask: beforeSensitive)
            .union(SensitiveValues.collect(after, mask: afterSensitive))
        guard !secrets.isEmpty else { return found }
        return found.map { item in
            guard !item.isSensitive,
                SensitiveValues.reveals(item.value, secrets) || SensitiveValues.reveals(item.before, secrets)
            else { return item }
            return Evidence(path: item.path, value: item.value, before: item.before, isSensitive: true)
        }
    }

    /// The three masks, walked in step with the values. A mask that marks nothing below it (`false`, `{}`,
    /// `[]`, absent) is kept as `nil`, so the walk does not look up every attribute of a created resource in
    /// masks that are empty (the usual `after_sensitive`).
    private struct Masks {
        var before: JSONValue?
        var after: JSONValue?
        var unknown: JSONValue?

        init(before: JSONValue?, after: JSONValue?, unknown: JSONValue?) {
            self.before = Self.marking(before)
            self.after = Self.marking(after)
            self.unknown = Self.marking(unknown)
        }

        private static func marking(_ mask: JSONValue?) -> JSONValue? {
            switch mask {
            case .bool(true)?: mask
            case .object(let members)?: members.isEmpty ? nil : mask
            case .array(let items)?: items.isEmpty ? nil : mask
            default: nil
            }
        }

        var isSensitive: Bool { before == .bool(true) || after == .bool(true) }
        var isUnknown: Bool { unknown == .bool(true) }
        var isEmpty: Bool { before == nil && after == nil && unknown == nil }

        func child(_ key: String) -> Masks {
            isEmpty ? self : Masks(before: before?[key], after: after?[key], unknown: unknown?[key])
        }

        func child(_ index: Int) -> Masks {
            isEmpty ? self : Masks(before: before?[index], after: after?[index], unknown: unknown?[index])
        }
    }

    /// Where the walk is: the dotted path so far, and whether it is the root (whose path is empty, as is the
    /// path of a member whose key is empty).
    private struct Path {
        var dotted: String
        var isRoot: Bool

        static let root = Path(dotted: "", isRoot: true)

        func appending(_ segment: String) -> Path {
            Path(dotted: isRoot ? segment : dotted + "." + segment, isRoot: false)
        }
    }

    private static func walk(
        path: Path, before: JSONValue?, after: JSONValue?, masks: Masks, into found: inout [Evidence]
    ) {
        let dotted = path.dotted
        if masks.isSensitive {
            if before != after || masks.isUnknown {
                found.append(
                    Evidence(
                        path: dotted, value: after == nil ? nil : "", before: before == nil ? nil : "",
                        isSensitive: true))
            }
            return
        }
        if masks.isUnknown {
            found.append(Evidence(path: dotted, value: unknownText, before: render(before)))
            return
        }
        if before == after { return }
        switch (before ?? .null, after ?? .null) {
        case (.object(let old), .object(let new)):
            walkMembers(path: path, old: old, new: new, masks: masks, into: &found)
        case (.object(let old), .null):
            walkMembers(path: path, old: old, new: [:], masks: masks, into: &found)
        case (.null, .object(let new)):
            walkMembers(path: path, old: [:], new: new, masks: masks, into: &found)
        case (.array(let old), .array(let new)):
            walkElements(path: path, old: old, new: new, masks: masks, into: &found)
        default:
            leaf(path: path, before: before, after: after, masks: masks, into: &found)
        }
    }

    /// Every key of either object, ascending: both member lists are sorted, so one merge visits them.
    private static func walkMembers(
        path: Path, old: JSONObject, new: JSONObject, masks: Masks, into found: inout [Evidence]
    ) {
        var oldPosition = old.startIndex
        var newPosition = new.startIndex
        while oldPosition < old.endIndex || newPosition < new.endIndex {
            let oldMember = oldPosition < old.endIndex ? old[oldPosition] : nil
            let newMember = newPosition < new.endIndex ? new[newPosition] : nil
            let key: String
            var before: JSONValue?
            var after: JSONValue?
            if let oldMember, newMember == nil || oldMember.key < newMember!.key {
                (key, before) = (oldMember.key, oldMember.value)
                oldPosition += 1
            } else if let newMember, oldMember == nil || newMember.key < oldMember!.key {
                (key, after) = (newMember.key, newMember.value)
                newPosition += 1
            } else {
                (key, before, after) = (newMember!.key, oldMember!.value, newMember!.value)
                oldPosition += 1
                newPosition += 1
            }
            walk(path: path.appending(key), before: before, after: after, masks: masks.child(key), into: &found)
        }
    }

    private static func walkElements(
        path: Path, old: [JSONValue], new: [JSONValue], masks: Masks, into found: inout [Evidence]
    ) {
        for index in 0..<max(old.count, new.count) {
            walk(
                path: path.appending(String(index)), before: old.indices.contains(index) ? old[index] : nil,
                after: new.indices.contains(index) ? new[index] : nil, masks: masks.child(index), into: &found)
        }
    }

    private static func leaf(
        path: Path, before: JSONValue?, after: JSONValue?, masks: Masks, into found: inout [Evidence]
    ) {
        guard !path.isRoot else { return }
        if case .array(let old) = before ?? .null, (after ?? .null).isNull {
            return walkElements(path: path, old: old, new: [], masks: masks, into: &found)
        }
        if case .array(let new) = after ?? .null, (before ?? .null).isNull {
            return walkElements(path: path, old: [], new: new, masks: masks, into: &found)
        }
        let old = render(before)
        let new = render(after)
        // Null and absent mean the same to Terraform; a create lists only attributes it sets.
        if old == new { return }
        // A composite leaf (say, an object against a string) is rendered whole, so any mark below it counts.
        let isSensitive = containsMark(masks.before) || containsMark(masks.after)
        found.append(Evidence(path: path.dotted, value: new, before: old, isSensitive: isSensitive))
    }

    private static func containsMark(_ mask: JSONValue?) -> Bool {
        switch mask {
        case .bool(true): true
        case .array(let items): items.contains { containsMark($0) }
        case .object(let members): members.contains { containsMark($0.value) }
        default: false
        }
    }

    private static func render(_ value: JSONValue?) -> String? {
        guard let value, !value.isNull else { return nil }
        return value.compactText
    }
}
