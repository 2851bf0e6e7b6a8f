/// Where a setting's value came from; `doctor` prints it beside every value.
public enum SettingOrigin: Sendable, Equatable, Codable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case config(file: String, key: String)
    case builtIn

    public var description: String {
        switch self {
        case .flag(let name): "flag \(name)"
        case .environment(let name): "environment \(name)"
        case .config(let file, let key): "\(file) \(key)"
        case .builtIn: "built-in default"
        }
    }
}

/// A value together with its origin.
public struct Resolved<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var origin: SettingOrigin

    public init(_ value: Value, _ origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}

/// The `ci`/`scan` flags as typed, before resolution; `nil` or empty means "not given".
public struct CommandLineInputs: Sendable, Equatable {
    public var path: String?
    public var source: String?
    public var failOn: String?
    public var to: String?
    public var deliver: String?
    public var config: String?
    public var categories: String?

    public init(
        path: String? = nil, source: String? = nil, failOn: String? = nil, to: String? = nil,
        deliver: String? = nil, config: String? = nil, categories: String? = nil
    ) {
        self.path = path
        self.source = source
        self.failOn = failOn
        self.to = to
        self.deliver = deliver
        self.config = config
        self.categories = categories
    }
}

/// The default location of committed intent, relative to the working directory.
public enum IntentPaths {
    public static let folder = "steadystate"
    public static let config = "steadystate/config.toml"
    public static let solutions = "steadystate/solutions.json"
    public static let checks = "steadystate/checks.json"
    public static let mutes = "steadystate/mutes.json"
    /// Ephemeral run output; gitignored.
    public static let runFolder = ".steadystate"
    public static let runReport = ".steadystate/report.json"
}

/// Names of the surfaces (`--to`) and deliveries (`--deliver`) and how this build treats them.
public enum Surfaces {
    /// Surfaces this build implements.
    public static let supported: Set<String> = ["console", "github"]
    /// Surfaces the original implements and this gate does not (they push to chat and paging tools, which a
    /// pre-merge gate leaves to the workflow). Accepted with a warning so a committed config keeps running.
    public static let acceptedButInert: Set<String> = [
        "slack", "teams", "discord", "prometheus", "grafana", "webhook", "pagerduty", "servicenow",
    ]
    public static let deliveries: Set<String> = ["github-pr", "patch-file"]

    public static var knownSurfaceNames: String { supported.union(acceptedButInert).sorted().joined(separator: ", ") }
    public static var knownDeliveryNames: String { (deliveries.sorted() + ["none"]).joined(separator: ", ") }
}
