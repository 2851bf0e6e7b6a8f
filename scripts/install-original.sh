#!/usr/bin/env bash
# Installs the Python original (PyPI steadystate==0.1.0) into .tools/orig-venv, so tests can check that our
# fingerprints and verdicts match it on the same inputs. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.tools/orig-venv"
SPEC="${STEADYSTATE_ORIGINAL_SPEC:-steadystate==0.1.0}"
# jsonschema validates the repository's example files against the shipped JSON Schemas (RunbookSchemaTests).
EXTRA="jsonschema==4.26.0"
if [ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$SPEC $EXTRA" ]; then
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --disable-pip-version-check -q "$SPEC" "$EXTRA"
  echo "$SPEC $EXTRA" > "$VENV/.stamp"
fi
echo "original: $("$VENV/bin/steadystate" --version 2>/dev/null || echo "$SPEC")"
