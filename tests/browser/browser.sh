#!/usr/bin/env bash
# Browser tests: Debian's Chromium, driven by playwright-core, on the demo site plus an article
# with a video and Run On's streaming links by region (engagement_check.mjs), and the newsroom
# (newsroom_check.mjs), comments (comments_check.mjs), and every language edition (editions_check.mjs). Screenshots are kept in ARTIFACTS (default: the build's
# test-artifacts folder).
# Usage: browser.sh path/to/kpress SOURCE_DIR [ARTIFACTS]
KPRESS=$(realpath "$1")
SOURCE=$(realpath "$2")
ARTIFACTS=${3:-$(dirname "$KPRESS")/test-artifacts}
source "$(dirname "$0")/../support/lib.sh"
[ -d "$SOURCE/node_modules/playwright-core" ] || { echo "playwright-core not installed: run scripts/install-deps"; exit 1; }
[ -x /usr/bin/chromium ] || { echo "Chromium not installed: run scripts/install-deps"; exit 1; }
mkdir -p "$ARTIFACTS"
cd "$SCRATCH"
cat >video.md <<'MD'
+++
title = "Le teaser de «Run On» en vidéo"
slug = "teaser-run-on-video"
language = "fr"
section = "kdrama"
author = "camille-moreau"
tags = ["Run On"]
standfirst = "Deux minutes avec Im Siwan et Shin Se Kyung."
status = "published"
published_at = 2021-01-10T09:00:00Z
+++

Le teaser de Run On, avec Im Siwan :

https://www.youtube.com/watch?v=dQw4w9WgXcQ

Bonne découverte.
MD
cat >streaming.json <<'JSON'
{"shows": [{"slug": "run-on", "title": "Run On", "streaming": [
  {"provider": "Netflix", "url": "https://www.netflix.com/title/81340160", "regions": ["FR", "BE"]},
  {"provider": "Viki", "url": "https://www.viki.com/tv/run-on", "regions": ["US"]}]},
  {"slug": "coming-soon", "title": "Coming Soon", "original_title": "커밍 순", "episode_count": 10, "first_air_date": "2030-01-02",
   "status": "upcoming", "slots": [{"days": "Wednesday", "time": "21:00", "time_zone": "Asia/Seoul"}]}]}
JSON
# A right-to-left language, with an article in it (editions_check.mjs).
cat >site.toml <<'TOML'
[[languages]]
code = "ar"
name = "العربية"
TOML
cat >arabic.md <<'MD'
+++
title = "مسلسل «ران أون»: خمسة أشياء يجب معرفتها"
slug = "run-on-bil-arabiya"
language = "ar"
section = "kdrama"
author = "camille-moreau"
standfirst = "كل ما تحتاج معرفته عن المسلسل الكوري قبل مشاهدته."
status = "published"
published_at = 2021-01-11T09:00:00Z
+++

يروي المسلسل قصة عدّاء سابق ومترجمة أفلام، وتُعرض حلقاته كل أربعاء وخميس.
MD
start_server first.log --data site --access-log off  # creates the demo site
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
"$KPRESS" import --data site video.md >import.log
mkdir arabic && mv site.toml arabic.md arabic/
"$KPRESS" import --data site arabic >>import.log
"$KPRESS" catalog import --data site --format json streaming.json >catalog.log
echo "an editor's long password" | "$KPRESS" user add --data site --email editor@example.org --role editor >user.log
printf 'comments_per_minute = 0\n' >serve.toml  # comments_check.mjs posts a dozen from one address
start_server serve.log --data site --access-log off --config serve.toml
status=0
NODE_PATH="$SOURCE/node_modules" node "$SOURCE/tests/browser/engagement_check.mjs" "$PORT" "$ARTIFACTS" || status=1
# The newsroom: signing in, writing with the live preview, autosave, scheduling, translating.
NODE_PATH="$SOURCE/node_modules" node "$SOURCE/tests/browser/newsroom_check.mjs" "$PORT" "$ARTIFACTS" \
  editor@example.org "an editor's long password" || status=1
# Comments: without and with JavaScript, moderation, hostile comments read in the browser.
NODE_PATH="$SOURCE/node_modules" node "$SOURCE/tests/browser/comments_check.mjs" "$PORT" "$ARTIFACTS" \
  editor@example.org "an editor's long password" || status=1
# Every language edition at a phone's width and a desktop's; right to left.
NODE_PATH="$SOURCE/node_modules" node "$SOURCE/tests/browser/editions_check.mjs" "$PORT" "$ARTIFACTS" || status=1
exit $status
