extension Dictionary {
    /// The value stored for `key`, storing `value` first when there is none: one lookup (a lookup and then an
    /// insert hash the key twice), for tables of large plans where the first of a key wins.
    @inlinable
    public mutating func value(forKey key: Key, insertingIfAbsent value: @autoclosure () -> Value) -> Value {
        Self.stored(&self[key, default: value()])
    }

    /// The slot's value; through `inout`, so a defaulted subscript stores its default.
    @inlinable
    static func stored(_ slot: inout Value) -> Value { slot }
}
