#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build links against, when missing: libcurl4-openssl-dev (Foundation's
# networking) and libsimdjson-dev (plan JSON decoding, docs/performance.md). Uses sudo when not root. Elsewhere
# (no dpkg) it does nothing; on macOS `brew install simdjson` gives the same library.
set -euo pipefail
command -v dpkg >/dev/null 2>&1 || exit 0
need=()
for package in libcurl4-openssl-dev libsimdjson-dev; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "installing ${need[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >&2
