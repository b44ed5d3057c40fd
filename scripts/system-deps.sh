#!/usr/bin/env bash
# Install the Debian packages the tests drive for real, when they are missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium chromium-driver)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v dot >/dev/null || missing+=(graphviz)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v terraform >/dev/null || command -v tofu >/dev/null || {
  echo "Terraform >= 1.10 (or OpenTofu >= 1.8) is required: see README, Prerequisites" >&2
  exit 1
}

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "missing system packages: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi
echo "installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
