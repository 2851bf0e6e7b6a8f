import Core
import Yams

/// Release-status drift from a captured `helm list --output json`, exactly as the original's
/// `drifts_from_helm_releases`.
///
/// A release whose status is empty or `deployed` is healthy and skipped. Every other release is drift of
/// kind `HelmRelease` with identity `<namespace>/<name>` (empty parts dropped): `pending-install` reads as
/// added (it never landed), `uninstalling` as removed, and everything else (`failed`, `pending-upgrade`,
/// `pending-rollback`, `superseded`, …) as modified. Fingerprints hash source `helm`, so issues the original
/// filed are recognised.
public enum HelmReleaseList {
    /// The drift of one capture, and the entries skipped because they were not release objects.
    public struct Result: Sendable {
        public var findings: [Finding]
        public var warnings: [String]
    }

    /// The findings of one capture file (`file` is repository-relative, for locations and messages).
    public static func driftFindings(in text: String, file: String, context: RuleEngine.Context)
        throws(ManifestError) -> Result
    {
        let roots = try ManifestReader.documents(in: text, file: file, format: .json)
        guard roots.count == 1, case .sequence(let releases) = roots[0] else {
            throw .unexpectedShape(
                file: file, line: roots.first.map(YAMLStream.line(of:)),
                cause: "is not a captured `helm list --output json` (a JSON array of releases); for a chart, "
                    + "point the target at its folder")
        }
        var result = Result(findings: [], warnings: [])
        for node in releases {
            let line = YAMLStream.line(of: node)
            let release = YAMLStream.value(of: node, isJSON: true)
            guard case .object = release else {
                result.warnings.append("\(file):\(line): skipped an entry that is not a release object")
                continue
            }
            if let finding = finding(for: release, location: SourceLocation(file: file, line: line), context: context) {
                result.findings.append(finding)
            }
        }
        return result
    }

    /// The drift of one release, or `nil` for a healthy one.
    public static func finding(for release: JSONValue, location: SourceLocation?, context: RuleEngine.Context)
        -> Finding?
    {
        let status = pythonText(release["status"]).lowercased()
        guard !status.isEmpty, status != "deployed" else { return nil }
        let name = pythonText(release["name"])
        let identity = [pythonText(release["namespace"]), name.isEmpty ? "?" : name]
            .filter { !$0.isEmpty }.joined(separator: "/")
        let change = changeType(forStatus: status)
        let detail: String =
            switch change {
            case .added: "The release never finished installing; `helm install` was interrupted or is still running."
            case .removed: "The release is being uninstalled; its resources may be half gone."
            case .modified:
                "The release is not `deployed`: the last `helm upgrade`, `install` or `rollback` failed or never finished."
            }
        var evidence = [Evidence(path: "status", value: status)]
        for key in ["chart", "revision"] {
            if let value = release[key], !value.isNull {
                evidence.append(Evidence(path: key, value: value.compactText))
            }
        }
        return Finding(
            ruleID: "drift-\(change.rawValue)", category: .drift, severity: ClusterCapture.baselineSeverity(change),
            title: "helm release \(identity) is \(status)", detail: detail, source: context.source.rawValue,
            fingerprintSource: context.source.fingerprintName, target: context.target, resource: identity,
            resourceType: "HelmRelease", identity: context.identity(for: identity), location: location,
            evidence: evidence, changeType: change)
    }

    /// The original's status mapping: a release that never landed is added, one being torn down removed.
    public static func changeType(forStatus status: String) -> ChangeType {
        switch status {
        case "pending-install": .added
        case "uninstalling": .removed
        default: .modified
        }
    }

    /// Python's `str(value or "")`: falsy values are empty, `True` is `True` (lower-cased later), numbers
    /// are their shortest text.
    static func pythonText(_ value: JSONValue?) -> String {
        guard let value, value.isTruthy else { return "" }
        switch value {
        case .string(let text): return text
        case .bool: return "True"
        default: return value.compactText
        }
    }
}
