import Testing

@testable import Core

/// `ByteScan` answers eight bytes at a time; these hold it to the byte-at-a-time definitions, with every byte
/// value at every position of a word and past the last whole word.
@Suite struct ByteScanTests {
    static func printable(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E } }
    static func ascii(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 < 0x80 } }
    static func firstEscape(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.indices.first { $0 >= start && (bytes[$0] < 0x20 || bytes[$0] == 0x22 || bytes[$0] == 0x5C) }
            ?? bytes.count
    }

    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 31])
    func everyByteAtEveryPosition(length: Int) {
        let filler = [UInt8]("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF".utf8)
        for position in 0..<max(length, 1) {
            for value in UInt8.min...UInt8.max {
                var bytes = Array(filler.prefix(length))
                if length > 0 { bytes[position] = value }
                bytes.withUnsafeBufferPointer { buffer in
                    #expect(ByteScan.isPrintableASCII(buffer) == Self.printable(bytes), "\(bytes)")
                    #expect(ByteScan.isASCII(buffer) == Self.ascii(bytes), "\(bytes)")
                    #expect(ByteScan.isPrintableASCII(bytes: bytes[...]) == Self.printable(bytes))
                    for start in [0, position, min(position + 1, length)] {
                        #expect(ByteScan.firstJSONEscape(buffer, from: start) == Self.firstEscape(bytes, from: start))
                    }
                }
            }
        }
    }

    @Test(arguments: [
        "", "plain ascii text that is longer than a word", "tab\there", "quote \" inside", "back\\slash",
        "\u{7F} delete", "é accents", "日本語", "line\nbreak", "\u{1B}[31mred", "ends with a quote\"",
    ])
    func strings(text: String) {
        let bytes = Array(text.utf8)
        #expect(ByteScan.isPrintableASCII(text) == Self.printable(bytes))
        #expect(ByteScan.isPrintableASCII(Substring(text).description) == Self.printable(bytes))
        bytes.withUnsafeBufferPointer { #expect(ByteScan.firstJSONEscape($0) == Self.firstEscape(bytes, from: 0)) }
    }

    @Test func spacesOfAnyCount() {
        for count in [0, 1, 63, 64, 65, 130] {
            var bytes: [UInt8] = [1]
            bytes.appendSpaces(count)
            #expect(bytes == [1] + [UInt8](repeating: 0x20, count: count))
        }
    }
}
