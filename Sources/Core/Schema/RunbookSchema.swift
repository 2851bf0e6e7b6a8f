import Foundation

/// The two shipped runbook schemas, as `validate` applies them to `solutions.json` and `checks.json`.
///
/// The text is compiled in (``EmbeddedSchemas``, generated from `docs/schemas/`), because users run one
/// executable with no source tree beside it; a test keeps the two copies byte-identical.
public enum RunbookSchema: String, CaseIterable, Sendable {
    case solutions
    case checks

    /// The schema file as committed under `docs/schemas/`.
    public var fileName: String { "\(rawValue).schema.json" }

    /// The embedded schema text, identical to `docs/schemas/<fileName>`.
    public var text: String {
        switch self {
        case .solutions: EmbeddedSchemas.solutions
        case .checks: EmbeddedSchemas.checks
        }
    }

    /// The loaded schema; throws only if the embedded text uses something ``JSONSchema`` refuses.
    public func schema() throws(JSONSchemaError) -> JSONSchema {
        try JSONSchema(text: text)
    }

    /// One line per violation in `data`, each `file: $[2].when.op: cause (schema)`; empty when valid.
    ///
    /// A file that is not JSON yields no lines: the loader already reports where its syntax breaks, and a
    /// schema line on top would only repeat it.
    public func violations(in data: Data, file: String) -> [String] {
        // The loader's strict parser decides what counts as JSON, so both agree on which files get schema lines.
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil,
            let document = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [] }
        do {
            return try schema().validate(document).map { "\(file): \($0) (\(fileName))" }
        } catch {
            return ["\(file): cannot check against the built-in \(fileName): \(error)"]
        }
    }
}
