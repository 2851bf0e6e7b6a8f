import Core
import Foundation
import Yams

/// The original's captured form, `{"config": <docker compose config --format json>, "ps": <docker compose ps
/// --format json>}`: declared services and the containers that were running, reconciled into drift.
///
/// Follows `sources/docker_compose.py` and `reconcile.py` step for step, because the drift fingerprints
/// (`docker-compose|<service>|<change type>`) must match the issues the original filed:
/// - declared: every key of `config.services`; observed: every `ps` entry, named by `Service`, else `Name`
///   (entries with neither are dropped; for a repeated name the last entry's values count);
/// - compared on the image only, and only when the declared service names one (a service built locally is
///   compared on presence), so a local build never reads as drift;
/// - declared and not running → added, running and not declared → removed, other image → modified;
///   declared order first, then the undeclared containers in `ps` order.
struct ComposeSnapshot: Sendable {
    /// A running container as `ps` reported it.
    struct Container: Sendable, Equatable {
        var service: String
        var image: JSONValue
        var state: JSONValue
    }

    var declared: ComposeDocument
    var running: [Container]

    /// True for a parsed document in the captured form rather than a compose file.
    static func isSnapshot(_ root: Node?) -> Bool {
        guard case .mapping(let mapping)? = root else { return false }
        let keys = Set(mapping.keys.compactMap(\.scalar?.string))
        return !keys.contains("services") && !keys.isDisjoint(with: ["config", "ps"])
    }

    static func read(root: Node, file: String) throws(ComposeError) -> ComposeSnapshot {
        guard case .mapping(let mapping) = root else {
            throw .wrongShape(file: file, line: root.mark?.line, key: "(top level)", expected: "a mapping")
        }
        let parts = try ComposeYAML.pairs(mapping, file: file)
        guard let config = parts.first(where: { $0.key == "config" })?.value, case .mapping = config else {
            throw .incompleteSnapshot(file: file, missing: "a 'config' object (docker compose config --format json)")
        }
        guard let ps = parts.first(where: { $0.key == "ps" })?.value, case .sequence(let entries) = ps else {
            throw .incompleteSnapshot(file: file, missing: "a 'ps' list (docker compose ps --format json)")
        }
        var running: [Container] = []
        for (offset, entry) in entries.enumerated() {
            guard case .mapping = entry else {
                throw .wrongShape(file: file, line: entry.mark?.line, key: "ps[\(offset)]", expected: "an object")
            }
            let value = try ComposeYAML.value(entry, file: file)
            guard let name = name(value["Service"]) ?? name(value["Name"]) else { continue }
            running.append(Container(service: name, image: value["Image"] ?? .null, state: value["State"] ?? .null))
        }
        return ComposeSnapshot(declared: try ComposeDocument.read(root: config, file: file), running: running)
    }

    /// The original's `entry.get("Service") or entry.get("Name")`: the first value that is set.
    private static func name(_ value: JSONValue?) -> String? {
        guard let value, value.isTruthy else { return nil }
        return value.stringValue ?? value.compactText
    }

    /// The drift, in the original's order, as findings of `context`'s target.
    func drift(context: RuleEngine.Context, snapshotFile: String) -> [Finding] {
        var observedOrder: [String] = []
        var observed: [String: Container] = [:]
        for container in running {
            if observed[container.service] == nil { observedOrder.append(container.service) }
            observed[container.service] = container
        }
        var findings: [Finding] = []
        let declaredNames = Set(declared.services.map(\.name))
        for service in declared.services {
            // `JSONValue` is nil-literal expressible, so a bare `nil` here could mean `.null`: optionals are
            // built and tested with `Optional.none` and pattern matching, never `nil` literals.
            let declaredImage: JSONValue? = Self.truthy(service.value["image"])
            guard let container = observed[service.name] else {
                findings.append(
                    finding(
                        .added, service: service.name, declared: declaredImage, observed: .none,
                        location: service.location, context: context))
                continue
            }
            // Presence only when the declared side names no image (a local build), as the original.
            guard case .some = declaredImage else { continue }
            let runningImage = Self.truthy(container.image)
            if declaredImage != runningImage {
                findings.append(
                    finding(
                        .modified, service: service.name, declared: declaredImage, observed: runningImage,
                        location: service.location, context: context))
            }
        }
        for name in observedOrder where !declaredNames.contains(name) {
            findings.append(
                finding(
                    .removed, service: name, declared: .none, observed: Self.truthy(observed[name]?.image),
                    location: SourceLocation(file: snapshotFile), context: context))
        }
        return findings
    }

    /// The value when Python would call it true, else `.none`.
    private static func truthy(_ value: JSONValue?) -> JSONValue? {
        guard let value, value.isTruthy else { return .none }
        return value
    }

    private func finding(
        _ change: ChangeType, service: String, declared: JSONValue?, observed: JSONValue?, location: SourceLocation,
        context: RuleEngine.Context
    ) -> Finding {
        let (title, detail): (String, String) =
            switch change {
            case .added:
                (
                    "\(service) is declared but not running",
                    "The compose file declares this service, but the captured `docker compose ps` shows no container for it."
                )
            case .removed:
                (
                    "\(service) is running but not declared",
                    "A container runs for this service, but the compose configuration no longer declares it."
                )
            case .modified:
                (
                    "\(service) runs image \(observed?.compactText ?? "(none)"), declared \(declared?.compactText ?? "(none)")",
                    "The running container's image differs from the image the compose file declares."
                )
            }
        // The original's drift baseline (its reconcile marks every compose drift actionable).
        let severity = TerraformPlan.baselineSeverity(change, isActionable: true)
        var evidence: [Evidence] = []
        if case .some = declared ?? observed {
            evidence.append(Evidence(path: "image", value: declared?.compactText, before: observed?.compactText))
        }
        return Finding(
            ruleID: "drift-\(change.rawValue)", category: .drift, severity: severity, title: title, detail: detail,
            source: context.source.rawValue, fingerprintSource: context.source.fingerprintName,
            target: context.target, resource: service, resourceType: ComposeSource.serviceType,
            identity: context.identity(for: service), location: location, evidence: evidence, changeType: change)
    }
}
