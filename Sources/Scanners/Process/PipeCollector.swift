import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Drains one pipe on a thread of its own until EOF.
///
/// stdout and stderr must be read at the same time: a tool that fills the stderr pipe (64 KiB) while we
/// wait on stdout would block forever, and a 200 MB plan never fits a pipe. A dedicated `Thread` per pipe
/// keeps the blocking `read(2)` off the cooperative pool. The buffer can be read before EOF, so a timeout
/// still reports what the tool said so far.
final class PipeCollector: @unchecked Sendable {
    // @unchecked: `buffer` is only touched while holding `lock`; `handle` is only read by the one thread.
    private let lock = NSLock()
    private var buffer = Data()
    private let handle: FileHandle
    let finished = Latch()

    init(reading handle: FileHandle) {
        self.handle = handle
    }

    func start() {
        let thread = Thread { [self] in drain() }
        thread.name = "steadystate.pipe"
        thread.start()
    }

    /// Everything read so far.
    var data: Data { lock.withLock { buffer } }

    private func drain() {
        let descriptor = handle.fileDescriptor
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count > 0 {
                lock.withLock { buffer.append(contentsOf: chunk[0..<count]) }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        try? handle.close()
        finished.open()
    }
}
