/// Whole-text questions about bytes, answered eight bytes at a time.
///
/// A 100k-resource plan's console text and run report pass about 2.5 million strings through "is this printable
/// ASCII?" and "does JSON need an escape here?"; asked a byte at a time that was a twentieth of the run. The word
/// tests below are the classic SWAR ones: each is exact for the word as a whole (a borrow may set a bit above
/// the first byte that matches, never when no byte does), which is all a yes/no over the text needs.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Non-zero when some byte of `word` is zero.
    @inline(__always) private static func hasZero(_ word: UInt64) -> UInt64 {
        ((word &- ones) & ~word) & highs
    }

    /// Non-zero when some byte of `word` is below 0x20 or above 0x7E.
    @inline(__always) private static func hasUnprintable(_ word: UInt64) -> UInt64 {
        // Below 0x20: `hasless(word, 0x20)`. Above 0x7E: adding 1 reaches the high bit, or it was set already.
        ((word &- (ones &* 0x20)) & ~word & highs) | (((word &+ ones) | word) & highs)
    }

    /// Non-zero when some byte of `word` is below 0x20, a quote or a backslash: what JSON must escape.
    @inline(__always) private static func needsEscape(_ word: UInt64) -> UInt64 {
        ((word &- (ones &* 0x20)) & ~word & highs) | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C))
    }

    /// True when every byte is ASCII (below 0x80).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & highs != 0 { return false }
            index += 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// True when every byte is printable ASCII (0x20 to 0x7E).
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            if hasUnprintable(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) != 0 { return false }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte > 0x7E { return false }
            index += 1
        }
        return true
    }

    /// The position of the first byte JSON must escape (a control character, `"` or `\`), or `bytes.count`.
    static func firstJSONEscape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var index = start
        while index + 8 <= count {
            if needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) != 0 { break }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return count
    }

    /// `isPrintableASCII` of a string's UTF-8, without copying it when it is contiguous (native and small
    /// strings are).
    static func isPrintableASCII(_ text: String) -> Bool { isPrintableASCII(bytes: text.utf8) }

    /// `isPrintableASCII` of any bytes (a string's or a substring's UTF-8), on their storage when contiguous.
    static func isPrintableASCII<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        bytes.withContiguousStorageIfAvailable(isPrintableASCII) ?? bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

extension Array where Element == UInt8 {
    /// Appends `count` spaces: pretty JSON's indentation, copied from a literal (a `repeatElement` sequence is
    /// appended element by element).
    mutating func appendSpaces(_ count: Int) {
        let spaces: StaticString = "                                                                "
        var left = count
        while left > 0 {
            let run = Swift.min(left, spaces.utf8CodeUnitCount)
            append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: run))
            left -= run
        }
    }
}
