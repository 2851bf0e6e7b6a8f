import Core
import Crypto
import Foundation

/// Opens, refreshes and closes fix pull requests through the Git data API (blobs, trees, commits, refs).
///
/// Rules that keep reviewers' trust: a branch is pushed only when its files would change (no churn); a branch
/// whose head commit is not ours (a human pushed to it) is never touched; a PR whose finding cleared is closed
/// and its branch deleted; every PR is labelled in-bound or needs-review and carries the fingerprint marker.
public enum FixPullRequests {
    public static let pullMarker = "<!-- steadystate-fix-pr -->"
    static let trailer = "Steadystate-Fingerprint:"

    public struct Options: Sendable {
        public var repository: RepositorySlug
        public var isDryRun: Bool
        /// `STEADYSTATE_GITHUB_BASE` / `[github] base`; else the repository's default branch.
        public var base: String?
        public var inBoundLabel: String
        public var reviewLabel: String

        public init(
            repository: RepositorySlug, isDryRun: Bool, base: String?, inBoundLabel: String?,
            reviewLabel: String = "steadystate:needs-review"
        ) {
            self.repository = repository
            self.isDryRun = isDryRun
            self.base = base
            self.inBoundLabel = inBoundLabel ?? "steadystate:in-bound"
            self.reviewLabel = reviewLabel
        }
    }

    /// Git's blob id, so a branch's files can be compared with a proposal without downloading them.
    public static func blobSHA(_ content: String) -> String {
        let bytes = Data(content.utf8)
        var data = Data("blob \(bytes.count)\0".utf8)
        data.append(bytes)
        return Insecure.SHA1.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func sync(
        report: ScanReport, solutions: [Solution], targetPaths: [String: String], api: any GitHubAPI,
        options: Options, coverage: ScanCoverage, outcome: inout GitHubSyncOutcome
    ) async throws(GitHubError) {
        let base: String
        if let configured = options.base { base = configured } else { base = try await api.repository().defaultBranch }
        guard let baseSHA = try await api.branchHead(base) else {
            throw .notFound(call: "GET /repos/\(options.repository)/git/ref/heads/\(base)", permission: "contents: read")
        }
        let baseCommit = try await api.commit(baseSHA)

        // Files at the base branch, fetched as the proposals ask for them.
        var files: [String: String?] = [:]
        var built = FixProposals.Result()
        for _ in 0..<4 {
            built = FixProposals.build(report: report, solutions: solutions, targetPaths: targetPaths) { files[$0] }
            guard !built.missing.isEmpty else { break }
            for path in built.missing.sorted() {
                files[path] = try await api.fileContent(path: path, ref: baseSHA).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        outcome.lines += built.notes

        let wanted = Set(built.proposals.map(\.branch))
        for proposal in built.proposals {
            try await deliver(proposal, base: base, baseCommit: baseCommit, api: api, options: options, outcome: &outcome)
        }

        // Stale fix PRs: their finding is gone from a target this run scanned.
        let present = Set(report.findings.map(\.fingerprint))
        for pull in try await api.listOpenPulls(headPrefix: "steadystate/") where !wanted.contains(pull.headRef) {
            guard pull.body.contains(pullMarker), let key = IssueMarkers.fingerprint(in: pull.body) else { continue }
            guard !present.contains(key), coverage.mayClose(issueTargets: IssueMarkers.targets(in: pull.body)) else {
                continue
            }
            if options.isDryRun {
                outcome.lines.append("dry run: would close pull request #\(pull.number) and delete \(pull.headRef) (finding cleared)")
                continue
            }
            _ = try await api.createComment(issue: pull.number, body: "The finding cleared, so this fix is no longer needed. Closing.")
            let closed = try await api.updatePull(number: pull.number, title: nil, body: nil, state: .closed)
            outcome.lines.append("fix PR closed #\(pull.number) (finding cleared): \(closed.htmlURL)")
            outcome.touched.append(closed.htmlURL)
            if try await isOurs(branchHead: pull.headSHA, fingerprint: key, api: api) {
                try await api.deleteBranch(pull.headRef)
                outcome.lines.append("branch deleted: \(pull.headRef)")
            }
        }
    }

    static func isOurs(branchHead sha: String, fingerprint: String, api: any GitHubAPI) async throws(GitHubError) -> Bool {
        try await api.commit(sha).message.contains("\(trailer) \(fingerprint)")
    }

    static func deliver(
        _ proposal: FixProposal, base: String, baseCommit: GitCommitRecord, api: any GitHubAPI, options: Options,
        outcome: inout GitHubSyncOutcome
    ) async throws(GitHubError) {
        let message = "\(proposal.title)\n\n\(proposal.body.components(separatedBy: "\n").first ?? "")\n\n\(trailer) \(proposal.fingerprint)"
        let head = try await api.branchHead(proposal.branch)
        var needsPush = true
        if let head {
            let commit = try await api.commit(head)
            guard commit.message.contains("\(trailer) \(proposal.fingerprint)") else {
                outcome.lines.append("\(proposal.branch): a person pushed to it; left alone")
                return
            }
            let entries = try await api.tree(commit.treeSHA)
            let shas = Dictionary(entries.map { ($0.path, $0.sha) }, uniquingKeysWith: { first, _ in first })
            needsPush = proposal.changes.contains { change in
                change.content.map { shas[change.path] != blobSHA($0) } ?? (shas[change.path] != nil)
            }
        }
        if options.isDryRun {
            if needsPush {
                outcome.lines.append(
                    "dry run: would POST /repos/\(options.repository)/git/trees, /git/commits and "
                        + (head == nil ? "POST /git/refs (\(proposal.branch))" : "PATCH /git/refs/heads/\(proposal.branch)"))
            }
        } else if needsPush {
            let tree = try await api.createTree(base: baseCommit.treeSHA, changes: proposal.changes)
            let commit = try await api.createCommit(message: message, tree: tree, parents: [baseCommit.sha])
            if head == nil {
                try await api.createBranch(proposal.branch, sha: commit.sha)
            } else {
                // Only our own commits are on this branch (checked above), so moving it loses nobody's work.
                try await api.updateBranch(proposal.branch, sha: commit.sha, force: true)
            }
            outcome.lines.append("branch \(head == nil ? "created" : "updated"): \(proposal.branch)")
        }

        let label = proposal.isInBound ? options.inBoundLabel : options.reviewLabel
        let labels = ["steadystate", label]
        let pulls = try await api.listPulls(head: proposal.branch)
        if let open = pulls.first(where: { $0.state == .open }) {
            // A run that failed between opening the PR and labelling it left it unlabelled: label it now.
            let have = Set(open.labels.map { $0.lowercased() })
            let missing = labels.filter { !have.contains($0.lowercased()) }
            if !missing.isEmpty {
                if options.isDryRun {
                    outcome.lines.append("dry run: would POST /repos/\(options.repository)/issues/\(open.number)/labels")
                } else {
                    try await api.addLabels(issue: open.number, labels: missing)
                    outcome.lines.append("fix PR #\(open.number) labelled: \(missing.joined(separator: ", "))")
                }
            }
            guard open.body != proposal.body || open.title != proposal.title else {
                outcome.lines.append("fix PR #\(open.number) up to date: \(open.htmlURL)")
                return
            }
            if options.isDryRun {
                outcome.lines.append("dry run: would PATCH /repos/\(options.repository)/pulls/\(open.number)")
                return
            }
            let updated = try await api.updatePull(number: open.number, title: proposal.title, body: proposal.body, state: nil)
            outcome.lines.append("fix PR updated #\(updated.number): \(updated.htmlURL)")
            outcome.touched.append(updated.htmlURL)
            return
        }
        if options.isDryRun {
            outcome.lines.append("dry run: would POST /repos/\(options.repository)/pulls (\(proposal.title))")
            return
        }
        let created = try await api.createPull(title: proposal.title, head: proposal.branch, base: base, body: proposal.body)
        try await api.addLabels(issue: created.number, labels: labels)
        outcome.lines.append("fix PR opened #\(created.number): \(created.htmlURL)")
        outcome.touched.append(created.htmlURL)
    }
}
