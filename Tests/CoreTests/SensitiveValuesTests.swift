import Foundation
import Testing

@testable import Core

/// `SensitiveValues.occurs` searches bytes when both texts are ASCII; it must answer as Foundation's
/// `contains` does everywhere, including where it falls back to it.
@Suite struct SensitiveValuesTests {
    @Test(arguments: [
        ("hunter22", "password=hunter22"), ("hunter22", "hunter2"), ("abcd", "abcd"), ("abcd", "xabcdx"),
        ("abcd", "abcabcabd"), ("aaab", "aaaaaab"), ("long secret", "a"), ("café", "le café noir"),
        ("cafe\u{301}", "le café noir"), ("café", "le cafe\u{301} noir"), ("日本語", "x日本語y"), ("ab\u{0}c", "zab\u{0}cz"),
        ("", "anything"), ("zzzz", ""),
    ])
    func answersAsFoundationDoes(needle: String, text: String) {
        #expect(SensitiveValues.occurs(needle, in: text) == text.contains(needle))
    }

    @Test func revealsLongSecretsInsideAndShortOnesWhole() {
        #expect(SensitiveValues.reveals("token=s3cr3t-value", ["s3cr3t-value"]))
        #expect(!SensitiveValues.reveals("port 10", ["1"]))
        #expect(SensitiveValues.reveals("1", ["1"]))
        #expect(!SensitiveValues.reveals(nil, ["s3cr3t-value"]))
    }
}
