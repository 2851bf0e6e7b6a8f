import Testing

@testable import Core

/// Precedence for every setting: flag > STEADYSTATE_* environment > config.toml ([ci] then [defaults]) > built-in.
struct SettingsResolverTests {
    static let file = "steadystate/config.toml"
    static let location = Resolved(file, SettingOrigin.builtIn)

    static func config(_ text: String) throws -> ProjectConfig {
        try ProjectConfig.parse(text, file: file)
    }

    static func resolve(
        _ inputs: CommandLineInputs = .init(), env: [String: String] = [:], config text: String? = nil
    ) throws -> Settings {
        let config = try text.map { try Self.config($0) }
        return try SettingsResolver.resolve(inputs: inputs, environment: env, config: config, configFile: location)
    }

    struct PrecedenceCase: Sendable, CustomTestStringConvertible {
        var name: String
        var inputs: CommandLineInputs
        var env: [String: String]
        var config: String?
        var expectedSource: SourceKind
        var expectedSourceOrigin: SettingOrigin
        var expectedFailOn: GateThreshold
        var expectedFailOnOrigin: SettingOrigin
        var testDescription: String { name }
    }

    static let both = """
        [defaults]
        source = "terraform-state"
        path = "infra"
        [ci]
        fail_on = "high"
        """

    static let precedenceCases: [PrecedenceCase] = [
        .init(
            name: "built-ins", inputs: .init(), env: [:], config: nil, expectedSource: .terraform,
            expectedSourceOrigin: .builtIn, expectedFailOn: .any, expectedFailOnOrigin: .builtIn),
        .init(
            name: "config [defaults] and [ci]", inputs: .init(), env: [:], config: both,
            expectedSource: .terraformState, expectedSourceOrigin: .config(file: file, key: "[defaults] source"),
            expectedFailOn: .high, expectedFailOnOrigin: .config(file: file, key: "[ci] fail_on")),
        .init(
            name: "[ci] beats [defaults]", inputs: .init(), env: [:],
            config: "[defaults]\nsource = \"terraform-state\"\n[ci]\nsource = \"terraform\"\n",
            expectedSource: .terraform, expectedSourceOrigin: .config(file: file, key: "[ci] source"),
            expectedFailOn: .any, expectedFailOnOrigin: .builtIn),
        .init(
            name: "environment beats config", inputs: .init(),
            env: ["STEADYSTATE_SOURCE": "terraform", "STEADYSTATE_FAIL_ON": "CRITICAL"], config: both,
            expectedSource: .terraform, expectedSourceOrigin: .environment("STEADYSTATE_SOURCE"),
            expectedFailOn: .critical, expectedFailOnOrigin: .environment("STEADYSTATE_FAIL_ON")),
        .init(
            name: "flag beats environment", inputs: .init(source: "terraform-state", failOn: "low"),
            env: ["STEADYSTATE_SOURCE": "terraform", "STEADYSTATE_FAIL_ON": "critical"], config: both,
            expectedSource: .terraformState, expectedSourceOrigin: .flag("--source"), expectedFailOn: .low,
            expectedFailOnOrigin: .flag("--fail-on")),
        .init(
            name: "empty flag falls through, as the original's", inputs: .init(source: "", failOn: " "),
            env: [:], config: both, expectedSource: .terraformState,
            expectedSourceOrigin: .config(file: file, key: "[defaults] source"), expectedFailOn: .high,
            expectedFailOnOrigin: .config(file: file, key: "[ci] fail_on")),
        .init(
            name: "original alias k8s", inputs: .init(source: "k8s"), env: [:], config: nil,
            expectedSource: .kubernetes, expectedSourceOrigin: .flag("--source"), expectedFailOn: .any,
            expectedFailOnOrigin: .builtIn),
    ]

    @Test(arguments: precedenceCases)
    func precedence(_ example: PrecedenceCase) throws {
        let settings = try Self.resolve(example.inputs, env: example.env, config: example.config)
        #expect(settings.source.value == example.expectedSource)
        #expect(settings.source.origin == example.expectedSourceOrigin)
        #expect(settings.failOn.value == example.expectedFailOn)
        #expect(settings.failOn.origin == example.expectedFailOnOrigin)
    }

    @Test func pathAndListsFollowTheSameOrder() throws {
        let text = """
            [defaults]
            path = "infra"
            [ci]
            path = "infra/prod"
            to = "console,github"
            deliver = ["github-pr"]
            categories = ["security"]
            """
        var settings = try Self.resolve(config: text)
        #expect(settings.path == Resolved("infra/prod", .config(file: Self.file, key: "[ci] path")))
        #expect(settings.to.value == ["console", "github"])
        #expect(settings.deliver.value == ["github-pr"])
        #expect(settings.categories.value == [.security])
        #expect(settings.targets == [ScanTarget(source: .terraform, path: "infra/prod")])

        settings = try Self.resolve(.init(path: "other", deliver: "none"), env: ["STEADYSTATE_TO": "console"], config: text)
        #expect(settings.path == Resolved("other", .flag("PATH")))
        #expect(settings.to == Resolved(["console"], .environment("STEADYSTATE_TO")))
        #expect(settings.deliver.value.isEmpty)
    }

    @Test func targetsFromConfigUnlessFlagsNameOne() throws {
        let text = """
            [[targets]]
            name = "prod"
            source = "terraform-state"
            path = "infra/prod"
            [[targets]]
            source = "terraform"
            path = "infra/stage/"
            var_files = ["stage.tfvars"]
            vars = { region = "eu-west-1", count = 2 }
            """
        let settings = try Self.resolve(config: text)
        #expect(settings.targetsFromConfig)
        #expect(settings.targets.map(\.name) == ["prod", "infra/stage/"])
        #expect(settings.targets[1].identityPrefix == "infra/stage")
        #expect(settings.targets[1].vars == ["region": "eu-west-1", "count": "2"])
        #expect(settings.targets[1].varFiles == ["stage.tfvars"])

        let overridden = try Self.resolve(.init(path: "plan.json"), config: text)
        #expect(!overridden.targetsFromConfig)
        #expect(overridden.targets == [ScanTarget(source: .terraform, path: "plan.json")])
    }

    @Test(arguments: [
        // (env STEADYSTATE_REFRESH, [ci] refresh, target refresh) → (first target's refresh, its refreshes)
        (nil, nil, nil, nil, false), (nil, "true", nil, true, true), (nil, "true", "false", false, false),
        ("false", "true", nil, false, false), ("yes", nil, nil, true, true), ("1", nil, "false", false, false),
    ] as [(String?, String?, String?, Bool?, Bool)])
    func refreshResolvesTargetThenEnvironmentThenCI(
        env: String?, ci: String?, target: String?, expected: Bool?, refreshes: Bool
    ) throws {
        var text = ci.map { "[ci]\nrefresh = \($0)\n" } ?? ""
        text += "[[targets]]\nsource = \"terraform-state\"\npath = \"infra\"\n" + (target.map { "refresh = \($0)\n" } ?? "")
        let settings = try Self.resolve(env: env.map { ["STEADYSTATE_REFRESH": $0] } ?? [:], config: text)
        #expect(settings.targets.first?.refresh == expected)
        #expect(settings.targets.first?.refreshes == refreshes)
    }

    @Test func refreshDefaultsFollowTheSource() throws {
        #expect(ScanTarget(source: .terraform, path: ".").refreshes)
        #expect(!ScanTarget(source: .terraformState, path: ".").refreshes)
        #expect(throws: ConfigError.self) { try Self.resolve(env: ["STEADYSTATE_REFRESH": "sometimes"]) }
        #expect(throws: ConfigError.self) { try Self.resolve(config: "[ci]\nrefresh = \"yes\"\n") }
    }

    @Test func githubSeverityFromEnvironmentThenConfig() throws {
        #expect(try Self.resolve().githubSeverity == Resolved(.high, .builtIn))
        let config = "[github]\nseverity = \"medium\"\n"
        #expect(try Self.resolve(config: config).githubSeverity.value == .medium)
        #expect(
            try Self.resolve(env: ["STEADYSTATE_GITHUB_SEVERITY": "critical"], config: config).githubSeverity
                == Resolved(.critical, .environment("STEADYSTATE_GITHUB_SEVERITY")))
    }

    @Test func inertSurfacesOfTheOriginalAreAcceptedWithAWarning() throws {
        let settings = try Self.resolve(.init(to: "console,slack"))
        #expect(settings.to.value == ["console", "slack"])
        #expect(settings.warnings.contains { $0.message.contains("'slack'") })
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var inputs: CommandLineInputs = .init()
        var env: [String: String] = [:]
        var config: String?
        var expected: ConfigError
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        .init(
            name: "bad fail_on flag", inputs: .init(failOn: "severe"),
            expected: .invalidValue(
                file: "command line", key: "--fail-on", value: "severe", allowed: GateThreshold.allNames)),
        .init(
            name: "bad fail_on in config", config: "[ci]\nfail_on = \"severe\"\n",
            expected: .invalidValue(file: file, key: "[ci] fail_on", value: "severe", allowed: GateThreshold.allNames)),
        .init(
            name: "bad source in env", env: ["STEADYSTATE_SOURCE": "pulumi"],
            expected: .invalidValue(
                file: "environment", key: "STEADYSTATE_SOURCE", value: "pulumi", allowed: SourceKind.allNames + ", k8s")),
        .init(
            name: "unknown surface", inputs: .init(to: "console,email"),
            expected: .invalidValue(
                file: "command line", key: "--to", value: "email", allowed: Surfaces.knownSurfaceNames)),
        .init(
            name: "unknown delivery", config: "[ci]\ndeliver = \"fax\"\n",
            expected: .invalidValue(file: file, key: "[ci] deliver", value: "fax", allowed: Surfaces.knownDeliveryNames)),
        .init(
            name: "unknown category", inputs: .init(categories: "drift,style"),
            expected: .invalidValue(
                file: "command line", key: "--categories", value: "style", allowed: FindingCategory.allNames)),
        .init(
            name: "bad github severity", env: ["STEADYSTATE_GITHUB_SEVERITY": "urgent"],
            expected: .invalidValue(
                file: "environment", key: "STEADYSTATE_GITHUB_SEVERITY", value: "urgent",
                allowed: "low, medium, high, critical")),
        .init(
            name: "bad timeout", env: ["STEADYSTATE_TOOL_TIMEOUT": "-1"],
            expected: .invalidValue(
                file: "environment", key: "STEADYSTATE_TOOL_TIMEOUT", value: "-1", allowed: "a positive number")),
        .init(
            name: "duplicate target names",
            config: "[[targets]]\nsource=\"terraform\"\npath=\"a\"\n[[targets]]\nsource=\"terraform\"\npath=\"a\"\n",
            expected: .invalidValue(
                file: file, key: "[[targets]] name", value: "a, a", allowed: "unique names (give each target its own 'name')")),
    ]

    @Test(arguments: errorCases)
    func errors(_ example: ErrorCase) throws {
        #expect(throws: example.expected) {
            try Self.resolve(example.inputs, env: example.env, config: example.config)
        }
    }
}

extension SettingsResolverTests {
    @Test func rulePolicyComesFromCIAndEachTargetRefinesIt() throws {
        let settings = try Self.resolve(
            config: """
                [ci]
                packs = ["AWS", "k8s"]
                severity = { "k8s-image-no-digest" = "medium", "k8s-host-pid" = "high" }
                [[targets]]
                name = "prod"
                source = "kubernetes"
                path = "deploy/prod"
                profile = "restricted"
                severity = { "k8s-host-pid" = "critical" }
                [[targets]]
                name = "infra"
                source = "terraform"
                path = "infra"
                packs = ["aws"]
                """)
        #expect(
            settings.targets.map(\.rulePolicy) == [
                RulePolicy(
                    packs: ["aws", "k8s"], profile: .restricted,
                    severities: ["k8s-image-no-digest": .medium, "k8s-host-pid": .critical]),
                RulePolicy(packs: ["aws"], profile: .baseline, severities: ["k8s-image-no-digest": .medium, "k8s-host-pid": .high]),
            ])
    }

    @Test func aTargetNamedOnTheCommandLineGetsTheCIPolicy() throws {
        let settings = try Self.resolve(.init(path: "deploy", source: "kubernetes"), config: "[ci]\nprofile = \"restricted\"\n")
        #expect(settings.targets.map(\.rulePolicy) == [RulePolicy(profile: .restricted)])
        #expect(try Self.resolve().targets.map(\.rulePolicy) == [RulePolicy()])
    }

    @Test func unknownProfilesAndSeveritiesAreUsageErrors() {
        #expect(
            throws: ConfigError.invalidValue(
                file: Self.file, key: "[ci] profile", value: "privileged", allowed: "baseline, restricted")
        ) { try Self.resolve(config: "[ci]\nprofile = \"privileged\"\n") }
        #expect(
            throws: ConfigError.invalidValue(
                file: Self.file, key: "[[targets]] #1 severity.k8s-host-pid", value: "urgent",
                allowed: "low, medium, high, critical")
        ) {
            try Self.resolve(
                config: "[[targets]]\nsource = \"kubernetes\"\npath = \".\"\nseverity = { \"k8s-host-pid\" = \"urgent\" }\n")
        }
    }
}
