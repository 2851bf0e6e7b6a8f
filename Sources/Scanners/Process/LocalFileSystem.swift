import Core
import Foundation

/// The real `FileSystem` over `FileManager`.
///
/// Writes go to a temporary file in the destination's folder and are renamed into place, so a report or a
/// step summary is never seen half-written, even when the job is killed mid-write.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func readFile(_ path: String) throws -> Data {
        // Mapped, not copied: a 200 MB plan is read once, by the parser, straight from the page cache.
        try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    }

    public func fileExists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// True for an executable regular file: what `ToolLocator` asks of a candidate.
    public func isExecutable(_ path: String) -> Bool {
        !isDirectory(path) && FileManager.default.isExecutableFile(atPath: path)
    }

    public func contentsOfDirectory(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    public func writeFile(_ path: String, _ data: Data) throws {
        try writeAtomically(path) { temporary in try data.write(to: temporary) }
    }

    /// Each buffer goes to the temporary file as it is made, so a large report is never whole in memory, and
    /// is written on a thread of its own while the next is made (`BackgroundFileWriter`).
    public func writeFile(_ path: String, streaming produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        do {
            try writeAtomically(path) { temporary in
                let writer = try BackgroundFileWriter(path: temporary.path)
                do {
                    try produce(writer.write)
                } catch {
                    try? writer.finish()
                    throw error
                }
                try writer.finish()
            }
        } catch var error as FileWriteError {
            error.path = path  // the file the user asked for, not its temporary sibling
            throw error
        }
    }

    /// Runs `write` on a temporary file beside `path`, then renames it into place; removes it on failure.
    private func writeAtomically(_ path: String, _ write: (URL) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try write(temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    public func appendFile(_ path: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path)
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            return
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }

    public func createTemporaryDirectory(prefix: String) throws -> String {
        let base = FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    public func removeItem(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}
