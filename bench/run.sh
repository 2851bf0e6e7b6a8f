#!/usr/bin/env bash
# The bench: prints figures, enforces nothing. Builds steadystate in release mode, generates synthetic inputs
# (Terraform plans of 100 to 100k resources scaled from the real fixture plans, rendered Kubernetes manifests,
# compose projects) next to the real small fixtures, and times `steadystate scan` on each (median of 5 runs,
# peak RSS) against Checkov 3.3.30 and the Python original (steadystate 0.1.0) on the same plans, then
# start-up and `ci` on the bundled example. See docs/performance.md for the method and the last full run.
#
#   bash bench/run.sh            # full: a few minutes (generating the 100k plan alone takes one)
#   bash bench/run.sh --smoke    # tiny sizes, the other tools on the smallest plan only; under two minutes
# BENCH_DIR=folder keeps the generated inputs there (reused by the next run); default: a temporary folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
smoke=()
[ "${1:-}" = "--smoke" ] && smoke=(--smoke)

if [ ! -x /usr/bin/time ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >&2
fi
bash scripts/install-build-deps.sh >&2
[ -x .tools/checkov-venv/bin/checkov ] || WITH_CHECKOV=1 bash scripts/install-real-tools.sh >&2
[ -x .tools/orig-venv/bin/steadystate ] || bash scripts/install-original.sh >&2
# The Swift runtime and Foundation linked in: start-up binds far fewer symbols (about 35 ms -> 21 ms CPU here).
swift build -c release --static-swift-stdlib --product steadystate >&2
BIN="$(swift build -c release --static-swift-stdlib --product steadystate --show-bin-path)/steadystate"

if [ -n "${BENCH_DIR:-}" ]; then
  work="$BENCH_DIR"; mkdir -p "$work"
else
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
fi
python3 bench/measure.py --steadystate "$BIN" --checkov "$ROOT/.tools/checkov-venv/bin/checkov" \
  --original "$ROOT/.tools/orig-venv/bin/steadystate" --work "$work" "${smoke[@]}"
