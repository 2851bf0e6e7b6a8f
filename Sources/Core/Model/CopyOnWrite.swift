/// A value kept in one heap box and copied only when written while shared: what `Finding` and `Resource` keep
/// their fields in. A large plan's 100k resources and 190k findings are copied by every sort, filter, index
/// and report pass; a copy of the box is one retain, where a copy of the fields was one per field.
struct CopyOnWrite<Value: Sendable>: Sendable {
    private final class Box: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// True when both share one box (so their values are equal without comparing them).
    func sharesBox(with other: Self) -> Bool { box === other.box }
}
