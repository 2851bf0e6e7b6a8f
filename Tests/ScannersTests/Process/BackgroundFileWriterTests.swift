import Foundation
import Testing

@testable import Scanners

/// The streaming write hands its parts to a thread of its own (`BackgroundFileWriter`); `LocalFileSystemTests`
/// covers the atomic replacement, these the hand-over: order, back-pressure and the errors it reports.
@Suite struct BackgroundFileWriterTests {
    /// Parts of every size, several times what the writer may hold queued at once, arrive whole and in order.
    @Test(arguments: [(0, 1), (1, 1), (200, 7), (40, 300_000)])
    func partsArriveInOrder(parts: Int, size: Int) throws {
        let fs = LocalFileSystem()
        let folder = try fs.createTemporaryDirectory(prefix: "steadystate-writer")
        defer { try? fs.removeItem(folder) }
        let path = folder + "/report.json"
        let made = (0..<parts).map { part in [UInt8](repeating: UInt8(part % 251), count: size + part % 3) }
        let writer = try BackgroundFileWriter(path: path, limit: 1 << 20)
        for part in made { try writer.write(part) }
        try writer.finish()
        #expect(try fs.readFile(path) == Data(made.joined()))
    }

    /// A write the system refuses (`/dev/full`: no space left) is reported with the path and the system's
    /// reason, at a later part or at the end; finishing again repeats the error and closes nothing twice.
    @Test func aRefusedWriteNamesThePathAndTheReason() throws {
        let writer = try BackgroundFileWriter(path: "/dev/full")
        let error = #expect(throws: FileWriteError.self) {
            for _ in 0..<4 { try writer.write([UInt8](repeating: 0x41, count: 4096)) }
            try writer.finish()
        }
        #expect(error?.description == "/dev/full: No space left on device")
        #expect(throws: FileWriteError.self) { try writer.finish() }
    }

    /// A file that cannot be opened fails at once, naming it.
    @Test func anUnopenableFileFailsAtOnce() {
        let error = #expect(throws: FileWriteError.self) {
            _ = try BackgroundFileWriter(path: "/proc/steadystate-no-such-folder/report.json")
        }
        #expect(error?.description.hasPrefix("/proc/steadystate-no-such-folder/report.json: ") == true)
    }

    /// Through `LocalFileSystem`, a refused write names the file asked for, not its temporary sibling.
    @Test func aRefusedStreamNamesTheDestination() throws {
        let fs = LocalFileSystem()
        let folder = try fs.createTemporaryDirectory(prefix: "steadystate-writer-ro")
        defer { try? fs.removeItem(folder) }
        let error = #expect(throws: FileWriteError.self) {
            try fs.writeFile(folder + "/report.json") { write in
                try write(Array("{}".utf8))
                throw FileWriteError(path: "ignored", reason: "No space left on device")
            }
        }
        #expect(error?.description == folder + "/report.json: No space left on device")
        #expect(try fs.contentsOfDirectory(folder).isEmpty)
    }
}
