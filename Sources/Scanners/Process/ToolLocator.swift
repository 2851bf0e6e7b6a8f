import Core

/// Finds the executables of the tools the sources run.
///
/// Pure over its inputs (environment, config value, an executable check) so every precedence rule is
/// testable without touching the machine. Precedence: `STEADYSTATE_<TOOL>_BIN`, then `[tools] <tool>`,
/// then `PATH` of the given environment. An explicit setting that does not point at an executable is an
/// error rather than a silent fall back to `PATH`: a CI job pinned to one terraform must not quietly run
/// another (this image ships an unrelated terraform on `PATH`).
public enum ToolLocator {
    public enum Tool: String, Sendable, CaseIterable {
        case terraform, helm, kubectl

        /// The environment variable that overrides everything else.
        public var environmentVariable: String { "STEADYSTATE_\(rawValue.uppercased())_BIN" }

        /// What to do when it is missing, naming the usual CI install step.
        public var installHint: String {
            switch self {
            case .terraform:
                "install it in CI with the hashicorp/setup-terraform action, or set \(environmentVariable) "
                    + "or [tools] terraform in steadystate/config.toml"
            case .helm:
                "install it in CI with the azure/setup-helm action, or set \(environmentVariable) "
                    + "or [tools] helm in steadystate/config.toml"
            case .kubectl:
                "install it in CI with the azure/setup-kubectl action, or set \(environmentVariable) "
                    + "or [tools] kubectl in steadystate/config.toml"
            }
        }
    }

    /// The absolute path of `tool`, or `ToolError.notFound` saying where we looked.
    ///
    /// - Parameters:
    ///   - configured: the `[tools]` value, if any; relative paths are taken from `workingDirectory`,
    ///     bare names are looked up on `PATH`.
    ///   - isExecutable: true for a path naming an executable regular file.
    public static func locate(
        _ tool: Tool, configured: String?, environment: [String: String], workingDirectory: String,
        isExecutable: (String) -> Bool
    ) -> Result<String, ToolError> {
        let path = environment["PATH"] ?? ""
        if let explicit = environment[tool.environmentVariable], !explicit.isEmpty {
            return resolve(
                explicit, tool: tool, origin: tool.environmentVariable, path: path, workingDirectory: workingDirectory,
                isExecutable: isExecutable)
        }
        if let configured, !configured.isEmpty {
            return resolve(
                configured, tool: tool, origin: "[tools] \(tool.rawValue)", path: path,
                workingDirectory: workingDirectory, isExecutable: isExecutable)
        }
        if let found = searchPath(tool.rawValue, path: path, workingDirectory: workingDirectory, isExecutable) {
            return .success(found)
        }
        return .failure(.notFound(tool: tool.rawValue, searched: "PATH=\(path)", hint: tool.installHint))
    }

    /// All three tools at once; a missing tool is `nil`, since only targets that need it fail.
    public static func paths(
        configured: ProjectConfig.Tools?, environment: [String: String], workingDirectory: String,
        isExecutable: (String) -> Bool
    ) -> ToolPaths {
        func find(_ tool: Tool, _ value: String?) -> String? {
            try? locate(
                tool, configured: value, environment: environment, workingDirectory: workingDirectory,
                isExecutable: isExecutable
            ).get()
        }
        return ToolPaths(
            terraform: find(.terraform, configured?.terraform), helm: find(.helm, configured?.helm),
            kubectl: find(.kubectl, configured?.kubectl), searched: "PATH=\(environment["PATH"] ?? "")")
    }

    private static func resolve(
        _ value: String, tool: Tool, origin: String, path: String, workingDirectory: String,
        isExecutable: (String) -> Bool
    ) -> Result<String, ToolError> {
        if !value.contains("/") {
            if let found = searchPath(value, path: path, workingDirectory: workingDirectory, isExecutable) {
                return .success(found)
            }
            return .failure(.notFound(tool: tool.rawValue, searched: "\(origin)=\(value) on PATH", hint: tool.installHint))
        }
        let absolute = value.hasPrefix("/") ? value : join(workingDirectory, value)
        guard isExecutable(absolute) else {
            return .failure(
                .notFound(
                    tool: tool.rawValue, searched: "\(origin)=\(value)",
                    hint: "\(absolute) is not an executable file; fix \(origin)"))
        }
        return .success(absolute)
    }

    public static func searchPath(
        _ name: String, path: String, workingDirectory: String, _ isExecutable: (String) -> Bool
    ) -> String? {
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            // An empty PATH entry means the current directory, as in a POSIX shell.
            let base = directory.isEmpty ? workingDirectory : String(directory)
            let candidate = base.hasPrefix("/") ? join(base, name) : join(join(workingDirectory, base), name)
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
