import Foundation

/// A one-way gate that async code can wait on, opened from any thread.
///
/// Process exit and pipe EOF are reported on Foundation's own threads; this turns them into something a
/// task can await without blocking a thread of the cooperative pool (which has as few threads as cores, so
/// a blocked `read` there can stall every other task). Waiting is cancellable so a deadline can race it.
final class Latch: @unchecked Sendable {
    // @unchecked: every stored property is only touched while holding `lock`.
    private let lock = NSLock()
    private var isOpen = false
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0

    var isOpened: Bool { lock.withLock { isOpen } }

    func open() {
        let pending = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            isOpen = true
            defer { waiters = [:] }
            return Array(waiters.values)
        }
        for waiter in pending { waiter.resume() }
    }

    /// Returns when the latch opens or the waiting task is cancelled.
    func wait() async {
        let id = lock.withLock { () -> Int in
            nextWaiter += 1
            return nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = lock.withLock { () -> Bool in
                    if isOpen || Task.isCancelled { return true }
                    waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = lock.withLock { waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// True when the latch opened within `seconds`.
    func wait(upTo seconds: Double) async -> Bool {
        if isOpened { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.wait()
                return self.isOpened
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(max(seconds, 0)))
                return self.isOpened
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first || isOpened
        }
    }
}
