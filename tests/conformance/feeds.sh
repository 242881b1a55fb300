#!/usr/bin/env bash
# The demo site's feeds read by real parsers under node (feeds_check.mjs), with eight more
# French articles, so that the French edition's feeds have a second page.
# Usage: feeds.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
SOURCE=$(realpath "$2")
source "$(dirname "$0")/../support/lib.sh"
[ -d "$SOURCE/node_modules/feedparser" ] || { echo "feedparser not installed: run scripts/install-deps"; exit 1; }
cd "$SCRATCH"
start_server first.log --data site --access-log off  # creates the demo site
kill -9 "$SERVER_PID"
mkdir more
for n in 1 2 3 4 5 6 7 8; do
  cat >"more/archive-$n.md" <<ARTICLE
+++
title = "Archives de la rédaction, numéro $n"
language = "fr"
section = "bts"
author = "jinah-park"
tags = ["BTS"]
standfirst = "Un article plus ancien que ceux de la démo."
status = "published"
published_at = 2020-01-0${n}T09:00:00Z
+++

Texte de l’article numéro $n.
ARTICLE
done
"$KPRESS" import --data site more >import.log 2>&1 || { cat import.log; exit 1; }
start_server serve.log --data site --access-log off
NODE_PATH="$SOURCE/node_modules" node "$SOURCE/tests/conformance/feeds_check.mjs" "$PORT"
