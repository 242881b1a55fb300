#!/usr/bin/env bash
# The demo site's feeds read by real parsers under node (feeds_check.mjs).
# Usage: feeds.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
SOURCE=$(realpath "$2")
source "$(dirname "$0")/../support/lib.sh"
[ -d "$SOURCE/node_modules/feedparser" ] || { echo "feedparser not installed: run scripts/install-deps"; exit 1; }
cd "$SCRATCH"
start_server serve.log --data site --access-log off
NODE_PATH="$SOURCE/node_modules" node "$SOURCE/tests/conformance/feeds_check.mjs" "$PORT"
