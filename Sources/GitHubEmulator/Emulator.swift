// The GitHub REST emulator: see docs/architecture.md.
