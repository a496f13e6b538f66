#!/usr/bin/env bash
# Checks dashboards/: Prometheus rules (syntax + promtool unit tests), the scrape config, and every Grafana dashboard
# (valid JSON, unique uids, a datasource on every panel and target, every PromQL expr parsed by promtool).
# Exit status is non-zero on any problem; each problem is printed with the file it is in.
set -uo pipefail
cd "$(dirname "$0")/.."
DIR=dashboards
fail=0
problem() { echo "check-dashboards: FAIL: $*" >&2; fail=1; }

if ! command -v promtool >/dev/null 2>&1; then
  echo "check-dashboards: FAIL: promtool not found (apt-get install -y --no-install-recommends prometheus)" >&2
  exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "check-dashboards: FAIL: python3 not found" >&2; exit 2; }

echo "== promtool check rules"
promtool check rules "$DIR"/rules/*.rules.yml || problem "promtool check rules"
echo "== promtool test rules"
(cd "$DIR/rules" && promtool test rules ./*.test.yml) || problem "promtool test rules"
echo "== promtool check config"
promtool check config --syntax-only "$DIR/prometheus.yml" || problem "promtool check config $DIR/prometheus.yml"

echo "== dashboards"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Grafana variables are replaced by representative values so promtool can parse the PromQL.
python3 - "$tmp/panels.rules.yml" "$DIR"/*.json <<'PY' || problem "dashboard JSON"
import json, sys
out, files = sys.argv[1], sys.argv[2:]
errors, uids, rules = [], {}, []
subst = [("$__rate_interval", "1m"), ("$__interval", "1m"), ("$__range", "1h"), ("${queue}", ".*"), ("$queue", ".*"), ("$w", "5m")]
def walk(panels):
    for p in panels:
        yield p
        yield from walk(p.get("panels", []))
for f in files:
    try:
        d = json.load(open(f, encoding="utf-8"))
    except Exception as e:
        errors.append(f"{f}: not valid JSON: {e}"); continue
    uid = d.get("uid")
    if not uid: errors.append(f"{f}: dashboard has no fixed uid")
    elif uid in uids: errors.append(f"{f}: uid {uid!r} already used by {uids[uid]}")
    else: uids[uid] = f
    names = [v.get("name") for v in d.get("templating", {}).get("list", [])]
    if "datasource" not in names: errors.append(f"{f}: no 'datasource' template variable")
    ids = set()
    for p in walk(d.get("panels", [])):
        if p.get("type") == "row": continue
        where = f"{f}: panel {p.get('id')} {p.get('title')!r}"
        if p.get("id") in ids: errors.append(f"{where}: duplicate panel id")
        ids.add(p.get("id"))
        if not p.get("datasource"): errors.append(f"{where}: no datasource")
        targets = p.get("targets") or []
        if not targets: errors.append(f"{where}: no targets")
        for t in targets:
            if not t.get("datasource") and not p.get("datasource"): errors.append(f"{where} target {t.get('refId')}: no datasource")
            expr = t.get("expr")
            if not expr: errors.append(f"{where} target {t.get('refId')}: no expr"); continue
            for a, b in subst: expr = expr.replace(a, b)
            if "$" in expr: errors.append(f"{where} target {t.get('refId')}: unknown Grafana variable in {expr!r}")
            rules.append((f"{where} {t.get('refId')}", expr))
    print(f"{f}: uid {uid}, {len(ids)} panels")
with open(out, "w") as o:
    o.write("groups:\n")
    for i, (where, expr) in enumerate(rules):
        # one group per expr so promtool's error names the panel
        o.write(f"  - name: {json.dumps(where)}\n    rules:\n      - record: dashboard_expr_{i}\n        expr: {json.dumps(expr)}\n")
for e in errors: print("check-dashboards: FAIL: " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
if [ -s "$tmp/panels.rules.yml" ]; then
  echo "== promtool check of every panel expr"
  promtool check rules "$tmp/panels.rules.yml" || problem "a dashboard expr is not valid PromQL (group name = panel)"
fi

if [ "$fail" -ne 0 ]; then
  echo "check-dashboards: FAILED" >&2
  exit 1
fi
echo "check-dashboards: OK"
