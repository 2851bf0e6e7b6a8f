import Core
import Testing

@testable import Scanners

/// Compose's YAML dialect: 1.2 scalar typing, merge keys, duplicate keys, shapes.
struct ComposeYAMLTests {
    static func services(_ yaml: String) throws -> [String: JSONValue] {
        let document = try ComposeDocument.read(yaml, file: "compose.yaml")
        return Dictionary(uniqueKeysWithValues: document.services.map { ($0.name, $0.value) })
    }

    struct ScalarCase: Sendable, CustomTestStringConvertible {
        var written: String
        var expected: JSONValue
        var testDescription: String { written }
    }

    static let scalars: [ScalarCase] = [
        // YAML 1.1 would read these as 1342, true and false; compose (YAML 1.2) keeps them as text.
        .init(written: "22:22", expected: .string("22:22")),
        .init(written: "yes", expected: .string("yes")),
        .init(written: "off", expected: .string("off")),
        .init(written: "true", expected: .bool(true)),
        .init(written: "\"true\"", expected: .string("true")),
        .init(written: "5432", expected: .number(5432)),
        .init(written: "'5432'", expected: .string("5432")),
        .init(written: "0o17", expected: .number(15)),
        .init(written: "0x1F", expected: .number(31)),
        .init(written: "-1.5e3", expected: .number(-1500)),
        .init(written: ".inf", expected: .string(".inf")),
        .init(written: "1.2.3", expected: .string("1.2.3")),
        .init(written: "~", expected: .null),
        .init(written: "null", expected: .null),
        .init(written: "!!str 42", expected: .string("42")),
        .init(written: "${PORT:-80}", expected: .string("${PORT:-80}")),
    ]

    @Test(arguments: scalars)
    func plainScalarsAreTypedAsComposeTypesThem(_ example: ScalarCase) throws {
        let services = try Self.services("services:\n  s:\n    value: \(example.written)\n")
        #expect(services["s"]?["value"] == example.expected)
    }

    @Test func mergeKeysExpandWithWrittenKeysWinning() throws {
        let yaml = """
            x-base: &base
              restart: always
              user: app
            x-more: &more
              user: other
              read_only: true
            services:
              s:
                <<: [*base, *more]
                user: root
            """
        let service = try #require(try Self.services(yaml)["s"])
        #expect(service == .object(["restart": .string("always"), "user": .string("root"), "read_only": .bool(true)]))
    }

    /// The line is the first occurrence's: Yams reports that one.
    @Test func duplicateKeysAreRefusedWithTheirLine() {
        #expect(throws: ComposeError.duplicateKey(file: "compose.yaml", line: 3, key: "image")) {
            _ = try Self.services("services:\n  s:\n    image: a\n    image: b\n")
        }
    }

    @Test func wrongShapesNameTheKeyAndLine() {
        #expect(
            throws: ComposeError.wrongShape(
                file: "compose.yaml", line: 1, key: "services", expected: "a mapping of names")
        ) {
            _ = try Self.services("services: [web]\n")
        }
        #expect(
            throws: ComposeError.wrongShape(file: "compose.yaml", line: 2, key: "services.web", expected: "a mapping")
        ) {
            _ = try Self.services("services:\n  web: nginx\n")
        }
        #expect(
            throws: ComposeError.wrongShape(file: "compose.yaml", line: 1, key: "(top level)", expected: "a mapping")
        ) {
            _ = try Self.services("- a\n- b\n")
        }
    }

    @Test func emptyFilesAndEmptyServicesAreFine() throws {
        #expect(try ComposeDocument.read("", file: "compose.yaml") == ComposeDocument())
        #expect(try Self.services("services:\n  s:\n")["s"] == .object([:]))
    }

    @Test func extendsAndIncludeAreNotFollowedAndSaySo() throws {
        let yaml = "include:\n  - other.yaml\nservices:\n  s:\n    extends:\n      service: base\n"
        let document = try ComposeDocument.read(yaml, file: "compose.yaml")
        #expect(document.warnings.count == 2)
        #expect(document.warnings.contains { $0.hasPrefix("compose.yaml:1: 'include' is not followed") })
        #expect(document.warnings.contains { $0.hasPrefix("compose.yaml:4: service 's' uses 'extends'") })
    }
}
