import Foundation
import Testing

@testable import Core

/// The schemas compiled into the binary are exactly the ones documented, and the validator accepts them.
struct EmbeddedSchemasTests {
    @Test(arguments: RunbookSchema.allCases)
    func embeddedCopyEqualsDocsByteForByte(_ schema: RunbookSchema) throws {
        let committed = try Data(contentsOf: RunbookPaths.schemas.appendingPathComponent(schema.fileName))
        #expect(
            Data(schema.text.utf8) == committed,
            "Sources/Core/Schema/EmbeddedSchemas.swift is out of date; run scripts/embed-schemas.sh")
    }

    @Test(arguments: RunbookSchema.allCases)
    func embeddedSchemaLoadsWithoutRefusal(_ schema: RunbookSchema) throws {
        _ = try schema.schema()
    }
}
