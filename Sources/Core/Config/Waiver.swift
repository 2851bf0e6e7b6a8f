import Foundation

/// A committed decision to accept a finding for a while: by rule id, by fingerprint, or both.
///
/// An expired waiver stops applying on its expiry date and the run says so, so a "temporary" exception
/// cannot quietly become permanent. The original's `mutes.json` entries become waivers with no expiry.
public struct Waiver: Sendable, Codable, Hashable {
    public var rule: String?
    public var fingerprint: String?
    /// A glob over the finding's identity (`module.legacy.*`); `*` matches any run of characters.
    public var resource: String?
    public var reason: String
    /// `YYYY-MM-DD`; the waiver applies up to and including the day before.
    public var expires: String?
    /// Where it was declared: `steadystate/config.toml [[suppress]] #2` or `steadystate/mutes.json`.
    public var origin: String

    public init(
        rule: String? = nil, fingerprint: String? = nil, resource: String? = nil, reason: String,
        expires: String? = nil, origin: String
    ) {
        self.rule = rule
        self.fingerprint = fingerprint
        self.resource = resource
        self.reason = reason
        self.expires = expires
        self.origin = origin
    }

    /// Whether the waiver's selectors all hold for `finding` (expiry is checked separately).
    public func matches(_ finding: Finding) -> Bool {
        if let rule, rule != finding.ruleID { return false }
        if let fingerprint, fingerprint != finding.fingerprint { return false }
        if let resource, !Glob.matches(resource, finding.identity) { return false }
        return true
    }

    /// True once `today` (`YYYY-MM-DD`) has reached the expiry date.
    public func isExpired(today: String) -> Bool {
        guard let expires else { return false }
        return today >= expires
    }

    static func parseSuppress(
        _ value: JSONValue?, file: String, warnings: inout [ConfigWarning]
    ) throws(ConfigError) -> [Waiver] {
        guard let value, !value.isNull else { return [] }
        let entries: [JSONValue]
        switch value {
        case .array(let items): entries = items
        // `[suppress]` with a `waivers` array is accepted too, as a single table reads naturally.
        case .object(let members):
            guard let items = members["waivers"]?.arrayValue else {
                throw .wrongType(file: file, key: "suppress", expected: "an array of tables ([[suppress]])")
            }
            entries = items
        default: throw .wrongType(file: file, key: "suppress", expected: "an array of tables ([[suppress]])")
        }
        var waivers: [Waiver] = []
        for (offset, entry) in entries.enumerated() {
            var table = try TableReader(file: file, tableName: "[[suppress]] #\(offset + 1)", value: entry)
            let rule = try table.string("rule")
            let fingerprint = try table.string("fingerprint")?.lowercased()
            let resource = try table.string("resource")
            guard rule != nil || fingerprint != nil || resource != nil else {
                throw .missingKey(file: file, key: table.keyName("rule or fingerprint"))
            }
            if let fingerprint, !Fingerprint.isWellFormed(fingerprint) {
                throw .invalidValue(
                    file: file, key: table.keyName("fingerprint"), value: fingerprint,
                    allowed: "a 64-character lowercase hex fingerprint as printed by 'steadystate scan'")
            }
            guard let reason = try table.string("reason"), !reason.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw .missingKey(file: file, key: table.keyName("reason"))
            }
            let expires = try table.string("expires")
            if let expires, !Waiver.isISODate(expires) {
                throw .invalidValue(
                    file: file, key: table.keyName("expires"), value: expires, allowed: "a date like 2026-12-31")
            }
            waivers.append(
                Waiver(
                    rule: rule, fingerprint: fingerprint, resource: resource, reason: reason, expires: expires,
                    origin: "\(file) \(table.tableName)"))
            warnings += table.warnings()
        }
        return waivers
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// Reads the original's `mutes.json`: `{"<fingerprint>": {"title", "by", "note", "added"}}`.
    public static func parseMutes(_ data: Data, file: String) throws(ConfigError) -> [Waiver] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .malformed(file: file, line: nil, column: nil, cause: JSONErrorText.describe(error))
        }
        guard case .object(let entries) = value else {
            throw .wrongType(file: file, key: "top level", expected: "an object keyed by fingerprint")
        }
        return entries.keys.sorted().map { key in
            let entry = entries[key]
            let note = entry?["note"]?.stringValue ?? entry?["title"]?.stringValue ?? "muted"
            let by = entry?["by"]?.stringValue
            return Waiver(
                fingerprint: key.lowercased(), reason: by.map { "\(note) (by \($0))" } ?? note, origin: file)
        }
    }
}

/// Shell-style `*` / `?` globbing, enough for resource addresses.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let t = Array(text.unicodeScalars)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// Turns Foundation's JSON decoding errors into one readable cause.
public enum JSONErrorText {
    public static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context):
                let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
                return underlying ?? context.debugDescription
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
                return context.debugDescription
            @unknown default:
                return "\(decoding)"
            }
        }
        return "\(error)"
    }
}
