#!/usr/bin/env bash
# The kpress binary as a user runs it: serve (demo, --no-demo, config file, signals), migrate,
# import (including broken files that must change nothing) and export/import round trips.
# Usage: cli_test.sh path/to/kpress
KPRESS=$(realpath "$1")
MIGRATIONS=$(realpath "$(dirname "$0")/../../migrations/sqlite")
source "$(dirname "$0")/../support/lib.sh"
cd "$SCRATCH"

# --- serve creates the demo site in a new folder -----------------------------------------
start_server serve.log --data site --access-log access.log
home=$(curl -fsS "http://127.0.0.1:$PORT/")
check "a new data folder gets the demo site" grep -q "K-Actu" <<<"$home"
check "the demo site has the Run On article" \
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire"
check "the access log has one JSON line per request" \
  python3 -c 'import json,sys; l=[json.loads(x) for x in open("access.log")]; assert any(e["target"]=="/" and e["status"]==200 for e in l), l'
kill -TERM "$SERVER_PID"
for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
check "SIGTERM stops the server" bash -c "! kill -0 $SERVER_PID 2>/dev/null"
wait "$SERVER_PID" && status=0 || status=$?
check "a stop on SIGTERM exits 0" test "$status" -eq 0
check "the stop is logged" grep -q stopped serve.log

# --- migrate --status -------------------------------------------------------------------
"$KPRESS" migrate --data site --status >status.txt
check "migrate --status lists the applied migrations" grep -qE '^applied +1 +content' status.txt
check "migrate --status lists every migration" test "$(grep -c "^applied" status.txt)" -eq "$(ls "$MIGRATIONS"/*.sql | wc -l)"
mkdir fresh-db
"$KPRESS" migrate --data fresh-db --status >fresh-status.txt
check "migrate --status shows pending migrations of a new database" grep -qE '^pending +1 +content' fresh-status.txt
"$KPRESS" migrate --data fresh-db >/dev/null
check "migrate applies them" grep -qE '^applied' <("$KPRESS" migrate --data fresh-db --status)

# --- export, then import into a new site, reproduces the site ---------------------------------
"$KPRESS" export --data site export1 >/dev/null
check "export writes site.toml and one file per article" test "$(ls export1/articles | wc -l)" -eq 27
check "export writes the catalog" grep -q '"slug":"im-siwan","name":"Im Siwan","hangul_name":"임시완"' export1/catalog.json
check "the catalog export keeps cast and slots" grep -q '"character":"Ki Sun Kyum"' export1/catalog.json
check "the export keeps the stories pinned to the front pages" \
  grep -q "article = 'leon-on-meiking-yeongsang-sinsegyeong-gwa-seutaepeu-imsiwan-saeng-il-kkamjjag-pati'" export1/site.toml
"$KPRESS" import --data copy export1 >import.txt
check "import reports what it created" grep -q "27 article(s) created" import.txt
"$KPRESS" export --data copy export2 >/dev/null
check "import of an export reproduces the site exactly" diff -r export1 export2
"$KPRESS" import --data copy export1 >again.txt
check "importing again changes nothing" grep -q "0 article(s) created, 0 updated, 27 unchanged" again.txt
check "export refuses a folder that is not empty" bash -c "! '$KPRESS' export --data site export1 2>/dev/null"

# --- broken import files: an error naming file, line and field; nothing imported --------------
mkdir broken
cat >broken/good.md <<'MD'
+++
title = "Un bon article"
language = "fr"
status = "published"
published_at = 2026-01-01T00:00:00Z
+++

Texte.
MD
cat >broken/bad.md <<'MD'
+++
title = "Un mauvais article"
language = "fr"
status = "published"
published_at = "hier"
+++

Texte.
MD
printf '[{"title": "x", "language": "fr"},\n {"title": }]\n' >broken/bad.json
if "$KPRESS" import --data copy broken >out.txt 2>err.txt; then fail "a broken import fails"; else pass "a broken import fails"; fi
check "the error names the file, line and field" grep -q "broken/bad.md:5: published_at: must be a date and time" err.txt
check "the error names the line of a JSON syntax error" grep -q "broken/bad.json:2: not valid JSON" err.txt
check "the error says nothing was imported" grep -q "nothing was imported" err.txt
check "a field that does not parse is reported once" test "$(grep -c 'bad.md.*published_at' err.txt)" -eq 1
"$KPRESS" export --data copy export3 >/dev/null
check "a failed import leaves the site unchanged" diff -r export1 export3
mkdir badcatalog
printf '{"people": [{"name": "Nouvelle personne"}, {"birth_date": "1990-01-01"}]}\n' >badcatalog/catalog.json
if "$KPRESS" import --data copy badcatalog 2>err3.txt; then fail "a bad catalog row fails the import"; else pass "a bad catalog row fails the import"; fi
check "the bad catalog row is named" grep -q "badcatalog/catalog.json: people\[1\]: name is required" err3.txt
"$KPRESS" export --data copy export4 >/dev/null
check "a refused catalog leaves the site unchanged" diff -r export1 export4
if "$KPRESS" import --data copy no-such-path 2>err2.txt; then fail "a missing path fails"; else pass "a missing path fails"; fi
check "a missing path is named" grep -q "no-such-path: no such file or folder" err2.txt

# --- --no-demo, config file, bad options -----------------------------------------------------
start_server bare.log --data bare --no-demo --access-log off
check "--no-demo creates an empty site" grep -q "Aucun article" <(curl -fsS "http://127.0.0.1:$PORT/")
check "a new site's links name the address it listens on" grep -q "http://127.0.0.1:$PORT/" <(curl -fsS "http://127.0.0.1:$PORT/api/v1/articles?limit=1" ; curl -fsS "http://127.0.0.1:$PORT/feed.xml")
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
first_port=$PORT
start_server bare-again.log --data bare --no-demo --access-log off
check "the site keeps that address when it is served from elsewhere" grep -q "http://127.0.0.1:$first_port" <(curl -fsS "http://127.0.0.1:$PORT/feed.xml")
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
start_server based.log --data bare --no-demo --access-log off --base-url https://k-actu.example/
check "--base-url sets the address links name" grep -q "https://k-actu.example/" <(curl -fsS "http://127.0.0.1:$PORT/feed.xml")
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
start_server based-again.log --data bare --no-demo --access-log off
check "and it is stored with the site" grep -q "https://k-actu.example/" <(curl -fsS "http://127.0.0.1:$PORT/feed.xml")
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
if "$KPRESS" serve --data bare --base-url "ftp://k-actu.example" 2>bad-url.txt; then fail "a base URL that is not http(s) fails"; else pass "a base URL that is not http(s) fails"; fi
check "naming what is wrong" grep -q "base-url 'ftp://k-actu.example': expected http" bad-url.txt

cat >kpress.toml <<'TOML'
data = "configured"
access_log = "access.json"
[server]
threads = 1
pin_threads = false
trusted_proxies = ["127.0.0.1"]
TOML
start_server config.log --config kpress.toml
check "a config file sets the data folder" test -f configured/kpress.db
# Behind a trusted proxy the reader is who X-Forwarded-For names (the rightmost untrusted hop).
curl -fsS -o /dev/null -H "X-Forwarded-For: 198.51.100.1, 203.0.113.9" "http://127.0.0.1:$PORT/healthz"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
check "a trusted proxy's X-Forwarded-For names the reader in the access log" grep -q '"remote":"203.0.113.9"' access.json

start_server bare2.log --data bare --no-demo --access-log access2.json
curl -fsS -o /dev/null -H "X-Forwarded-For: 203.0.113.9" "http://127.0.0.1:$PORT/healthz"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
check "without trusted proxies X-Forwarded-For is ignored" grep -q '"remote":"127.0.0.1"' access2.json
printf 'data = "x"\n[server]\ntrusted_proxies = ["10.0.0.1", "proxy.local"]\n' >bad-proxy.toml
if "$KPRESS" serve --config bad-proxy.toml 2>bad-proxy.txt; then fail "a bad proxy address fails"; else pass "a bad proxy address fails"; fi
check "a bad proxy address is named" grep -q "bad-proxy.toml:3: server.trusted_proxies: 'proxy.local' is not an IP address" bad-proxy.txt

printf 'data = "x"\n[server]\nthreads = "many"\n' >bad.toml
if "$KPRESS" serve --config bad.toml 2>bad-config.txt; then fail "a bad config fails"; else pass "a bad config fails"; fi
check "a bad config names the file, line and key" grep -q "bad.toml:3: server.threads must be a whole number" bad-config.txt
printf 'data = "x"\n[server]\nthread = 2\n' >typo.toml
# Under timeout: a setting taken without a word would start the server rather than fail.
timeout 20 "$KPRESS" serve --config typo.toml 2>typo.txt && status=0 || status=$?
check "a misspelt server setting fails at once" test "$status" -ne 0 -a "$status" -ne 124
check "a misspelt server setting is named" grep -q "typo.toml:3: server.thread is not a known setting" typo.txt
printf 'data = "x"\n[server]\npin_threads = "yes"\n' >bad-pin.toml
timeout 20 "$KPRESS" serve --config bad-pin.toml 2>bad-pin.txt && status=0 || status=$?
check "a bad pin_threads fails at once" test "$status" -ne 0 -a "$status" -ne 124
check "a bad pin_threads is named" grep -q "bad-pin.toml:3: server.pin_threads must be true or false" bad-pin.txt
printf 'data = "x"\n[database]\nstatement_timeout_ms = 10\n' >bad-deadline.toml
timeout 20 "$KPRESS" serve --config bad-deadline.toml 2>bad-deadline.txt && status=0 || status=$?
check "a statement deadline out of range fails at once" test "$status" -ne 0 -a "$status" -ne 124
check "and is named with its range" grep -q "bad-deadline.toml:3: database.statement_timeout_ms must be a whole number from 100 to 600000" bad-deadline.txt
printf 'data = "x"\n[smtp]\nurl = "http://mail.example"\nfrom = "K-Actu <noreply@k-actu.example>"\n' >bad-smtp.toml
timeout 20 "$KPRESS" serve --config bad-smtp.toml 2>bad-smtp.txt && status=0 || status=$?
check "an SMTP server that is not smtp:// fails at once" test "$status" -ne 0 -a "$status" -ne 124
check "and is named" grep -q "bad-smtp.toml:3: smtp.url must start with smtp:// or smtps://" bad-smtp.txt
printf 'data = "x"\n[smtp]\nurl = "smtp://127.0.0.1:2525"\nfrom = "K-Actu"\n' >bad-from.toml
timeout 20 "$KPRESS" serve --config bad-from.toml 2>bad-from.txt && status=0 || status=$?
check "a sender without an address fails at once" test "$status" -ne 0 -a "$status" -ne 124
check "and is named" grep -q "smtp.from must be the sender's address" bad-from.txt
if "$KPRESS" serve --data site --listen nowhere 2>bad-listen.txt; then fail "a bad --listen fails"; else pass "a bad --listen fails"; fi
check "a bad --listen is explained" grep -q "expected HOST:PORT" bad-listen.txt

# --- user add: the first account, its password from standard input ---------------------------
echo "a long enough password" | "$KPRESS" user add --data site --email Chief@Example.org --role owner --name "Rédactrice en chef" >user.txt
check "user add creates the account" grep -q "added Chief@Example.org (owner)" user.txt
check "user list shows it" grep -qP "^1\tChief@Example.org\towner$" <("$KPRESS" user list --data site)
check "the password is stored as an Argon2id hash" \
  python3 -c "import sqlite3; h = sqlite3.connect('site/kpress.db').execute('SELECT password_hash FROM users').fetchone()[0]; assert h.startswith('\$argon2id\$') and 'a long enough' not in h, h"
if echo "short" | "$KPRESS" user add --data site --email b@example.org --role editor 2>user-short.txt; then fail "a short password is refused"; else pass "a short password is refused"; fi
check "the refusal names the field" grep -q "password: a password needs at least 10 characters" user-short.txt
if echo "another long password" | "$KPRESS" user add --data site --email chief@example.org --role editor 2>user-dup.txt; then
  fail "an email already used is refused"; else pass "an email already used is refused"; fi
check "the refusal says why" grep -q "an account already has the email chief@example.org" user-dup.txt
if echo "another long password" | "$KPRESS" user add --data site --email c@example.org --role admin 2>user-role.txt; then
  fail "an unknown role is refused"; else pass "an unknown role is refused"; fi
check "the refusal lists the roles" grep -q "owner, editor, translator or contributor" user-role.txt
check "no refused account was created" test "$("$KPRESS" user list --data site | wc -l)" -eq 1

# --- reindex: the search index built again from the site ------------------------------------
"$KPRESS" reindex --data site >reindex.txt
check "reindex says what it indexed" grep -qE "^indexed [0-9]+ documents in [0-9]+ ms" reindex.txt
check "every published article and catalog entry is in the index" \
  test "$(grep -oE '^indexed [0-9]+' reindex.txt | grep -oE '[0-9]+')" -gt 40
check "the index is where serve looks for it" test -d site/search

finish
