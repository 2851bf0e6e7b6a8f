/// Makes untrusted text inert inside GitHub-flavoured Markdown: step summaries, issue bodies, comments.
///
/// Titles, resource names and attribute values come from a pull request, so whoever opens the pull request
/// writes them. Left raw, they could ping people (`@org/team`), link or close issues (`#12`), inject HTML,
/// break out of a table cell with `|`, or hide text behind bidi overrides. Every renderer that puts such
/// text into Markdown goes through `escape(_:maxLength:)` so there is one place to get this right.
public enum MarkdownText {
    /// U+200D ZERO WIDTH JOINER: invisible, but it stops GitHub from seeing `@name` or `#123` as a reference.
    static let referenceBreaker: Unicode.Scalar = "\u{200D}"

    /// The escaped, single-line form of `text`, cut to `maxLength` characters (plus `…`) when given.
    ///
    /// The cut happens before escaping so it can never split an escape sequence or an entity in half.
    /// Line breaks become spaces because one table cell or list item must stay on one line.
    public static func escape(_ text: String, maxLength: Int? = nil) -> String {
        var source = Substring(text)
        var isTruncated = false
        if let maxLength, text.count > maxLength {
            source = text.prefix(max(maxLength, 0))
            isTruncated = true
        }
        var escaped = String.UnicodeScalarView()
        for scalar in source.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t":
                escaped.append(" ")
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\\", "|", "`", "*", "_", "[", "]":
                escaped.append("\\")
                escaped.append(scalar)
            case "@", "#":
                escaped.append(scalar)
                escaped.append(referenceBreaker)
            default:
                if !isInvisibleControl(scalar) { escaped.append(scalar) }
            }
        }
        var result = String(escaped)
        if isTruncated { result += "…" }
        return result
    }

    /// True for C0/C1 controls (terminal escapes, NUL) and the bidi overrides behind "Trojan Source" tricks.
    public static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: true
        default: false
        }
    }
}
