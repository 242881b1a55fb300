#!/usr/bin/env bash
# Every page type of the demo site through the Nu Html Checker (vnu-jar from npm): no errors.
# Usage: html_validity.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
VNU="$2/node_modules/vnu-jar/build/dist/vnu.jar"
source "$(dirname "$0")/../support/lib.sh"
[ -f "$VNU" ] || { echo "vnu.jar not found at $VNU: run scripts/install-deps"; exit 1; }
cd "$SCRATCH"
start_server serve.log --data site --access-log off

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
)
mkdir pages
for name in "${!pages[@]}"; do
  curl -sS -o "pages/$name.html" "http://127.0.0.1:$PORT${pages[$name]}"
  check "$name page is not empty" test -s "pages/$name.html"
done
if java -jar "$VNU" --errors-only --format text pages/*.html >vnu.txt 2>&1; then
  pass "vnu finds no error in ${#pages[@]} pages"
else
  fail "vnu finds errors:"; cat vnu.txt
fi
finish
