import Core

/// Readings of attribute values that the Kubernetes and Docker packs share, written to match the original's
/// Python where a rule keeps its id (and so its fingerprint).
enum RuleValues {
    /// The original's `_truthy`, so `privileged: "false"` is false (which `JSONValue.isTruthy` would not say).
    ///
    /// Booleans as they are; strings `true`, `1`, `yes` in any case; non-zero numbers; non-empty lists and maps.
    static func isTruthy(_ value: JSONValue?) -> Bool {
        switch value {
        case .none, .some(.null): false
        case .some(.bool(let flag)): flag
        case .some(.number(let number)): number != 0
        case .some(.string(let text)):
            ["true", "1", "yes"].contains(text.trimmingBlanks().lowercased())
        case .some(.array(let items)): !items.isEmpty
        case .some(.object(let members)): !members.isEmpty
        }
    }

    /// Python's `value == 0`, as the original compares `runAsUser`: the number zero, or `false` (which Python
    /// counts as 0).
    static func isZero(_ value: JSONValue?) -> Bool {
        switch value {
        case .some(.number(let number)): number == 0
        case .some(.bool(let flag)): !flag
        default: false
        }
    }

    /// A scalar or a list read as a list of texts, as the original's `_as_list` followed by `str()`.
    static func texts(_ value: JSONValue?) -> [String] {
        switch value {
        case .none, .some(.null): []
        case .some(.array(let items)): items.map(\.compactText)
        case .some(let scalar): [scalar.compactText]
        }
    }

    /// True when an image reference is pinned by digest (`name@sha256:…`).
    static func hasDigest(_ image: String) -> Bool {
        guard let at = image.firstIndex(of: "@") else { return false }
        return image[image.index(after: at)...].contains(":")
    }

    /// The original's unpinned-image test: no `@sha256:` digest, and a tag that is empty or `latest`.
    ///
    /// A colon in an earlier path segment is a registry port, not a tag (`registry:5000/web` has no tag).
    static func isUnpinned(_ image: String) -> Bool {
        guard !image.isEmpty, !image.contains("@sha256:") else { return false }
        let lastSegment = image.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(image)
        var tag = ""
        if lastSegment.contains(":"), let colon = image.lastIndex(of: ":") {
            tag = String(image[image.index(after: colon)...])
        }
        return tag.isEmpty || tag == "latest"
    }
}

/// Environment variables that hold a secret written out in the committed file.
///
/// A name says "secret" when one of its words (split at `_`, `-`, `.` and camel case) is a credential word
/// (`DB_PASSWORD`, `apiKey`, `GITHUB_TOKEN`); names that point at a secret instead of holding one
/// (`POSTGRES_PASSWORD_FILE`, `TLS_KEY_PATH`) are not. A value is literal unless it is empty, a boolean word,
/// or an interpolation the tool resolves at run time (`${DB_PASSWORD}`, `$DB_PASSWORD`, `$(DB_PASSWORD)`).
/// The value itself never leaves this type: rules report the variable's name only.
enum SecretLiterals {
    static let credentialWords: Set<String> = [
        "PASSWORD", "PASSWD", "PASSPHRASE", "PWD", "SECRET", "SECRETS", "TOKEN", "KEY", "APIKEY", "ACCESSKEY",
        "SECRETKEY", "PRIVATEKEY", "CREDENTIAL", "CREDENTIALS", "AUTHTOKEN",
    ]
    static let referenceSuffixes: Set<String> = ["FILE", "PATH", "DIR", "FILENAME", "REF", "NAME", "ID", "URL", "URI"]

    static func looksLikeSecretName(_ name: String) -> Bool {
        let words = self.words(name)
        guard let last = words.last, !referenceSuffixes.contains(last) else { return false }
        // `PWD` alone is the shell's working directory, not a password.
        if words == ["PWD"] { return false }
        return words.contains { credentialWords.contains($0) }
    }

    static func isLiteral(_ value: String) -> Bool {
        let text = value.trimmingBlanks(newlines: true)
        guard !text.isEmpty, !text.hasPrefix("$"), !text.contains("${"), !text.contains("$(") else { return false }
        return !["true", "false", "yes", "no", "on", "off"].contains(text.lowercased())
    }

    /// `dbPassword` → `DB`, `PASSWORD`; `API_KEY` → `API`, `KEY`.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if character == "_" || character == "-" || character == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.uppercased() }
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` (`.whitespacesAndNewlines` with `newlines`), answered without
    /// Foundation when both ends are printable ASCII other than a space, so there is nothing to trim: rules ask
    /// it of most attribute values they read, and Foundation's bridges each string to `NSString`.
    func trimmingBlanks(newlines: Bool = false) -> String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
