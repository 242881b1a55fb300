#!/usr/bin/env bash
# Every page type of the demo site through the Nu Html Checker (vnu-jar from npm): no errors;
# with them, the articles and pages of WordPress's theme and block test data imported into it.
# Usage: html_validity.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
VNU="$2/node_modules/vnu-jar/build/dist/vnu.jar"
source "$(dirname "$0")/../support/lib.sh"
[ -f "$VNU" ] || { echo "vnu.jar not found at $VNU: run scripts/install-deps"; exit 1; }
cd "$SCRATCH"
start_server serve.log --data site --access-log off

# WordPress's own test content, imported by another process while the site runs.
DATA_DIR=$(realpath "$2/../shared/data")
for export in themeunittestdata.wordpress.xml 64-block-test-data.xml; do
  "$KPRESS" import --data site --format wxr --no-fetch "$DATA_DIR/wxr-theme-test-data/$export" >import.txt 2>&1 ||
    { cat import.txt; fail "$export is imported"; }
done

declare -A pages=(
  [home]="/"
  [home-page-2]="/?page=2"
  [article]="/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire"
  [article-ko]="/articles/wang-eun-salanghanda-dasi-bogi"
  [article-translation]="/articles/cinq-choses-a-savoir-sur-run-on"
  [section]="/section/kdrama"
  [tag]="/tag/im-siwan"
  [author]="/author/camille-moreau"
  [not-found]="/articles/nothing-here"
  [gone]="/articles/rumeur-tournage-annule"
  [bad-request]="/?page=zero"
  [show]="/shows/run-on"
  [person]="/people/im-siwan"
  [group]="/groups/bts"
  [network]="/networks/jtbc"
  [shows]="/shows?network=jtbc"
  [people]="/people?q=kim"
  [groups]="/groups"
  [schedule]="/schedule?week=2020-12-14"
  [schedule-paris]="/schedule?week=2020-12-14&tz=Europe/Paris"
  [birthdays]="/birthdays?month=12"
  [bad-zone]="/schedule?tz=Mars/Olympus"
  [search]="/search?q=Im+Siwan"
  [search-empty]="/search?q=zzzzqqq&type=article&lang=fr"
)
# Every imported post and page readers may see.
while read -r kind slug; do
  if [ "$kind" = page ]; then pages[wp-page-$slug]="/$slug"; else pages[wp-$slug]="/articles/$slug"; fi
done < <(python3 -c "
import sqlite3
db = sqlite3.connect('site/kpress.db')
for kind, slug in db.execute(\"SELECT a.kind, a.slug FROM articles a JOIN import_origins o ON o.kind = 'post' AND o.target = CAST(a.id AS TEXT) WHERE a.status = 'published' AND a.trashed_at IS NULL\"):
    print(kind, slug)")
check "the imported posts and pages are many" test "${#pages[@]}" -gt 100
mkdir pages
for name in "${!pages[@]}"; do
  curl -sS -o "pages/$name.html" "http://127.0.0.1:$PORT${pages[$name]}"
  check "$name page is not empty" test -s "pages/$name.html"
done
# The same pages in the English and Korean editions.
for lang in en ko; do
  for path in / /section/kdrama /tag/im-siwan /author/camille-moreau /shows /shows/run-on /people/im-siwan /groups/bts \
              "/schedule?week=2020-12-14" "/birthdays?month=12" "/search?q=Im+Siwan" /xx-not-here; do
    name="edition-$lang$(echo "$path" | tr '/?=&+' '-----')"
    curl -sS -o "pages/$name.html" "http://127.0.0.1:$PORT/$lang$path"
    check "$name page is not empty" grep -q "</main>" "pages/$name.html"
  done
done
check "the Korean edition speaks Korean" grep -q '<html lang="ko" dir="ltr">' pages/edition-ko-people-im-siwan.html

# The newsroom's pages, signed in as an owner (who sees them all).
echo "an owner's long password" | "$KPRESS" user add --data site --email owner@example.org --role owner >/dev/null
ADMIN="http://127.0.0.1:$PORT/admin"
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -n1 | sed 's/.*value="//; s/"$//'; }
curl -sS -c jar -b jar -o pages/admin-login.html "$ADMIN/login"
curl -sS -c jar -b jar -o /dev/null --data-urlencode "csrf=$(csrf_of pages/admin-login.html)" \
  --data-urlencode "email=owner@example.org" --data-urlencode "password=an owner's long password" "$ADMIN/login"
id_of() { python3 -c "import sqlite3, sys; print(sqlite3.connect('site/kpress.db').execute('SELECT id FROM articles WHERE slug = ?', (sys.argv[1],)).fetchone()[0])" "$1"; }
PORTRAIT=$(id_of im-siwan-de-la-scene-k-pop-aux-premiers-roles)
curl -sS -c jar -b jar -o pages/admin-editor.html "$ADMIN/articles/$PORTRAIT"
curl -sS -c jar -b jar -o /dev/null --data-urlencode "csrf=$(csrf_of pages/admin-editor.html)" --data-urlencode "language=en" \
  -w '%{redirect_url}' "$ADMIN/articles/$PORTRAIT/translate" >translation-url.txt
check "an owner can translate" grep -q "/admin/articles/" translation-url.txt
curl -sS -c jar -b jar -o pages/admin-translation.html "$(cat translation-url.txt)"
declare -A admin_pages=(
  [admin-articles]="/articles?status=published&lang=fr"
  [admin-new]="/articles/new"
  [admin-revisions]="/articles/$PORTRAIT/revisions"
  [admin-users]="/users"
  [admin-audit]="/audit"
  [admin-media]="/media"
  [admin-catalog]="/catalog?kind=people&q=kim"
  [admin-catalog-entry]="/catalog/shows/run-on"
  [admin-pages]="/articles?kind=page"
  [admin-new-page]="/articles/new?kind=page"
  [admin-redirects]="/redirects?q=category"
)
for name in "${!admin_pages[@]}"; do
  curl -sS -c jar -b jar -o "pages/$name.html" "$ADMIN${admin_pages[$name]}"
  check "$name page is not empty" grep -q "</main>" "pages/$name.html"
done
check "the translation's editor shows its source" grep -q 'class="editor-source"' pages/admin-translation.html
curl -sS -c jar -b jar -o pages/admin-featured.html "$ADMIN/featured"

# Comments: a reader's waiting comment (seen from their browser), one approved in the newsroom
# (under the article, its reply and report pages), a refused form, and the newsroom's pages.
SITE="http://127.0.0.1:$PORT"
SLUG=le-lightstick-bien-plus-qu-un-accessoire-de-concert
ARTICLE_ID=$(id_of "$SLUG")
comment_id() { python3 -c "import sys, json; print(json.load(sys.stdin)['id'])"; }
SHOWN=$(curl -fsS -c reader -b reader -H 'Content-Type: application/json' \
  -d '{"author":"Minji","body":"Un *avis* avec [un lien](https://example.org)\n\n> et une citation"}' \
  "$SITE/api/v1/articles/$ARTICLE_ID/comments" | comment_id)
WAITING=$(curl -fsS -c reader -b reader -H 'Content-Type: application/json' -d '{"author":"Minji","body":"Un second avis"}' \
  "$SITE/api/v1/articles/$ARTICLE_ID/comments" | comment_id)
curl -sS -b reader -o pages/comment-waiting.html "$SITE/comments/$WAITING"
check "its writer sees the waiting comment" grep -q 'comment-pending' pages/comment-waiting.html
curl -sS -c jar -b jar -o pages/admin-comments.html "$ADMIN/comments"
curl -sS -c jar -b jar -o /dev/null --data-urlencode "csrf=$(csrf_of pages/admin-comments.html)" --data-urlencode "id=$SHOWN" \
  --data-urlencode "action=approve" "$ADMIN/comments"
curl -sS -o pages/article-with-comments.html "$SITE/articles/$SLUG"
check "the approved comment is under the article" grep -q "id=\"comment-$SHOWN\"" pages/article-with-comments.html
curl -sS -o pages/comment-reply.html "$SITE/comments/$SHOWN/reply"
curl -sS -o pages/comment-report.html "$SITE/comments/$SHOWN/report"
curl -sS -o pages/comment-refused.html --data-urlencode "author=" --data-urlencode "body=Sans nom" --data-urlencode "token=0.0" \
  "$SITE/articles/$SLUG/comments"
check "a refused comment names what is wrong" grep -q 'form-errors' pages/comment-refused.html
curl -sS -c jar -b jar -o pages/admin-comment.html "$ADMIN/comments/$SHOWN"
curl -sS -c jar -b jar -o pages/admin-comment-settings.html "$ADMIN/comments/settings"
check "the newsroom's comment pages are there" grep -q '</main>' pages/admin-comment-settings.html
# The newsroom in Korean, the owner's choice.
curl -sS -c jar -b jar -o /dev/null --data-urlencode "csrf=$(csrf_of pages/admin-featured.html)" --data-urlencode "language=ko" \
  "$ADMIN/account/language"
curl -sS -c jar -b jar -o pages/admin-ko-editor.html "$ADMIN/articles/$PORTRAIT"
curl -sS -c jar -b jar -o pages/admin-ko-featured.html "$ADMIN/featured"
check "the newsroom speaks the owner's language" grep -q '<html lang="ko" dir="ltr">' pages/admin-ko-editor.html

if java -jar "$VNU" --errors-only --format text pages/*.html >vnu.txt 2>&1; then
  pass "vnu finds no error in $(ls pages | wc -l) pages"
else
  fail "vnu finds errors:"; cat vnu.txt
fi
finish
