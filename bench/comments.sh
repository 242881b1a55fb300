#!/usr/bin/env bash
# make bench's comment rows (issue 23), on a demo site of their own: accepted comments a second
# at 64 connections, each a new reader's, acknowledged once durable (group commit; the limits
# per address and per article lifted for loopback), and the page of an article with 2,000
# approved comments (threads and replies) with the cache off, at one connection: its time to
# render, beside an article without comments. Prints one JSON row per measure, then
# "comments: N acknowledged, M stored".
set -euo pipefail
cd "$(dirname "$0")/.."
KPRESS=${KPRESS:-build/kpress}
DURATION=${DURATION:-10}
WORK=${BENCH_DIR:-bench/.work}
PORT=${COMMENTS_PORT:-18090}
DATA=$WORK/comments-site
source bench/wrk.sh
mkdir -p "$WORK"
rm -rf "$DATA"
"$KPRESS" import --data "$DATA" demo >/dev/null

sql() { python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2]).fetchall(); c.commit(); print('\n'.join(' '.join(str(v) for v in row) for row in r))" "$DATA/kpress.db" "$1"; }
read -r POSTED_ID _ < <(sql "SELECT id, slug FROM articles WHERE status = 'published' AND language = 'fr' ORDER BY id LIMIT 1")
read -r LONG_ID LONG_SLUG < <(sql "SELECT id, slug FROM articles WHERE status = 'published' AND language = 'fr' ORDER BY id LIMIT 1 OFFSET 1")
read -r _ PLAIN_SLUG < <(sql "SELECT id, slug FROM articles WHERE status = 'published' AND language = 'fr' ORDER BY id LIMIT 1 OFFSET 2")

# 2,000 approved comments on one article: 800 threads, each with up to three replies nested.
python3 - "$DATA/kpress.db" "$LONG_ID" <<'PY'
import sqlite3, sys
db, article = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
made, t = 0, 1700000000
def add(parent, n):
    global made, t
    t += 37
    cur = db.execute("INSERT INTO comments (article_id, parent_id, status, author_name, body, created_at) "
                     "VALUES (?, ?, 'approved', ?, ?, ?)",
                     (article, parent, f"Lecteur {n}", f"Commentaire {n} : *quel* épisode ! Voir [la bande-annonce](https://example.org/{n}).\n\n> cité\n\n- un\n- deux", t))
    made += 1
    return cur.lastrowid
n = 0
while made < 2000:
    n += 1
    top = add(0, n)
    parent = top
    for depth in range(n % 4):
        if made >= 2000: break
        parent = add(parent, f"{n}.{depth}")
db.commit()
PY

start() {  # cache_mb [options...]
  local cache_mb=$1; shift
  "$KPRESS" serve --data "$DATA" --listen "127.0.0.1:$PORT" --access-log off --cache-mb "$cache_mb" "$@" >"$WORK/comments-kpress.log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.1; done
  echo "kpress did not start" >&2; cat "$WORK/comments-kpress.log" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
trap 'kill "${PID:-}" 2>/dev/null || true' EXIT

printf 'comments_per_minute = 0\ncomments_per_article_per_minute = 0\n' >"$WORK/comments.toml"
start 64 --config "$WORK/comments.toml"
BEFORE=$(sql "SELECT COUNT(*) FROM comments WHERE article_id = $POSTED_ID")
POSTED=$(measure "kpress comments (POST, durable)" "http://127.0.0.1:$PORT/api/v1/articles/$POSTED_ID/comments" 64 -s bench/comment.lua)
echo "$POSTED"
stop
STORED=$(( $(sql "SELECT COUNT(*) FROM comments WHERE article_id = $POSTED_ID") - BEFORE ))
ACKED=$(python3 -c "import json, sys; r = json.loads(sys.argv[1]); print(r['requests'] - r['errors'])" "$POSTED")

start 0
curl -fs -o /dev/null "http://127.0.0.1:$PORT/articles/$LONG_SLUG"  # its comments' text rendered once
measure "kpress article with 2,000 comments, cache off, 1 connection" "http://127.0.0.1:$PORT/articles/$LONG_SLUG" 1 -t1
measure "kpress article without comments, cache off, 1 connection" "http://127.0.0.1:$PORT/articles/$PLAIN_SLUG" 1 -t1
stop
echo "comments: $ACKED acknowledged, $STORED stored"
