#!/usr/bin/env bash
# All tests, as the README says: the Debian packages the tests need, then mvn -B verify.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
exec mvn -B verify "$@"
