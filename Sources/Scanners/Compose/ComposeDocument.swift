import Core
import Yams

/// One compose file (or several merged into one) read into the sections the rules look at, in file order.
///
/// Each entry keeps the file and line of its key, so a finding on a service points at `services.web:` in
/// the file that declared it, also after an override file changed it.
struct ComposeDocument: Sendable, Equatable {
    /// A named member of a section: a service, network, volume or secret.
    struct Entry: Sendable, Equatable {
        var name: String
        var value: JSONValue
        var location: SourceLocation
    }

    var services: [Entry] = []
    var networks: [Entry] = []
    var volumes: [Entry] = []
    var secrets: [Entry] = []
    /// Things compose would do that this reading does not (`include`, `extends`), said once each.
    var warnings: [String] = []

    /// The top-level sections that become resources; `services` is read separately.
    static let namedSections = ["networks", "volumes", "secrets"]

    /// Reads a compose file's text.
    ///
    /// `file` is the repository-relative path used in locations and errors.
    static func read(_ text: String, file: String) throws(ComposeError) -> ComposeDocument {
        try read(root: ComposeYAML.parse(text, file: file), file: file)
    }

    /// Reads an already parsed root (a compose file, or the `config` of a captured snapshot).
    static func read(root: Node?, file: String) throws(ComposeError) -> ComposeDocument {
        var document = ComposeDocument()
        guard let root, !ComposeYAML.isNull(root) else { return document }
        guard case .mapping(let top) = root else {
            throw .wrongShape(file: file, line: root.mark?.line, key: "(top level)", expected: "a mapping")
        }
        for (key, line, node) in try ComposeYAML.pairs(top, file: file) {
            switch key {
            case "services":
                document.services = try entries(node, section: key, file: file, read: service)
                // Pattern matching, not `!= nil`: `JSONValue` is nil-literal expressible (`nil` is `.null`).
                for entry in document.services where entry.value.objectValue?.keys.contains("extends") == true {
                    document.warnings.append(
                        "\(file):\(entry.location.line ?? 0): service '\(entry.name)' uses 'extends', which is not "
                            + "followed; the service is checked as written")
                }
            case "networks": document.networks = try entries(node, section: key, file: file, read: plain)
            case "volumes": document.volumes = try entries(node, section: key, file: file, read: plain)
            case "secrets": document.secrets = try entries(node, section: key, file: file, read: plain)
            case "include":
                document.warnings.append(
                    "\(file):\(line ?? 0): 'include' is not followed; scan the included files as their own targets")
            default: continue
            }
        }
        return document
    }

    /// This document with `override` laid over it, as compose merges `compose.override.yaml`.
    func merging(_ override: ComposeDocument) -> ComposeDocument {
        ComposeDocument(
            services: ComposeMerge.entries(services, override.services, isService: true),
            networks: ComposeMerge.entries(networks, override.networks, isService: false),
            volumes: ComposeMerge.entries(volumes, override.volumes, isService: false),
            secrets: ComposeMerge.entries(secrets, override.secrets, isService: false),
            warnings: warnings + override.warnings)
    }

    // MARK: Reading sections

    private static func entries(
        _ node: Node, section: String, file: String, read: (Node, String, String) throws(ComposeError) -> JSONValue
    ) throws(ComposeError) -> [Entry] {
        if ComposeYAML.isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            throw .wrongShape(file: file, line: node.mark?.line, key: section, expected: "a mapping of names")
        }
        var found: [Entry] = []
        for (name, line, value) in try ComposeYAML.pairs(mapping, file: file) {
            found.append(
                Entry(
                    name: name, value: try read(value, "\(section).\(name)", file),
                    location: SourceLocation(file: file, line: line)))
        }
        return found
    }

    /// A network, volume or secret: any mapping, or nothing (`volumes: { data: }`).
    private static func plain(_ node: Node, key: String, file: String) throws(ComposeError) -> JSONValue {
        if ComposeYAML.isNull(node) { return .object([:]) }
        guard case .mapping = node else {
            throw .wrongShape(file: file, line: node.mark?.line, key: key, expected: "a mapping")
        }
        return try ComposeYAML.value(node, file: file)
    }

    /// A service mapping as written, with `environment` normalised to a map whichever form it used.
    private static func service(_ node: Node, key: String, file: String) throws(ComposeError) -> JSONValue {
        if ComposeYAML.isNull(node) { return .object([:]) }
        guard case .mapping(let mapping) = node else {
            throw .wrongShape(file: file, line: node.mark?.line, key: key, expected: "a mapping")
        }
        var members: [String: JSONValue] = [:]
        for (name, _, value) in try ComposeYAML.pairs(mapping, file: file) {
            members[name] =
                name == "environment"
                ? try environment(value, key: "\(key).environment", file: file)
                : try ComposeYAML.value(value, file: file)
        }
        return .object(members)
    }

    /// The `environment` of a service as compose normalises it: a map of name to text.
    ///
    /// A name given without a value is `null` (compose would take it from the shell, which a CI gate does
    /// not read). Values keep the text as written, so `1.50` stays `"1.50"`.
    static func environment(_ node: Node, key: String, file: String) throws(ComposeError) -> JSONValue {
        var result: [String: JSONValue] = [:]
        switch node {
        case .mapping(let mapping):
            for (name, _, value) in try ComposeYAML.pairs(mapping, file: file) {
                if ComposeYAML.isNull(value) {
                    result[name] = .null
                } else if let text = ComposeYAML.text(value) {
                    result[name] = .string(text)
                } else {
                    throw .wrongShape(file: file, line: value.mark?.line, key: "\(key).\(name)", expected: "a scalar")
                }
            }
        case .sequence(let items):
            for item in items {
                guard let text = ComposeYAML.text(item) else {
                    throw .wrongShape(file: file, line: item.mark?.line, key: key, expected: "a list of NAME=value")
                }
                if let equals = text.firstIndex(of: "=") {
                    result[String(text[..<equals])] = .string(String(text[text.index(after: equals)...]))
                } else {
                    result[text] = .null
                }
            }
        default:
            if ComposeYAML.isNull(node) { return .object([:]) }
            throw .wrongShape(file: file, line: node.mark?.line, key: key, expected: "a mapping or a list")
        }
        return .object(result)
    }
}
