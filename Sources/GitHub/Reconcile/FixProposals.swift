import Core
import Foundation

/// A reviewable change steadystate proposes for one finding: the files a fix PR carries.
public struct FixProposal: Sendable, Equatable {
    public var fingerprint: String
    /// `steadystate/<slug>` for restored drift (the original's branch), `steadystate/fix-<fp12>` for runbook patches.
    public var branch: String
    public var title: String
    public var body: String
    /// Whole new contents of every file it touches, repository-relative.
    public var changes: [TreeChange]
    public var isInBound: Bool
    public var target: String
}

/// Builds fix proposals from a report. Pure: file contents at the base branch come in through `read`
/// (nil for a file that does not exist there); a file it needs but was not given is listed in `missing`.
public enum FixProposals {
    public struct Result: Sendable, Equatable {
        public var proposals: [FixProposal] = []
        public var notes: [String] = []
        /// Paths `read` did not know; fetch them and build again.
        public var missing: Set<String> = []
    }

    /// Attributes a provider computes; a restored declaration that set them would not validate.
    static let computedAttributes: Set<String> = [
        "id", "arn", "owner_id", "unique_id", "create_date", "tags_all", "self_link", "creation_timestamp",
        "etag", "fingerprint", "latest_revision", "version", "output",
    ]

    public static func build(
        report: ScanReport, solutions: [Solution], targetPaths: [String: String],
        read: (String) -> String??
    ) -> Result {
        var result = Result()
        for finding in report.findings {
            if let patched = patchProposal(finding, solutions: solutions, read: read, into: &result) {
                result.proposals.append(patched)
            } else if finding.category == .drift, let restore = restoreProposal(finding, targetPaths: targetPaths, into: &result) {
                result.proposals.append(restore)
            }
        }
        return result
    }

    /// The best vouched runbook fix with a patch, applied to the base branch's files.
    static func patchProposal(
        _ finding: Finding, solutions: [Solution], read: (String) -> String??, into result: inout Result
    ) -> FixProposal? {
        guard let fix = finding.fixes?.first(where: { !$0.isDraft && $0.unfilled.isEmpty }),
            // `entry` is 1-based, as `explain` shows it.
            solutions.indices.contains(fix.entry - 1), let patch = solutions[fix.entry - 1].patch
        else { return nil }
        let changes: [FileChange]
        do {
            let patches = try FixPatch.parse(patch, values: Placeholders.values(for: finding))
            var wanted: Set<String> = []
            let attempt = try? PatchApplier.apply(patches) { path in
                guard let known = read(path) else { wanted.insert(path); return nil }
                return known
            }
            if !wanted.isEmpty {
                result.missing.formUnion(wanted)
                return nil
            }
            changes = try attempt ?? PatchApplier.apply(patches) { read($0) ?? nil }
        } catch {
            result.notes.append("fix PR for \(finding.resource) skipped: the patch of '\(fix.name)' no longer applies: \(error)")
            return nil
        }
        guard !changes.isEmpty else { return nil }
        let body = pullBody(
            finding: finding, summary: "Applies the runbook fix *\(MarkdownText.escape(fix.name, maxLength: 200))* by "
                + "\(MarkdownText.escape(fix.author, maxLength: 100))"
                + (fix.vouchedBy.map { ", vouched by \(MarkdownText.escape($0, maxLength: 100))" } ?? "") + ".",
            bound: fix.bound)
        return FixProposal(
            fingerprint: finding.fingerprint, branch: "steadystate/fix-\(finding.fingerprint.prefix(12))",
            title: "steadystate: \(fix.name) for \(finding.resource)".prefix(200).description, body: body,
            changes: changes.map { TreeChange(path: $0.path, content: $0.after) }, isInBound: fix.bound.isInBound,
            target: finding.target)
    }

    /// Terraform drift walked back to what is running, as a Terraform JSON file Terraform itself merges
    /// (`*_override.tf.json` for changed attributes, a plain `.tf.json` for a re-added declaration), so the
    /// repository's HCL is never rewritten by a parser of ours.
    static func restoreProposal(
        _ finding: Finding, targetPaths: [String: String], into result: inout Result
    ) -> FixProposal? {
        guard finding.source == "terraform" || finding.source == "terraform-state",
            let change = finding.changeType, change != .added,
            let root = targetPaths[finding.target]
        else { return nil }
        let address = finding.resource
        guard finding.outOfBand != true else {
            result.notes.append(
                "no fix PR for \(address): it changed outside Terraform and the configuration already says what it should be; run terraform apply")
            return nil
        }
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !address.contains("["), !address.hasPrefix("data.") else {
            result.notes.append("no fix PR for \(address): only root-module resources without count/for_each are restored")
            return nil
        }
        let (type, name) = (String(parts[0]), String(parts[1]))
        var attributes: [String: JSONValue] = [:]
        var skipped: [String] = []
        for evidence in finding.evidence {
            guard !evidence.path.contains(".") else { skipped.append(evidence.path); continue }
            if evidence.isSensitive { skipped.append(evidence.path + " (sensitive, never written)"); continue }
            if change == .removed, computedAttributes.contains(evidence.path) { continue }
            guard let before = evidence.before, before != "(known after apply)" else { continue }
            attributes[evidence.path] = .string(before)
        }
        guard !attributes.isEmpty else {
            result.notes.append("no fix PR for \(address): no top-level attribute can be restored")
            return nil
        }
        let document = JSONValue.object(["resource": .object([type: .object([name: .object(attributes)])])])
        let slug = String(address.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
        let directory = root == "." || root.isEmpty ? "" : root.hasSuffix("/") ? root : root + "/"
        let file = change == .removed
            ? "\(directory)steadystate_restored_\(slug).tf.json" : "\(directory)steadystate_\(slug)_override.tf.json"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let content = ((try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
        var summary = change == .removed
            ? "Re-adds the declaration of `\(address)`, which the configuration no longer has while the state still does: merging this averts a destroy."
            : "Walks `\(address)` back to its last-applied values (the state), through a Terraform override file."
        if !skipped.isEmpty {
            summary += "\n\nLeft for a human (nested or sensitive): " + skipped.sorted().map { "`\($0)`" }.joined(separator: ", ")
        }
        summary += "\n\nValues are written as strings; Terraform converts them to the attribute's type. Run `terraform plan` on this branch before merging."
        return FixProposal(
            fingerprint: finding.fingerprint, branch: "steadystate/\(slug)",
            title: change == .removed ? "Restore deleted declaration for \(type) `\(name)`" : "Restore last-applied values of \(address)",
            body: pullBody(finding: finding, summary: summary, bound: nil), changes: [TreeChange(path: file, content: content)],
            isInBound: false, target: finding.target)
    }

    static func pullBody(finding: Finding, summary: String, bound: BoundDecision?) -> String {
        var lines = [
            summary, "",
            "**Finding:** \(MarkdownText.escape(finding.title, maxLength: 300)) (`\(finding.ruleID)`, \(finding.severity.rawValue))",
            "**Resource:** \(IssueContent.code(finding.resource)) in \(IssueContent.code(finding.target))",
        ]
        if let bound {
            lines.append("**Envelope:** " + (bound.isInBound ? "in bound" : "outside the bound, needs a human")
                + " — " + MarkdownText.escape(bound.reason, maxLength: 300))
        } else {
            lines.append("**Envelope:** a restore always waits for a human review.")
        }
        lines += [
            "", "_Generated by steadystate without a model; it closes by itself when the finding clears._",
            IssueMarkers.fingerprint(finding.fingerprint), IssueMarkers.target(finding.target),
            FixPullRequests.pullMarker,
        ]
        return lines.joined(separator: "\n")
    }
}
