import Crypto
import Foundation

/// The stable identity of a finding, shared with the Python original so its GitHub issues are recognised.
///
/// Inputs, exactly as the original hashes them (UTF-8, joined by `|`, full lowercase hex SHA-256):
/// - rule findings: `<source>|<identity>|<rule id>`
/// - drift: `<source>|<identity>|<change type>` where change type is `added`, `removed` or `modified`
/// - custom checks: `<source>|<identity>|<check name>`
///
/// `source` is `SourceKind.fingerprintSource(for:)`: `terraform` for both terraform kinds, `kubernetes` for rule
/// findings on manifests, charts and overlays alike, and the source's own name for drift. `identity` is the
/// resource address, prefixed with the target path only when the repository declares several targets.
/// Nothing positional (file, line, message wording, attribute values) enters the hash, so reformatting,
/// reordering or rewording never changes it.
public enum Fingerprint {
    public static func compute(source: String, identity: String, discriminator: String) -> String {
        sha256Hex("\(source)|\(identity)|\(discriminator)")
    }

    public static func sha256Hex(_ text: String) -> String {
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        // One string written in place: the per-byte `String(radix:)` and `joined()` cost more than the hash.
        // The digest's bytes read through a pointer: iterating the digest as a `Sequence` went through generic
        // metadata on every call.
        return digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 2 * bytes.count) { buffer in
                var index = 0
                for byte in bytes {
                    buffer[index] = hexDigits[Int(byte >> 4)]
                    buffer[index + 1] = hexDigits[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// True for a string shaped like a fingerprint (64 lowercase hex digits).
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
