extension ProjectConfig {
    /// `[discovery]`: how `ci` and `scan` find targets in a repository that names none.
    ///
    /// Discovery runs only when nothing else says what to scan (no `[[targets]]`, and no source or path from
    /// a flag, the environment or the file); `enabled = false` keeps the original's behaviour there instead
    /// (terraform on `.`).
    public struct Discovery: Sendable, Equatable {
        /// Absent means enabled.
        public var enabled: Bool?
        /// Globs in gitignore syntax, relative to the repository root (`legacy/**`, `*-sandbox`).
        public var exclude: [String]?

        public init(enabled: Bool? = nil, exclude: [String]? = nil) {
            self.enabled = enabled
            self.exclude = exclude
        }

        public var isEnabled: Bool { enabled ?? true }
    }

    static func parseDiscovery(
        _ value: JSONValue?, file: String, warnings: inout [ConfigWarning]
    ) throws(ConfigError) -> Discovery {
        var table = try TableReader(file: file, tableName: "[discovery]", value: value)
        let discovery = Discovery(enabled: try table.bool("enabled"), exclude: try table.list("exclude"))
        warnings += table.warnings()
        return discovery
    }
}
