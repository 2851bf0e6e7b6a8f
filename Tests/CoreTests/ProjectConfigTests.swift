import Testing

@testable import Core

struct ProjectConfigTests {
    static let file = "steadystate/config.toml"

    @Test func readsTheOriginalsExampleUnchanged() throws {
        let config = try ProjectConfig.parse(
            """
            [defaults]
            source = "terraform-state"
            path = "infra"
            [ci]
            fail_on = "high"
            to = "console,github"
            deliver = "github-pr"
            [bound]
            self_healing = "service"
            recoverable = "none"
            [knowledge]
            dir = "steadystate/kb"
            """, file: Self.file)
        #expect(config.defaults.source == "terraform-state")
        #expect(config.ci.to == ["console", "github"])
        #expect(config.ci.deliver == ["github-pr"])
        #expect(config.bound == ["self_healing": "service", "recoverable": "none"])
        #expect(config.warnings.isEmpty, "the original's own tables are not unknown")
    }

    @Test func unknownKeysAreWarningsNamingThem() throws {
        let config = try ProjectConfig.parse("[ci]\nfail_onn = \"high\"\n[extras]\nx = 1\n", file: Self.file)
        #expect(
            config.warnings.map(\.message).sorted() == [
                "unknown key 'fail_onn' in [ci] (ignored)", "unknown table or key 'extras' (ignored)",
            ])
    }

    @Test func scalarsAreReadAsTextLikeTheOriginal() throws {
        let config = try ProjectConfig.parse("[defaults]\npath = 42\n", file: Self.file)
        #expect(config.defaults.path == "42")
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: ConfigError
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        .init(
            name: "table given a value", text: "ci = \"high\"\n",
            expected: .wrongType(file: file, key: "[ci]", expected: "a table")),
        .init(
            name: "array where a string belongs", text: "[ci]\nfail_on = [\"high\"]\n",
            expected: .wrongType(file: file, key: "[ci] fail_on", expected: "a string")),
        .init(
            name: "number list", text: "[ci]\nto = [1, 2]\n",
            expected: .wrongType(file: file, key: "[ci] to", expected: "an array of strings")),
        .init(
            name: "bool expected", text: "[github]\nissues = \"yes\"\n",
            expected: .wrongType(file: file, key: "[github] issues", expected: "true or false")),
        .init(
            name: "timeout not a number", text: "[tools]\ntimeout = \"long\"\n",
            expected: .wrongType(file: file, key: "[tools] timeout", expected: "a number")),
        .init(
            name: "target without path", text: "[[targets]]\nsource = \"terraform\"\n",
            expected: .missingKey(file: file, key: "[[targets]] #1 path")),
        .init(
            name: "target without source", text: "[[targets]]\npath = \"infra\"\n",
            expected: .missingKey(file: file, key: "[[targets]] #1 source")),
        .init(
            name: "targets not an array", text: "targets = \"infra\"\n",
            expected: .wrongType(file: file, key: "targets", expected: "an array of tables ([[targets]])")),
        .init(
            name: "waiver without reason", text: "[[suppress]]\nrule = \"aws-s3-public-acl\"\n",
            expected: .missingKey(file: file, key: "[[suppress]] #1 reason")),
        .init(
            name: "waiver without selector", text: "[[suppress]]\nreason = \"because\"\n",
            expected: .missingKey(file: file, key: "[[suppress]] #1 rule or fingerprint")),
        .init(
            name: "waiver with a bad fingerprint", text: "[[suppress]]\nfingerprint = \"abc\"\nreason = \"x\"\n",
            expected: .invalidValue(
                file: file, key: "[[suppress]] #1 fingerprint", value: "abc",
                allowed: "a 64-character lowercase hex fingerprint as printed by 'steadystate scan'")),
        .init(
            name: "waiver with a bad date", text: "[[suppress]]\nrule = \"x\"\nreason = \"y\"\nexpires = \"soon\"\n",
            expected: .invalidValue(
                file: file, key: "[[suppress]] #1 expires", value: "soon", allowed: "a date like 2026-12-31")),
    ]

    @Test(arguments: errorCases)
    func errors(_ example: ErrorCase) {
        #expect(throws: example.expected) { try ProjectConfig.parse(example.text, file: Self.file) }
    }

    @Test func malformedTOMLNamesFileLineAndColumn() {
        do {
            _ = try ProjectConfig.parse("[ci]\nfail_on = \"high\n", file: Self.file)
            Issue.record("expected an error")
        } catch let error {
            guard case .malformed(let file, let line, _, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(file == Self.file)
            #expect(line == 2)
            #expect(error.description.hasPrefix("steadystate/config.toml:2:"))
        }
    }

    @Test func waiversAcceptTOMLDatesAndGlobs() throws {
        let config = try ProjectConfig.parse(
            """
            [[suppress]]
            rule = "aws-s3-public-acl"
            resource = "module.site.*"
            reason = "public website"
            expires = 2026-12-31
            """, file: Self.file)
        let waiver = try #require(config.waivers.first)
        #expect(waiver.expires == "2026-12-31")
        #expect(!waiver.isExpired(today: "2026-12-30"))
        #expect(waiver.isExpired(today: "2026-12-31"))
        #expect(Glob.matches("module.site.*", "module.site.aws_s3_bucket.www"))
        #expect(!Glob.matches("module.site.*", "aws_s3_bucket.www"))
    }
}

extension ProjectConfigTests {
    @Test func readsRulePacksProfileAndSeverityOverrides() throws {
        let config = try ProjectConfig.parse(
            """
            [ci]
            packs = ["aws", "k8s"]
            profile = "restricted"
            severity = { "k8s-image-no-digest" = "medium" }
            [[targets]]
            source = "kubernetes"
            path = "deploy"
            profile = "baseline"
            packs = "k8s"
            severity = { "k8s-runs-as-root" = "high", "k8s-host-pid" = "low" }
            """, file: Self.file)
        #expect(config.ci.rules == .init(packs: ["aws", "k8s"], profile: "restricted", severity: ["k8s-image-no-digest": "medium"]))
        #expect(
            config.targets.first?.rules
                == .init(packs: ["k8s"], profile: "baseline", severity: ["k8s-runs-as-root": "high", "k8s-host-pid": "low"]))
        #expect(config.warnings.isEmpty)
    }

    @Test func ruleSettingsOfTheWrongShapeAreErrorsAndTyposWarnings() throws {
        #expect(throws: ConfigError.wrongType(file: Self.file, key: "[ci] severity", expected: "a table of strings")) {
            try ProjectConfig.parse("[ci]\nseverity = \"high\"\n", file: Self.file)
        }
        let config = try ProjectConfig.parse("[[targets]]\nsource = \"kubernetes\"\npath = \".\"\nprofiles = \"baseline\"\n", file: Self.file)
        #expect(config.warnings.map(\.message) == ["unknown key 'profiles' in [[targets]] #1 (ignored)"])
    }
}
