#!/usr/bin/env bash
# make bench CLUSTER=3: kpress nodes on one PostgreSQL behind HAProxy (scripts/cluster-up), all
# on loopback: the cached article through the balancer with one node and with CLUSTER nodes;
# publish-to-visible on every node over 200 publishes under a read load (p50, p99); reads
# through the balancer while the database restarts (errors), and how long after a publish made
# once the database is back every node shows it (the longest a page stays stale). Prints a table
# and writes it as JSON under bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
NODES=${CLUSTER:-3}
PORT=${BENCH_PORT:-18300}
PUBLISHES=${PUBLISHES:-200}
WORK=$(mktemp -d /tmp/kpress-bench-cluster-XXXXXX)
cluster_pid=""
stop_cluster() {
  if [ -n "$cluster_pid" ]; then kill "$cluster_pid" 2>/dev/null || true; wait "$cluster_pid" 2>/dev/null || true; fi
  cluster_pid=""
}
trap 'stop_cluster; rm -rf "$WORK"' EXIT

start_cluster() {  # nodes
  rm -rf "$WORK/state"
  PORT=$PORT NODES=$1 STATE="$WORK/state" KPRESS="$ROOT/build/kpress" setsid scripts/cluster-up >"$WORK/cluster.log" 2>&1 &
  cluster_pid=$!
  for _ in $(seq 600); do [ -f "$WORK/state/ready" ] && return 0; sleep 0.1; done
  echo "the cluster did not start"; cat "$WORK/cluster.log"; exit 1
}

wrk_rps() {  # url connections seconds [wrk options]: requests/s and non-2xx + socket errors
  local url=$1 conns=$2 seconds=$3; shift 3
  wrk -t2 -c"$conns" -d"${seconds}s" --latency "$@" "$url" | python3 -c '
import re, sys
out = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors += int(m.group(1)) if m else 0
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
print(f"{rps:.0f} {errors} {float(p99.group(1)) * scale:.2f}")'
}

article_path() { curl -fs "http://127.0.0.1:$PORT/api/v1/articles?limit=1&offset=3" | python3 -c "import sys,json; print('/' + json.load(sys.stdin)['items'][0]['url'].split('/', 3)[3])"; }

cached_through_balancer() {  # nodes: req/s of a cached article through HAProxy
  start_cluster "$1"
  local path; path=$(article_path)
  for n in $(seq "$1"); do  # kept on every node
    for _ in 1 2; do curl -fs -o /dev/null "http://127.0.0.1:$(cat "$WORK/state/node$n")$path"; done
  done
  wrk_rps "http://127.0.0.1:$PORT$path" 64 10
  stop_cluster
}

echo "bench: cached article through the balancer, 1 node"
read -r one_rps one_errors one_p99 < <(cached_through_balancer 1)
echo "bench: cached article through the balancer, $NODES nodes"
read -r many_rps many_errors many_p99 < <(cached_through_balancer "$NODES")

start_cluster "$NODES"
DATABASE=$(cat "$WORK/state/database")
printf '%s\n' 'bench password 1' | build/kpress user add --data "$WORK/cli" --database "$DATABASE" \
  --email bench@example.org --role editor >/dev/null
NODE_PORTS=$(for n in $(seq "$NODES"); do cat "$WORK/state/node$n"; done | paste -sd,)
NODE1=$(cat "$WORK/state/node1")

echo "bench: $PUBLISHES publishes under a read load"
wrk -t1 -c16 -d3600s "http://127.0.0.1:$PORT/" >/dev/null 2>&1 &
reader=$!
VISIBLE=$(python3 bench/publish_to_visible.py "$NODE1" "$NODE_PORTS" bench@example.org 'bench password 1' "$PUBLISHES")
kill "$reader"; wait "$reader" 2>/dev/null || true

echo "bench: reads through the balancer while the database restarts"
path=$(article_path)
(sleep 3; scripts/test-postgres restart "$(cat "$WORK/state/postgres")") &
restarter=$!
read -r restart_rps restart_errors restart_p99 < <(wrk_rps "http://127.0.0.1:$PORT$path" 16 12)
wait "$restarter"
# Once the database is back: how long until a publish shows on every node.
for n in $(seq "$NODES"); do
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$(cat "$WORK/state/node$n")/healthz" && break; sleep 0.1; done
done
AFTER=$(python3 bench/publish_to_visible.py "$NODE1" "$NODE_PORTS" bench@example.org 'bench password 1' 1 after-restart)
stop_cluster

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
python3 - "$STAMP" "$NODES" "$one_rps" "$one_errors" "$one_p99" "$many_rps" "$many_errors" "$many_p99" "$VISIBLE" \
  "$restart_rps" "$restart_errors" "$restart_p99" "$AFTER" <<'PY'
import json, sys
(stamp, nodes, one_rps, one_errors, one_p99, many_rps, many_errors, many_p99, visible,
 restart_rps, restart_errors, restart_p99, after) = sys.argv[1:]
visible, after = json.loads(visible), json.loads(after)
result = {
    "time": stamp, "nodes": int(nodes),
    "cached_article_through_balancer": {
        "1 node": {"rps": float(one_rps), "errors": int(one_errors), "p99_ms": float(one_p99)},
        f"{nodes} nodes": {"rps": float(many_rps), "errors": int(many_errors), "p99_ms": float(many_p99)}},
    "publish_to_visible_on_every_node": visible,
    "reads_during_database_restart": {"rps": float(restart_rps), "errors": int(restart_errors), "p99_ms": float(restart_p99),
                                      "publish_after_restart_visible_everywhere_ms": after["max_ms"]},
}
print(f"\ncluster of {nodes} nodes on one PostgreSQL behind HAProxy, loopback, 2 cores shared by all")
print(f"  cached article through the balancer, 1 node:      {float(one_rps):9.0f} req/s  p99 {one_p99} ms  errors {one_errors}")
print(f"  cached article through the balancer, {nodes} nodes:     {float(many_rps):9.0f} req/s  p99 {many_p99} ms  errors {many_errors}")
print(f"  publish to visible on every node ({visible['publishes']} publishes, read load beside): "
      f"p50 {visible['p50_ms']} ms, p99 {visible['p99_ms']} ms, max {visible['max_ms']} ms")
print(f"  reads during the database restart: {float(restart_rps):.0f} req/s, {restart_errors} errors, p99 {restart_p99} ms")
print(f"  a publish once the database is back: on every node after {after['max_ms']} ms")
targets = [("publish to visible p50 <= 50 ms", visible["p50_ms"] <= 50), ("publish to visible p99 <= 1 s", visible["p99_ms"] <= 1000),
           ("no read errors while the database restarts", int(restart_errors) == 0)]
for name, ok in targets: print(f"  {'met  ' if ok else 'MISSED'} {name}")
result["targets"] = {name: ok for name, ok in targets}
with open(f"bench/results/cluster-{stamp}.json", "w") as out: json.dump(result, out, indent=1)
print(f"\nwritten to bench/results/cluster-{stamp}.json")
PY
