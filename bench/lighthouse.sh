#!/usr/bin/env bash
# Lighthouse 12.2.3 (bench/lighthouse/package.json, installed here on first use) with Debian's
# Chromium, mobile (Lighthouse's default: a mid-range phone on a throttled network, simulated),
# on the home, an article and a show page of each language edition of the demo site, served by
# kpress on loopback. Prints the table and writes it to bench/results/lighthouse-STAMP.md.
# Usage: bench/lighthouse.sh [path/to/kpress]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KPRESS=$(realpath "${1:-$ROOT/build/kpress}")
[ -x /usr/bin/chromium ] || { echo "Chromium not installed: run scripts/install-deps"; exit 1; }
(cd "$ROOT/bench/lighthouse" && { [ -d node_modules/lighthouse ] || npm ci --no-audit --no-fund --loglevel=error; })
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kpress-lighthouse-XXXXXX")
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$KPRESS" serve --data "$WORK/site" --listen 127.0.0.1:0 --access-log off >"$WORK/serve.log" 2>&1 &
SERVER=$!
PORT=
for _ in $(seq 100); do
  PORT=$(grep -o 'on http://127.0.0.1:[0-9]*' "$WORK/serve.log" | grep -o '[0-9]*$' || true)
  [ -n "$PORT" ] && curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/serve.log"; exit 1; }
declare -a PAGES=(
  "fr home|/" "fr article|/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire"
  "fr show|/shows/run-on"
  "en home|/en/" "en article|/articles/five-things-to-know-about-run-on" "en show|/en/shows/run-on"
  "ko home|/ko/" "ko article|/articles/leon-on-meiking-yeongsang-sinsegyeong-gwa-seutaepeu-imsiwan-saeng-il-kkamjjag-pati"
  "ko show|/ko/shows/run-on"
)
for entry in "${PAGES[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$path"  # kept by the page cache from its second request
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT$path"
  CHROME_PATH=/usr/bin/chromium "$ROOT/bench/lighthouse/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$path" \
    --quiet --output=json --output-path="$WORK/${name// /-}.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
done
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/lighthouse-$(date -u +%Y%m%dT%H%M%SZ).md"
python3 - "$WORK" "${PAGES[@]}" >"$OUT" <<'PY'
import json, sys
work, pages = sys.argv[1], sys.argv[2:]
print("| page | performance | accessibility | best practices | SEO | transferred |")
print("|---|---|---|---|---|---|")
for entry in pages:
    name, path = entry.split("|", 1)
    r = json.load(open(f"{work}/{name.replace(' ', '-')}.json"))
    c = r["categories"]
    score = lambda k: round(c[k]["score"] * 100)
    kib = r["audits"]["total-byte-weight"]["numericValue"] / 1024
    print(f"| {name} ({path[:40]}) | {score('performance')} | {score('accessibility')} | {score('best-practices')} | {score('seo')} | {kib:.1f} KiB |")
    for k in c:
        for ref in c[k]["auditRefs"]:
            a = r["audits"][ref["id"]]
            if ref["weight"] > 0 and a.get("score") is not None and a["score"] < 1:
                print(f"|   {k}: {ref['id']} {a['score']} |  |  |  |  |  |", file=sys.stderr)
PY
cat "$OUT"
