#!/usr/bin/env bash
# make bench's WordPress import row (issue 24): a synthetic export of $WXR_POSTS posts with
# $WXR_COMMENTS comments (the theme unit test data's posts multiplied with new ids, by
# bench/synthetic_wxr.py; made once, then reused) imported into a new site; the time and the
# importer's peak resident memory (GNU time). Prints one JSON row:
# {"name": "WordPress import", "posts": ..., "comments": ..., "seconds": ..., "posts_per_s": ..., "peak_rss_kb": ...}
set -euo pipefail
cd "$(dirname "$0")/.."
KPRESS=${KPRESS:-build/kpress}
WORK=${BENCH_DIR:-bench/.work}
POSTS=${WXR_POSTS:-100000}
COMMENTS=${WXR_COMMENTS:-300000}
SOURCE=../shared/data/wxr-theme-test-data/themeunittestdata.wordpress.xml
EXPORT=$WORK/wordpress-$POSTS.xml
DATA=$WORK/wordpress-site
mkdir -p "$WORK"
GENERATOR=$(sha256sum bench/synthetic_wxr.py | cut -c1-16)
if [ "$(cat "$EXPORT.complete" 2>/dev/null)" != "$GENERATOR" ]; then
  echo "bench: writing a WordPress export of $POSTS posts and $COMMENTS comments" >&2
  python3 bench/synthetic_wxr.py "$SOURCE" "$POSTS" "$COMMENTS" "$EXPORT"
  echo "$GENERATOR" >"$EXPORT.complete"
fi
rm -rf "$DATA"
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$WORK/wordpress-import.rss" "$KPRESS" import --data "$DATA" --format wxr --json "$EXPORT" \
  >"$WORK/wordpress-import.json"
end=$(date +%s.%N)
python3 - "$WORK/wordpress-import.json" "$(cat "$WORK/wordpress-import.rss")" "$start" "$end" <<'PY'
import json, sys
report, rss, start, end = json.load(open(sys.argv[1])), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
posts, comments = report["results"]["articles"]["imported"], report["results"]["comments"]["imported"]
seconds = end - start
print(json.dumps({"name": "WordPress import", "posts": posts, "comments": comments, "seconds": round(seconds, 2),
                  "posts_per_s": round(posts / seconds), "peak_rss_kb": rss}))
PY
rm -rf "$DATA"
