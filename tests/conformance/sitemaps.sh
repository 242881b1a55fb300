#!/usr/bin/env bash
# Sitemaps and robots.txt of the demo site (plus an article published an hour ago, for the news
# sitemap): urlset sitemaps validated with xmllint against sitemaps.org's sitemap.xsd (from the
# npm package "sitemap"); the index and the Google News sitemap checked element by element.
# Usage: sitemaps.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
SOURCE=$(realpath "$2")
XSD="$SOURCE/node_modules/sitemap/schema/sitemap.xsd"
source "$(dirname "$0")/../support/lib.sh"
[ -f "$XSD" ] || { echo "sitemap.xsd not installed: run scripts/install-deps"; exit 1; }
cd "$SCRATCH"
"$KPRESS" import --data site "$SOURCE/demo" >/dev/null
cat >fresh.md <<MD
+++
title = "Dernière minute : un nouveau teaser"
language = "fr"
section = "kpop"
status = "published"
published_at = $(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)
+++

Texte.
MD
"$KPRESS" import --data site fresh.md >/dev/null
start_server serve.log --data site --access-log off
BASE="http://127.0.0.1:8080"  # the site's base_url, in every <loc>
get() { curl -fsS "http://127.0.0.1:$PORT${1#"$BASE"}"; }

get /sitemap.xml >index.xml
check "the index lists the sitemaps" python3 - <<'PY'
import xml.etree.ElementTree as ET
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
root = ET.parse("index.xml").getroot()
assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex", root.tag
locs = [e.text for e in root.findall("s:sitemap/s:loc", ns)]
names = [l.rsplit("/", 1)[1] for l in locs]
assert names == ["pages.xml", "articles-1.xml", "shows-1.xml", "people-1.xml", "groups-1.xml", "news.xml"], names
assert root.find("s:sitemap/s:lastmod", ns) is not None
open("locs.txt", "w").write("\n".join(locs) + "\n")
PY
while read -r loc; do
  file=$(basename "$loc")
  get "$loc" >"$file"
  [ "$file" = news.xml ] && continue
  check "$file is valid against sitemap.xsd" xmllint --noout --schema "$XSD" "$file"
done <locs.txt
check "the articles sitemap has every published article with its lastmod" python3 - <<'PY'
import xml.etree.ElementTree as ET
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
urls = ET.parse("articles-1.xml").getroot().findall("s:url", ns)
assert len(urls) == 25, len(urls)  # 24 demo articles and the fresh one; no draft, scheduled or withdrawn
assert all(u.find("s:lastmod", ns) is not None for u in urls)
assert not any("rumeur" in u.find("s:loc", ns).text or "2030" in u.find("s:loc", ns).text for u in urls)
PY
check "the catalog sitemaps list the demo's shows and people" bash -c \
  "grep -q '/shows/run-on</loc>' shows-1.xml && grep -q '/people/im-siwan</loc>' people-1.xml && grep -q '/groups/bts</loc>' groups-1.xml"
check "the news sitemap has the last 48 hours only" python3 - <<'PY'
import xml.etree.ElementTree as ET
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
urls = ET.parse("news.xml").getroot().findall("s:url", ns)
assert len(urls) == 1, len(urls)
news = urls[0].find("n:news", ns)
assert news.find("n:publication/n:name", ns).text == "K-Actu"
assert news.find("n:publication/n:language", ns).text == "fr"
assert news.find("n:title", ns).text == "Dernière minute : un nouveau teaser"
assert news.find("n:publication_date", ns).text.endswith("Z")
PY
echo "$PORT" >port.txt
check "every language edition's lists and catalog pages are listed, and each answers" python3 - <<'PY'
import urllib.request, xml.etree.ElementTree as ET, os
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
pages = [u.text for u in ET.parse("pages.xml").getroot().findall("s:url/s:loc", ns)]
shows = [u.text for u in ET.parse("shows-1.xml").getroot().findall("s:url/s:loc", ns)]
base = "http://127.0.0.1:8080"
for path in ["/", "/en/", "/ko/", "/section/kdrama", "/en/section/kdrama", "/ko/tag/im-siwan", "/en/schedule", "/ko/birthdays"]:
    assert base + path in pages, path
assert not any("/lang/" in p for p in pages)
for path in ["/shows/run-on", "/en/shows/run-on", "/ko/shows/run-on"]:
    assert base + path in shows, path
port = open("port.txt").read().strip()
for loc in pages + shows:
    status = urllib.request.urlopen("http://127.0.0.1:" + port + loc[len(base):]).status
    assert status == 200, (loc, status)
PY
get /robots.txt >robots.txt
check "robots.txt points at the index" grep -qx "Sitemap: $BASE/sitemap.xml" robots.txt
check "an unknown sitemap is 404" test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/sitemaps/articles-9.xml")" = 404
finish
