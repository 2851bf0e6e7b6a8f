/// The slice of the SARIF 2.1.0 object model that steadystate writes.
///
/// Property names mirror the specification's exactly (`ruleId`, `informationUri`), which is why some break
/// our naming conventions. Optional properties left `nil` are omitted from the output, as SARIF prefers.
extension SARIFReport {
    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var results: [Result]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    /// A run's health: failed targets become error notifications, so "no results" is never read as "clean".
    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Message: Encodable {
        var text: String
    }

    struct MultiformatMessage: Encodable {
        var text: String
        var markdown: String
    }

    struct Configuration: Encodable {
        var level: String
    }

    /// GitHub reads `security-severity` (a number in a string) and `precision` from a rule's property bag.
    struct RuleProperties: Encodable {
        var tags: [String]
        var securitySeverity: String
        var precision: String

        enum CodingKeys: String, CodingKey {
            case tags, precision
            case securitySeverity = "security-severity"
        }
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: ResultProperties
        var suppressions: [Suppression]?
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct Region: Encodable {
        var startLine: Int
    }

    /// Our own fields, kept so a SARIF consumer can group by resource or target without the JSON report.
    struct ResultProperties: Encodable {
        var severity: String
        var category: String
        var resource: String
        var resourceType: String
        var identity: String
        var source: String
        var target: String
        var changeType: String?
    }

    struct Suppression: Encodable {
        var kind: String
        var justification: String
    }
}
