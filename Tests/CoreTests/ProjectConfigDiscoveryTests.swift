import Testing

@testable import Core

/// The `[discovery]` table: typed, defaulted, and checked like every other table.
struct ProjectConfigDiscoveryTests {
    static let file = "steadystate/config.toml"

    @Test func readsEnabledAndExclude() throws {
        let config = try ProjectConfig.parse(
            "[discovery]\nenabled = false\nexclude = [\"legacy/**\", \"*-sandbox\"]\n", file: Self.file)
        #expect(config.discovery == ProjectConfig.Discovery(enabled: false, exclude: ["legacy/**", "*-sandbox"]))
        #expect(!config.discovery.isEnabled)
        #expect(config.warnings.isEmpty)
    }

    @Test func absentMeansEnabledWithNoExcludes() throws {
        let config = try ProjectConfig.parse("[ci]\nfail_on = \"high\"\n", file: Self.file)
        #expect(config.discovery.isEnabled)
        #expect(config.discovery.exclude == nil)
    }

    @Test func unknownKeysWarnAndWrongTypesFail() throws {
        let config = try ProjectConfig.parse("[discovery]\nexclud = [\"x\"]\n", file: Self.file)
        #expect(config.warnings.map(\.message) == ["unknown key 'exclud' in [discovery] (ignored)"])
        #expect(throws: ConfigError.wrongType(file: Self.file, key: "[discovery] enabled", expected: "true or false")) {
            _ = try ProjectConfig.parse("[discovery]\nenabled = \"yes\"\n", file: Self.file)
        }
    }
}
