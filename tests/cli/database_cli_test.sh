#!/usr/bin/env bash
# The commands on a site in PostgreSQL: --database, KPRESS_DATABASE_URL and [database] url;
# migrate --status; copy to PostgreSQL and back (every row, refusal of a site already there);
# and the clear errors of a bad URL, an unreachable server and a schema newer than the binary.
# Usage: database_cli_test.sh path/to/kpress POSTGRES_URL_FILE
KPRESS=$(realpath "$1")
SERVER=$(cat "$2")
source "$(dirname "$0")/../support/lib.sh"
cd "$SCRATCH"
# A database of this test's own on the run's server.
DB="cli_$$_$RANDOM"
psql "$SERVER" -qc "CREATE DATABASE $DB" >/dev/null
URL="${SERVER%/*}/$DB"
trap 'psql "$SERVER" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1; cleanup' EXIT
sql() { psql "$URL" -tAqc "$1"; }

# --- migrate --status and migrate on PostgreSQL -------------------------------------------
"$KPRESS" migrate --data site --database "$URL" --status >status.txt
check "migrate --status lists PostgreSQL's migrations as pending" grep -qE '^pending +1 +schema' status.txt
"$KPRESS" migrate --data site --database "$URL" >/dev/null
check "migrate applies them" grep -qE '^applied +1 +schema' <("$KPRESS" migrate --data site --database "$URL" --status)
check "KPRESS_DATABASE_URL names the database too" \
  grep -qE '^applied +1 +schema' <(KPRESS_DATABASE_URL="$URL" "$KPRESS" migrate --data site --status)

# --- copy a SQLite site to PostgreSQL and back ------------------------------------------------
"$KPRESS" import --data sqlite-site "$KPRESS_SOURCE_DIR/demo" >/dev/null 2>&1
echo "chief-password-1" | "$KPRESS" user add --data sqlite-site --email chief@example.org --role owner >/dev/null
"$KPRESS" export --data sqlite-site original >/dev/null
"$KPRESS" copy --data sqlite-site --to "$URL" >copy.txt
check "copy reports every table" grep -qP '^articles\t27$' copy.txt
check "copy says the counts were checked" grep -q "every table counted on both sides" copy.txt
# A server that planned the site's queries before the statistics existed would keep those plans.
check "the copy gathered the planner's statistics" test "$(sql "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'articles' AND last_analyze IS NOT NULL")" -eq 1
check "the revisions came along" test "$(sql 'SELECT count(*) FROM article_revisions')" -eq 27
check "the account came along" grep -qP '^1\tchief@example.org\towner$' <("$KPRESS" user list --data pg-site --database "$URL")
"$KPRESS" export --data pg-site --database "$URL" copied >/dev/null
check "the site in PostgreSQL exports as the SQLite one did" diff -r original copied
if "$KPRESS" copy --data sqlite-site --to "$URL" >again.txt 2>again.err; then fail "a copy onto a site is refused"; else pass "a copy onto a site is refused"; fi
check "the refusal says why and how" grep -q "the target already holds a site (27 articles, 1 accounts).*--replace" again.err
check "the refused copy changed nothing" test "$(sql 'SELECT count(*) FROM article_revisions')" -eq 27
"$KPRESS" copy --data sqlite-site --to "$URL" --replace >/dev/null
check "--replace copies over it" test "$(sql 'SELECT count(*) FROM articles')" -eq 27
# New rows after a copy take ids after the copied ones.
echo "second-password-2" | "$KPRESS" user add --data pg-site --database "$URL" --email second@example.org --role editor >/dev/null
check "ids made after a copy follow the copied ones" grep -qP '^2\tsecond@example.org' <("$KPRESS" user list --data pg-site --database "$URL")
"$KPRESS" copy --data back --from "$URL" >back.txt
"$KPRESS" export --data back back-export >/dev/null
check "copied back into SQLite, the site is the same" diff -r original back-export
check "with the account made in PostgreSQL" test "$("$KPRESS" user list --data back | wc -l)" -eq 2

# --- serve on PostgreSQL from the config file ------------------------------------------------
printf '[database]\nurl = "%s"\n' "$URL" >pg.toml
start_server serve.log --data pg-site --config pg.toml
check "[database] url in the config serves the site from PostgreSQL" \
  grep -q "Le lightstick, bien plus" <(curl -fsS "http://127.0.0.1:$PORT/")
check "the log names the database, not a password" grep -q "postgresql://kpress@" serve.log
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true

# --- bad databases: a clear error, nothing changed ----------------------------------------
if timeout 20 "$KPRESS" serve --data x --database mysql://me@localhost/x >bad.txt 2>&1; then status=0; else status=$?; fi
check "a URL of another kind fails at once" test "$status" -ne 0 -a "$status" -ne 124
check "and says what is expected" grep -q "is not a PostgreSQL one (postgresql://USER@HOST/DB)" bad.txt
if timeout 20 "$KPRESS" migrate --data x --database "postgresql://kpress:s3cret@127.0.0.1:1/x" >down.txt 2>&1; then status=0; else status=$?; fi
check "an unreachable server fails within seconds" test "$status" -ne 0 -a "$status" -ne 124
check "naming the server" grep -q "cannot connect to the database postgresql://kpress@127.0.0.1:1/x" down.txt
check "never its password" bash -c "! grep -q s3cret down.txt"
if timeout 20 "$KPRESS" user list --data x --database "${SERVER%/*}/no_such_db_$$" >nodb.txt 2>&1; then status=0; else status=$?; fi
check "a database that does not exist is named" grep -q "no_such_db_$$\" does not exist" nodb.txt

sql "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', 0)"
if "$KPRESS" migrate --data pg-site --database "$URL" >newer.txt 2>&1; then fail "a newer schema is refused"; else pass "a newer schema is refused"; fi
check "the refusal names the migration" grep -q "schema is newer than this kpress: it has migration 999 (from_the_future)" newer.txt
if timeout 20 "$KPRESS" serve --data pg-site --database "$URL" --listen 127.0.0.1:0 >newer-serve.txt 2>&1; then status=0; else status=$?; fi
check "serve refuses it too" test "$status" -ne 0 -a "$status" -ne 124
python3 -c "import sqlite3; c = sqlite3.connect('back/kpress.db'); c.execute(\"INSERT INTO schema_migrations VALUES (999, 'from_the_future', 0)\"); c.commit()"
if "$KPRESS" migrate --data back >newer-sqlite.txt 2>&1; then fail "a newer SQLite schema is refused"; else pass "a newer SQLite schema is refused"; fi
check "the SQLite refusal names it" grep -q "it has migration 999" newer-sqlite.txt

finish
