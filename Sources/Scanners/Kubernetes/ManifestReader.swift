import Core
import Foundation
import Yams

/// One Kubernetes object read from a manifest, a render or a capture, with where it starts.
public struct ManifestObject: Sendable, Hashable {
    /// The whole object, as the rules read it.
    public var object: JSONValue
    /// Repository-relative file, or a label for tool output (`helm template web`).
    public var file: String
    /// 1-based line where the object starts (its first key, or its `{`).
    public var line: Int

    public init(object: JSONValue, file: String, line: Int) {
        self.object = object
        self.file = file
        self.line = line
    }

    /// `kind`; never empty, since the reader skips objects without one.
    public var kind: String { object["kind"]?.stringValue ?? "" }
    public var name: String? { ManifestReader.text(object["metadata"]?["name"]) }
    public var namespace: String? { ManifestReader.text(object["metadata"]?["namespace"]) }
    /// The original's identity, `[group/]Kind/[namespace/]name`: see `ManifestReader.identity(of:)`.
    public var identity: String { ManifestReader.identity(of: object) }

    /// The object as every rule pack sees it, following `Resource`'s conventions for Kubernetes objects.
    public func resource(location: SourceLocation?) -> Resource {
        Resource(
            address: identity, type: kind, name: name ?? "", namespace: namespace, attributes: object,
            location: location)
    }
}

/// What one file (or one tool output) held: its objects in order, and what was skipped, as warnings.
public struct ManifestRead: Sendable {
    public var objects: [ManifestObject]
    public var warnings: [String]

    public init(objects: [ManifestObject] = [], warnings: [String] = []) {
        self.objects = objects
        self.warnings = warnings
    }
}

/// Reads Kubernetes manifests: multi-document YAML, `List` and `<Kind>List` wrappers, bare arrays, JSON.
///
/// Pure: text in, objects out. A document that is not a Kubernetes object (no `apiVersion` or `kind`, such
/// as a values file or a kustomization) is skipped with a warning, because manifest folders routinely hold
/// such files; a document that does not parse fails the whole file, because half a file is not the truth.
public enum ManifestReader {
    /// How unquoted scalars are typed: YAML 1.1 (as kubectl reads manifests) or JSON.
    public enum Format: Sendable {
        case yaml, json

        /// `.json` files are JSON; everything else is read as YAML (a superset for practical purposes).
        public static func of(file path: String) -> Format {
            path.lowercased().hasSuffix(".json") ? .json : .yaml
        }
    }

    /// File extensions a manifest folder is searched for.
    public static let manifestExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Reads file bytes, refusing anything that is not UTF-8 rather than guessing an encoding.
    public static func read(_ data: Data, file: String, format: Format) throws(ManifestError) -> ManifestRead {
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(file: file) }
        return try read(text, file: file, format: format)
    }

    /// Every object of every document, in order; `file` names the input in locations and messages.
    ///
    /// Documents become objects a share of documents per core: most of reading a stream of 10k documents was
    /// turning nodes into values, and resolving each scalar's tag on the way (Yams matches a scalar against
    /// up to seven regular expressions). Yams' nodes are not `Sendable`, because a scalar's tag is a class that
    /// remembers its resolution; but each node of a document has its own, and no node belongs to two documents
    /// (anchors do not reach across them), so threads that read different documents share nothing they write.
    public static func read(_ text: String, file: String, format: Format) throws(ManifestError) -> ManifestRead {
        nonisolated(unsafe) let roots = try documents(in: text, file: file, format: format)
        let shares = Parallel.chunks(of: roots.indices, minimumChunk: 16) { share -> ManifestRead in
            var read = ManifestRead()
            for root in roots[share] {
                read.objects += objects(in: root, file: file, format: format, warnings: &read.warnings)
            }
            return read
        }
        return ManifestRead(objects: shares.flatMap(\.objects), warnings: shares.flatMap(\.warnings))
    }

    /// The stream's root nodes, or the located parse error.
    static func documents(in text: String, file: String, format: Format) throws(ManifestError) -> [Node] {
        do {
            return try YAMLStream.documents(in: format == .json ? YAMLStream.yamlCompatibleJSON(text) : text)
        } catch {
            switch format {
            case .yaml: throw .invalidYAML(file: file, line: error.line, cause: error.cause)
            case .json: throw .invalidJSON(file: file, line: error.line, cause: error.cause)
            }
        }
    }

    /// The objects of one document: the original's `_normalize` (a `List`, a bare array, or one object), plus
    /// typed lists such as `DeploymentList`, whose items may leave out their own `apiVersion` and `kind`.
    static func objects(in node: Node, file: String, format: Format, warnings: inout [String]) -> [ManifestObject] {
        switch node {
        case .scalar where node.tag.description == Tag.Name.null.rawValue:
            return []  // an empty document between two `---`: nothing to say
        case .sequence(let items):
            return items.compactMap { object(from: $0, file: file, format: format, warnings: &warnings) }
        case .mapping(let mapping):
            let kind = YAMLStream.text(of: mapping["kind"]) ?? ""
            guard kind.hasSuffix("List"), let itemsNode = mapping["items"] else {
                return object(from: node, file: file, format: format, warnings: &warnings).map { [$0] } ?? []
            }
            guard case .sequence(let items) = itemsNode else { return [] }  // `items: null`, as the original
            var inherited: [String: JSONValue] = [:]
            if kind != "List" {
                inherited["kind"] = .string(String(kind.dropLast(4)))
                if let apiVersion = YAMLStream.text(of: mapping["apiVersion"]) {
                    inherited["apiVersion"] = .string(apiVersion)
                }
            }
            return items.compactMap {
                object(from: $0, file: file, format: format, inheriting: inherited, warnings: &warnings)
            }
        default:
            warnings.append("\(file):\(YAMLStream.line(of: node)): skipped a document that is not a mapping")
            return []
        }
    }

    private static func object(
        from node: Node, file: String, format: Format, inheriting inherited: [String: JSONValue] = [:],
        warnings: inout [String]
    ) -> ManifestObject? {
        let line = YAMLStream.line(of: node)
        guard case .object(var members) = YAMLStream.value(of: node, isJSON: format == .json) else {
            warnings.append("\(file):\(line): skipped an item that is not a mapping")
            return nil
        }
        for (key, value) in inherited where (members[key]?.stringValue ?? "").isEmpty {
            members[key] = value
        }
        let apiVersion = members["apiVersion"]?.stringValue ?? ""
        let kind = members["kind"]?.stringValue ?? ""
        guard !apiVersion.isEmpty, !kind.isEmpty else {
            let name = (file as NSString).lastPathComponent.lowercased()
            let hint =
                ["kustomization.yaml", "kustomization.yml"].contains(name)
                ? "a kustomization; scan its folder with source \"kustomize\""
                : "not a Kubernetes object: no apiVersion or kind"
            warnings.append("\(file):\(line): skipped a document: \(hint)")
            return nil
        }
        if apiVersion.hasPrefix("kustomize.config.k8s.io/") {
            warnings.append(
                "\(file):\(line): skipped a \(kind): kustomize configuration, not a Kubernetes object; scan its "
                    + "folder with source \"kustomize\"")
            return nil
        }
        return ManifestObject(object: .object(members), file: file, line: line)
    }

    /// The original's `_identity`: `[group/]Kind/[namespace/]name` with empty parts dropped.
    ///
    /// The group is what precedes `/` in `apiVersion` (none for core `v1`), the namespace only when the
    /// object states one. Fingerprints hash this text, so it never changes shape.
    public static func identity(of object: JSONValue) -> String {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
        let metadata = object["metadata"]
        let parts = [
            group, text(object["kind"]) ?? "", text(metadata?["namespace"]) ?? "", text(metadata?["name"]) ?? "",
        ]
        return parts.filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// A scalar as text (`name: 5` is still a name); `nil` for absent, null, or a collection.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text
        case .number?, .bool?: value?.compactText
        default: nil
        }
    }
}
