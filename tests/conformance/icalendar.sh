#!/usr/bin/env bash
# kpress's iCalendar subscriptions read by ical.js (icalendar_check.mjs): every event expanded,
# in its zone, to the instants the schedule API gives.
# Usage: icalendar.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
SOURCE=$(realpath "$2")
source "$(dirname "$0")/../support/lib.sh"
[ -d "$SOURCE/node_modules/ical.js" ] || { echo "ical.js not installed: run scripts/install-deps"; exit 1; }
cd "$SCRATCH"
# Beside the demo: a New York show across the 2021 change to summer time, with a moved episode,
# one airing now in Paris (so the site-wide calendar has something this season), and a person
# born on 29 February.
start=$(date -u -d '35 days ago' +%F)
cat >catalog.json <<JSON
{"people": [{"slug": "leap-star", "name": "Leap Star", "birth_date": "1992-02-29"}],
 "shows": [
  {"slug": "new-york-nights", "title": "New York Nights", "episode_count": 4, "first_air_date": "2021-03-07",
   "slots": [{"days": "Sunday", "time": "20:00", "time_zone": "America/New_York"}],
   "changes": [{"kind": "moved", "date": "2021-03-21", "time": "22:30", "reason": "Basket-ball"}]},
  {"slug": "paris-now", "title": "Paris Now", "episode_count": 40, "first_air_date": "$start",
   "slots": [{"days": "Monday, Friday", "time": "20:45", "time_zone": "Europe/Paris"}]}]}
JSON
start_server first.log --data site --access-log off  # creates the demo site
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
"$KPRESS" catalog import --data site --format json catalog.json >import.log
start_server serve.log --data site --access-log off
NODE_PATH="$SOURCE/node_modules" node "$SOURCE/tests/conformance/icalendar_check.mjs" "$PORT"
