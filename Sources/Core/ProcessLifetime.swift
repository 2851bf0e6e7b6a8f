import Foundation

/// Large values a short-lived process keeps until it exits instead of freeing them one node at a time.
///
/// A 10k-resource plan decodes into about a million small dictionaries and arrays; releasing them took a tenth
/// of the scan, work the operating system does for free when the process exits (compilers skip it the same
/// way, clang's `-disable-free`). Only the `steadystate` executable turns this on; library callers and tests,
/// which run many scans in one process, keep ordinary lifetimes, so `retainUntilExit` is then a no-op.
public enum ProcessLifetime {
    private static let keeper = Keeper()

    /// Called once by the executable before any work.
    public static func keepLargeValuesUntilExit() { keeper.enable() }

    public static func retainUntilExit(_ value: some Sendable) { keeper.keep(value) }

    private final class Keeper: @unchecked Sendable {
        private let lock = NSLock()
        private var isEnabled = false
        private var kept: [any Sendable] = []

        func enable() {
            lock.lock()
            defer { lock.unlock() }
            isEnabled = true
        }

        func keep(_ value: any Sendable) {
            lock.lock()
            defer { lock.unlock() }
            if isEnabled { kept.append(value) }
        }
    }
}
