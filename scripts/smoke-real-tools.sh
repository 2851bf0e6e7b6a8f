#!/usr/bin/env bash
# Smoke test of the real tools in .tools/bin: terraform drift via plan JSON,
# helm template, checkov on a plan. Works with no network.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.tools/bin:$PATH"
export TF_CLI_CONFIG_FILE="$ROOT/.tools/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export HOME="$work/home"; mkdir -p "$HOME"        # helm keeps its cache/config under HOME
mkdir "$work/tf" && cd "$work/tf"
cat > main.tf <<'TF'
variable "replicas" {
  type    = number
  default = 2
}
resource "terraform_data" "app" {
  input = { name = "web", replicas = var.replicas }
}
TF
terraform init -input=false -no-color >/dev/null
terraform apply -auto-approve -input=false -no-color >/dev/null
terraform show -json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["values"]["root_module"]["resources"][0]["values"]["input"]["replicas"]==2'
set +e; terraform plan -refresh=false -input=false -detailed-exitcode -out=tfplan >/dev/null; rc=$?; set -e
[ "$rc" = 0 ] || { echo "expected no changes, rc=$rc"; exit 1; }
sed -i 's/default = 2/default = 3/' main.tf
set +e; terraform plan -refresh=false -input=false -detailed-exitcode -out=tfplan >/dev/null; rc=$?; set -e
[ "$rc" = 2 ] || { echo "expected changes, rc=$rc"; exit 1; }
terraform show -json tfplan | python3 -c '
import json,sys; d=json.load(sys.stdin)
acts={r["address"]: r["change"]["actions"] for r in d["resource_changes"]}
assert acts=={"terraform_data.app":["update"]}, acts
print("terraform", d["terraform_version"], "drift:", acts)'
cd "$work" && helm create demo >/dev/null
helm template rel demo --namespace ns1 --set replicaCount=4 > out.yaml
grep -q 'replicas: 4' out.yaml && echo "helm template ok: $(grep -c '^kind:' out.yaml) objects"
if command -v checkov >/dev/null; then
  terraform -chdir="$work/tf" show -json tfplan > "$work/tf/tfplan.json"
  checkov -d "$work/tf" --framework terraform --skip-download --quiet --compact >/dev/null || true
  checkov -f "$work/tf/tfplan.json" --framework terraform_plan --skip-download -o json | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d if isinstance(d,dict) else d[0]; print("checkov plan scan", d.get("summary", d))'
fi
echo "1 passed, 0 failed"
