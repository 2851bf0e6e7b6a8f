import Core
import Foundation

/// How the GitHub surface behaves in one run (from `[github]`, `STEADYSTATE_GITHUB_*` and the event).
public struct GitHubSyncOptions: Sendable {
    public var repository: RepositorySlug
    public var isDryRun: Bool
    public var baseLabel: String
    public var extraLabels: [String]
    /// The issue filing bar (`STEADYSTATE_GITHUB_SEVERITY`, `[github] severity`).
    public var severityBar: Severity
    public var grouping: IssueGrouping
    public var maxNewIssues: Int
    /// Whether issues are reconciled at all in this run.
    public var syncsIssues: Bool
    /// On a `pull_request` event: the number whose sticky comment is kept.
    public var pullRequest: Int?

    public init(
        repository: RepositorySlug, isDryRun: Bool = false, baseLabel: String = "steadystate", extraLabels: [String] = [],
        severityBar: Severity = .medium, grouping: IssueGrouping = .finding, maxNewIssues: Int = 20,
        syncsIssues: Bool = true, pullRequest: Int? = nil
    ) {
        self.repository = repository
        self.isDryRun = isDryRun
        self.baseLabel = baseLabel
        self.extraLabels = extraLabels
        self.severityBar = severityBar
        self.grouping = grouping
        self.maxNewIssues = maxNewIssues
        self.syncsIssues = syncsIssues
        self.pullRequest = pullRequest
    }
}

/// What the GitHub step did, for the console and the run report.
public struct GitHubSyncOutcome: Sendable, Equatable, Codable {
    /// One line per call made (or, on a dry run, that would be made) and per thing left alone.
    public var lines: [String] = []
    /// URLs of every issue, comment and pull request touched.
    public var touched: [String] = []
    /// The first error that stopped the step; nil when it finished.
    public var error: String?
    /// The token could not write (a fork's pull request): the run fell back to the summary and the exit code.
    public var isReadOnly = false

    public init() {}
}

/// Carries out the GitHub surface: issues reconciled by fingerprint, the sticky pull-request comment.
///
/// Reads go to GitHub even on a dry run (nothing changes by reading); every write is printed there instead
/// of made. The first failing write stops the step: what was done is idempotent, so the next run converges.
public enum GitHubSync {
    public static func run(
        report: ScanReport, api: any GitHubAPI, options: GitHubSyncOptions
    ) async -> GitHubSyncOutcome {
        var outcome = GitHubSyncOutcome()
        do {
            let coverage = coverage(of: report)
            if let number = options.pullRequest {
                try await syncComment(number, report: report, coverage: coverage, api: api, options: options, outcome: &outcome)
            }
            if options.syncsIssues {
                try await syncIssues(report: report, coverage: coverage, api: api, options: options, outcome: &outcome)
            }
        } catch {
            if error.isPermissionDenied {
                outcome.isReadOnly = true
                outcome.lines.append(
                    "GitHub: the token cannot write here (a fork's pull request?); only the step summary and the exit code report this run")
            } else {
                outcome.error = error.description
            }
        }
        return outcome
    }

    public static func coverage(of report: ScanReport) -> ScanCoverage {
        let scanned = report.targets.filter { $0.status == .scanned }.map(\.name)
        return ScanCoverage(scannedTargets: Set(scanned), coversEverything: scanned.count == report.targets.count)
    }

    static func syncComment(
        _ number: Int, report: ScanReport, coverage: ScanCoverage, api: any GitHubAPI, options: GitHubSyncOptions,
        outcome: inout GitHubSyncOutcome
    ) async throws(GitHubError) {
        let issues = try await api.listIssues(label: options.baseLabel)
        var open: [String: String] = [:]
        for issue in issues where !issue.isPullRequest && issue.state == .open {
            if let key = IssueMarkers.fingerprint(in: issue.body) { open[key] = issue.title }
        }
        let body = PullRequestComment.render(
            report: report, baseline: .init(openIssues: open), grouping: options.grouping, coverage: coverage,
            severityBar: options.severityBar)
        let comments = try await api.listComments(issue: number)
        let path = "/repos/\(options.repository)/issues"
        if let existing = comments.first(where: { $0.body.contains(IssueMarkers.pullRequestCommentMarker) }) {
            if existing.body == body {
                outcome.lines.append("pull request #\(number): comment unchanged: \(existing.htmlURL)")
                return
            }
            if options.isDryRun {
                outcome.lines.append("dry run: would PATCH \(path)/comments/\(existing.id) (update the steadystate comment)")
                return
            }
            let comment = try await api.updateComment(id: existing.id, body: body)
            outcome.lines.append("pull request #\(number): comment updated: \(comment.htmlURL)")
            outcome.touched.append(comment.htmlURL)
        } else {
            if options.isDryRun {
                outcome.lines.append("dry run: would POST \(path)/\(number)/comments (the steadystate comment)")
                return
            }
            let comment = try await api.createComment(issue: number, body: body)
            outcome.lines.append("pull request #\(number): comment posted: \(comment.htmlURL)")
            outcome.touched.append(comment.htmlURL)
        }
    }

    static func syncIssues(
        report: ScanReport, coverage: ScanCoverage, api: any GitHubAPI, options: GitHubSyncOptions,
        outcome: inout GitHubSyncOutcome
    ) async throws(GitHubError) {
        let filed = report.findings.filter { $0.severity >= options.severityBar }
        let desired = IssueContent.issues(
            for: filed, grouping: options.grouping, baseLabel: options.baseLabel, extraLabels: options.extraLabels)
        var waived: [String: String] = [:]
        for entry in report.waived {
            waived[IssueContent.key(for: entry.finding, grouping: options.grouping)] = entry.waiver.reason
        }
        let intent = IssueIntent(
            desired: desired,
            presentKeys: Set(report.findings.map { IssueContent.key(for: $0, grouping: options.grouping) }),
            waived: waived, coverage: coverage, maxNewIssues: options.maxNewIssues, baseLabel: options.baseLabel)
        let existing = try await api.listIssues(label: options.baseLabel)
        let labels = try await api.listLabels()
        let plan = IssueReconciler.plan(existing: existing, labels: labels, intent: intent)
        outcome.lines += plan.notes
        var createdKeys: [String: Int] = [:]
        for action in plan.actions {
            if options.isDryRun {
                outcome.lines.append("dry run: would " + describe(action, repository: options.repository))
                continue
            }
            if let created = try await perform(action, api: api, outcome: &outcome), case .create(let issue) = action {
                createdKeys[issue.key] = created
            }
        }
        if plan.actions.isEmpty { outcome.lines.append("GitHub issues: up to date (\(existing.filter { !$0.isPullRequest }.count) known)") }
        guard !createdKeys.isEmpty else { return }
        // Two runs at once may both have created an issue for one finding: the lower number wins, and the run
        // that created the higher one closes it (both runs reach the same decision).
        let after = try await api.listIssues(label: options.baseLabel)
        for (key, number) in createdKeys.sorted(by: { $0.value < $1.value }) {
            let twins = after.filter { !$0.isPullRequest && $0.state == .open && IssueMarkers.fingerprint(in: $0.body) == key }
            if let keeper = twins.map(\.number).min(), keeper < number {
                _ = try await perform(
                    .close(number: number, comment: "Duplicate of #\(keeper) (opened by a concurrent run).", reason: "not_planned"),
                    api: api, outcome: &outcome)
            }
        }
    }

    /// Carries out one action; returns the number of a created issue.
    static func perform(
        _ action: IssueAction, api: any GitHubAPI, outcome: inout GitHubSyncOutcome
    ) async throws(GitHubError) -> Int? {
        switch action {
        case .createLabel(let label):
            _ = try await api.createLabel(label)
            outcome.lines.append("label created: \(label.name)")
        case .create(let issue):
            let created = try await api.createIssue(title: issue.title, body: issue.body, labels: issue.labels)
            outcome.lines.append("issue opened #\(created.number): \(created.htmlURL)")
            outcome.touched.append(created.htmlURL)
            return created.number
        case .update(let number, let issue):
            let updated = try await api.updateIssue(
                number: number, title: issue.title, body: issue.body, state: nil, stateReason: nil, labels: issue.labels)
            outcome.lines.append("issue updated #\(number): \(updated.htmlURL)")
            outcome.touched.append(updated.htmlURL)
        case .reopen(let number, let issue, let comment):
            _ = try await api.createComment(issue: number, body: comment)
            let updated = try await api.updateIssue(
                number: number, title: issue.title, body: issue.body, state: .open, stateReason: "reopened",
                labels: issue.labels)
            outcome.lines.append("issue reopened #\(number): \(updated.htmlURL)")
            outcome.touched.append(updated.htmlURL)
        case .close(let number, let comment, let reason, let body):
            _ = try await api.createComment(issue: number, body: comment)
            let updated = try await api.updateIssue(
                number: number, title: nil, body: body, state: .closed, stateReason: reason, labels: nil)
            outcome.lines.append("issue closed #\(number) (\(reason)): \(updated.htmlURL)")
            outcome.touched.append(updated.htmlURL)
        }
        return nil
    }

    /// The call a dry run would make, in words a reviewer can check.
    public static func describe(_ action: IssueAction, repository: RepositorySlug) -> String {
        let base = "/repos/\(repository)"
        switch action {
        case .createLabel(let label): return "POST \(base)/labels (\(label.name))"
        case .create(let issue): return "POST \(base)/issues (\(issue.title))"
        case .update(let number, _): return "PATCH \(base)/issues/\(number) (update the body)"
        case .reopen(let number, _, _): return "POST \(base)/issues/\(number)/comments, PATCH \(base)/issues/\(number) (reopen)"
        case .close(let number, _, let reason, _): return "POST \(base)/issues/\(number)/comments, PATCH \(base)/issues/\(number) (close: \(reason))"
        }
    }
}
