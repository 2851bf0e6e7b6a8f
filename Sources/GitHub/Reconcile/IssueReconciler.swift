import Core
import Foundation

/// One change to make on GitHub's issue tracker.
public enum IssueAction: Sendable, Equatable {
    case createLabel(LabelRecord)
    case create(DesiredIssue)
    /// The body, title or labels differ from what the finding renders to now.
    case update(number: Int, DesiredIssue)
    /// A closed issue whose problem is back.
    case reopen(number: Int, DesiredIssue, comment: String)
    /// `reason` is GitHub's `state_reason`: `completed` when fixed, `not_planned` when waived or a duplicate.
    /// `body`, when set, replaces the body in the same edit (a waived issue records that steadystate closed it).
    case close(number: Int, comment: String, reason: String, body: String? = nil)
}

/// What the scan knows about the current run, beside the desired issues.
public struct ScanCoverage: Sendable, Equatable {
    /// Targets that scanned successfully in this run: only their issues may close.
    public var scannedTargets: Set<String>
    /// True when every configured target scanned successfully (no failure, no shard left out): only then may
    /// an issue that records no target (one the original opened) close.
    public var coversEverything: Bool

    public init(scannedTargets: Set<String>, coversEverything: Bool) {
        self.scannedTargets = scannedTargets
        self.coversEverything = coversEverything
    }

    func mayClose(issueTargets: [String]) -> Bool {
        issueTargets.isEmpty ? coversEverything : issueTargets.allSatisfy(scannedTargets.contains)
    }
}

/// The reconciliation's inputs, besides the existing issues.
public struct IssueIntent: Sendable {
    /// Issues for findings at or above the filing bar.
    public var desired: [DesiredIssue]
    /// Keys of every finding still present, whatever its severity: their issues never close.
    public var presentKeys: Set<String>
    /// Keys of waived findings, with the waiver's reason: their open issues close as not planned.
    public var waived: [String: String]
    public var coverage: ScanCoverage
    /// At most this many issues are opened in one run; the rest go into one digest issue.
    public var maxNewIssues: Int
    public var baseLabel: String

    public init(
        desired: [DesiredIssue], presentKeys: Set<String>, waived: [String: String], coverage: ScanCoverage,
        maxNewIssues: Int, baseLabel: String
    ) {
        self.desired = desired
        self.presentKeys = presentKeys
        self.waived = waived
        self.coverage = coverage
        self.maxNewIssues = maxNewIssues
        self.baseLabel = baseLabel
    }
}

/// The plan, with what was deliberately left alone (shown to the user).
public struct IssuePlan: Sendable, Equatable {
    public var actions: [IssueAction]
    public var notes: [String]
}

/// Decides how the tracker must change. Pure: `plan(existing:intent:)` is table-tested; the executor only
/// carries the actions out.
public enum IssueReconciler {
    /// Colours for the labels steadystate creates when a repository lacks them.
    static let labelColors: [String: String] = [
        "critical": "b60205", "high": "d93f0b", "medium": "fbca04", "low": "0e8a16",
        "drift": "1d76db", "security": "5319e7", "custom": "c5def5",
    ]

    public static func plan(existing: [IssueRecord], labels: [LabelRecord], intent: IssueIntent) -> IssuePlan {
        var actions: [IssueAction] = []
        var notes: [String] = []
        let issues = existing.filter { !$0.isPullRequest }

        // Index by marker; several issues with one key are duplicates (two runs at once): the lowest number wins.
        var byKey: [String: [IssueRecord]] = [:]
        var digest: IssueRecord?
        for issue in issues.sorted(by: { $0.number < $1.number }) {
            if IssueMarkers.isDigest(issue.body) {
                if digest == nil || (digest?.state == .closed && issue.state == .open) { digest = issue }
                continue
            }
            guard let key = IssueMarkers.fingerprint(in: issue.body) else { continue }
            byKey[key, default: []].append(issue)
        }
        for (key, group) in byKey.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            let keeper = group.first { $0.state == .open } ?? group[0]
            for duplicate in group where duplicate.number != keeper.number && duplicate.state == .open {
                actions.append(
                    .close(number: duplicate.number, comment: "Duplicate of #\(keeper.number) (same finding \(key.prefix(12))).",
                        reason: "not_planned"))
            }
        }
        func canonical(_ key: String) -> IssueRecord? {
            guard let group = byKey[key] else { return nil }
            return group.first { $0.state == .open } ?? group.first
        }

        // Labels the desired issues need and the repository lacks.
        let have = Set(labels.map { $0.name.lowercased() })
        var needed: [String] = []
        for issue in intent.desired { for label in issue.labels where !needed.contains(label) { needed.append(label) } }
        for label in needed where !have.contains(label.lowercased()) {
            let color = label == intent.baseLabel ? "ededed" : (labelColors[label] ?? "c2e0c6")
            actions.append(.createLabel(LabelRecord(name: label, color: color, description: "filed by steadystate")))
        }

        var overflow: [DesiredIssue] = []
        var created = 0
        for issue in intent.desired {
            guard let current = canonical(issue.key) else {
                if created < intent.maxNewIssues {
                    actions.append(.create(issue))
                    created += 1
                } else {
                    overflow.append(issue)
                }
                continue
            }
            if current.state == .closed {
                if current.stateReason == "not_planned", !current.body.contains(IssueMarkers.waivedMarker) {
                    notes.append(
                        "#\(current.number) was closed as not planned by a person; left closed (add a [[suppress]] waiver to silence it for good)")
                    continue
                }
                actions.append(
                    .reopen(number: current.number, issue,
                        comment: "The problem is back: steadystate found it again in this run, so this issue is reopened."))
            } else if needsUpdate(current, issue) {
                actions.append(.update(number: current.number, issue))
            }
        }

        // Open issues whose finding is gone (fixed) or waived, but only where this run really looked.
        let desiredKeys = Set(intent.desired.map(\.key))
        for (key, _) in byKey.sorted(by: { $0.key < $1.key }) {
            guard let current = canonical(key), current.state == .open, !desiredKeys.contains(key) else { continue }
            if let reason = intent.waived[key] {
                let body = current.body.contains(IssueMarkers.waivedMarker)
                    ? nil : current.body + "\n" + IssueMarkers.waivedMarker
                actions.append(
                    .close(number: current.number, comment: "Waived: \(MarkdownText.escape(reason, maxLength: 500)). Closing; the waiver's expiry brings it back.",
                        reason: "not_planned", body: body))
                continue
            }
            if intent.presentKeys.contains(key) { continue }
            let targets = IssueMarkers.targets(in: current.body)
            guard intent.coverage.mayClose(issueTargets: targets) else {
                notes.append("#\(current.number) left open: its target was not scanned successfully in this run")
                continue
            }
            actions.append(
                .close(number: current.number, comment: "The finding cleared: steadystate no longer finds it, so this issue is closed.",
                    reason: "completed"))
        }

        actions += digestActions(overflow: overflow, existing: digest, baseLabel: intent.baseLabel)
        return IssuePlan(actions: actions, notes: notes)
    }

    static func needsUpdate(_ current: IssueRecord, _ desired: DesiredIssue) -> Bool {
        current.body != desired.body || current.title != desired.title
            || !Set(desired.labels.map { $0.lowercased() }).isSubset(of: Set(current.labels.map { $0.lowercased() }))
    }

    /// One issue listing what the per-run cap held back, so a first run on a big repository does not flood the
    /// tracker; it closes once every finding has an issue of its own.
    static func digestActions(overflow: [DesiredIssue], existing: IssueRecord?, baseLabel: String) -> [IssueAction] {
        if overflow.isEmpty {
            if let existing, existing.state == .open {
                return [.close(number: existing.number, comment: "Every finding now has its own issue.", reason: "completed")]
            }
            return []
        }
        var lines = [
            "steadystate holds back \(overflow.count) finding(s) so one run does not flood the tracker"
                + " (`[github] max_new_issues`). Each gets its own issue on a later run.",
            "",
            "| Severity | Finding | Fingerprint |",
            "| --- | --- | --- |",
        ]
        for issue in overflow.prefix(500) {
            let title = issue.title.hasPrefix("[steadystate] ") ? String(issue.title.dropFirst(14)) : issue.title
            lines.append("| \(issue.severity.rawValue) | \(MarkdownText.escape(title, maxLength: 200)) | `\(issue.key.prefix(12))` |")
        }
        if overflow.count > 500 { lines.append("| … | \(overflow.count - 500) more | |") }
        lines += ["", IssueMarkers.digestMarker]
        let desired = DesiredIssue(
            key: "digest", title: "[steadystate] \(overflow.count) more finding(s) waiting for an issue",
            body: lines.joined(separator: "\n"), labels: [baseLabel], targets: [],
            severity: overflow.map(\.severity).max() ?? .low)
        guard let existing else { return [.create(desired)] }
        if existing.state == .closed {
            return [.reopen(number: existing.number, desired, comment: "More findings are waiting again.")]
        }
        return existing.body == desired.body && existing.title == desired.title ? [] : [.update(number: existing.number, desired)]
    }
}
