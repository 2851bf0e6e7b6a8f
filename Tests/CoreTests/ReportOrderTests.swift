import Testing

@testable import Core

/// `ReportOrder.sorted` compares ASCII identities with `memcmp`: it must give exactly the stable sort by
/// `Finding.reportOrder`, on ASCII and non-ASCII identities (decomposed accents, which `String` orders by
/// canonical equivalence), prefixes, empty identities and ties that only the rule or the fingerprint break.
@Suite struct ReportOrderTests {
    static let identities = [
        "", "a", "aws_s3_bucket.logs", "aws_s3_bucket.logs[0]", "aws_s3_bucket.log", "module.svc_10.aws_vpc.this",
        "module.svc_9.aws_vpc.this", "Zeta", "zeta", "café", "cafe\u{301}", "cafe", "cafè", "日本.x", "b~", "b\u{7F}",
    ]

    @Test(arguments: [0, 1, 2, 50, 5000, 20000])
    func equalsTheStableSortByReportOrder(count: Int) {
        var random = Mutator.Generator(state: UInt64(count) &+ 7)
        let findings = (0..<count).map { index in
            Finding(
                ruleID: ["rule-a", "rule-b"].randomElement(using: &random)!, category: .security,
                severity: Severity.allCases.randomElement(using: &random)!, title: "t\(index)", detail: "d",
                source: "terraform", fingerprintSource: "terraform", target: "t", resource: "r", resourceType: "x",
                identity: Self.identities.randomElement(using: &random)!
                    + (Bool.random(using: &random) ? "" : ".\(Int.random(in: 0..<30, using: &random))"))
        }
        let expected = Parallel.sorted(findings, by: Finding.reportOrder)
        #expect(ReportOrder.sorted(findings).map(\.title) == expected.map(\.title))
    }
}
