import Foundation

/// A deterministic, seeded mutator for fuzzing the parsers: the same seed gives the same inputs on every
/// machine, so a failure names a seed and an index that reproduce it.
///
/// Each input is a valid seed document with one to four mutations: byte flips, truncations, insertions of the
/// format's structural characters, duplicated or deleted slices, interesting tokens (huge numbers, NUL, bidi
/// overrides, YAML anchors and aliases), and nesting bombs (a few thousand openers in a row).
struct Mutator {
    /// SplitMix64: tiny, fast and good enough to spread mutations; not for anything cryptographic.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Characters that mean something to the format being fuzzed.
    var structural: [UInt8]
    var tokens: [String] = [
        "null", "-1", "1e999", "-0", "0x1F", "NaN", "\u{0}", "\u{202E}", "\u{FEFF}", "~", "&a", "*a", "<<: *a",
        "!!binary", "\\u0000", "\\ud800", "true", "\"\"", "''", "[]", "{}", "---\n", "...\n", "\t",
        String(repeating: "x", count: 70_000), "9999999999999999999999", "@everyone", "#1", "<script>",
    ]
    var generator: Generator

    init(seed: UInt64, structural: String) {
        self.generator = Generator(state: seed)
        self.structural = Array(structural.utf8)
    }

    mutating func mutate(_ input: Data) -> Data {
        var bytes = [UInt8](input)
        for _ in 0..<Int.random(in: 1...4, using: &generator) { apply(to: &bytes) }
        return Data(bytes)
    }

    private mutating func position(in bytes: [UInt8]) -> Int { Int.random(in: 0...bytes.count, using: &generator) }

    private mutating func apply(to bytes: inout [UInt8]) {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0 where !bytes.isEmpty:
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
        case 1:
            bytes.removeSubrange(position(in: bytes)...)
        case 2:
            let character = structural.randomElement(using: &generator) ?? UInt8(ascii: "{")
            bytes.insert(contentsOf: Array(repeating: character, count: Int.random(in: 1...3, using: &generator)), at: position(in: bytes))
        case 3 where !bytes.isEmpty:
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            let end = min(bytes.count, start + Int.random(in: 1...200, using: &generator))
            bytes.insert(contentsOf: bytes[start..<end], at: position(in: bytes))
        case 4 where !bytes.isEmpty:
            let start = Int.random(in: 0..<bytes.count, using: &generator)
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...50, using: &generator)))
        case 5:
            let token = tokens.randomElement(using: &generator) ?? "null"
            bytes.insert(contentsOf: Array(token.utf8), at: position(in: bytes))
        case 6:
            // A nesting bomb: thousands of openers (and sometimes their closers) at one place.
            let opener = structural.prefix(2).randomElement(using: &generator) ?? UInt8(ascii: "[")
            let count = Int.random(in: 500...5_000, using: &generator)
            bytes.insert(contentsOf: Array(repeating: opener, count: count), at: position(in: bytes))
        default:
            bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position(in: bytes))
        }
    }
}
