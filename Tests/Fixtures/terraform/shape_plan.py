#!/usr/bin/env python3
"""Writes a `terraform show -json` plan document (format 1.2) for a create-only plan from a resource spec.

The google and azurerm providers cannot be installed offline here, so the GCP and Azure fixtures are
shaped, not captured: this script reproduces the structure Terraform 1.15 writes (planned_values,
resource_changes with after_unknown/after_sensitive, configuration expressions) the same way
`terraform show -json` derives it, from per-resource planned values that follow the providers' schemas.
Usage: python3 shape_plan.py gcp|azure  (run from this directory; rewrites <cloud>-plan/plan.json).
"""
import importlib.util
import json
import os
import sys


def mirror(value, unknown=None):
    """Terraform's structural mirror of a value: lists keep one entry per element, objects keep only
    collection members, primitives become false; `unknown` names top-level attributes to mark true."""
    if isinstance(value, list):
        return [mirror(item) for item in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(item, (list, dict)):
                out[key] = mirror(item)
        return out
    return False


def sensitive_mirror(values, sensitive, unknown):
    out = mirror(values)
    for key in sensitive:
        out[key] = True
    for key, kind in unknown.items():
        if kind == "list":
            out[key] = []
        elif kind == "map":
            out[key] = {}
    return dict(sorted(out.items()))


def expressions(config):
    out = {}
    for key, item in config.items():
        if isinstance(item, list) and item and all(isinstance(b, dict) for b in item):
            out[key] = [expressions({k: v for k, v in block.items() if v is not None}) for block in item]
        elif isinstance(item, dict) and item.get("$ref"):
            out[key] = {"references": item["$ref"]}
        else:
            out[key] = {"constant_value": item}
    return dict(sorted(out.items()))


def resolve(item):
    if isinstance(item, dict) and "$ref" in item:
        return item["value"]
    if isinstance(item, dict):
        return {k: resolve(v) for k, v in item.items()}
    if isinstance(item, list):
        return [resolve(v) for v in item]
    return item


def build(spec):
    provider = spec["provider"]
    planned, changes, configured = [], [], []
    for res in spec["resources"]:
        rtype, name = res["type"], res["name"]
        address = f"{rtype}.{name}"
        base = spec["types"][rtype]
        config = res["config"]
        values = dict(base.get("defaults", {}))
        values.update(resolve(config))
        values.update(res.get("planned", {}))
        unknown = dict(base.get("unknown", {}))
        for key in list(unknown):
            if key in values:
                del unknown[key]
        for key in res.get("unknown", []):
            values.pop(key, None)
            unknown[key] = base.get("unknown", {}).get(key, "scalar")
        values = dict(sorted(values.items()))
        sensitive = base.get("sensitive", [])
        sens = sensitive_mirror(values, [k for k in sensitive if k in values], unknown)
        planned.append({
            "address": address, "mode": "managed", "type": rtype, "name": name,
            "provider_name": provider["full_name"], "schema_version": base.get("schema_version", 0),
            "values": values, "sensitive_values": sens,
        })
        after_unknown = mirror(values)
        for key in unknown:
            after_unknown[key] = True
        changes.append({
            "address": address, "mode": "managed", "type": rtype, "name": name,
            "provider_name": provider["full_name"],
            "change": {
                "actions": ["create"], "before": None, "after": values,
                "after_unknown": dict(sorted(after_unknown.items())), "before_sensitive": False,
                "after_sensitive": sens,
            },
        })
        configured.append({
            "address": address, "mode": "managed", "type": rtype, "name": name,
            "provider_config_key": provider["name"], "expressions": expressions(config),
            "schema_version": base.get("schema_version", 0),
        })
    return {
        "format_version": "1.2", "terraform_version": "1.15.5",
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {provider["name"]: {
                "name": provider["name"], "full_name": provider["full_name"],
                "version_constraint": provider["version"], "expressions": expressions(provider["config"]),
            }},
            "root_module": {"resources": configured},
        },
        "timestamp": "2026-11-23T19:30:00Z", "applyable": True, "complete": True, "errored": False,
    }


if __name__ == "__main__":
    cloud = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, f"{cloud}-plan", "spec.py")
    module_spec = importlib.util.spec_from_file_location("spec", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    with open(os.path.join(here, f"{cloud}-plan", "plan.json"), "w") as out:
        json.dump(build(module.SPEC), out, separators=(",", ":"), sort_keys=True)
        out.write("\n")
