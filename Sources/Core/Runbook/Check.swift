/// One custom check from `steadystate/checks.json`: a vetted read, a condition, and the finding to emit.
///
/// A check can only pick one of the built-in readers and fill in its parameters; there is no field
/// for a command, script or expression, which is what makes a committed check safe to load. The
/// reader is an enum so evaluation code switches over every kind and the compiler notices a new one.
public struct Check: Sendable, Codable, Equatable {
    /// Also the finding's category, which is what a runbook entry's `for` matches.
    public var name: String
    public var reader: CheckReader
    /// The scope in the finding identity (`custom/<namespace>/<name>`).
    ///
    /// Required for the kubectl kinds; optional elsewhere; always `nil` for `http`, whose identity the
    /// original builds without one even when the file gives a namespace.
    public var namespace: String?
    public var severity: Severity
    public var title: String

    public init(name: String, reader: CheckReader, namespace: String? = nil, severity: Severity, title: String) {
        self.name = name
        self.reader = reader
        self.namespace = namespace
        self.severity = severity
        self.title = title
    }
}

/// What a check reads and when it fires; one case per `read.kind`.
public enum CheckReader: Sendable, Codable, Equatable {
    /// `kubectl-cpu`: pods' CPU in millicores, aggregated, compared with a threshold.
    case kubectlCPU(selector: String, aggregate: Aggregate, threshold: Threshold)
    /// `kubectl-mem`: pods' memory in MiB, aggregated, compared with a threshold.
    case kubectlMemory(selector: String, aggregate: Aggregate, threshold: Threshold)
    /// `kubectl-log`: a pattern that should be present (success signal) or absent (error) in pod logs.
    case kubectlLog(selector: String, tail: Int, expectation: LogExpectation)
    /// `docker-log`: the same over containers matching a `docker ps --filter` expression.
    case dockerLog(selector: String, tail: Int, expectation: LogExpectation)
    /// `ansible-service`: a unit that should be active or inactive on every host of a pattern.
    case ansibleService(hostPattern: String, service: String, expect: ServiceState)
    /// `http`: a smoke test; fires on a wrong status, a missing body pattern or no response.
    case http(url: String, method: HTTPMethod, status: Int, body: String?)
    /// `resource` (ours): a declarative test over scanned resources; reads nothing live.
    ///
    /// The selector picks resources (types, source, address glob, namespace, `where` equality filters) and the
    /// condition tree says when one of them is in the bad state the check names.
    case resource(selector: ResourceSelector, condition: Condition)

    /// The `read.kind` spelling, for messages and output.
    public var kind: String {
        switch self {
        case .kubectlCPU: "kubectl-cpu"
        case .kubectlMemory: "kubectl-mem"
        case .kubectlLog: "kubectl-log"
        case .dockerLog: "docker-log"
        case .ansibleService: "ansible-service"
        case .http: "http"
        case .resource: "resource"
        }
    }

    /// Every accepted `read.kind`, in the order messages list them.
    public static let kinds = [
        "kubectl-cpu", "kubectl-mem", "kubectl-log", "docker-log", "ansible-service", "http", "resource",
    ]

    /// How per-pod values combine before the comparison.
    public enum Aggregate: String, Sendable, Codable, CaseIterable {
        case sum, max, avg
    }

    /// `op value` from `when`; the value is millicores or MiB depending on the kind.
    public struct Threshold: Sendable, Codable, Equatable {
        public var op: ComparisonOperator
        public var value: Double

        public init(op: ComparisonOperator, value: Double) {
            self.op = op
            self.value = value
        }
    }

    /// A log kind's condition: `present` fires when the pattern is missing, `absent` when it appears.
    public struct LogExpectation: Sendable, Codable, Equatable {
        /// Case-sensitive, as the original searches with a plain `re.search`.
        public var pattern: String
        public var expect: Expect

        public enum Expect: String, Sendable, Codable, CaseIterable {
            case present, absent
        }

        public init(pattern: String, expect: Expect) {
            self.pattern = pattern
            self.expect = expect
        }
    }

    public enum ServiceState: String, Sendable, Codable, CaseIterable {
        case active, inactive
    }

    /// Only idempotent methods, so a smoke test can never change the thing it probes.
    public enum HTTPMethod: String, Sendable, Codable, CaseIterable {
        case get = "GET"
        case head = "HEAD"
    }
}

/// The original's comparison operators for numeric checks.
public enum ComparisonOperator: String, Sendable, Codable, CaseIterable {
    case lessThan = "<"
    case greaterThan = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="
}
