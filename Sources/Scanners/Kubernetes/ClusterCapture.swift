import Core
import Yams

/// The original's captured form for `k8s`: a JSON file `{"declared": <doc>, "observed": <doc>}`, each doc a
/// `List`, a bare array or one object (observed is usually `kubectl get … -o json`).
///
/// Drift is the original's `reconcile_k8s` step for step, because its fingerprints name the finding in
/// GitHub: objects are keyed by identity (a later duplicate replaces an earlier one but keeps its place),
/// compared on sorted container images plus `spec.replicas` when present, and reported as declared-only
/// (added), both but different (modified), then observed-only (removed). Security posture never enters the
/// comparison, as in the original.
public enum ClusterCapture {
    /// Both sides of a capture, normalized like any manifest; each object located in the capture file.
    public struct Snapshot: Sendable {
        /// What the manifests declare: the resources the rules see.
        public var declared: [ManifestObject]
        /// What the cluster held when captured: compared, never judged by rules.
        public var observed: [ManifestObject]
        public var warnings: [String]
    }

    /// The capture's two sides, or `nil` when the document is not a capture (then it is a plain manifest).
    static func snapshot(in roots: [Node], file: String, format: ManifestReader.Format) throws(ManifestError)
        -> Snapshot?
    {
        guard roots.count == 1, case .mapping(let mapping) = roots[0], mapping["kind"] == nil,
            mapping["apiVersion"] == nil, mapping["declared"] != nil || mapping["observed"] != nil
        else { return nil }
        var warnings: [String] = []
        func side(_ key: String, _ hint: String) throws(ManifestError) -> [ManifestObject] {
            guard let node = mapping[key], node.tag.description != Tag.Name.null.rawValue else {
                throw .unexpectedShape(
                    file: file, line: YAMLStream.line(of: roots[0]),
                    cause: "a captured {\"declared\", \"observed\"} snapshot needs \"\(key)\" (\(hint))")
            }
            return ManifestReader.objects(in: node, file: file, format: format, warnings: &warnings)
        }
        let declared = try side("declared", "the manifests, as a List, an array or one object")
        let observed = try side("observed", "the cluster's objects, e.g. kubectl get deploy -o json")
        return Snapshot(declared: declared, observed: observed, warnings: warnings)
    }

    /// Drift findings in the original's order, each located at the object it is about.
    public static func driftFindings(
        declared: [ManifestObject], observed: [ManifestObject], context: RuleEngine.Context
    ) -> [Finding] {
        let declaredByIdentity = keyed(declared)
        let observedByIdentity = keyed(observed)
        let observedLookup = Dictionary(observedByIdentity, uniquingKeysWith: { _, last in last })
        let declaredIdentities = Set(declaredByIdentity.map(\.0))
        var findings: [Finding] = []
        for (identity, object) in declaredByIdentity {
            let wanted = properties(of: object.object)
            guard let live = observedLookup[identity] else {
                findings.append(finding(.added, object, declared: wanted, observed: nil, context))
                continue
            }
            let actual = properties(of: live.object)
            if wanted != actual {
                findings.append(finding(.modified, object, declared: wanted, observed: actual, context))
            }
        }
        for (identity, object) in observedByIdentity where !declaredIdentities.contains(identity) {
            findings.append(finding(.removed, object, declared: nil, observed: properties(of: object.object), context))
        }
        return findings
    }

    /// What a capture compares: the original's `_properties`.
    ///
    /// Sorted container and init-container images, and `spec.replicas` when the spec has the key. Kinds
    /// without containers project to nothing and reconcile on presence alone.
    public static func properties(of object: JSONValue) -> [String: JSONValue] {
        var properties: [String: JSONValue] = [:]
        let podSpec = self.podSpec(of: object)
        var images: [String] = []
        for key in ["initContainers", "containers"] {
            for container in podSpec[key]?.arrayValue ?? [] {
                if let image = container["image"]?.stringValue, !image.isEmpty { images.append(image) }
            }
        }
        if !images.isEmpty {
            // Python sorts by code point; UTF-8 byte order is the same order.
            properties["images"] = .array(
                images.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map(JSONValue.string))
        }
        if case .object(let spec)? = object["spec"], let replicas = spec["replicas"] {
            properties["replicas"] = replicas
        }
        return properties
    }

    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]

    /// Where the containers are: `spec.jobTemplate.spec.template.spec` for a CronJob, `spec.template.spec`
    /// for the other workloads, `spec` for a bare Pod, nowhere for anything else.
    static func podSpec(of object: JSONValue) -> JSONValue {
        let spec = object["spec"] ?? .null
        let found: JSONValue?
        switch object["kind"]?.stringValue ?? "" {
        case "CronJob": found = spec["jobTemplate"]?["spec"]?["template"]?["spec"]
        case let kind where workloadKinds.contains(kind): found = spec["template"]?["spec"]
        case "Pod": found = spec
        default: found = nil
        }
        return found ?? .null
    }

    /// Objects keyed by identity in first-seen order, the last object of an identity winning, like a
    /// Python dict comprehension.
    private static func keyed(_ objects: [ManifestObject]) -> [(String, ManifestObject)] {
        var order: [String] = []
        var latest: [String: ManifestObject] = [:]
        for object in objects {
            let identity = object.identity
            if latest[identity] == nil { order.append(identity) }
            latest[identity] = object
        }
        return order.compactMap { identity in latest[identity].map { (identity, $0) } }
    }

    private static func finding(
        _ change: ChangeType, _ object: ManifestObject, declared: [String: JSONValue]?,
        observed: [String: JSONValue]?, _ context: RuleEngine.Context
    ) -> Finding {
        let identity = object.identity
        let title: String
        let detail: String
        switch change {
        case .added:
            title = "\(identity) is declared but not in the cluster"
            detail = "The manifests declare this object; the captured cluster state does not have it."
        case .removed:
            title = "\(identity) is in the cluster but not declared"
            detail = "The captured cluster state has this object; no manifest declares it."
        case .modified:
            title = "\(identity) differs from the cluster"
            detail = "The declared images or replicas differ from the captured cluster state."
        }
        var evidence: [Evidence] = []
        for key in Set((declared ?? [:]).keys).union((observed ?? [:]).keys).sorted() {
            let wanted = declared?[key]
            let actual = observed?[key]
            guard wanted != actual else { continue }
            evidence.append(Evidence(path: key, value: wanted?.compactText, before: actual?.compactText))
        }
        return Finding(
            ruleID: "drift-\(change.rawValue)", category: .drift, severity: baselineSeverity(change), title: title,
            detail: detail, source: context.source.rawValue, fingerprintSource: context.source.fingerprintName,
            target: context.target, resource: identity, resourceType: object.kind,
            identity: context.identity(for: identity), location: SourceLocation(file: object.file, line: object.line),
            evidence: evidence, changeType: change)
    }

    /// The original's drift baseline for actionable drift (every capture drift is): removed is high,
    /// modified medium, added low.
    static func baselineSeverity(_ change: ChangeType) -> Severity {
        switch change {
        case .removed: .high
        case .modified: .medium
        case .added: .low
        }
    }
}
