import Core
import Foundation
import Testing
import Yams

@testable import Scanners

/// Manifests and compose files turned into `Resource`s the way the sources do (see `Resource`'s conventions),
/// so the rule packs can be tested without them; and the Python original run on the same objects.
enum ManifestFixtures {
    /// Every YAML document of a fixture file, as JSON values; empty documents are skipped.
    static func documents(_ relative: String) throws -> [JSONValue] {
        let text = try String(contentsOfFile: TestTools.fixture(relative), encoding: .utf8)
        return try Yams.compose_all(yaml: text).map(json).filter { !$0.isNull }
    }

    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            return .object(
                Dictionary(mapping.map { ($0.key.string ?? "", json($0.value)) }, uniquingKeysWith: { _, last in last })
            )
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }

    /// `[group/]Kind/[namespace/]name`, empty parts dropped: the original's identity.
    static func kubernetesAddress(_ object: JSONValue) -> String {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let parts = [
            group, object["kind"]?.stringValue ?? "", object["metadata"]?["namespace"]?.stringValue ?? "",
            object["metadata"]?["name"]?.stringValue ?? "",
        ]
        return parts.filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// The objects of the given fixture files, in order.
    static func kubernetesObjects(_ files: [String]) throws -> [JSONValue] {
        try files.flatMap { try documents($0) }
    }

    static func kubernetesResources(_ objects: [JSONValue]) -> [Resource] {
        objects.map { object in
            Resource(
                address: kubernetesAddress(object), type: object["kind"]?.stringValue ?? "",
                name: object["metadata"]?["name"]?.stringValue ?? "",
                namespace: object["metadata"]?["namespace"]?.stringValue, attributes: object)
        }
    }

    /// The services of a compose document with `environment` normalised to a map, as the compose source
    /// hands them over (and as `docker compose config` prints them).
    static func composeServices(_ document: JSONValue) -> [(name: String, service: JSONValue)] {
        (document["services"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { name, service in
            guard let list = service["environment"]?.arrayValue else { return (name, service) }
            var environment: [String: JSONValue] = [:]
            for item in list.compactMap(\.stringValue) {
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                environment[String(parts[0])] = parts.count > 1 ? .string(String(parts[1])) : .null
            }
            return (name, service.setting("environment", .object(environment)))
        }
    }

    static func composeResources(_ document: JSONValue) -> [Resource] {
        composeServices(document).map { name, service in
            Resource(address: name, type: DockerRules.serviceType, name: name, attributes: service)
        }
    }

    /// The rules of the catalog a profile runs, over `resources`.
    static func findings(
        _ resources: [Resource], profile: RuleProfile, source: SourceKind, packs: [String]? = nil
    ) -> [Finding] {
        RuleEngine.evaluate(
            RulePolicy(packs: packs, profile: profile).apply(to: RuleCatalog.all), over: ResourceInventory(resources),
            context: .init(source: source, target: "fixtures"))
    }

    /// Runs `script` with the original's Python on `input` (written as JSON, its path in `sys.argv[1]`) and
    /// returns its output lines; `nil` when the original is not installed.
    static func runOriginal(_ script: String, input: JSONValue) throws -> [String]? {
        guard let python = TestTools.originalPython() else {
            print("skipping: the original steadystate is not installed (STEADYSTATE_ORIGINAL_PYTHON, .tools/orig-venv)")
            return nil
        }
        let directory = try LocalFileSystem().createTemporaryDirectory(prefix: "parity")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inputPath = directory + "/input.json"
        try JSONEncoder().encode(input).write(to: URL(fileURLWithPath: inputPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, inputPath]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the original's script failed")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
