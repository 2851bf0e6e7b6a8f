import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes buffers to a file on its own thread while the caller makes the next ones.
///
/// A 100k-resource plan's run report is about 300 MB, made a batch at a time on every core. Written in line,
/// each batch's `write(2)` (the kernel copying it into fresh page-cache pages, most of a second in all on the
/// 2-core machine here) left the cores idle between batches; handed to this thread, it runs while the next
/// batch is made. At most `limit` bytes wait at once, so memory stays bounded by a couple of batches.
final class BackgroundFileWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let path: String
    private let limit: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [[UInt8]] = []
    private var queuedBytes = 0
    private var isClosed = false
    private var isDone = false
    private var isFinished = false
    private var failure: (any Error)?

    /// Opens (creating or truncating) `path` for writing and starts the writing thread.
    init(path: String, limit: Int = 32 << 20) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.posixError(path: path) }
        self.descriptor = descriptor
        self.path = path
        self.limit = limit
        let thread = Thread { [self] in drain() }
        thread.name = "steadystate.file-writer"
        thread.start()
    }

    /// Queues `part`, waiting while `limit` bytes are already queued; throws the first write error seen.
    func write(_ part: [UInt8]) throws {
        guard !part.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while failure == nil, queuedBytes > 0, queuedBytes + part.count > limit { condition.wait() }
        if let failure { throw failure }
        queue.append(part)
        queuedBytes += part.count
        condition.broadcast()
    }

    /// Waits until every queued part is written, closes the file, and throws the first error seen; again, only
    /// throws that error.
    func finish() throws {
        condition.lock()
        isClosed = true
        condition.broadcast()
        while !isDone { condition.wait() }
        let closes = !isFinished
        isFinished = true
        condition.unlock()
        if closes, close(descriptor) != 0 {
            condition.lock()
            if failure == nil { failure = Self.posixError(path: path) }
            condition.unlock()
        }
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }

    private func drain() {
        while true {
            condition.lock()
            while queue.isEmpty, !isClosed { condition.wait() }
            if queue.isEmpty || failure != nil {
                isDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let part = queue.removeFirst()
            condition.unlock()
            let error = writeFully(part)
            condition.lock()
            queuedBytes -= part.count
            if let error, failure == nil { failure = error }
            condition.broadcast()
            condition.unlock()
        }
    }

    private func writeFully(_ part: [UInt8]) -> (any Error)? {
        part.withUnsafeBytes { bytes -> (any Error)? in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return Self.posixError(path: path)
                }
                offset += written
            }
            return nil
        }
    }

    private static func posixError(path: String) -> FileWriteError {
        FileWriteError(path: path, reason: String(cString: strerror(errno)))
    }
}

/// A file that could not be opened, written or closed, with the system's reason ("No space left on device").
struct FileWriteError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
}
