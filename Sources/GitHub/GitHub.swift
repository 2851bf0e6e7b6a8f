// GitHub REST client and reconciler: see docs/architecture.md.
