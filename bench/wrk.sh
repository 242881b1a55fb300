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
