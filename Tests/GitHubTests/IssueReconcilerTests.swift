import Core
import Foundation
@testable import GitHub
import Testing

/// The reconciliation table: every lifecycle case, decided without a network.
struct IssueReconcilerTests {
    static func finding(_ rule: String = "aws-sg-ssh-open", target: String = "infra", severity: Severity = .high)
        -> Finding
    {
        Finding(
            ruleID: rule, category: .security, severity: severity, title: "\(rule) on web", detail: "Detail.",
            source: "terraform", fingerprintSource: "terraform", target: target, resource: "aws_security_group.web",
            resourceType: "aws_security_group", identity: "aws_security_group.web")
    }

    static func desired(_ findings: [Finding]) -> [DesiredIssue] {
        IssueContent.issues(for: findings, grouping: .finding, baseLabel: "steadystate", extraLabels: [])
    }

    static func record(
        _ issue: DesiredIssue, number: Int, state: IssueRecord.State = .open, reason: String? = nil,
        body: String? = nil
    ) -> IssueRecord {
        IssueRecord(
            number: number, title: issue.title, body: body ?? issue.body, state: state, stateReason: reason,
            labels: issue.labels, htmlURL: "https://github.com/o/r/issues/\(number)")
    }

    static let allLabels = ["steadystate", "high", "security", "low", "medium", "critical"].map {
        LabelRecord(name: $0, color: "ededed")
    }

    static func intent(
        _ desired: [DesiredIssue], present: [String]? = nil, waived: [String: String] = [:],
        scanned: Set<String> = ["infra"], everything: Bool = true, cap: Int = 20
    ) -> IssueIntent {
        IssueIntent(
            desired: desired, presentKeys: Set(present ?? desired.map(\.key)), waived: waived,
            coverage: ScanCoverage(scannedTargets: scanned, coversEverything: everything), maxNewIssues: cap,
            baseLabel: "steadystate")
    }

    @Test func aNewFindingCreatesItsLabelsAndOneIssue() {
        let wanted = Self.desired([Self.finding()])
        let plan = IssueReconciler.plan(existing: [], labels: [], intent: Self.intent(wanted))
        #expect(plan.actions.filter { if case .createLabel = $0 { true } else { false } }.count == 3)
        #expect(plan.actions.last == .create(wanted[0]))
        #expect(wanted[0].labels == ["steadystate", "high", "security"])
    }

    @Test func anUnchangedIssueIsLeftAlone() {
        let wanted = Self.desired([Self.finding()])
        let plan = IssueReconciler.plan(
            existing: [Self.record(wanted[0], number: 4)], labels: Self.allLabels, intent: Self.intent(wanted))
        #expect(plan.actions.isEmpty)
    }

    @Test func aChangedBodyIsUpdatedOnce() {
        let wanted = Self.desired([Self.finding()])
        let original = "why\n\n<!-- steadystate-fp: \(wanted[0].key) -->\n_closes automatically_"
        let plan = IssueReconciler.plan(
            existing: [Self.record(wanted[0], number: 4, body: original)], labels: Self.allLabels,
            intent: Self.intent(wanted))
        #expect(plan.actions == [.update(number: 4, wanted[0])])
    }

    @Test func aClosedIssueIsReopenedWhenTheProblemIsBack() throws {
        let wanted = Self.desired([Self.finding()])
        let plan = IssueReconciler.plan(
            existing: [Self.record(wanted[0], number: 4, state: .closed, reason: "completed")], labels: Self.allLabels,
            intent: Self.intent(wanted))
        let action = try #require(plan.actions.first)
        guard case .reopen(let number, _, _) = action else { Issue.record("expected a reopen, got \(action)"); return }
        #expect(number == 4)
    }

    @Test func anIssueAPersonClosedAsNotPlannedStaysClosed() {
        let wanted = Self.desired([Self.finding()])
        let plan = IssueReconciler.plan(
            existing: [Self.record(wanted[0], number: 4, state: .closed, reason: "not_planned")],
            labels: Self.allLabels, intent: Self.intent(wanted))
        #expect(plan.actions.isEmpty)
        #expect(plan.notes.count == 1)
    }

    @Test(arguments: [
        // scanned targets, covers everything, has a target marker, expected to close
        (Set(["infra"]), true, true, true),
        (Set<String>(), false, true, false),  // its target failed: stays open
        (Set(["infra"]), false, false, false),  // the original's issue (no target) in a partial run: stays open
        (Set(["infra"]), true, false, true),  // the original's issue in a complete run: closes
    ])
    func aClearedFindingClosesOnlyWhereTheRunLooked(scanned: Set<String>, everything: Bool, marked: Bool, closes: Bool) {
        let gone = Self.desired([Self.finding()])[0]
        let body = marked ? gone.body : "why\n\n<!-- steadystate-fp: \(gone.key) -->"
        let plan = IssueReconciler.plan(
            existing: [Self.record(gone, number: 9, body: body)], labels: Self.allLabels,
            intent: Self.intent([], scanned: scanned, everything: everything))
        let closed = plan.actions.contains { if case .close(9, _, "completed", _) = $0 { true } else { false } }
        #expect(closed == closes)
    }

    @Test func aFindingStillPresentBelowTheBarKeepsItsIssue() {
        let gone = Self.desired([Self.finding()])[0]
        let plan = IssueReconciler.plan(
            existing: [Self.record(gone, number: 9)], labels: Self.allLabels, intent: Self.intent([], present: [gone.key]))
        #expect(plan.actions.isEmpty)
    }

    @Test func aWaivedFindingClosesWithTheWaiversReason() {
        let waived = Self.desired([Self.finding()])[0]
        let plan = IssueReconciler.plan(
            existing: [Self.record(waived, number: 9)], labels: Self.allLabels,
            intent: Self.intent([], present: [], waived: [waived.key: "accepted until the migration"]))
        guard case .close(9, let comment, "not_planned", _) = plan.actions.first else {
            Issue.record("expected a not-planned close, got \(plan.actions)")
            return
        }
        #expect(comment.contains("accepted until the migration"))
    }

    @Test func duplicatesFromConcurrentRunsCloseAllButTheLowest() {
        let wanted = Self.desired([Self.finding()])
        let plan = IssueReconciler.plan(
            existing: [Self.record(wanted[0], number: 12), Self.record(wanted[0], number: 11)], labels: Self.allLabels,
            intent: Self.intent(wanted))
        #expect(plan.actions.count == 1)
        guard case .close(12, let comment, "not_planned", _) = plan.actions.first else {
            Issue.record("expected #12 closed as a duplicate, got \(plan.actions)")
            return
        }
        #expect(comment.contains("#11"))
    }

    @Test func theCapHoldsBackTheRestInOneDigest() throws {
        let findings = ["aws-a", "aws-b", "aws-c"].map { Self.finding($0) }
        let wanted = Self.desired(findings)
        let plan = IssueReconciler.plan(existing: [], labels: Self.allLabels, intent: Self.intent(wanted, cap: 1))
        let creates = plan.actions.compactMap { if case .create(let issue) = $0 { issue } else { nil } }
        #expect(creates.count == 2)
        let digest = try #require(creates.last)
        #expect(IssueMarkers.isDigest(digest.body))
        #expect(digest.title.contains("2 more"))

        // Next run with everything filed: the digest closes.
        let existing = wanted.enumerated().map { Self.record($1, number: $0 + 1) }
            + [IssueRecord(number: 9, title: digest.title, body: digest.body, state: .open, labels: ["steadystate"], htmlURL: "u")]
        let next = IssueReconciler.plan(existing: existing, labels: Self.allLabels, intent: Self.intent(wanted, cap: 1))
        #expect(next.actions == [.close(number: 9, comment: "Every finding now has its own issue.", reason: "completed")])
    }

    @Test func pullRequestsInTheListingAreIgnored() {
        let wanted = Self.desired([Self.finding()])
        var pull = Self.record(wanted[0], number: 3)
        pull.isPullRequest = true
        let plan = IssueReconciler.plan(existing: [pull], labels: Self.allLabels, intent: Self.intent(wanted))
        #expect(plan.actions == [.create(wanted[0])])
    }
}

/// Issue text: the original's conventions, GitHub's limits, untrusted content neutralised.
struct IssueContentTests {
    @Test func theMarkerAndTitleFollowTheOriginal() {
        let finding = IssueReconcilerTests.finding()
        let issue = IssueContent.issues(for: [finding], grouping: .finding, baseLabel: "steadystate", extraLabels: [])[0]
        #expect(issue.key == finding.fingerprint)
        #expect(issue.body.contains("<!-- steadystate-fp: \(finding.fingerprint) -->"))
        #expect(issue.title == "[steadystate] aws-sg-ssh-open on web")
        #expect(IssueMarkers.fingerprint(in: "x\n<!--steadystate-fp:   abc  -->") == "abc")
    }

    @Test func hostileTextIsNeutralisedAndCut() {
        var finding = IssueReconcilerTests.finding()
        finding.title = "@octo-org/admins #12 <img src=x>\u{1B}[31m" + String(repeating: "x", count: 400)
        finding.detail = "see @everyone and <script>alert(1)</script> " + String(repeating: "y", count: 70_000)
        finding.resource = "a`b` | c"
        let issue = IssueContent.issues(for: [finding], grouping: .finding, baseLabel: "steadystate", extraLabels: [])[0]
        #expect(issue.title.count <= 256)
        #expect(!issue.title.contains("\u{1B}"))
        #expect(issue.body.count <= 65_536)
        #expect(!issue.body.contains("@everyone"))
        #expect(!issue.body.contains("<script>"))
        #expect(issue.body.contains("`aˋbˋ ¦ c`"))
        #expect(IssueMarkers.fingerprint(in: issue.body) == finding.fingerprint)
    }

    @Test func groupingByRuleGathersResources() {
        var other = IssueReconcilerTests.finding()
        other.resource = "aws_security_group.db"
        let issues = IssueContent.issues(
            for: [IssueReconcilerTests.finding(), other], grouping: .rule, baseLabel: "steadystate", extraLabels: ["infra"])
        #expect(issues.count == 1)
        #expect(issues[0].labels == ["steadystate", "high", "security", "infra"])
        #expect(issues[0].title.contains("(2 resource(s))"))
    }
}
