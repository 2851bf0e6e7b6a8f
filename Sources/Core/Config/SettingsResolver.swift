import Foundation

/// Everything a `ci` or `scan` run needs to know, each value with where it came from.
public struct Settings: Sendable, Equatable {
    public var configFile: Resolved<String>
    /// False when the default config file is absent (which is fine: built-ins apply).
    public var configFound: Bool
    public var source: Resolved<SourceKind>
    public var path: Resolved<String>
    public var failOn: Resolved<GateThreshold>
    public var to: Resolved<[String]>
    public var deliver: Resolved<[String]>
    public var categories: Resolved<[FindingCategory]>
    public var githubSeverity: Resolved<Severity>
    public var toolTimeoutSeconds: Resolved<Double>
    public var targets: [ScanTarget]
    /// Whether `targets` came from `[[targets]]` (true) or from source + path (false).
    public var targetsFromConfig: Bool
    public var warnings: [ConfigWarning]
}

/// Merges flags, `STEADYSTATE_*` environment variables, config.toml and built-ins, in that order.
///
/// The original's `ci` has no environment layer and reads `[ci]` then `[defaults]`; this keeps that order
/// inside the config layer and puts the environment above it, so a workflow can override a committed value
/// without editing the file. A pure function: the caller reads the file and the environment.
public enum SettingsResolver {
    public static let defaultToolTimeout = 300.0

    public static func configLocation(
        inputs: CommandLineInputs, environment: [String: String]
    ) -> Resolved<String> {
        if let flag = nonEmpty(inputs.config) { return Resolved(flag, .flag("--config")) }
        if let env = nonEmpty(environment["STEADYSTATE_CONFIG"]) {
            return Resolved(env, .environment("STEADYSTATE_CONFIG"))
        }
        return Resolved(IntentPaths.config, .builtIn)
    }

    public static func resolve(
        inputs: CommandLineInputs, environment: [String: String], config: ProjectConfig?,
        configFile: Resolved<String>
    ) throws(ConfigError) -> Settings {
        let file = configFile.value
        var warnings = config?.warnings ?? []

        func pick(
            flag: String?, flagName: String, env envName: String, ci: String?, ciKey: String,
            defaults: String? = nil, defaultsKey: String? = nil, builtIn: String
        ) -> Resolved<String> {
            if let value = nonEmpty(flag) { return Resolved(value, .flag(flagName)) }
            if let value = nonEmpty(environment[envName]) { return Resolved(value, .environment(envName)) }
            if let value = nonEmpty(ci) { return Resolved(value, .config(file: file, key: "[ci] \(ciKey)")) }
            if let value = nonEmpty(defaults), let defaultsKey {
                return Resolved(value, .config(file: file, key: "[defaults] \(defaultsKey)"))
            }
            return Resolved(builtIn, .builtIn)
        }

        let sourceText = pick(
            flag: inputs.source, flagName: "--source", env: "STEADYSTATE_SOURCE", ci: config?.ci.source,
            ciKey: "source", defaults: config?.defaults.source, defaultsKey: "source", builtIn: "terraform")
        let source = Resolved(try parseSource(sourceText, file: file), sourceText.origin)

        let path = pick(
            flag: inputs.path, flagName: "PATH", env: "STEADYSTATE_PATH", ci: config?.ci.path, ciKey: "path",
            defaults: config?.defaults.path, defaultsKey: "path", builtIn: ".")

        let failOnText = pick(
            flag: inputs.failOn, flagName: "--fail-on", env: "STEADYSTATE_FAIL_ON", ci: config?.ci.failOn,
            ciKey: "fail_on", builtIn: "any")
        guard let threshold = GateThreshold(parsing: failOnText.value) else {
            throw invalid(failOnText.origin, file: file, key: "fail_on",
                 value: failOnText.value,
                allowed: GateThreshold.allNames)
        }

        let to = pickList(
            flag: inputs.to, flagName: "--to", env: "STEADYSTATE_TO", config: config?.ci.to, key: "[ci] to",
            file: file, environment: environment, builtIn: ["console"])
        for name in to.value where !Surfaces.supported.contains(name.lowercased()) {
            guard Surfaces.acceptedButInert.contains(name.lowercased()) else {
                throw invalid(to.origin, file: file, key: "to",
                     value: name, allowed: Surfaces.knownSurfaceNames)
            }
            warnings.append(
                ConfigWarning(
                    file: place(to.origin, file: file, key: "[ci] to").file,
                    message: "surface '\(name)' is not part of this gate and is skipped; notify from the workflow"))
        }

        let deliverRaw = pickList(
            flag: inputs.deliver, flagName: "--deliver", env: "STEADYSTATE_DELIVER", config: config?.ci.deliver,
            key: "[ci] deliver", file: file, environment: environment, builtIn: [])
        let deliver = Resolved(deliverRaw.value.filter { $0.lowercased() != "none" }, deliverRaw.origin)
        for name in deliver.value where !Surfaces.deliveries.contains(name.lowercased()) {
            throw invalid(deliver.origin, file: file, key: "deliver",
                 value: name,
                allowed: Surfaces.knownDeliveryNames)
        }

        let categoryNames = pickList(
            flag: inputs.categories, flagName: "--categories", env: "STEADYSTATE_CATEGORIES",
            config: config?.ci.categories, key: "[ci] categories", file: file, environment: environment,
            builtIn: FindingCategory.allCases.map(\.rawValue))
        var categories: [FindingCategory] = []
        for name in categoryNames.value {
            guard let category = FindingCategory(rawValue: name.lowercased()) else {
                throw invalid(categoryNames.origin, file: file, key: "categories",
                     value: name,
                    allowed: FindingCategory.allNames)
            }
            if !categories.contains(category) { categories.append(category) }
        }

        let severityText: Resolved<String> =
            if let env = nonEmpty(environment["STEADYSTATE_GITHUB_SEVERITY"]) {
                Resolved(env, .environment("STEADYSTATE_GITHUB_SEVERITY"))
            } else if let value = nonEmpty(config?.github.severity) {
                Resolved(value, .config(file: file, key: "[github] severity"))
            } else {
                Resolved("high", .builtIn)
            }
        guard let githubSeverity = Severity(parsing: severityText.value) else {
            throw invalid(severityText.origin, file: file, key: "github severity",
                 value: severityText.value,
                allowed: Severity.allCases.map(\.rawValue).joined(separator: ", "))
        }

        let timeout: Resolved<Double>
        if let env = nonEmpty(environment["STEADYSTATE_TOOL_TIMEOUT"]) {
            guard let seconds = Double(env), seconds > 0 else {
                throw .invalidValue(
                    file: "environment", key: "STEADYSTATE_TOOL_TIMEOUT", value: env, allowed: "a positive number")
            }
            timeout = Resolved(seconds, .environment("STEADYSTATE_TOOL_TIMEOUT"))
        } else if let seconds = config?.tools.timeout {
            guard seconds > 0 else {
                throw .invalidValue(
                    file: file, key: "[tools] timeout", value: "\(seconds)", allowed: "a positive number")
            }
            timeout = Resolved(seconds, .config(file: file, key: "[tools] timeout"))
        } else {
            timeout = Resolved(defaultToolTimeout, .builtIn)
        }

        // Whether terraform targets read live objects: a target's own `refresh` wins over this.
        let refresh: Bool?
        if let env = nonEmpty(environment["STEADYSTATE_REFRESH"]) {
            switch env.lowercased() {
            case "1", "true", "yes", "on": refresh = true
            case "0", "false", "no", "off": refresh = false
            default:
                throw .invalidValue(file: "environment", key: "STEADYSTATE_REFRESH", value: env, allowed: "true or false")
            }
        } else {
            refresh = config?.ci.refresh
        }

        // Flags and environment name one target explicitly and win over [[targets]]; otherwise the committed
        // targets are scanned, and without them the resolved source and path make the only target.
        let explicitTarget =
            nonEmpty(inputs.path) != nil || nonEmpty(inputs.source) != nil
            || nonEmpty(environment["STEADYSTATE_PATH"]) != nil || nonEmpty(environment["STEADYSTATE_SOURCE"]) != nil
        var targets: [ScanTarget] = []
        let fromConfig = !explicitTarget && !(config?.targets.isEmpty ?? true)
        let ciPolicy = try rulePolicy(config?.ci.rules, table: "[ci]", refining: RulePolicy(), file: file)
        if fromConfig, let config {
            for (offset, entry) in config.targets.enumerated() {
                let kind = try parseSource(
                    Resolved(entry.source, .config(file: file, key: "[[targets]] #\(offset + 1) source")), file: file)
                targets.append(
                    ScanTarget(
                        name: entry.name, source: kind, path: entry.path, plan: entry.plan,
                        initialize: entry.initialize, varFiles: entry.varFiles ?? [], vars: entry.vars ?? [:],
                        timeoutSeconds: entry.timeout, release: entry.release, values: entry.values ?? [],
                        set: entry.set ?? [:], namespace: entry.namespace, kubeVersion: entry.kubeVersion,
                        recursive: entry.recursive ?? true,
                        rulePolicy: try rulePolicy(
                            entry.rules, table: "[[targets]] #\(offset + 1)", refining: ciPolicy, file: file),
                        refresh: entry.refresh ?? refresh))
            }
            let names = targets.map(\.name)
            if Set(names).count != names.count {
                throw .invalidValue(
                    file: file, key: "[[targets]] name", value: names.joined(separator: ", "),
                    allowed: "unique names (give each target its own 'name')")
            }
        } else {
            targets = [ScanTarget(source: source.value, path: path.value, rulePolicy: ciPolicy, refresh: refresh)]
        }

        return Settings(
            configFile: configFile, configFound: config != nil, source: source, path: path,
            failOn: Resolved(threshold, failOnText.origin), to: to, deliver: deliver,
            categories: Resolved(categories, categoryNames.origin),
            githubSeverity: Resolved(githubSeverity, severityText.origin), toolTimeoutSeconds: timeout,
            targets: targets, targetsFromConfig: fromConfig, warnings: warnings)
    }

    private static func parseSource(_ text: Resolved<String>, file: String) throws(ConfigError) -> SourceKind {
        if let kind = SourceKind(parsing: text.value) { return kind }
        let name = text.value.lowercased()
        let hint =
            SourceKind.liveOnlySources.contains(name)
            ? " ('\(name)' reads a live system, and this stateless gate holds no credentials for one)" : ""
        throw invalid(text.origin, file: file, key: "source", value: text.value, allowed: SourceKind.allNames + ", k8s" + hint)
    }

    /// `packs`, `profile` and `severity` of one table laid over `base`: a key the table sets replaces the base
    /// value, and severity overrides merge per rule id.
    static func rulePolicy(
        _ rules: ProjectConfig.Rules?, table: String, refining base: RulePolicy, file: String
    ) throws(ConfigError) -> RulePolicy {
        guard let rules else { return base }
        var policy = base
        if let packs = rules.packs { policy.packs = packs.map { $0.lowercased() } }
        if let name = nonEmpty(rules.profile) {
            guard let profile = RuleProfile(parsing: name) else {
                throw .invalidValue(file: file, key: "\(table) profile", value: name, allowed: RuleProfile.allNames)
            }
            policy.profile = profile
        }
        for (id, name) in (rules.severity ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let severity = Severity(parsing: name) else {
                throw .invalidValue(
                    file: file, key: "\(table) severity.\(id)", value: name,
                    allowed: Severity.allCases.map(\.rawValue).joined(separator: ", "))
            }
            policy.severities[id] = severity
        }
        return policy
    }

    private static func pickList(
        flag: String?, flagName: String, env envName: String, config value: [String]?, key: String, file: String,
        environment: [String: String], builtIn: [String]
    ) -> Resolved<[String]> {
        if let text = nonEmpty(flag) { return Resolved(CommaList.split(text), .flag(flagName)) }
        if let text = nonEmpty(environment[envName]) { return Resolved(CommaList.split(text), .environment(envName)) }
        if let value, !value.isEmpty { return Resolved(value, .config(file: file, key: key)) }
        return Resolved(builtIn, .builtIn)
    }

    /// Names the place a bad value came from, for the one-line error: the file (or "command line",
    /// "environment") and the key as the user wrote it there.
    /// The one-line error for a bad value, naming where it came from.
    static func invalid(_ origin: SettingOrigin, file: String, key: String, value: String, allowed: String) -> ConfigError {
        let where_ = place(origin, file: file, key: key)
        return .invalidValue(file: where_.file, key: where_.key, value: value, allowed: allowed)
    }

    static func place(_ origin: SettingOrigin, file: String, key: String) -> (file: String, key: String) {
        switch origin {
        case .flag(let name): ("command line", name)
        case .environment(let name): ("environment", name)
        case .config(let file, let key): (file, key)
        case .builtIn: (file, key)
        }
    }

    public static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}
