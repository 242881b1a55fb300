#!/usr/bin/env bash
# Writes by another process reach a running server: `kpress import` into a site that is being
# served shows on its cached pages, in its feeds and in its search within moments, and a
# scheduled article imported that way goes live on the cached pages at its time.
# Usage: cross_process_test.sh path/to/kpress
KPRESS=$(realpath "$1")
source "$(dirname "$0")/../support/lib.sh"
cd "$SCRATCH"


start_server serve.log --data site
for path in / /feed.xml "/search?q=Nouvel+album"; do keep "$PORT" "$path"; done
check "the home page is cached before the import" cached "$PORT" /
check "the feed is cached before the import" cached "$PORT" /feed.xml

mkdir news
cat >news/album.md <<'MD'
+++
title = "Nouvel album surprise pour les Zorblaxiens"
slug = "nouvel-album-zorblaxiens"
language = "fr"
status = "published"
published_at = 2026-01-01T00:00:00Z
+++

Un album annoncé sans prévenir.
MD
"$KPRESS" import --data site news >import.txt
check "the import into a running site succeeds" grep -q "1 article(s) created" import.txt
check "the cached home page shows the imported article" eventually 10 page_has "$PORT" / "Zorblaxiens"
check "the cached feed shows it" eventually 10 page_has "$PORT" /feed.xml "Zorblaxiens"
check "search finds it" eventually 10 page_has "$PORT" "/api/v1/search?q=Zorblaxiens" "nouvel-album-zorblaxiens"
check "the article's own page is served" page_has "$PORT" /articles/nouvel-album-zorblaxiens "Zorblaxiens"

# A scheduled article, ten seconds ahead (time for the checks before it on a loaded machine):
# not shown before its time, shown on the cached home
# page at its time with no other write.
live_at=$(date -u -d "@$(($(date +%s) + 10))" +%Y-%m-%dT%H:%M:%SZ)
cat >news/scheduled.md <<MD
+++
title = "Annonce programmée des Quorbaliens"
slug = "annonce-quorbaliens"
language = "fr"
status = "scheduled"
published_at = $live_at
+++

Bientôt.
MD
"$KPRESS" import --data site news >import2.txt
check "the scheduled article is imported" grep -q "1 article(s) created" import2.txt
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/"
check "the scheduled article is not shown before its time" bash -c "! grep -q Quorbaliens <<<\"\$(curl -fsS http://127.0.0.1:$PORT/)\""
# The import's change reaches the server a moment later and drops the home page once more:
# wait until it is served from the cache again.
check "the home page is cached again meanwhile" eventually 5 cached "$PORT" /
check "the scheduled article shows on the cached home page at its time" eventually 40 page_has "$PORT" / "Quorbaliens"

[ "$FAILED" -eq 0 ] || { echo "--- serve.log"; tail -n 40 serve.log; }
finish
