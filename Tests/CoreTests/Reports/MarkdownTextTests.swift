import Testing

@testable import Core

@Suite struct MarkdownTextTests {
    static let zwj = "\u{200D}"

    static let cases: [(input: String, expected: String)] = [
        ("plain text", "plain text"),
        ("ping @octo-org/admins", "ping @\(zwj)octo-org/admins"),
        ("fixes #12 and org/repo#3", "fixes #\(zwj)12 and org/repo#\(zwj)3"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("a | b", "a \\| b"),
        ("R&D", "R&amp;D"),
        ("`code` *bold* _em_", "\\`code\\` \\*bold\\* \\_em\\_"),
        ("[link](https://evil.example)", "\\[link\\](https://evil.example)"),
        ("![img](x)", "!\\[img\\](x)"),
        ("back\\slash", "back\\\\slash"),
        ("line1\nline2\r\tend", "line1 line2  end"),
        ("bell\u{07}nul\u{00}esc\u{1B}[31mdel\u{7F}c1\u{85}", "bellnulesc\\[31mdelc1"),
        ("evil\u{202E}txt.exe\u{2066}", "eviltxt.exe"),
        ("&lt; already", "&amp;lt; already"),
        ("ünïcödé ✓ 日本", "ünïcödé ✓ 日本"),
    ]

    @Test(arguments: cases)
    func escapes(input: String, expected: String) {
        #expect(MarkdownText.escape(input) == expected)
    }

    @Test func longStringsAreCutBeforeEscaping() {
        let long = String(repeating: "<|", count: 5_000)
        let escaped = MarkdownText.escape(long, maxLength: 11)
        #expect(escaped == "&lt;\\|&lt;\\|&lt;\\|&lt;\\|&lt;\\|&lt;…")
        #expect(MarkdownText.escape(long).count == 5_000 * 6)
        #expect(MarkdownText.escape("short", maxLength: 5) == "short")
    }

    @Test func escapedTextNeverFormsReferencesOrTags() {
        let hostile = "@everyone #1 <script>alert(1)</script> | [x](y) `z`"
        let escaped = MarkdownText.escape(hostile)
        #expect(!escaped.contains("<"))
        #expect(!escaped.contains("@e"))
        #expect(!escaped.contains("#1"))
        #expect(!escaped.contains(" | "))
    }
}
