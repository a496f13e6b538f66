#!/usr/bin/env bash
# Installs the Debian packages the tests need: the union of .ci/apt-packages.d/*.txt (one package per line,
# '#' starts a comment). Installs only what is missing, so a second run does nothing; never prompts (works with
# CI=true and no stdin). Runs apt-get through sudo -n when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
lists=(.ci/apt-packages.d/*.txt)
if [ ${#lists[@]} -eq 0 ]; then
  echo "install-test-deps: no package lists in .ci/apt-packages.d"
  exit 0
fi
mapfile -t wanted < <(sed -e 's/#.*//' "${lists[@]}" | tr -s ' \t' '\n' | grep -v '^$' | sort -u)

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all ${#wanted[@]} test packages are installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo -n)
fi
echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq < /dev/null
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" < /dev/null
