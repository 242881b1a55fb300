#!/usr/bin/env bash
# `kpress import --format wxr --dry-run` on every WordPress export of ../shared/data: its counts
# of authors, terms, items (by type and status) and comments (by type and approval) against an
# independent count by Python's XML parser (wxr_census.py); the malformed file refused with its
# line; files that try entities, a DOCTYPE or a text node past libxml2's limit refused; nothing
# written by a dry run or a refused file; the same export imported twice changes nothing the
# second time. Usage: wxr_census.sh path/to/kpress SOURCE_DIR
KPRESS=$(realpath "$1")
SOURCE=$(realpath "$2")
DATA_DIR=$(realpath "$SOURCE/../shared/data")
source "$(dirname "$0")/../support/lib.sh"
cd "$SCRATCH"
census() { python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["file"]))'; }
compare() {  # kpress-json python-json
  python3 - "$1" "$2" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for key in ("authors", "terms", "items", "comments", "protected", "sticky"):
    if ours.get(key) != theirs.get(key):
        print(f"  {key}: kpress {json.dumps(ours.get(key), sort_keys=True)}, python {json.dumps(theirs.get(key), sort_keys=True)}")
        sys.exit(1)
PY
}
for file in "$DATA_DIR"/wxr-theme-test-data/*.xml "$DATA_DIR"/wxr-importer-fixtures/*.xml; do
  name=$(basename "$file")
  [ "$name" = malformed.xml ] && continue
  # "]]>" inside text (a post holding a CDATA section of its own, split badly by an old WordPress)
  # is not well-formed XML: libxml2 stops there, where WordPress's regular expressions go on.
  [ "$name" = crazy-cdata.xml ] && continue
  ours=$("$KPRESS" import --data site --format wxr --no-fetch --dry-run --json "$file" 2>err.txt | census) || { cat err.txt; fail "$name is read"; continue; }
  theirs=$(python3 "$SOURCE/tests/conformance/wxr_census.py" "$file")
  check "$name: the same counts as Python's parser" compare "$ours" "$theirs"
done
ours=$("$KPRESS" import --data site --format wxr --no-fetch --dry-run --json "$DATA_DIR/wxr-theme-test-data/themeunittestdata.wordpress.xml" | census)
check "the theme unit test data holds posts, pages and comments" python3 -c "
import json, sys; c = json.loads(sys.argv[1]); sys.exit(not (c['items']['post'] and c['items']['page'] and c['comments']))" "$ours"
blocks=$("$KPRESS" import --data site --format wxr --no-fetch --dry-run --json "$DATA_DIR/wxr-theme-test-data/64-block-test-data.xml" | census)
check "the block test data's dynamic blocks are listed as kept as text, with their posts" python3 -c "
import json, sys; k = json.loads(sys.argv[1])['kept_as_text']; sys.exit(not (k.get('block:latest-posts') and 'block:paragraph' not in k))" "$blocks"

refused() {  # name file expected-message
  local name=$1 file=$2 expected=$3 status=0
  "$KPRESS" import --data site --format wxr --no-fetch --dry-run "$file" >out.txt 2>err.txt || status=$?
  check "$name: refused" test "$status" -eq 1
  check "$name: named" grep -qF -- "$expected" err.txt
  [ "$status" -eq 1 ] || cat err.txt out.txt
}
python3 -c "
import xml.etree.ElementTree as ET, sys
ET.parse(sys.argv[1])" "$DATA_DIR/wxr-importer-fixtures/malformed.xml" 2>python.txt && fail "Python reads malformed.xml" || true
line=$(grep -o 'line [0-9]*, column' python.txt | head -n 1 | cut -d' ' -f2 | tr -d ,)
refused "malformed.xml" "$DATA_DIR/wxr-importer-fixtures/malformed.xml" "malformed.xml:$line:"
refused "crazy-cdata.xml" "$DATA_DIR/wxr-importer-fixtures/crazy-cdata.xml" "crazy-cdata.xml:18:70: Sequence ']]>' not allowed in content"

cat >laughs.xml <<'XML'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&c;</title></channel></rss>
XML
refused "a billion laughs" laughs.xml "laughs.xml:"
cat >external.xml <<'XML'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&secret;</title></channel></rss>
XML
refused "an external entity" external.xml "a document type declaration (DOCTYPE)"
check "the external file is not read" sh -c '! grep -q "root:" out.txt err.txt'
python3 -c "
import sys
with open('huge.xml', 'w') as f:
    f.write('<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item><title>')
    f.write('x' * (100 * 1024 * 1024))
    f.write('</title></item></channel></rss>\n')"
refused "a 100 MB text node" huge.xml "huge.xml:"
rm -f huge.xml
printf '<?xml version="1.0"?>\n<html><body/></html>\n' >page.xml
refused "not an export" page.xml "not a WordPress export"
# Nothing of the dry runs and refused files was kept: the first import makes everything anew.
"$KPRESS" import --data site --format wxr --no-fetch --json "$DATA_DIR/wxr-importer-fixtures/small-export.xml" >first.json 2>err.txt ||
  { cat err.txt; fail "small-export.xml is imported"; }
check "the dry runs and the refused files wrote nothing" python3 -c "
import json, sys; r = json.load(open('first.json'))['results']
sys.exit(not (r['articles']['imported'] > 0 and all(c['unchanged'] == 0 and c['updated'] == 0 for c in r.values())))"
"$KPRESS" import --data site --format wxr --no-fetch --json "$DATA_DIR/wxr-importer-fixtures/small-export.xml" >again.json 2>err.txt ||
  { cat err.txt; fail "small-export.xml is imported again"; }
check "importing the same export again changes nothing" python3 -c "
import json, sys; r = json.load(open('again.json'))['results']
sys.exit(not (r['articles']['unchanged'] > 0 and all(c['imported'] == 0 and c['updated'] == 0 for c in r.values())))"
# Bad options are named, and change nothing.
status=0
"$KPRESS" import --data site --format wxr --utc-offset +25:00 "$DATA_DIR/wxr-importer-fixtures/small-export.xml" >out.txt 2>err.txt || status=$?
check "a bad --utc-offset is refused" test "$status" -eq 2
check "and named" grep -qF -- "--utc-offset '+25:00' is not an offset" err.txt
status=0
"$KPRESS" import --data site --format wxr --uploads no-such-folder "$DATA_DIR/wxr-importer-fixtures/small-export.xml" >out.txt 2>err.txt || status=$?
check "a missing --uploads folder is refused" test "$status" -eq 1
check "and named" grep -qF -- "--uploads no-such-folder is not a folder" err.txt
finish
