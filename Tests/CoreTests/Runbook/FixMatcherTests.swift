import Foundation
import Testing

@testable import Core

struct FixMatcherTests {
    static func finding(
        rule: String = "aws-sg-ssh-open", category: FindingCategory = .security, title: String? = nil,
        resource: String = "aws_security_group.bastion", change: ChangeType? = nil, source: String = "terraform"
    ) -> Finding {
        Finding(
            ruleID: change.map { "drift-\($0.rawValue)" } ?? rule, category: change == nil ? category : .drift,
            severity: .high, title: title ?? "\(resource): ingress allows SSH (port 22) from 0.0.0.0/0", detail: "",
            source: source, fingerprintSource: "terraform", target: "infra", resource: resource,
            resourceType: "aws_security_group", identity: resource, location: SourceLocation(file: "infra/main.tf", line: 30),
            evidence: [Evidence(path: "ingress.0.cidr_blocks", value: "[\"0.0.0.0/0\"]", before: "[\"10.0.0.0/8\"]")],
            changeType: change)
    }

    static func solution(
        _ name: String, for category: String? = nil, match: String? = nil, rules: [String]? = nil,
        resource: String? = nil, source: SourceKind? = nil, run: String = "fix {address}", proposed: Bool = false,
        impact: BoundLevel = .low, reversibility: BoundLevel = .high
    ) -> Solution {
        Solution(
            name: name, author: "ops", forCategory: category, match: match, solution: .init(kind: "command", run: run),
            impact: impact, reversibility: reversibility, isProposed: proposed, rules: rules, resource: resource,
            source: source)
    }

    static func names(_ solutions: [Solution], _ finding: Finding) -> [String] {
        FixMatcher(solutions: solutions, bound: .builtIn).matches(for: finding).fixes.map(\.name)
    }

    struct MatchCase: Sendable, CustomTestStringConvertible {
        var name: String
        var solution: Solution
        var finding: Finding
        var matches: Bool
        var testDescription: String { name }
    }

    static let matchCases: [MatchCase] = [
        .init(name: "for = category (the original's)", solution: solution("a", for: "Security"), finding: finding(), matches: true),
        .init(name: "for = rule id (ours)", solution: solution("a", for: "aws-sg-ssh-open"), finding: finding(), matches: true),
        .init(name: "for = drift change type (ours)", solution: solution("a", for: "removed"), finding: finding(change: .removed), matches: true),
        .init(name: "for = other change type", solution: solution("a", for: "added"), finding: finding(change: .removed), matches: false),
        .init(name: "match = title regex, case-insensitive", solution: solution("a", match: "ssh \\(PORT 22\\)"), finding: finding(), matches: true),
        .init(name: "match misses", solution: solution("a", match: "rdp"), finding: finding(), matches: false),
        .init(name: "match on the original's drift wording", solution: solution("a", match: "^removed aws_security_group "),
              finding: finding(change: .removed), matches: true),
        .init(name: "for and match: both must hold", solution: solution("a", for: "security", match: "rdp"), finding: finding(), matches: false),
        .init(name: "rules", solution: solution("a", rules: ["aws-sg-ssh-open"]), finding: finding(), matches: true),
        .init(name: "rules miss", solution: solution("a", rules: ["aws-sg-rdp-open"]), finding: finding(), matches: false),
        .init(name: "resource glob", solution: solution("a", resource: "aws_security_group.*"), finding: finding(), matches: true),
        .init(name: "resource glob miss", solution: solution("a", resource: "module.*"), finding: finding(), matches: false),
        .init(name: "source narrows", solution: solution("a", for: "security", source: .helm), finding: finding(), matches: false),
        .init(name: "terraform source matches terraform-state findings", solution: solution("a", for: "security", source: .terraform), finding: finding(source: "terraform-state"), matches: true),
    ]

    @Test(arguments: matchCases)
    func matching(_ example: MatchCase) {
        #expect(Self.names([example.solution], example.finding) == (example.matches ? ["a"] : []))
    }

    @Test func rankedMostSpecificFirstThenFileOrder() {
        let solutions = [
            Self.solution("by-title", match: "ssh"),
            Self.solution("by-category-1", for: "security"),
            Self.solution("by-resource", resource: "aws_security_group.bastion"),
            Self.solution("by-category-2", for: "aws-sg-ssh-open"),
            Self.solution("by-rule", rules: ["aws-sg-ssh-open"]),
        ]
        #expect(Self.names(solutions, Self.finding()) == ["by-rule", "by-resource", "by-category-1", "by-category-2", "by-title"])
    }

    @Test func placeholdersAreFilledAndUnknownOnesReported() {
        let solution = Self.solution("a", for: "security", run: "terraform apply -target={address} # {file}:{line} was {before} {nope}")
        let fix = FixMatcher(solutions: [solution], bound: .builtIn).matches(for: Self.finding()).fixes[0]
        #expect(fix.run == "terraform apply -target=aws_security_group.bastion # infra/main.tf:30 was [\"10.0.0.0/8\"] {nope}")
        #expect(fix.unfilled == ["nope"])
        #expect(FixText.summary(fix).contains("cannot be offered: no value for {nope}"))
    }

    @Test func draftsAreShownAsDraftsAndNeverInBound() {
        let fix = FixMatcher(solutions: [Self.solution("d", for: "security", proposed: true)], bound: .builtIn)
            .matches(for: Self.finding()).fixes[0]
        #expect(fix.isDraft)
        #expect(fix.vouchedBy == nil)
        #expect(!fix.bound.isInBound)
        #expect(FixText.summary(fix).contains("a draft by ops (not vouched)"))
    }

    @Test func hostileRegexFinishesQuicklyAndWarns() {
        let solution = Self.solution("evil", match: "^(a+)+$")
        let finding = Self.finding(title: String(repeating: "a", count: 5000) + "!")
        let started = Date()
        let result = FixMatcher(solutions: [solution], bound: .builtIn, regexBudget: 0.05).matches(for: finding)
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(result.fixes.isEmpty)
        #expect(result.warnings.count == 1)
    }

    @Test(arguments: ["(a|aa)+$", "(a*)*b", "(.*a){20}", "((a+)+)+c", "(x+x+)+y"])
    func boundedRegexOutlastsCatastrophicPatterns(_ pattern: String) throws {
        let regex = try BoundedRegex(pattern, caseInsensitive: true, budget: 0.05)
        let started = Date()
        let outcome = regex.search(String(repeating: "a", count: 3000) + String(repeating: "x", count: 40))
        #expect(Date().timeIntervalSince(started) < 2, "pattern \(pattern)")
        #expect(outcome != .matched)
    }
}

struct BoundTests {
    /// The whole grid: every solution impact × reversibility under the built-in bound.
    static let grid: [(BoundLevel, BoundLevel, Bool)] = [
        // (impact, reversibility, in bound?) — the original: only impact low + reversibility high fits.
        (.low, .high, true), (.medium, .high, false), (.high, .high, false),
        (.low, .medium, false), (.medium, .medium, false), (.high, .medium, false),
        (.low, .low, false), (.medium, .low, false), (.high, .low, false),
    ]

    @Test func builtInBoundOnTheWholeGrid() {
        for (impact, reversibility, expected) in Self.grid {
            let solution = FixMatcherTests.solution("s", for: "x", impact: impact, reversibility: reversibility)
            #expect(Bound.builtIn.decide(solution).isInBound == expected, "\(impact) × \(reversibility)")
        }
    }

    @Test func configThenEnvironmentOverlay() {
        let (bound, warnings) = Bound.resolve(
            config: ["Recoverable": " tenant ", "self_healing": "never", "bogus": "one", "lossless": "galaxy"],
            environment: "recoverable=service; irreversible=node,junk", file: "steadystate/config.toml")
        #expect(bound.ceilings[.recoverable] == .service)
        #expect(bound.ceilings[.selfHealing] == nil)
        #expect(bound.ceilings[.irreversible] == .node)
        #expect(bound.ceilings[.lossless] == .tenant, "an unknown value keeps the previous one")
        #expect(warnings.count == 2)
        // recoverable ≤ service now lets impact low (service) through, not medium (tenant).
        #expect(bound.decide(FixMatcherTests.solution("s", for: "x", impact: .low, reversibility: .medium)).isInBound)
        #expect(!bound.decide(FixMatcherTests.solution("s", for: "x", impact: .medium, reversibility: .medium)).isInBound)
        #expect(bound.decide(FixMatcherTests.solution("s", for: "x", impact: .high, reversibility: .low)).isInBound)
        #expect(!bound.decide(FixMatcherTests.solution("s", for: "x", impact: .low, reversibility: .high)).isInBound)
    }

    @Test func everyImpactAgainstEveryCeiling() {
        for reversibility in Bound.Reversibility.allCases {
            for ceiling in Bound.Impact.allCases {
                let bound = Bound(ceilings: [reversibility: ceiling])
                for (level, impact) in [(BoundLevel.low, Bound.Impact.service), (.medium, .tenant), (.high, .node)] {
                    let solutionReversibility: BoundLevel? =
                        switch reversibility {
                        case .selfHealing: .high
                        case .recoverable: .medium
                        case .irreversible: .low
                        case .lossless: nil  // no solution maps to lossless
                        }
                    guard let solutionReversibility else { continue }
                    let solution = FixMatcherTests.solution("s", for: "x", impact: level, reversibility: solutionReversibility)
                    #expect(bound.decide(solution).isInBound == (impact <= ceiling))
                }
            }
        }
    }
}
