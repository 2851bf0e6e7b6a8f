#!/usr/bin/env python3
"""Writes the bench's synthetic inputs: Terraform plans, rendered Kubernetes manifests, compose projects.

Plans are scaled from the real `terraform show -json` plans of the fixture corpus (Tests/Fixtures/terraform/
{aws-plan-2,aws-plan,gcp-plan,azure-plan}): each template becomes one module call (`module.svc_N`), its
planned values, resource changes and configuration nested under that call exactly as Terraform nests a called
module, with names varied per copy. About one resource in ten already exists (an update, with `before`,
`prior_state` and a few `resource_drift` entries), the rest are creates, as in a growing estate. Output is
deterministic for a given size. Only the standard library's json module reads or writes JSON.

  python3 bench/generate.py plan 10000 OUT.json
  python3 bench/generate.py manifests 1000 OUT_DIR      # one multi-document YAML file, as `helm template` renders
  python3 bench/generate.py compose 50 OUT_DIR          # a compose.yaml with that many services
"""
import copy
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TEMPLATES = ["aws-plan-2", "gcp-plan", "aws-plan-2", "azure-plan", "aws-plan"]
NAMED = ("bucket", "name", "identifier", "cluster_identifier", "function_name", "domain_name", "queue_name")


def load(template):
    with open(os.path.join(ROOT, "Tests/Fixtures/terraform", template, "plan.json")) as handle:
        return json.load(handle)


def prefixed(address, prefix):
    return prefix + address if address else address


def vary(values, copy_index):
    """Names differ per copy, as they would in a real estate."""
    if isinstance(values, dict):
        for key in NAMED:
            if isinstance(values.get(key), str) and values[key]:
                values[key] = f"{values[key]}-{copy_index}"
        tags = values.get("tags")
        if isinstance(tags, dict):
            tags["copy"] = str(copy_index)
    return values


def module_tree(module, prefix, copy_index, keep):
    """planned_values module, re-addressed under `prefix`; `keep` filters resources by original address."""
    out = {"resources": [], "address": prefixed(module.get("address", ""), prefix).rstrip(".")}
    for resource in module.get("resources", []):
        if not keep(resource["address"]):
            continue
        item = copy.deepcopy(resource)
        item["address"] = prefix + resource["address"]
        vary(item.get("values"), copy_index)
        out["resources"].append(item)
    children = [module_tree(child, prefix, copy_index, keep) for child in module.get("child_modules", [])]
    children = [child for child in children if child["resources"] or child.get("child_modules")]
    if children:
        out["child_modules"] = children
    return out


def count_resources(module):
    return len(module["resources"]) + sum(count_resources(c) for c in module.get("child_modules", []))


def plan(size):
    templates = [load(name) for name in TEMPLATES]
    document = copy.deepcopy(templates[0])
    for key in ("variables", "relevant_attributes", "output_changes"):
        document.pop(key, None)
    root = {"resources": [], "child_modules": []}
    changes, drift, prior = [], [], {"resources": [], "child_modules": []}
    calls = {}
    total, copy_index = 0, 0
    while total < size:
        template = templates[copy_index % len(templates)]
        name = f"svc_{copy_index}"
        prefix = f"module.{name}."
        left = size - total
        kept = set()
        for resource in template["resource_changes"]:
            if len(kept) < left and resource.get("mode") == "managed":
                kept.add(resource["address"])
        tree = module_tree(template["planned_values"]["root_module"], prefix, copy_index, kept.__contains__)
        tree["address"] = f"module.{name}"
        root["child_modules"].append(tree)
        existing = []
        for position, resource in enumerate(template["resource_changes"]):
            if resource["address"] not in kept:
                continue
            entry = copy.deepcopy(resource)
            entry["address"] = prefix + resource["address"]
            entry["module_address"] = prefixed(resource.get("module_address", ""), prefix).rstrip(".") or f"module.{name}"
            change = entry["change"]
            vary(change.get("after"), copy_index)
            if position % 10 == 3 and isinstance(change.get("after"), dict):
                # An existing resource whose tags changed: before, prior state, sometimes drift outside terraform.
                before = copy.deepcopy(change["after"])
                before["tags"] = {"copy": str(copy_index), "owner": "previous-team"}
                change.update(actions=["update"], before=before, before_sensitive=change.get("after_sensitive", {}))
                change["after_unknown"] = {}
                existing.append({
                    "address": entry["address"], "mode": "managed", "type": entry["type"], "name": entry["name"],
                    "provider_name": entry.get("provider_name"), "schema_version": 0, "values": before,
                    "sensitive_values": change.get("after_sensitive", {}) or {}})
                if position % 20 == 3:
                    drift.append(copy.deepcopy(entry))
            changes.append(entry)
        if existing:
            prior["child_modules"].append({"address": f"module.{name}", "resources": existing})
        calls[name] = {"source": f"./modules/{TEMPLATES[copy_index % len(TEMPLATES)]}",
                       "module": copy.deepcopy(template["configuration"]["root_module"])}
        total += count_resources(tree)
        copy_index += 1
    document["planned_values"] = {"root_module": root}
    document["resource_changes"] = changes
    if drift:
        document["resource_drift"] = drift
    document["prior_state"] = {"format_version": document["format_version"],
                               "terraform_version": document["terraform_version"],
                               "values": {"root_module": prior}}
    document["configuration"] = {"provider_config": templates[0]["configuration"].get("provider_config", {}),
                                 "root_module": {"module_calls": calls}}
    return document


DEPLOYMENT = """---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{i}
  namespace: team-{team}
  labels: {{app: svc-{i}, tier: backend}}
spec:
  replicas: 3
  selector:
    matchLabels: {{app: svc-{i}}}
  template:
    metadata:
      labels: {{app: svc-{i}, tier: backend}}
    spec:
      serviceAccountName: svc-{i}
      containers:
        - name: app
          image: registry.example.com/shop/svc-{i}:1.{i}.0
          ports: [{{containerPort: 8080, name: http}}]
          env:
            - {{name: LOG_LEVEL, value: info}}
            - {{name: DB_PASSWORD, valueFrom: {{secretKeyRef: {{name: db-{team}, key: password}}}}}}
          resources:
            requests: {{cpu: 100m, memory: 128Mi}}
            limits: {{cpu: 500m, memory: 512Mi}}
          securityContext: {{allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}}
          readinessProbe: {{httpGet: {{path: /healthz, port: http}}, periodSeconds: 10}}
"""
OTHERS = [
    """---
apiVersion: v1
kind: Service
metadata: {{name: svc-{i}, namespace: team-{team}}}
spec:
  type: {kind}
  selector: {{app: svc-{i}}}
  ports: [{{port: 80, targetPort: http}}]
""",
    """---
apiVersion: v1
kind: ConfigMap
metadata: {{name: svc-{i}-config, namespace: team-{team}}}
data:
  application.yaml: |
    server:
      port: 8080
    feature: {{enabled: true}}
""",
    """---
apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: db-{i}, namespace: team-{team}}}
spec:
  serviceName: db-{i}
  replicas: 1
  selector: {{matchLabels: {{app: db-{i}}}}}
  template:
    metadata: {{labels: {{app: db-{i}}}}}
    spec:
      hostNetwork: {host}
      containers:
        - name: postgres
          image: postgres:16
          securityContext: {{privileged: {host}, runAsUser: 0}}
          volumeMounts: [{{name: data, mountPath: /var/lib/postgresql/data}}]
  volumeClaimTemplates:
    - metadata: {{name: data}}
      spec: {{accessModes: [ReadWriteOnce], resources: {{requests: {{storage: 10Gi}}}}}}
""",
    """---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{name: svc-{i}, namespace: team-{team}}}
spec:
  rules:
    - host: svc-{i}.example.com
      http:
        paths: [{{path: /, pathType: Prefix, backend: {{service: {{name: svc-{i}, port: {{number: 80}}}}}}}}]
""",
]


def manifests(count):
    parts = []
    for i in range(count):
        fields = {"i": i, "team": i % 17, "kind": "LoadBalancer" if i % 9 == 0 else "ClusterIP",
                  "host": "true" if i % 13 == 0 else "false"}
        template = DEPLOYMENT if i % 2 == 0 else OTHERS[(i // 2) % len(OTHERS)]
        parts.append(template.format(**fields))
    return "".join(parts)


def compose(count):
    lines = ["name: shop", "services:"]
    for i in range(count):
        lines += [
            f"  svc{i}:",
            f"    image: registry.example.com/shop/svc{i}:1.{i}.0",
            f"    ports: [\"{8000 + i}:8080\"]",
            "    environment:",
            "      LOG_LEVEL: info",
            f"      API_TOKEN: {'hunter2' if i % 7 == 0 else '${API_TOKEN}'}",
            f"    privileged: {'true' if i % 11 == 0 else 'false'}",
            "    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]" if i % 23 == 0 else "    volumes: [\"data:/data\"]",
        ]
    lines += ["volumes:", "  data: {}", ""]
    return "\n".join(lines)


def main():
    kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "plan":
        with open(out, "w") as handle:
            json.dump(plan(size), handle, indent=None, separators=(",", ":"))
        return
    os.makedirs(out, exist_ok=True)
    name, text = ("rendered.yaml", manifests(size)) if kind == "manifests" else ("compose.yaml", compose(size))
    with open(os.path.join(out, name), "w") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
