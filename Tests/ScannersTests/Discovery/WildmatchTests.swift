import Testing

@testable import Scanners

/// Cases from git's own wildmatch tests (`t/t3070-wildmatch.sh`, the pathname-mode column).
struct WildmatchTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var pattern: String
        var matches: Bool
        var testDescription: String { "'\(pattern)' on '\(text)'" }
    }

    static let cases: [Case] = [
        .init(text: "foo", pattern: "foo", matches: true),
        .init(text: "foo", pattern: "bar", matches: false),
        .init(text: "", pattern: "", matches: true),
        .init(text: "foo", pattern: "???", matches: true),
        .init(text: "foo", pattern: "??", matches: false),
        .init(text: "foo", pattern: "*", matches: true),
        .init(text: "foo", pattern: "f*", matches: true),
        .init(text: "foo", pattern: "*f", matches: false),
        .init(text: "foo", pattern: "*foo*", matches: true),
        .init(text: "foobar", pattern: "*ob*a*r*", matches: true),
        .init(text: "aaaaaaabababab", pattern: "*ab", matches: true),
        .init(text: "foo*", pattern: #"foo\*"#, matches: true),
        .init(text: "foobar", pattern: #"foo\*bar"#, matches: false),
        .init(text: #"f\oo"#, pattern: #"f\\oo"#, matches: true),
        .init(text: "ball", pattern: "*[al]?", matches: true),
        .init(text: "ten", pattern: "[ten]", matches: false),
        .init(text: "ten", pattern: "**[!te]", matches: true),
        .init(text: "ten", pattern: "**[!ten]", matches: false),
        .init(text: "ten", pattern: "t[a-g]n", matches: true),
        .init(text: "ten", pattern: "t[!a-g]n", matches: false),
        .init(text: "ton", pattern: "t[!a-g]n", matches: true),
        .init(text: "ton", pattern: "t[^a-g]n", matches: true),
        .init(text: "a]b", pattern: "a[]]b", matches: true),
        .init(text: "a-b", pattern: "a[]-]b", matches: true),
        .init(text: "a]b", pattern: "a[]-]b", matches: true),
        .init(text: "aab", pattern: "a[]-]b", matches: false),
        .init(text: "aab", pattern: "a[]a-]b", matches: true),
        .init(text: "]", pattern: "]", matches: true),
        .init(text: "foo/baz/bar", pattern: "foo*bar", matches: false),
        .init(text: "foo/baz/bar", pattern: "foo**bar", matches: false),
        .init(text: "foobazbar", pattern: "foo**bar", matches: true),
        .init(text: "foo/baz/bar", pattern: "foo/**/bar", matches: true),
        .init(text: "foo/baz/bar", pattern: "foo/**/**/bar", matches: true),
        .init(text: "foo/b/a/z/bar", pattern: "foo/**/bar", matches: true),
        .init(text: "foo/bar", pattern: "foo/**/bar", matches: true),
        .init(text: "foo/bar", pattern: "foo/**/**/bar", matches: true),
        .init(text: "foo/bar", pattern: "foo?bar", matches: false),
        .init(text: "foo/bar", pattern: "foo[/]bar", matches: false),
        .init(text: "foo/bar", pattern: "foo[^a-z]bar", matches: false),
        .init(text: "foo-bar", pattern: "f[^eiu][^eiu][^eiu][^eiu][^eiu]r", matches: true),
        .init(text: "foo", pattern: "**/foo", matches: true),
        .init(text: "XXX/foo", pattern: "**/foo", matches: true),
        .init(text: "bar/baz/foo", pattern: "**/foo", matches: true),
        .init(text: "bar/baz/foo", pattern: "*/foo", matches: false),
        .init(text: "foo/bar/baz", pattern: "**/bar*", matches: false),
        .init(text: "deep/foo/bar/baz", pattern: "**/bar/*", matches: true),
        .init(text: "deep/foo/bar/baz/", pattern: "**/bar/*", matches: false),
        .init(text: "deep/foo/bar/baz/", pattern: "**/bar/**", matches: true),
        .init(text: "deep/foo/bar", pattern: "**/bar/*", matches: false),
        .init(text: "deep/foo/bar/", pattern: "**/bar/**", matches: true),
        .init(text: "foo/bar/baz", pattern: "**/bar**", matches: false),
        .init(text: "foo/bar/baz/x", pattern: "*/bar/**", matches: true),
        .init(text: "deep/foo/bar/baz/x", pattern: "*/bar/**", matches: false),
        .init(text: "deep/foo/bar/baz/x", pattern: "**/bar/*/*", matches: true),
        .init(text: "ab/cXd/efXg/hi", pattern: "*X*i", matches: false),
        .init(text: "ab/cXd/efXg/hi", pattern: "*/*X*/*/*i", matches: true),
        .init(text: "ab/cXd/efXg/hi", pattern: "**/*X*/**/*i", matches: true),
        .init(text: "acrt", pattern: "a[c-c]st", matches: false),
        .init(text: "acrt", pattern: "a[c-c]rt", matches: true),
        .init(text: "5", pattern: "[[:digit:][:upper:][:space:]]", matches: true),
        .init(text: "a", pattern: "[[:digit:][:upper:][:space:]]", matches: false),
        .init(text: "1", pattern: "[[:digit:][:punct:][:space:]]", matches: true),
        .init(text: "legacy/old/main.tf", pattern: "legacy/**", matches: true),
        .init(text: "legacy", pattern: "legacy/**", matches: false),
    ]

    @Test(arguments: cases)
    func matchesAsGitDoes(_ example: Case) {
        #expect(Wildmatch.matches(example.pattern, example.text) == example.matches)
    }
}
