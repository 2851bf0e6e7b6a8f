import Foundation

/// Finds the values a tool marks sensitive, so evidence that would show one anywhere can be redacted.
///
/// Terraform marks only the paths that came from sensitive expressions; an attribute a provider derives from one
/// (terraform_data's `output` copies `input`) carries the same secret unmarked. Redacting by path alone would leak
/// it, so evidence is also checked for the marked values themselves.
public enum SensitiveValues {
    /// Every scalar under a node the mask marks `true`, as rendered text.
    public static func collect(_ value: JSONValue?, mask: JSONValue?) -> Set<String> {
        var secrets: Set<String> = []
        collect(value, mask: mask, into: &secrets)
        return secrets
    }

    /// Long secrets are looked for inside the text; short ones (`1`, `on`) only as the whole value, or every
    /// number in a report would vanish.
    public static func reveals(_ text: String?, _ secrets: Set<String>) -> Bool {
        guard let text, !secrets.isEmpty else { return false }
        return secrets.contains { $0.count >= 4 ? occurs($0, in: text) : text == $0 }
    }

    /// Whether `needle` occurs in `text`: on bytes when both are ASCII (there the canonical equivalence that
    /// Foundation's `contains` honours is byte equality), through Foundation otherwise. Drift evidence of a
    /// large plan asks this a few hundred thousand times, and Foundation's search bridges both to `NSString`.
    static func occurs(_ needle: String, in text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { needle -> Bool? in
                guard ByteScan.isASCII(haystack), ByteScan.isASCII(needle) else { return nil }
                // An empty needle occurs nowhere, as Foundation answers.
                guard let first = needle.first, needle.count <= haystack.count else { return false }
                var start = 0
                while start + needle.count <= haystack.count {
                    if haystack[start] == first, memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                        return true
                    }
                    start += 1
                }
                return false
            } ?? nil
        } ?? nil
        return found ?? text.contains(needle)
    }

    private static func collect(_ value: JSONValue?, mask: JSONValue?, into secrets: inout Set<String>) {
        // Nothing below an absent mask can be marked: the value's own subtree is not walked for nothing.
        guard let value, let mask else { return }
        if mask == .bool(true) {
            addScalars(value, into: &secrets)
            return
        }
        // The mask is walked, not the value: a mask is a few keys, a resource's attributes can be thousands.
        switch (value, mask) {
        case (.object, .object(let marks)):
            for (key, mark) in marks { collect(value[key], mask: mark, into: &secrets) }
        case (.array, .array(let marks)):
            for (index, mark) in marks.enumerated() { collect(value[index], mask: mark, into: &secrets) }
        default:
            return
        }
    }

    private static func addScalars(_ value: JSONValue, into secrets: inout Set<String>) {
        switch value {
        case .object(let members): for member in members { addScalars(member.value, into: &secrets) }
        case .array(let items): for child in items { addScalars(child, into: &secrets) }
        case .null: return
        default: secrets.insert(value.compactText)
        }
    }
}
