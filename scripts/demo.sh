#!/usr/bin/env bash
# Builds steadystate and runs `steadystate ci` on the bundled example repository (examples/demo), showing
# its findings and exit code. Needs nothing but Swift (and libsimdjson-dev, installed here when missing): the
# example carries a captured plan.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install-build-deps.sh || exit $?
swift build --product steadystate >&2 || exit $?
"$ROOT/.build/debug/steadystate" ci --dir examples/demo "$@"
code=$?
echo "exit code: $code (0 pass, 1 findings at/above the gate, 2 usage/config error, 3 tool failure)"
exit "$code"
