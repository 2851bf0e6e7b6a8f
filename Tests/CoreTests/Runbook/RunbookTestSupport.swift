import Foundation

/// Paths to committed fixtures and schemas, found from this file so tests run from any directory.
enum RunbookPaths {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repoRoot.appendingPathComponent("Tests/Fixtures/runbook")
    static let schemas = repoRoot.appendingPathComponent("docs/schemas")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }
}

extension Data {
    init(json: String) { self.init(json.utf8) }
}
