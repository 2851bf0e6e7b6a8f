#!/usr/bin/env python3
"""The bench's driver (bench/run.sh calls it): makes the inputs, times every tool on them, prints one table.

Wall time is the median of several runs, taken around the whole process (fork and exec included); peak
memory is the largest maximum resident set size `/usr/bin/time -f %M` reports over those runs. Checkov and
the Python original run on the same files in the same run. Nothing here is a test: no threshold fails it,
it prints PASS or MISS next to each target.

  python3 bench/measure.py --steadystate BIN --checkov BIN --original BIN --work DIR [--smoke]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PACKS = '["aws", "gcp", "azure", "k8s", "docker"]'
CONFIG = f"""# bench: every pack, the strictest profile, never gating
[ci]
fail_on = "none"
packs = {PACKS}
profile = "restricted"
[discovery]
enabled = false
"""


def run(argv, cwd, env=None):
    """One run: (wall seconds, peak RSS in MB, exit code)."""
    rss_file = os.path.join(cwd, ".bench-rss")
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv, cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    with open(rss_file) as handle:
        lines = [line for line in handle.read().split() if line.isdigit()]
    return wall, int(lines[-1]) / 1024 if lines else float("nan"), proc.returncode, proc.stderr


def measure(argv, cwd, runs, accept=(0, 1), env=None):
    walls, peaks = [], []
    for _ in range(runs):
        # Every run starts as a CI job does, from a checkout without a run report: replacing the previous
        # run's report (300 MB at 100k) made the file's pages cost up to half a second more on some machines,
        # so a figure depended on whether BENCH_DIR was fresh and on how many runs came before.
        shutil.rmtree(os.path.join(cwd, ".steadystate"), ignore_errors=True)
        wall, peak, code, stderr = run(argv, cwd, env)
        if code not in accept:
            sys.exit(f"bench: {' '.join(argv)} exited {code} in {cwd}:\n{stderr.decode(errors='replace')[-2000:]}")
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def generate(kind, size, out):
    if not os.path.exists(out):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench/generate.py"), kind, str(size), out], check=True)


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def repo(work, name, target):
    """A repository folder holding the config and the input; returns (folder, input path inside it)."""
    folder = os.path.join(work, "repo-" + name)
    os.makedirs(os.path.join(folder, "steadystate"), exist_ok=True)
    config = CONFIG
    if target:
        config += f'[[targets]]\nname = "{name}"\nsource = "{target[0]}"\npath = "{target[1]}"\n'
    with open(os.path.join(folder, "steadystate/config.toml"), "w") as handle:
        handle.write(config)
    return folder


def inputs(work, smoke):
    """(label, kind, path) for every input; plans are files, manifests and compose are folders."""
    plans = [100, 1000] if smoke else [100, 1000, 10000, 100000]
    manifests = [100] if smoke else [1000, 10000]
    services = [20] if smoke else [50, 500]
    found = []
    for name in ("aws-plan-2", "gcp-plan", "azure-plan"):
        found.append((f"real {name}", "plan", os.path.join(ROOT, "Tests/Fixtures/terraform", name, "plan.json")))
    for size in plans:
        path = os.path.join(work, f"plan-{size}.json")
        generate("plan", size, path)
        found.append((f"plan {size} resources", "plan", path))
    found.append(("real k8s manifests", "kubernetes", os.path.join(ROOT, "Tests/Fixtures/kubernetes/manifests")))
    for size in manifests:
        path = os.path.join(work, f"manifests-{size}")
        generate("manifests", size, path)
        found.append((f"k8s {size} documents", "kubernetes", path))
    found.append(("real compose", "docker-compose", os.path.join(ROOT, "Tests/Fixtures/compose/rules")))
    for size in services:
        path = os.path.join(work, f"compose-{size}")
        generate("compose", size, path)
        found.append((f"compose {size} services", "docker-compose", path))
    return found


def fmt(value, digits=3):
    return "-" if value is None else f"{value:.{digits}f}"


# The original's time for 100k resources on the machine the targets were written for (the figure).
REFERENCE_ORIGINAL_100K = 14.6


def main():
    parser = argparse.ArgumentParser()
    for name in ("steadystate", "checkov", "original", "work"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    smoke, work, ours = args.smoke, args.work, args.steadystate
    runs = 2 if smoke else 5
    # Checkov takes minutes beyond 1k resources, so it runs on the plans up to 1k (smoke: the smallest) only.
    checkov_limit = 100 if smoke else 1000
    original_limit = 100 if smoke else 100000
    rows, targets = [], []
    print(f"bench: {'smoke' if smoke else 'full'} run, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, "
          f"work folder {work}", file=sys.stderr)

    startup_runs = [run([ours, "--version"], work)[0] for _ in range(5 if smoke else 21)]
    startup = statistics.median(startup_runs)
    targets.append(("start-up (--version) < 20 ms", f"{startup * 1000:.1f} ms", startup < 0.020))

    demo = os.path.join(work, "demo")
    shutil.rmtree(demo, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "examples/demo"), demo)
    ci_wall, ci_peak = measure([ours, "ci", "--fail-on", "none", "--to", "console", "--color", "never"], demo,
                               runs)

    for label, kind, path in inputs(work, smoke):
        size = size_of(path)
        name = label.replace(" ", "-")
        print(f"bench: {label} ({size / 1e6:.1f} MB)", file=sys.stderr)
        if kind == "plan":
            folder = repo(work, name, None)
            ours_argv = [ours, "scan", path, "--source", "terraform", "--color", "never"]
        else:
            folder = repo(work, name, (kind, path))
            ours_argv = [ours, "scan", "--color", "never"]
        # The biggest inputs take seconds a run: three runs there (printed in the table's runs column).
        resources = int(label.split()[1]) if label.startswith("plan ") else 0
        our_runs = runs if resources < 10000 or smoke else 3
        wall, peak = measure(ours_argv, folder, our_runs)
        checkov = original = None
        # Checkov and the original: synthetic plans only (the real ones are of the 100-resource kind), one run each.
        if kind == "plan" and 0 < resources <= checkov_limit:
            checkov = measure([args.checkov, "-f", path, "--framework", "terraform_plan", "--skip-download",
                               "-o", "json"], folder, 1)[0]
        if kind == "plan" and 0 < resources <= original_limit:
            empty = os.path.join(work, "original-cwd")
            os.makedirs(empty, exist_ok=True)
            original = measure([args.original, "ci", path, "--source", "terraform"], empty, 1)[0]
        rows.append((label, size, wall, peak, checkov, original, resources, our_runs))
        print(f"bench:   steadystate {wall:.3f} s {peak:.0f} MB, checkov {fmt(checkov, 2)} s, original "
              f"{fmt(original, 2)} s", file=sys.stderr, flush=True)

    header = (f"{'input':<26} {'size MB':>8} {'steadystate s':>13} {'peak MB':>8} {'x input':>7} {'checkov s':>9} "
              f"{'original s':>10} {'vs checkov':>10} {'vs original':>11} {'runs':>4}")
    print(header)
    print("-" * len(header))
    for label, size, wall, peak, checkov, original, _, count in rows:
        ratio_c = f"{checkov / wall:.0f}x" if checkov else "-"
        ratio_o = f"{original / wall:.1f}x" if original else "-"
        print(f"{label:<26} {size / 1e6:>8.2f} {wall:>13.3f} {peak:>8.0f} {peak * 2**20 / size:>7.2f} "
              f"{fmt(checkov, 2):>9} {fmt(original, 2):>10} {ratio_c:>10} {ratio_o:>11} {count:>4}")
    print(f"{'start-up (--version)':<26} {'':>8} {startup:>13.4f}")
    print(f"{'ci on examples/demo':<26} {'':>8} {ci_wall:>13.3f} {ci_peak:>8.0f}   (captured plan: no tool runs)")

    by_resources = {r[6]: r for r in rows if r[6]}
    for resources, limit in ((10000, 0.3), (100000, 2.0)):
        if resources in by_resources:
            wall = by_resources[resources][2]
            targets.append((f"{resources} plan < {limit} s", f"{wall:.3f} s", wall < limit))
    if 100000 in by_resources:
        _, size, _, peak, _, _, _, _ = by_resources[100000]
        ratio = peak * 2**20 / size
        targets.append(("100000 plan peak < 3x input", f"{ratio:.2f}x ({peak:.0f} MB)", ratio < 3))
    plan_rows = [r for r in rows if r[6]]
    versus_c = [r[4] / r[2] for r in plan_rows if r[4]]
    versus_o = [r[5] / r[2] for r in plan_rows if r[5]]
    if versus_c:
        targets.append((">= 100x faster than checkov (each synthetic plan it ran)", f"min {min(versus_c):.0f}x",
                        min(versus_c) >= 100))
    if versus_o:
        targets.append((">= 5x faster than the original (each synthetic plan)", f"min {min(versus_o):.1f}x",
                        min(versus_o) >= 5))
    print()
    for name, value, met in targets:
        print(f"{'PASS' if met else 'MISS'}  {name:<58} {value}")
    # Machines of the same kind differ by up to 2x, and one machine by a fifth from minute to minute. The
    # original, timed in the same run, is the yardstick: the issue set the targets where it took 14.6 s for 100k
    # resources. Printed for reading the figures, never as a verdict.
    if 100000 in by_resources and by_resources[100000][5]:
        factor = REFERENCE_ORIGINAL_100K / by_resources[100000][5]
        scaled = ", ".join(f"{r} plan {by_resources[r][2] * factor:.3f} s" for r in (10000, 100000) if r in by_resources)
        print(f"yardstick: the original took {by_resources[100000][5]:.2f} s for the 100k plan here, "
              f"{REFERENCE_ORIGINAL_100K} s where the targets were set; scaled by {factor:.2f}: {scaled}")
    if smoke:
        print("(smoke run: small sizes, targets are indicative only and not enforced)")


if __name__ == "__main__":
    main()
