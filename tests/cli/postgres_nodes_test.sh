#!/usr/bin/env bash
# Two kpress processes on one PostgreSQL, as two nodes of a site: what one process writes reaches
# both nodes' cached pages and search; their connections killed, the database stopped, restarted
# under a load of votes: cached pages go on, what needs the database is a 503 naming it, nothing
# acknowledged is lost, and both nodes recover with no restart of their own.
# Usage: postgres_nodes_test.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
PG="$(realpath "$2")/scripts/test-postgres"
source "$(dirname "$0")/../support/lib.sh"
cd "$SCRATCH"
# Its own server: this test stops and restarts it.
trap '"$PG" stop "$SCRATCH/pg"; cleanup' EXIT
"$PG" start pg >/dev/null
URL=$(cat pg/url)
sql() { psql "$URL" -tAqc "$1"; }

status_of() { curl -s -o "${3:-/dev/null}" -w '%{http_code}' --max-time 15 "http://127.0.0.1:$1$2" || true; }
article() {  # article SLUG TITLE: a published article to import
  mkdir -p "news-$1"
  printf '+++\ntitle = "%s"\nslug = "%s"\nlanguage = "fr"\nstatus = "published"\npublished_at = 2026-01-01T00:00:00Z\n+++\n\nTexte.\n' \
    "$2" "$1" >"news-$1/a.md"
  "$KPRESS" import --data importer --database "$URL" "news-$1" >/dev/null
}

# No limit on votes from one address: the load below comes from one. A deadline of a second per
# statement: the test of a locked table below waits that long.
printf 'reactions_per_minute = 0\naccess_log = "off"\n[database]\nstatement_timeout_ms = 1000\n' >node.toml
start_server node1.log --data node1 --database "$URL" --config node.toml
P1=$PORT
start_server node2.log --data node2 --database "$URL" --config node.toml
P2=$PORT
check "the first node creates the site in PostgreSQL" page_has "$P1" / "K-Actu"
check "the second node serves the same site" page_has "$P2" / "K-Actu"
check "the demo site was created once" test "$(sql 'SELECT count(*) FROM articles')" -eq 27
for p in "$P1" "$P2"; do keep "$p" /; done
check "the second node's home page is cached" cached "$P2" /

article album-zorblax "Nouvel album des Zorblaxiens"
check "an article another process wrote shows on the first node's cached home" eventually 10 page_has "$P1" / Zorblaxiens
check "and on the second node's" eventually 10 page_has "$P2" / Zorblaxiens
check "the second node's search finds it" eventually 10 page_has "$P2" "/api/v1/search?q=Zorblaxiens" album-zorblax

# Every session of the nodes ended by the server, as a failing network would.
sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
article concert-quorb "Concert des Quorbaliens"
check "after its connections were killed the first node hears of a write" eventually 15 page_has "$P1" / Quorbaliens
check "so does the second" eventually 15 page_has "$P2" / Quorbaliens

# A statement that cannot finish (its table locked by another session) ends at the deadline:
# the request gets a 503 saying so instead of holding a thread; cached pages go on meanwhile.
psql "$URL" -qc "BEGIN; LOCK TABLE articles IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT" >/dev/null 2>&1 &
locker=$!
locked() { test "$(sql "SELECT count(*) FROM pg_locks WHERE relation = 'articles'::regclass AND mode = 'AccessExclusiveLock' AND granted")" = 1; }
check "another session holds the articles table" eventually 10 locked
code=$(status_of "$P1" /articles/derriere-un-verrou body.txt)
check "a request waiting on the locked table is a 503" test "$code" = 503
check "which says the database did not answer in time" grep -q "statement timeout" body.txt
check "cached pages are served meanwhile" cached "$P2" /
sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
wait "$locker" || true
check "once the lock is gone, the same request is answered" eventually 10 bash -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$P1/articles/derriere-un-verrou)\" = 404"

# The database stopped: the cached pages are still served, what needs the database is a 503.
curl -fsS -o /dev/null "http://127.0.0.1:$P2/"
"$PG" pause pg
check "with the database down, a cached page is served" cached "$P2" /
says_unreachable() { curl -fsS -o /dev/null -D - "http://127.0.0.1:$P2/" | grep -qi '^x-kpress-database: unreachable'; }
check "saying the database cannot be reached" eventually 10 says_unreachable
code=$(status_of "$P2" /articles/pas-en-cache body.txt)
check "with the database down, an uncached page is a 503" test "$code" = 503
check "which names the database" grep -qE "Service unavailable: .*the database" body.txt
check "/healthz says so" test "$(status_of "$P1" /healthz health.json)" = 503
check "naming the database" grep -q '"database":"unreachable"' health.json
"$PG" resume pg
check "the node recovers by itself once the database is back" eventually 30 page_has "$P2" /articles/album-zorblax Zorblaxiens
healthy() { test "$(status_of "$P1" /healthz)" = 200; }
check "/healthz too" eventually 30 healthy
status_of "$P1" /healthz health.json >/dev/null
check "which says the node is not behind the change log" grep -q '"changes_behind":0' health.json
check "and no longer says the database is unreachable" bash -c "! curl -fsS -o /dev/null -D - http://127.0.0.1:$P2/ | grep -qi '^x-kpress-database'"

# Votes under way while the database restarts at once: every acknowledged vote is stored.
id=$(sql "SELECT id FROM articles WHERE slug = 'album-zorblax'")
vote() {
  local ok=0
  for _ in $(seq 300); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
      -d '{"reaction":"like"}' "http://127.0.0.1:$1/api/v1/articles/$id/reactions" || true)
    [ "$code" = 200 ] && ok=$((ok + 1))
  done
  echo "$ok" >"acknowledged-$1"
}
vote "$P1" & voter1=$!
vote "$P2" & voter2=$!
votes_stored() { test "$(sql "SELECT count(*) FROM reactions WHERE article_id = $id")" -gt "$1"; }
check "votes are coming in before the restart" eventually 30 votes_stored 50
"$PG" restart pg
wait "$voter1" "$voter2" || true
acknowledged=$(($(cat "acknowledged-$P1") + $(cat "acknowledged-$P2")))
stored=$(sql "SELECT count(*) FROM reactions WHERE article_id = $id")
check "votes were acknowledged on both sides of the restart ($acknowledged)" test "$acknowledged" -gt 100
check "every acknowledged vote is stored ($stored >= $acknowledged)" test "$stored" -ge "$acknowledged"
article apres-redemarrage "Après le redémarrage des Vexiliens"
check "after the restart the first node hears of writes again" eventually 20 page_has "$P1" / Vexiliens
check "and the second" eventually 20 page_has "$P2" / Vexiliens
check "counts are read again" eventually 20 page_has "$P2" "/api/v1/articles/$id/reactions" '"like"'

# A restart while nothing is asked: the nodes' sessions are gone without their knowing. The first
# write after it begins again on a new session rather than failing on the dead one.
"$PG" restart pg
healthy2() { test "$(status_of "$P2" /healthz)" = 200; }
check "/healthz is good again after the quiet restart" eventually 30 healthy2
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
  -d '{"reaction":"like"}' "http://127.0.0.1:$P2/api/v1/articles/$id/reactions")
check "the first vote after it is acknowledged ($code)" test "$code" = 200

[ "$FAILED" -eq 0 ] || { for n in node1 node2; do echo "--- $n.log"; tail -n 30 $n.log; done; }
finish
