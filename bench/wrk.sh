# The wrk helpers of make bench, sourced by bench/run.sh and bench/comments.sh: wrk's summary of
# a measured URL as one JSON row. DURATION (seconds) must be set.
# wrk's summary as JSON: requests/s, p50 and p99 in ms, errors.
measure() {  # name url connections [wrk options...]
  local out name=$1 url=$2 conns=$3
  shift 3
  out=$(wrk -t2 -c"$conns" -d"${DURATION}s" --timeout 10s --latency "$@" "$url")
  parse_wrk "$name" "$conns" "$out"
}
parse_wrk() {  # name connections wrk-output
  python3 - "$1" "$2" "$3" <<'PY'
import json, os, re, sys
name, conns, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def ms(label):
    m = re.search(r"\s%s\s+([\d.]+)(us|ms|s)" % re.escape(label), out)
    if not m: return None
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
crawled = re.search(r"crawl_rps ([\d.]+)", out)  # bench/crawl.lua: from its first request to its last answer
if crawled: rps = float(crawled.group(1))
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
p95 = re.search(r"p95_us (\d+)", out)  # printed by a script's done() (bench/search.lua)
row = {"name": name, "connections": conns, "rps": rps, "p50_ms": ms("50%"), "p99_ms": ms("99%"),
       "p95_ms": int(p95.group(1)) / 1000 if p95 else None,
       "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
       "requests": int(re.search(r"(\d+) requests in", out).group(1))}
for key in ("RSS_PEAK_KB", "RSS_END_KB", "RSS_AFTER_KB"):  # set by crawl()
    if os.environ.get(key): row[key.lower()] = int(os.environ[key])
print(json.dumps(row))
PY
}
# Several URLs measured in turn, ROUNDS times over: each row is its URL's median round. This
# machine's speed drifts within seconds, and a ratio of two measures taken a minute apart carried
# the drift (the cached article measured 0.95x to 1.41x nginx in runs with no change on its path).
measure_in_turn() {  # connections name url [name url ...]
  local conns=$1 out
  shift
  local -a names=() urls=()
  while (($#)); do names+=("$1"); urls+=("$2"); shift 2; done
  out=$(mktemp)
  for _ in $(seq "${ROUNDS:-3}"); do
    for i in "${!names[@]}"; do measure "${names[$i]}" "${urls[$i]}" "$conns" >>"$out"; done
  done
  python3 - "$out" "${names[@]}" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
for name in sys.argv[2:]:
    mine = sorted((r for r in rows if r["name"] == name), key=lambda r: r["rps"])
    print(json.dumps(mine[len(mine) // 2]))
PY
  rm -f "$out"
}
