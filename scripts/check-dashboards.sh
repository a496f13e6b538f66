#!/usr/bin/env bash
# Checks dashboards/: the alert and recording rules (promtool check + unit tests), and every Grafana panel query,
# which is pushed through promtool as a recording rule so a PromQL typo fails here, not on a wallboard.
set -euo pipefail
cd "$(dirname "$0")/../dashboards"
command -v promtool >/dev/null || { echo "check-dashboards: promtool missing (Debian package prometheus)" >&2; exit 1; }
promtool check rules rules/attune.rules.yml
promtool test rules rules/attune.rules.test.yml
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/panels.rules.yml" grafana/*.json <<'PY'
import json, sys
out, files = sys.argv[1], sys.argv[2:]
uids, rules, problems = set(), [], []
for f in files:
    d = json.load(open(f, encoding="utf-8"))
    if not d.get("uid") or d["uid"] in uids:
        problems.append(f"{f}: missing or duplicate uid {d.get('uid')!r}")
    uids.add(d.get("uid"))
    for p in d.get("panels", []):
        if "datasource" not in p:
            problems.append(f"{f}: panel {p.get('title')!r} has no datasource")
        for t in p.get("targets", []):
            # Grafana variables become plain values promtool accepts
            expr = t["expr"].replace("$__rate_interval", "5m").replace("$queue", ".*")
            rules.append({"record": f"dashboard:panel_{len(rules)}", "expr": expr})
if problems:
    sys.exit("\n".join(problems))
with open(out, "w") as o:
    json.dump({"groups": [{"name": "dashboard-panels", "rules": rules}]}, o)
print(f"{len(files)} dashboard(s), {len(rules)} panel queries")
PY
promtool check rules "$tmp/panels.rules.yml"
echo "check-dashboards: OK"
