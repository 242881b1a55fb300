#!/usr/bin/env bash
# make bench: kpress against nginx and h2o serving the very same bytes, in one run, with wrk on
# loopback. DATABASE=postgres adds the same site copied into a PostgreSQL of the run's own (fsync
# on): the copy's time, the uncached and cached article and durable reactions on it.
# Generates (once, then reuses) a site of $ARTICLES articles, measures the cached article page,
# the same page with the cache off, the home page, p50/p99 latency at 64 and at 1,000
# connections, kpress's resident memory, and with WORDPRESS=1 the stock WordPress of
# ../shared/bench/anchors. Prints a table and writes it as JSON under bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
KPRESS=$ROOT/build/kpress
ARTICLES=${ARTICLES:-100000}
DURATION=${DURATION:-10}
WORK=${BENCH_DIR:-$ROOT/bench/.work}
DATA=$WORK/site-$ARTICLES
PORT=${BENCH_PORT:-18080}
NGINX_PORT=$((PORT + 1))
H2O_PORT=$((PORT + 2))
DATABASE=${DATABASE:-sqlite}
mkdir -p "$WORK" bench/results
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  [ "$DATABASE" = postgres ] && "$ROOT/scripts/test-postgres" stop "$WORK/postgres" || true
  if [ "${WORDPRESS:-0}" = 1 ]; then bash "$ROOT/../shared/bench/anchors/wordpress-up.sh" --down || true; fi
}
trap cleanup EXIT

# --- the site --------------------------------------------------------------------------------
# Made again when the generator changes (the site remembers which generator made it).
GENERATOR=$(sha256sum bench/generate_site.py | cut -c1-16)
if [ "$(cat "$DATA/.complete" 2>/dev/null)" != "$GENERATOR" ]; then
  echo "bench: generating a site of $ARTICLES articles in $DATA"
  rm -rf "$DATA" "$WORK/generated-$ARTICLES"
  python3 bench/generate_site.py "$ARTICLES" "$WORK/generated-$ARTICLES"
  "$KPRESS" import --data "$DATA" demo >/dev/null
  # A real fan site's catalog: the 1,310 idols and their groups, linked from the articles' text.
  "$KPRESS" catalog import --data "$DATA" --format dbkpop "$ROOT/../shared/data/kpop-idols-dbkpop" >/dev/null
  "$KPRESS" import --data "$DATA" "$WORK/generated-$ARTICLES"
  rm -rf "$WORK/generated-$ARTICLES"
  echo "$GENERATOR" >"$DATA/.complete"
fi

start_kpress() {  # cache_mb [serve options...]
  local cache_mb=$1; shift
  "$KPRESS" serve --data "$DATA" --listen "127.0.0.1:$PORT" --access-log off --cache-mb "$cache_mb" "$@" >"$WORK/kpress.log" 2>&1 &
  KPRESS_PID=$!
  pids+=("$KPRESS_PID")
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.1; done
  echo "kpress did not start"; cat "$WORK/kpress.log"; exit 1
}
stop_kpress() { kill "$KPRESS_PID"; wait "$KPRESS_PID" 2>/dev/null || true; }

source bench/wrk.sh  # measure, parse_wrk

# The long tail (issue 20): every published article once in id order, or a random mix of
# MIX of them, with a browser's Accept-Encoding (bench/crawl.lua), at 64 connections; kpress's
# resident memory sampled every 0.2 s during the run (peak), at its end, and a minute after it.
# The machines this runs on page out file pages no process touched for a minute (the host's
# DAMON pageout scheme), and each crawl waits a minute below: without this the next crawl
# reads the database from disk (41-56 MB/s of reads during a crawl). Read back into the OS's
# cache before what reads the whole site, as on a server with memory to spare.
database_into_os_cache() {
  cat "$DATA"/kpress.db* >/dev/null 2>&1 || true
  [ -d "$WORK/postgres" ] && find "$WORK/postgres" -type f -exec cat {} + >/dev/null 2>&1 || true
}
crawl() {  # name [mix]
  local name=$1 mix=${2:-0} samples="$WORK/rss-samples.txt" out
  database_into_os_cache
  : >"$samples"
  (while kill -0 "$KPRESS_PID" 2>/dev/null; do
     awk '/VmRSS/ {print $2}' "/proc/$KPRESS_PID/status" >>"$samples" 2>/dev/null || true
     sleep 0.2
   done) &
  local sampler=$!
  # wrk waits out its whole -d: long enough for 1,000 pages a second (slower, the row says so:
  # it reports wrk's own rate, without crawl_rps, and the crawl is cut short).
  local pages; pages=$(( mix > 0 ? mix : $(wc -l <"$WORK/paths.txt") ))
  out=$(wrk -t2 -c64 -d"$((pages / 1000 + 10))s" --timeout 10s --latency -s bench/crawl.lua "http://127.0.0.1:$PORT" -- "$WORK/paths.txt" 2 64 "$mix")
  local end_kb; end_kb=$(awk '/VmRSS/ {print $2}' "/proc/$KPRESS_PID/status")
  sleep 60  # what the process gives back within a minute
  local after_kb; after_kb=$(awk '/VmRSS/ {print $2}' "/proc/$KPRESS_PID/status")
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  RSS_PEAK_KB=$(sort -n "$samples" | tail -n 1) RSS_END_KB=$end_kb RSS_AFTER_KB=$after_kb parse_wrk "$name" 64 "$out"
}

# The search index built again from the whole site, timed (kpress reindex prints the rate). The
# database is read into the OS's cache first, as before each crawl; the reindex still took 16.4
# and 26.8 s in two runs of the same code with it (15.7 to 23.5 s before): not the reads alone.
database_into_os_cache
REINDEX=$("$KPRESS" reindex --data "$DATA" | tail -n 1)
echo "$REINDEX"

results=()
start_kpress 256
ARTICLE=$(curl -fs "http://127.0.0.1:$PORT/api/v1/articles?limit=1&offset=5000&lang=fr" |
          python3 -c "import sys,json; print(json.load(sys.stdin)['items'][0]['url'].split('/', 3)[3])")
URL="http://127.0.0.1:$PORT/$ARTICLE"
# First renders (what a cache miss costs); asked for again below, the pages are kept from then on.
FIRST_ARTICLE_MS=$(curl -fs -o /dev/null -w '%{time_total}' "$URL" | awk '{print $1 * 1000}')
FIRST_HOME_MS=$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/" | awk '{print $1 * 1000}')

# --- nginx serving the same bytes ------------------------------------------------------------
mkdir -p "$WORK/nginx/root"
curl -fs "$URL" >"$WORK/nginx/root/article.html"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000;
  open_file_cache max=16;
  default_type text/html;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/root; }
}
CONF
nginx -c "$WORK/nginx/nginx.conf"
sleep 0.3
cmp <(curl -fs "http://127.0.0.1:$NGINX_PORT/article.html") <(curl -fs "$URL")  # the very same bytes

# h2o, the fastest static server measured here, the same bytes again.
mkdir -p "$WORK/h2o"
cat >"$WORK/h2o/h2o.conf" <<CONF
listen:
  host: 127.0.0.1
  port: $H2O_PORT
num-threads: 2
error-log: $WORK/h2o/error.log
hosts:
  default:
    paths:
      /:
        file.dir: $WORK/nginx/root
CONF
h2o -c "$WORK/h2o/h2o.conf" >"$WORK/h2o/h2o.log" 2>&1 &
pids+=("$!")
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$H2O_PORT/article.html" && break; sleep 0.1; done
cmp <(curl -fs "http://127.0.0.1:$H2O_PORT/article.html") <(curl -fs "$URL")

# The three servers of the same bytes in turn, three rounds (bench/wrk.sh): their ratios are the
# targets.
while IFS= read -r row; do results+=("$row"); done < <(measure_in_turn 64 \
  "nginx static (same bytes)" "http://127.0.0.1:$NGINX_PORT/article.html" \
  "h2o static (same bytes)" "http://127.0.0.1:$H2O_PORT/article.html" \
  "kpress article, cached" "$URL")
results+=("$(measure "kpress home, cached" "http://127.0.0.1:$PORT/" 64)")
results+=("$(measure "kpress RSS feed, cached" "http://127.0.0.1:$PORT/feed.xml" 64)")
results+=("$(measure "nginx static, 1000 connections" "http://127.0.0.1:$NGINX_PORT/article.html" 1000)")
results+=("$(measure "kpress article, cached, 1000 connections" "$URL" 1000)")
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$KPRESS_PID/status")
# Search: queries in turn at 4 connections (each answered alone: what one reader waits).
results+=("$(measure "kpress search (API)" "http://127.0.0.1:$PORT/" 4 -s bench/search.lua)")
stop_kpress

start_kpress 0
results+=("$(measure "kpress article, cache off" "$URL" 64)")
# A page every read of which goes to the database (a list with its pager's count).
results+=("$(measure "kpress home, cache off" "http://127.0.0.1:$PORT/" 64)")
stop_kpress

# --- the long tail: every published article's address, in id order ---------------------------
python3 - "$DATA/kpress.db" "$WORK/paths.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
with open(sys.argv[2], "w") as out:
    for (slug,) in db.execute("SELECT slug FROM articles WHERE status = 'published' AND trashed_at IS NULL ORDER BY id"):
        out.write(f"/articles/{slug}\n")
PY
# As after an upgrade (a new build renders every body again): no body kept, each rendered from
# Markdown as it is read and written back. Then the same crawl with the bodies kept.
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM rendered_bodies'); c.commit()" "$DATA/kpress.db"
start_kpress 64
results+=("$(crawl "crawl, every article, no body kept yet, cache_mb 64")")
stop_kpress
start_kpress 64
results+=("$(crawl "crawl, every article, cache_mb 64")")
results+=("$(crawl "crawl, random 20,000, cache_mb 64" 20000)")
stop_kpress
start_kpress 0
results+=("$(crawl "crawl, every article, cache off")")
# What each compression setting costs on these pages (bench/compression.cpp): one page in 500.
rm -rf "$WORK/pages" && mkdir -p "$WORK/pages"
awk 'NR % 500 == 0' "$WORK/paths.txt" | while read -r path; do
  curl -fs "http://127.0.0.1:$PORT$path" -o "$WORK/pages/$(basename "$path").html"
done
stop_kpress
g++ -O2 -std=c++20 bench/compression.cpp -o "$WORK/compression" -lbrotlienc -lz
COMPRESSION=$("$WORK/compression" "$WORK/pages")

# The cached article while another client keeps uncached pages coming (bench/uncached.lua).
# The article is asked for twice first, as a page is kept from its second request: the row
# measures a page kept, not its first rendering under load (each of that rendering's statements
# 10 ms away with PostgreSQL 5 ms away, while every reader of the article waits for it).
cached_with_uncached_beside() {  # name
  for _ in 1 2; do curl -fs -o /dev/null "$URL"; done
  wrk -t1 -c16 -d"$((DURATION + 2))s" --timeout 10s -s bench/uncached.lua "http://127.0.0.1:$PORT" >"$WORK/uncached.txt" &
  local beside=$!
  sleep 1
  results+=("$(measure "$1" "$URL" 64)")
  wait "$beside" || true
  echo "$1: uncached pages beside it: $(grep -o 'Requests/sec: *[0-9.]*' "$WORK/uncached.txt" | grep -o '[0-9.]*$')/s"
}
start_kpress 256
cached_with_uncached_beside "kpress article, cached, uncached load beside"
stop_kpress

# Reactions: each request a new reader's vote, acknowledged once durable (group commit). The
# per-address limit is lifted: every request comes from 127.0.0.1 here.
reactions_in_store() {
  python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM reactions').fetchone()[0])" "$DATA/kpress.db"
}
printf 'reactions_per_minute = 0\n' >"$WORK/reactions.toml"
start_kpress 256 --config "$WORK/reactions.toml"
ARTICLE_ID=$(curl -fs "http://127.0.0.1:$PORT/api/v1/articles?limit=1&offset=5000&lang=fr" | python3 -c "import sys,json; print(json.load(sys.stdin)['items'][0]['id'])")
BEFORE=$(reactions_in_store)
REACTIONS=$(measure "kpress reactions (POST, durable)" "http://127.0.0.1:$PORT/api/v1/articles/$ARTICLE_ID/reactions" 64 -s bench/reaction.lua)
results+=("$REACTIONS")
stop_kpress
STORED=$(( $(reactions_in_store) - BEFORE ))
ACKED=$(python3 -c "import json, sys; r = json.loads(sys.argv[1]); print(r['requests'] - r['errors'])" "$REACTIONS")
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM reactions'); c.commit()" "$DATA/kpress.db"

# Comments (issue 23), on a demo site of their own: accepted comments a second, durable, and the
# page of an article with 2,000 comments, cache off (bench/comments.sh).
COMMENTS_LINE=""
while IFS= read -r line; do
  case "$line" in
    "{"*) results+=("$line") ;;
    "comments: "*) COMMENTS_LINE=$line ;;
  esac
done < <(BENCH_DIR="$WORK" DURATION="$DURATION" COMMENTS_PORT=$((PORT + 10)) KPRESS="$KPRESS" bench/comments.sh 2>>"$WORK/comments-bench.log")

# A WordPress site moved in (issue 24): a synthetic export of 100,000 posts and 300,000 comments
# imported, its rate and the importer's peak memory (bench/wordpress_import.sh).
results+=("$(BENCH_DIR="$WORK" KPRESS="$KPRESS" bench/wordpress_import.sh 2>>"$WORK/wordpress-import.log")")

# --- the same site on PostgreSQL ----------------------------------------------------------------
COPY=""
PG_STORED=0
PG_ACKED=0
if [ "$DATABASE" = postgres ]; then
  DURABLE=1 "$ROOT/scripts/test-postgres" start "$WORK/postgres" >/dev/null
  PG_URL=$(cat "$WORK/postgres/url")
  COPY=$("$KPRESS" copy --data "$DATA" --to "$PG_URL" | tail -n 1)
  echo "$COPY"
  start_kpress 0 --database "$PG_URL"
  results+=("$(measure "kpress article, cache off, PostgreSQL" "$URL" 64)")
  results+=("$(measure "kpress home, cache off, PostgreSQL" "http://127.0.0.1:$PORT/" 64)")
  stop_kpress
  start_kpress 64 --database "$PG_URL"
  results+=("$(crawl "crawl, every article, cache_mb 64, PostgreSQL")")
  stop_kpress
  start_kpress 256 --database "$PG_URL"
  for _ in 1 2; do curl -fs -o /dev/null "$URL"; done  # kept from its second request
  results+=("$(measure "kpress article, cached, PostgreSQL" "$URL" 64)")
  stop_kpress
  # The database 5 ms away (every packet held by a proxy): the cached article measured while
  # another client keeps uncached pages coming, each of which waits on the database.
  PROXY_PORT=$((PORT + 3))
  PG_PORT=${PG_URL##*:}
  PG_PORT=${PG_PORT%%/*}
  python3 bench/delay_proxy.py "$PROXY_PORT" "$PG_PORT" 5 &
  pids+=("$!")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null && break; sleep 0.1; done
  FAR_URL=${PG_URL/:$PG_PORT\//:$PROXY_PORT\/}
  start_kpress 256 --database "$FAR_URL"
  cached_with_uncached_beside "kpress article, cached, PostgreSQL 5 ms away, uncached load beside"
  stop_kpress
  pg_reactions() { psql "$PG_URL" -tAqc "SELECT COUNT(*) FROM reactions"; }
  start_kpress 256 --config "$WORK/reactions.toml" --database "$PG_URL"
  BEFORE=$(pg_reactions)
  REACTIONS=$(measure "kpress reactions (POST, durable), PostgreSQL" "http://127.0.0.1:$PORT/api/v1/articles/$ARTICLE_ID/reactions" 64 -s bench/reaction.lua)
  results+=("$REACTIONS")
  stop_kpress
  PG_STORED=$(( $(pg_reactions) - BEFORE ))
  PG_ACKED=$(python3 -c "import json, sys; r = json.loads(sys.argv[1]); print(r['requests'] - r['errors'])" "$REACTIONS")
fi

if [ "${WORDPRESS:-0}" = 1 ]; then
  WP_URL=$(bash "$ROOT/../shared/bench/anchors/wordpress-up.sh" | tail -n 1)
  # The anchor sets /%postname%/ permalinks in the database after installing, so WordPress keeps
  # the rewrite rules it cached for plain links and answers 404 for the post. Dropping the cached
  # rules makes it build them for the permalinks it is set to (what saving Settings > Permalinks does).
  mysql wordpress -e "DELETE FROM wp_options WHERE option_name = 'rewrite_rules'"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WP_URL")
  if [ "$status" != 200 ]; then echo "bench: WordPress answers $status for $WP_URL; not measuring an error page" >&2; exit 1; fi
  results+=("$(measure "WordPress article" "$WP_URL" 16)")
fi

printf '%s\n' "${results[@]}" |
  FIRST_ARTICLE_MS=$FIRST_ARTICLE_MS FIRST_HOME_MS=$FIRST_HOME_MS REACTIONS_STORED=$STORED REACTIONS_ACKED=$ACKED \
  REINDEX="$REINDEX" COPY="$COPY" COMPRESSION="$COMPRESSION" PG_REACTIONS_STORED=$PG_STORED PG_REACTIONS_ACKED=$PG_ACKED \
  COMMENTS_LINE="$COMMENTS_LINE" \
  python3 bench/report.py "$ARTICLES" "$RSS_KB" "bench/results"
