import Core
import Foundation
import Testing

@testable import Scanners

/// The docker-compose source on committed fixtures: override merging, the shapes rules read, errors with
/// lines, and the original's captured snapshot with its drift fingerprints.
struct ComposeSourceTests {
    static let fixtures = TestTools.packageRoot + "/Tests/Fixtures"

    static func collect(_ path: String, identityPrefix: String? = nil) async throws(ToolError) -> TargetScan {
        let context = ScanContext(
            workingDirectory: fixtures, runner: LiveProcessRunner(), fileSystem: LocalFileSystem(), tools: ToolPaths(),
            toolEnvironment: [:], timeoutSeconds: 30, identityPrefix: identityPrefix)
        var records: [ToolRecord] = []
        let scan = try await ComposeSource().collect(
            ScanTarget(source: .dockerCompose, path: path), context: context, records: &records)
        #expect(records.isEmpty, "reading compose files runs no tool")
        return scan
    }

    static func resource(_ scan: TargetScan, _ address: String) throws -> Resource {
        try #require(scan.inventory.resources.first { $0.address == address }, "no resource \(address)")
    }

    @Test func aDirectoryMergesTheOverrideFileAsComposeDoes() async throws {
        let scan = try await Self.collect("compose/override")
        #expect(
            scan.inventory.resources.map(\.address) == [
                "web", "db", "agent", "network/backend", "volume/data", "volume/cache", "secret/db_password",
            ])
        let web = try Self.resource(scan, "web").attributes
        #expect(web["image"] == .string("nginx:1.27-alpine"), "scalars are replaced")
        #expect(
            web["ports"] == .array([.string("8080:80"), .string("22:22"), .string("8443:443")]), "lists append once")
        #expect(web["cap_add"] == .array([.string("NET_BIND_SERVICE"), .string("SYS_ADMIN")]))
        #expect(
            web["volumes"] == .array([.string("./dev-html:/usr/share/nginx/html"), .string("cache:/var/cache/nginx")]),
            "a mount at the same container path is replaced in place")
        #expect(web["command"] == .array([.string("nginx-debug"), .string("-g"), .string("daemon off;")]))
        #expect(web["restart"] == .string("unless-stopped"), "merge keys (<<: *defaults) are expanded")
        #expect(web.value(at: "logging.driver") == .string("json-file"))
        #expect(
            web["environment"] == .object(["LOG_LEVEL": .string("debug"), "FEATURE_X": .null, "EMPTY": .string("")]),
            "list-form environment becomes a map, and the override's map wins per name")
        let backend = try Self.resource(scan, "network/backend")
        #expect(backend.type == "docker_compose_network")
        #expect(backend.attributes == .object(["driver": .string("bridge"), "internal": .bool(true)]))
        #expect(try Self.resource(scan, "volume/data").attributes == .object([:]))
        #expect(try Self.resource(scan, "secret/db_password").type == "docker_compose_secret")
        #expect(scan.drift.isEmpty, "files alone show no running containers, so no drift")
    }

    @Test func locationsPointAtTheServiceKeyInTheFileThatDeclaresIt() async throws {
        let scan = try await Self.collect("compose/override")
        #expect(
            try Self.resource(scan, "web").location == SourceLocation(file: "compose/override/compose.yaml", line: 10))
        #expect(
            try Self.resource(scan, "db").location == SourceLocation(file: "compose/override/compose.yaml", line: 26))
        #expect(
            try Self.resource(scan, "agent").location
                == SourceLocation(file: "compose/override/compose.override.yaml", line: 15))
        #expect(try Self.resource(scan, "web").type == "docker_compose_service")
    }

    @Test func dangerousSettingsArePreservedForTheRules() async throws {
        let scan = try await Self.collect("compose/override")
        let agent = try Self.resource(scan, "agent").attributes
        #expect(agent["privileged"] == .bool(true))
        #expect(agent["network_mode"] == .string("host"))
        #expect(agent["pid"] == .string("host"))
        #expect(agent["volumes"] == .array([.string("/var/run/docker.sock:/var/run/docker.sock")]))
        let db = try Self.resource(scan, "db").attributes
        #expect(db["ports"]?[0] == .string("0.0.0.0:5432:5432"))
        #expect(
            db["ports"]?[1]
                == .object([
                    "target": .number(5433), "published": .string("5433"), "host_ip": .string("127.0.0.1"),
                    "protocol": .string("tcp"),
                ]))
        #expect(
            db["environment"]
                == .object([
                    "POSTGRES_PASSWORD": .string("${DB_PASSWORD}"), "PGPORT": .string("5432"), "RATIO": .string("1.50"),
                ]),
            "map-form values keep their text; ${VAR} is not interpolated")
        #expect(db["secrets"] == .array([.string("db_password")]))
        #expect(db.value(at: "volumes.0.target") == .string("/var/lib/postgresql/data"))
    }

    @Test func anExplicitFileIsReadAloneWhateverItsName() async throws {
        let scan = try await Self.collect("compose/explicit/stack.yml")
        #expect(scan.inventory.resources.map(\.address) == ["monitor"])
        let monitor = try Self.resource(scan, "monitor")
        #expect(monitor.location == SourceLocation(file: "compose/explicit/stack.yml", line: 3))
        let attributes = monitor.attributes
        #expect(attributes["privileged"] == .bool(false), "the override beside an explicit file is not merged")
        #expect(attributes["user"] == .string("root"))
        #expect(attributes["read_only"] == .bool(true))
        #expect(attributes["ipc"] == .string("host"))
        #expect(attributes["cap_drop"] == .array([.string("ALL")]))
        #expect(attributes["cap_add"] == .array([.string("SYS_PTRACE")]))
        #expect(attributes["security_opt"] == .array([.string("no-new-privileges:true")]))
        #expect(attributes["environment"] == .object(["MODE": .string("prod"), "TOKEN": .string("${AGENT_TOKEN}")]))
        #expect(attributes["ports"] == .array([.number(9100), .string("127.0.0.1:9090:9090/tcp")]))
        #expect(attributes.value(at: "volumes.0.source") == .string("/var/run/docker.sock"))
        #expect(attributes.value(at: "volumes.0.read_only") == .bool(true))
    }

    @Test func brokenYAMLNamesTheFileAndLine() async throws {
        do {
            _ = try await Self.collect("compose/broken")
            Issue.record("a broken compose file must fail the target")
        } catch {
            #expect(error.description.hasPrefix("compose/broken/compose.yaml:6:"), "\(error)")
            #expect(error.description.contains("not valid YAML"))
        }
    }

    @Test func missingInputsAreReportedAsSuch() async throws {
        await #expect(throws: ToolError.badInputFile(file: "compose/nothing-here", cause: "no such file or directory"))
        {
            _ = try await Self.collect("compose/nothing-here")
        }
        do {
            _ = try await Self.collect("compose")
            Issue.record("a folder without a compose file must fail")
        } catch {
            #expect(error.description.hasPrefix("compose: no compose file here (looked for compose.yaml"), "\(error)")
        }
    }
}
