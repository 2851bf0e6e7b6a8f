import Core
import Foundation

/// Reads `terraform show -json` documents (of a plan or of a state) into resources and drift findings.
///
/// Pure: bytes in, values out. Drift follows the original's `drifts_from_plan_json` step for step
/// (section order, dropped actions, action mapping, identity, de-duplication, baseline severity) so that
/// fingerprints match its GitHub issues; what it adds is evidence, with sensitive values redacted.
public enum TerraformPlan {
    /// Parses a `show -json` (or `version -json`) document. The only place plan JSON is decoded.
    ///
    /// simdjson does the parsing (`FastJSON`); the top-level sections nothing here reads are validated but
    /// never built: `prior_state` repeats the state (a tenth of a large plan), the others are small. A change's
    /// `after` shares the planned values it repeats (`TapeReader.plan`).
    public static func decode(_ data: consuming Data) throws -> JSONValue {
        try FastJSON.decode(consume data, skippingTopLevelKeys: unreadSections, sharesPlannedValues: true)
    }

    /// Top-level members of a plan that no scanner, rule or report reads.
    static let unreadSections: Set<String> = ["prior_state", "relevant_attributes", "output_changes", "checks"]

    /// True when the bytes look like JSON text rather than a binary plan (a zip, which starts with `PK`).
    public static func looksLikeJSON(_ data: Data) -> Bool {
        for byte in data.prefix(4096) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0xEF, 0xBB, 0xBF: continue  // a UTF-8 byte-order mark
            default: return byte == UInt8(ascii: "{")
            }
        }
        return false
    }

    // MARK: Resources

    /// Managed resources of `planned_values` (a plan) or `values` (a state), modules included.
    ///
    /// Data sources are skipped: rules judge what Terraform manages, not what it reads. Each resource carries
    /// the references of its configuration block (plans only), so rules can link new resources.
    public static func resources(in document: JSONValue) -> [Resource] {
        guard let root = document["planned_values"]?["root_module"] ?? document["values"]?["root_module"] else {
            return []
        }
        var found: [Resource] = []
        collect(module: root, into: &found)
        let references = ConfigurationReferences.index(document)
        if !references.isEmpty {
            for index in found.indices {
                found[index].references = references[found[index].configurationAddress] ?? [:]
            }
        }
        return found
    }

    private static func collect(module: JSONValue, into found: inout [Resource]) {
        for item in module["resources"]?.arrayValue ?? [] {
            guard item["mode"]?.stringValue != "data", let address = item["address"]?.stringValue else { continue }
            found.append(
                Resource(
                    address: address, type: item["type"]?.stringValue ?? "unknown",
                    name: item["name"]?.stringValue ?? address, namespace: module["address"]?.stringValue,
                    attributes: item["values"] ?? .object([:]), sensitivity: item["sensitive_values"]))
        }
        for child in module["child_modules"]?.arrayValue ?? [] {
            collect(module: child, into: &found)
        }
    }

    // MARK: Drift

    /// Drift findings in plan order: `resource_changes` (actionable), then `resource_drift` (not).
    ///
    /// `resource_drift` keeps the original's low severity in an ordinary plan, where the same change usually
    /// also shows in `resource_changes`. When it comes from a `-refresh-only` plan asked for on purpose
    /// (`liveDriftIsPrimary`), it is the finding the team wants, and gets the actionable baseline instead.
    public static func driftFindings(
        in document: JSONValue, context: RuleEngine.Context, liveDriftIsPrimary: Bool = false
    ) -> [Finding] {
        scan(document, context: context, liveDriftIsPrimary: liveDriftIsPrimary).drift
    }

    /// The resources and the drift findings of one document, on every core.
    ///
    /// Building the resources is one piece of work and each chunk of changes another, all in one parallel
    /// loop: Dispatch runs a parallel loop nested in another on the calling thread alone, so drift chunks
    /// inside a two-way split left a core idle once the resources were done (0.7 s of a 100k plan).
    static func scan(
        _ document: JSONValue, context: RuleEngine.Context, liveDriftIsPrimary: Bool = false
    ) -> (resources: [Resource], drift: [Finding], changes: [PlannedChange]) {
        let changes = plannedChanges(in: document)
        let chunk = max(128, changes.count / (Parallel.width * 8) + 1)
        let ranges = stride(from: 0, to: changes.count, by: chunk).map { $0..<min($0 + chunk, changes.count) }
        let pieces = Parallel.map(ranges.count + 1) { piece -> ScanPiece in
            guard piece > 0 else { return .resources(resources(in: document)) }
            // Changes are read in place (a copy of each is a dozen retains).
            var findings: [Finding] = []
            findings.reserveCapacity(ranges[piece - 1].count)
            changes.withUnsafeBufferPointer { changes in
                for index in ranges[piece - 1] {
                    var finding = changes[index].finding(context)
                    if !changes[index].isActionable {
                        finding.outOfBand = true
                        if liveDriftIsPrimary {
                            finding.severity = baselineSeverity(changes[index].changeType, isActionable: true)
                        }
                    }
                    findings.append(finding)
                }
            }
            return .drift(findings)
        }
        var built: [Resource] = []
        var drift: [Finding] = []
        drift.reserveCapacity(changes.count)
        for piece in pieces {
            switch piece {
            case .resources(let resources): built = resources
            case .drift(let findings): drift.append(contentsOf: findings)
            }
        }
        return (built, drift, changes)
    }

    private enum ScanPiece: Sendable {
        case resources([Resource])
        case drift([Finding])
    }

    /// The changes that survive the original's filters, de-duplicated by identity, in plan order.
    static func plannedChanges(in document: JSONValue) -> [PlannedChange] {
        let sections = [
            (document["resource_changes"]?.arrayValue ?? [], true),
            (document["resource_drift"]?.arrayValue ?? [], false),
        ]
        // Reading an entry depends on that entry alone: a chunk per core, read from the sections in place (a
        // list of the entries was 100k retains on one core); de-duplication stays in plan order.
        var read = sections.flatMap { entries, isActionable in
            Parallel.chunks(of: entries, minimumChunk: 1024) { chunk in
                chunk.map { PlannedChange($0, isActionable: isActionable) }
            }
        }
        let total = sections.reduce(0) { $0 + $1.0.count }
        var seen: Set<String> = []
        seen.reserveCapacity(total)
        var changes: [PlannedChange] = []
        changes.reserveCapacity(total)
        // Moved out, not copied: a copy left behind is a dozen releases when the chunks are freed.
        for chunk in read.indices {
            for position in read[chunk].indices {
                guard let drift = read[chunk][position].take(), seen.insert(drift.identity).inserted else { continue }
                changes.append(drift)
            }
        }
        return changes
    }

    /// The original's action mapping: only a lone create or delete is "added" or "removed".
    public static func changeType(forActions actions: [String]) -> ChangeType {
        // Compared element by element: `case ["create"]` built an array to compare against, twice per change.
        guard actions.count == 1 else { return .modified }
        switch actions[0] {
        case "create": return .added
        case "delete": return .removed
        default: return .modified
        }
    }

    /// The original's baseline: drift Terraform will not act on stays low whatever it is.
    public static func baselineSeverity(_ change: ChangeType, isActionable: Bool) -> Severity {
        guard isActionable else { return .low }
        switch change {
        case .removed: return .high
        case .modified: return .medium
        case .added: return .low
        }
    }
}

/// One entry of `resource_changes` or `resource_drift` that survives the original's filters.
struct PlannedChange: Sendable {
    static let evidenceCap = 50

    var identity: String
    var type: String
    var actions: [String]
    var change: JSONValue
    var isActionable: Bool
    /// The entry's own `address` (empty when it has none), `module_address` and `name`: where it is declared.
    var address: String
    var moduleAddress: String?
    var name: String?

    init?(_ entry: JSONValue, isActionable: Bool) {
        let change = entry["change"] ?? .null
        let actions = (change["actions"]?.arrayValue ?? []).compactMap(\.stringValue)
            .filter { $0 != "no-op" && $0 != "read" }
        guard !actions.isEmpty else { return nil }
        let address = entry["address"]?.stringValue ?? ""
        let name = entry["name"]?.stringValue
        self.identity = !address.isEmpty ? address : name.flatMap { $0.isEmpty ? nil : $0 } ?? "?"
        self.address = address
        self.moduleAddress = entry["module_address"]?.stringValue
        self.name = name
        self.type = entry["type"]?.stringValue ?? "unknown"
        self.actions = actions
        self.change = change
        self.isActionable = isActionable
    }

    var changeType: ChangeType { TerraformPlan.changeType(forActions: actions) }
    /// `Set(actions) == ["create", "delete"]`, without building either set.
    var isReplace: Bool {
        actions.contains("create") && actions.contains("delete") && actions.allSatisfy { $0 == "create" || $0 == "delete" }
    }

    /// What `terraform apply` would do, in words. The usual action lists give literals, shared by every finding
    /// of a large plan instead of a string built for each.
    static func applyDetail(_ actions: [String]) -> String {
        if actions.count == 1 {
            switch actions[0] {
            case "create": return "The plan differs from the recorded state: `terraform apply` would create it."
            case "update": return "The plan differs from the recorded state: `terraform apply` would update it."
            case "delete": return "The plan differs from the recorded state: `terraform apply` would delete it."
            default: break
            }
        }
        return "The plan differs from the recorded state: `terraform apply` would \(actions.joined(separator: " and ")) it."
    }

    var verb: String {
        if !isActionable {
            return changeType == .removed ? "was deleted outside Terraform" : "was changed outside Terraform"
        }
        if isReplace { return "would be replaced" }
        switch changeType {
        case .added: return "would be created"
        case .removed: return "would be destroyed"
        case .modified: return "would be updated"
        }
    }

    func finding(_ context: RuleEngine.Context) -> Finding {
        let changeType = self.changeType
        var evidence = AttributeDiff.evidence(
            before: change["before"] ?? .null, after: change["after"] ?? .null,
            beforeSensitive: change["before_sensitive"] ?? .null, afterSensitive: change["after_sensitive"] ?? .null,
            afterUnknown: change["after_unknown"] ?? .null)
        var detail: String
        if isActionable {
            detail = Self.applyDetail(actions)
        } else {
            detail = "The live resource no longer matches the state Terraform last applied; the plan does not change it."
            detail += changeType == .removed
                ? " `terraform apply` would create it again; `terraform apply -refresh-only` would forget it."
                : " `terraform apply` would walk it back; `terraform apply -refresh-only` would accept it into the state."
        }
        let replacePaths = (change["replace_paths"]?.arrayValue ?? []).map { path in
            (path.arrayValue ?? [path]).map(\.compactText).joined(separator: ".")
        }
        if isReplace, !replacePaths.isEmpty {
            detail += " Replacement is forced by: \(replacePaths.joined(separator: ", "))."
        }
        if evidence.count > Self.evidenceCap {
            detail += " \(evidence.count - Self.evidenceCap) more changed attributes are not listed."
            evidence = Array(evidence.prefix(Self.evidenceCap))
        }
        return Finding(
            ruleID: "drift-\(changeType.rawValue)", category: .drift,
            severity: TerraformPlan.baselineSeverity(changeType, isActionable: isActionable),
            title: "\(identity) \(verb)", detail: detail, source: context.source.rawValue,
            fingerprintSource: context.source.fingerprintName, target: context.target, resource: identity,
            resourceType: type, identity: context.identity(for: identity), evidence: evidence,
            changeType: changeType, actions: actions)
    }
}
