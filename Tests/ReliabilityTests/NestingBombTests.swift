import Core
import Foundation
@testable import Scanners
import Testing

/// Deeply nested and self-expanding documents: each ends in the parser's typed error naming the file, within a
/// bound, never a stack overflow or an out-of-memory kill.
struct NestingBombTests {
    struct Bomb: Sendable, CustomTestStringConvertible {
        var name: String
        var text: @Sendable () -> String
        var testDescription: String { name }
    }

    static let bound: Duration = .seconds(10)

    /// A YAML "billion laughs": ten aliases of ten aliases, nine levels deep (10^9 nodes once expanded).
    static func laughs(indent: String = "") -> String {
        var lines = ["\(indent)a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("\(indent)a\(level): &a\(level) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func indented(depth: Int) -> String {
        (0..<depth).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
    }

    static let yamlBombs: [Bomb] = [
        Bomb(name: "100k flow openers") { String(repeating: "[", count: 100_000) },
        Bomb(name: "100k flow mappings") { String(repeating: "{a: ", count: 100_000) },
        Bomb(name: "50k block sequences on one line") { String(repeating: "- ", count: 50_000) + "x\n" },
        Bomb(name: "2k indented mappings") { indented(depth: 2_000) },
        Bomb(name: "billion laughs") { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n" + laughs(indent: "  ") },
    ]

    @Test(arguments: yamlBombs)
    func kubernetesManifestBombs(_ bomb: Bomb) async throws {
        try await expectBounded("k8s " + bomb.name, named: "k8s/bomb.yaml") { () throws(ManifestError) in
            _ = try ManifestReader.read(bomb.text(), file: "k8s/bomb.yaml", format: .yaml)
        }
    }

    @Test(arguments: yamlBombs)
    func composeBombs(_ bomb: Bomb) async throws {
        try await expectBounded("compose " + bomb.name, named: "compose.yaml") { () throws(ComposeError) in
            let text = "services:\n  web:\n    image: nginx\n    labels:\n" + bomb.text()
                .split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n")
            _ = try ComposeDocument.read(text, file: "compose.yaml")
        }
    }

    static let jsonBombs: [Bomb] = [
        Bomb(name: "100k arrays") { String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) },
        Bomb(name: "100k objects") { String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000) },
        Bomb(name: "an entry 100k deep") { "[{\"name\": " + String(repeating: "[", count: 100_000) + "]" },
    ]

    @Test(arguments: jsonBombs)
    func runbookJSONBombs(_ bomb: Bomb) async throws {
        try await expectBounded("solutions.json " + bomb.name, named: "steadystate/solutions.json") { () throws(ConfigError) in
            _ = try SolutionsFile.parse(Data(bomb.text().utf8), file: "steadystate/solutions.json")
        }
        try await expectBounded("checks.json " + bomb.name, named: "steadystate/checks.json") { () throws(ConfigError) in
            _ = try ChecksFile.parse(Data(bomb.text().utf8), file: "steadystate/checks.json")
        }
        try await expectBounded("helm list " + bomb.name, named: "releases.json") { () throws(ManifestError) in
            _ = try HelmReleaseList.driftFindings(
                in: bomb.text(), file: "releases.json", context: RuleEngine.Context(source: .helm, target: "r"))
        }
    }

    static let tomlBombs: [Bomb] = [
        Bomb(name: "100k inline arrays") { "x = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) },
        Bomb(name: "100k inline tables") { "x = " + String(repeating: "{a = ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) },
        Bomb(name: "100k dotted key segments") { Array(repeating: "a", count: 100_000).joined(separator: ".") + " = 1\n" },
        Bomb(name: "100k table header segments") { "[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]\nx = 1\n" },
    ]

    @Test(arguments: tomlBombs)
    func configTOMLBombs(_ bomb: Bomb) async throws {
        try await expectBounded("config.toml " + bomb.name, named: "steadystate/config.toml") { () throws(ConfigError) in
            _ = try ProjectConfig.parse(bomb.text(), file: "steadystate/config.toml")
        }
    }

    /// Runs `body` and expects it to throw its typed error naming `file`, within `bound`.
    func expectBounded<E: Error & CustomStringConvertible>(
        _ name: String, named file: String, _ body: @escaping @Sendable () throws(E) -> Void
    ) async throws {
        try await ReliabilityLedger.record("bomb \(name)") { counts in
            counts.inputsFuzzed += 1
            let clock = ContinuousClock()
            let started = clock.now
            var message: String?
            do throws(E) { try body() } catch { message = error.description }
            let elapsed = clock.now - started
            #expect(elapsed < Self.bound, "\(name) took \(elapsed)")
            let rejection = try #require(message, "\(name) was accepted; a bound should have rejected it")
            #expect(rejection.contains(file), "\(name): \(rejection.prefix(300))")
        }
    }
}
