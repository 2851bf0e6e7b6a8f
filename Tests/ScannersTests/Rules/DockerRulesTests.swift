import Core
import Foundation
import Testing

@testable import Scanners

/// The Docker pack over the services of `Tests/Fixtures/compose/rules/docker-compose.yml`.
@Suite struct DockerRulesTests {
    static func document() throws -> JSONValue {
        try #require(try ManifestFixtures.documents("compose/rules/docker-compose.yml").first)
    }

    static func resources() throws -> [Resource] { ManifestFixtures.composeResources(try document()) }

    static let baseline: [String: Set<String>] = [
        "admin": [
            "docker-privileged", "docker-host-network", "docker-host-pid", "docker-host-ipc", "docker-userns-host",
            "docker-added-capabilities", "docker-dangerous-capabilities", "docker-socket-mount", "docker-devices",
            "docker-security-opt-unconfined", "docker-no-new-privileges-missing", "docker-root-user",
        ],
        "db": [
            "docker-image-unpinned", "docker-db-port-public", "docker-env-secret-literal", "docker-root-user",
            "docker-no-new-privileges-missing",
        ],
        "cache": ["docker-root-user"],
    ]

    static let restrictedOnly: [String: Set<String>] = [
        "admin": [
            "docker-cap-drop-all-missing", "docker-read-only-missing", "docker-healthcheck-missing",
            "docker-restart-unbounded",
        ],
        "db": ["docker-cap-drop-all-missing", "docker-read-only-missing", "docker-restart-unbounded"],
        "worker": ["docker-cap-drop-all-missing", "docker-read-only-missing", "docker-healthcheck-missing"],
    ]

    @Test(arguments: RuleProfile.allCases)
    func firesExactlyTheExpectedRulesPerService(_ profile: RuleProfile) throws {
        let findings = ManifestFixtures.findings(try Self.resources(), profile: profile, source: .dockerCompose)
        let fired = findings.reduce(into: [String: Set<String>]()) { $0[$1.resource, default: []].insert($1.ruleID) }
        let expected =
            profile == .baseline ? Self.baseline : Self.baseline.merging(Self.restrictedOnly) { $0.union($1) }
        for service in Set(fired.keys).union(expected.keys).sorted() {
            let extra = (fired[service] ?? []).subtracting(expected[service] ?? [])
            let missing = (expected[service] ?? []).subtracting(fired[service] ?? [])
            #expect(
                extra.isEmpty && missing.isEmpty,
                "\(profile) \(service): extra \(extra.sorted()), missing \(missing.sorted())")
        }
        #expect(fired["hardened"] == nil)
        #expect(Set(findings.map(\.fingerprint)).count == findings.count)
    }

    @Test func everyDockerRuleFiresOnSomeServiceAndThereAreAtLeastFifteen() {
        let fired = Self.baseline.merging(Self.restrictedOnly) { $0.union($1) }.values
            .reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(fired == Set(DockerRules.all.map(\.description.id)))
        #expect(DockerRules.all.count >= 15)
    }

    @Test func findingsSayWhatAndWhere() throws {
        let findings = ManifestFixtures.findings(try Self.resources(), profile: .restricted, source: .dockerCompose)
        func finding(_ service: String, _ rule: String) throws -> Finding {
            try #require(findings.first { $0.resource == service && $0.ruleID == rule })
        }
        #expect(
            try finding("admin", "docker-socket-mount").title
                == "admin: mounts the container runtime socket /var/run/docker.sock")
        #expect(try finding("admin", "docker-socket-mount").evidence.first?.path == "volumes.0")
        #expect(
            try finding("admin", "docker-dangerous-capabilities").title
                == "admin: adds host-escape-grade capabilities: SYS_ADMIN")
        #expect(
            try finding("db", "docker-db-port-public").title
                == "db: publishes a PostgreSQL port on every interface (5432:5432)")
        #expect(try finding("db", "docker-image-unpinned").title == "db: uses an unpinned image: postgres")
        #expect(findings.allSatisfy { $0.source == "docker-compose" && $0.resourceType == "docker_compose_service" })
    }

    @Test func literalSecretsNeverReachTheFindings() throws {
        let findings = ManifestFixtures.findings(try Self.resources(), profile: .restricted, source: .dockerCompose)
        let secret = try #require(findings.first { $0.ruleID == "docker-env-secret-literal" })
        #expect(secret.title == "db: sets secret-looking environment variables to literal values: POSTGRES_PASSWORD")
        #expect(secret.evidence.first?.path == "environment.POSTGRES_PASSWORD")
        #expect(secret.evidence.first?.value == nil)
        let encoded = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
        #expect(!encoded.contains("fixture-compose-password"))
    }

    struct PortCase: Sendable, CustomTestStringConvertible {
        var entry: JSONValue
        var isPublicDatabase: Bool
        var testDescription: String { entry.compactText }
    }

    static let portCases: [PortCase] = [
        .init(entry: "5432:5432", isPublicDatabase: true),
        .init(entry: "0.0.0.0:3306:3306", isPublicDatabase: true),
        .init(entry: "[::]:6379:6379/tcp", isPublicDatabase: true),
        .init(entry: "9200-9201:9200-9201", isPublicDatabase: true),
        .init(entry: "1433", isPublicDatabase: true),
        .init(entry: 27017, isPublicDatabase: true),
        .init(entry: ["target": 5432, "published": "15432"], isPublicDatabase: true),
        .init(entry: "127.0.0.1:5432:5432", isPublicDatabase: false),
        .init(entry: "[::1]:5432:5432", isPublicDatabase: false),
        .init(entry: "10.0.0.5:5432:5432", isPublicDatabase: false),
        .init(entry: "5432:8080", isPublicDatabase: false),
        .init(entry: ["target": 6379, "host_ip": "127.0.0.1"], isPublicDatabase: false),
    ]

    @Test(arguments: portCases)
    func databasePortsAreReadInBothSyntaxes(_ example: PortCase) {
        let service = ComposeExample.with("ports", [example.entry])
        let violations = ComposeHostAccessRules.databasePorts.check(
            Resource(address: "db", type: DockerRules.serviceType, name: "db", attributes: service))
        #expect(violations.count == (example.isPublicDatabase ? 1 : 0))
    }

    /// The original's ids it does not report here: settings it reads as safe that switch the protection off.
    static let tighterThanTheOriginal: Set<String> = [
        "db docker-no-new-privileges-missing",  // security_opt: [no-new-privileges:false]
        "cache docker-root-user",  // user: "0:0"
    ]

    @Test func fingerprintsMatchThePythonOriginal() throws {
        let document = try Self.document()
        let services = ManifestFixtures.composeServices(document)
        let config: JSONValue = [
            "services": .object(Dictionary(uniqueKeysWithValues: services.map { ($0.name, $0.service) }))
        ]
        let script = """
            import json, sys
            from steadystate.sources.docker_compose import resources_from_compose_config
            from steadystate.domains.compliance import DockerComplianceDomain
            for f in DockerComplianceDomain().evaluate(resources_from_compose_config(json.load(open(sys.argv[1])))):
                print(f.fingerprint, f.identity, f.rule_id, f.severity.name.lower())
            """
        guard let lines = try ManifestFixtures.runOriginal(script, input: config) else { return }
        let theirs = Set(lines)
        let originalIDs: Set<String> = [
            "docker-privileged", "docker-host-network", "docker-host-pid", "docker-added-capabilities",
            "docker-no-new-privileges-missing", "docker-root-user", "docker-image-unpinned",
        ]
        #expect(Set(theirs.map { String($0.split(separator: " ")[2]) }) == originalIDs)
        let ours = ManifestFixtures.findings(
            ManifestFixtures.composeResources(document), profile: .restricted, source: .dockerCompose
        ).filter { originalIDs.contains($0.ruleID) }
        let shared = Set(ours.map { "\($0.fingerprint) \($0.identity) \($0.ruleID) \($0.severity.rawValue)" })
            .filter { !Self.tighterThanTheOriginal.contains($0.split(separator: " ")[1...2].joined(separator: " ")) }
        #expect(
            shared == theirs,
            "ours only: \(shared.subtracting(theirs).sorted()); theirs only: \(theirs.subtracting(shared).sorted())")
        let onlyOurs = Set(ours.map { "\($0.identity) \($0.ruleID)" })
            .subtracting(theirs.map { $0.split(separator: " ")[1...2].joined(separator: " ") })
        #expect(onlyOurs == Self.tighterThanTheOriginal)
    }
}
