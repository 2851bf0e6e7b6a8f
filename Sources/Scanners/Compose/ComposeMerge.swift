import Core

/// Compose's override merge, for the keys rules read.
///
/// What compose does, and so what this does: an override service extends the service of the same name;
/// mappings merge key by key (`environment`, `labels`, `deploy`, …); lists are appended without repeating
/// an entry (`ports`, `cap_add`, `security_opt`, …), except `volumes`, where an override mount replaces the
/// base mount at the same container path; `command`, `entrypoint` and `healthcheck.test` are replaced
/// whole; every other scalar is replaced. Compose's `!reset` and `!override` tags are not interpreted.
enum ComposeMerge {
    /// Service-level keys whose lists are one value (an argv), so an override replaces rather than extends.
    static let replacedKeys: Set<[String]> = [["command"], ["entrypoint"], ["healthcheck", "test"]]

    /// The base entries, each merged with the override of the same name, then the override's new entries.
    ///
    /// A merged entry keeps the base's location: the declaration is there.
    static func entries(
        _ base: [ComposeDocument.Entry], _ override: [ComposeDocument.Entry], isService: Bool
    ) -> [ComposeDocument.Entry] {
        var result = base
        for entry in override {
            if let position = result.firstIndex(where: { $0.name == entry.name }) {
                result[position].value = merge(result[position].value, entry.value, path: [], isService: isService)
            } else {
                result.append(entry)
            }
        }
        return result
    }

    /// `override` laid over `base`; `path` is the key path inside the service, for the per-key rules.
    static func merge(_ base: JSONValue, _ override: JSONValue, path: [String], isService: Bool) -> JSONValue {
        if isService, replacedKeys.contains(path) { return override }
        switch (base, override) {
        case (.object(var members), .object(let changes)):
            for (key, value) in changes {
                members[key] = members[key].map { merge($0, value, path: path + [key], isService: isService) } ?? value
            }
            return .object(members)
        case (.array(let items), .array(let additions)):
            if isService, path == ["volumes"] { return .array(mergeMounts(items, additions)) }
            var merged = items
            for item in additions where !merged.contains(item) { merged.append(item) }
            return .array(merged)
        default:
            return override
        }
    }

    /// Mounts keyed by their container path: an override at the same path replaces the base mount in place.
    static func mergeMounts(_ base: [JSONValue], _ override: [JSONValue]) -> [JSONValue] {
        var merged = base
        for mount in override {
            if let target = mountTarget(mount), let position = merged.firstIndex(where: { mountTarget($0) == target }) {
                merged[position] = mount
            } else if !merged.contains(mount) {
                merged.append(mount)
            }
        }
        return merged
    }

    /// The container path of a volume entry: `target` in the long syntax; in the short syntax
    /// (`source:target[:mode]` or a bare `target`) the second field, or the only one.
    static func mountTarget(_ mount: JSONValue) -> String? {
        if let target = mount["target"]?.stringValue { return target }
        guard let text = mount.stringValue else { return nil }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        return fields.count >= 2 ? String(fields[1]) : text
    }
}
