// TEMPORARY: replaced by the terraform branch's real implementations at merge.
import Core
import Foundation

public struct LocalFileSystem: FileSystem {
    public init() {}
    public func readFile(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
    public func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
    public func contentsOfDirectory(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
    public func writeFile(_ path: String, _ data: Data) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
    public func appendFile(_ path: String, _ data: Data) throws {}
    public func createTemporaryDirectory(prefix: String) throws -> String { NSTemporaryDirectory() }
    public func removeItem(_ path: String) throws {}
}

public struct LiveProcessRunner: ProcessRunner {
    public init() {}
    public func run(_ invocation: ToolInvocation) async throws(ToolError) -> ToolOutput {
        throw .launchFailed(command: invocation.commandLine, cause: "stub")
    }
}

public enum RuleCatalog {
    public static let all: [Rule] = []
}

public struct TerraformSource: SourceScanner {
    public init() {}
    public func collect(_ target: ScanTarget, context: ScanContext, records: inout [ToolRecord]) async throws(ToolError)
        -> TargetScan
    { TargetScan(target: target, inventory: ResourceInventory([])) }
}

public enum ToolLocator {
    public static func locate(environment: [String: String], configured: ProjectConfig.Tools?, fileSystem: any FileSystem) -> ToolPaths {
        ToolPaths()
    }
}
