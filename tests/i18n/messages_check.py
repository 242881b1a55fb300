#!/usr/bin/env python3
"""Every word of interface text is a message, and every catalog has them all.

1. Templates: once the {{#_}}messages{{/_}} and the {{values}} are taken out, no text a reader
   reads is left (text between tags, and the alt, title, aria-label, placeholder and label
   attributes): a word left there would show in one language on every edition.
2. C++ and the theme's scripts: no string literal holds French (the interface's former language)
   outside a message; English ids are the messages themselves. Scripts take their words from
   the page.
3. Catalogs: kpress.pot lists what scripts/extract-messages finds now, and fr, en and ko each
   translate every message of it (GNU msgcmp and msgfmt --statistics say so)."""
import html.parser, pathlib, re, subprocess, sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
THEME = ROOT / "themes" / "default"
LANGUAGES = ["fr", "en", "ko"]
# Names that are the same in every language.
NAMES = {"RSS", "Atom", "JSON", "Feed", "kpress", "iCalendar"}
READABLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "label"}
problems = []


class TextFinder(html.parser.HTMLParser):
    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where, self.skip = where, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name in READABLE_ATTRIBUTES and value:
                self.check(value, f"attribute {name}")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if not self.skip:
            self.check(data, "text")

    def check(self, text, what):
        words = [w for w in re.findall(r"[^\W\d_]{2,}", text) if w not in NAMES]
        if words:
            line = self.getpos()[0]
            problems.append(f"{self.where}:{line}: {what} '{text.strip()[:60]}' is not a message")


def check_templates():
    checked = 0
    for path in sorted((THEME / "templates").rglob("*.mustache")):
        source = path.read_text(encoding="utf-8")
        # Messages and values keep their lines: newlines only are kept of what is taken out.
        blank = lambda m: re.sub(r"[^\n]", "", m.group(0)) + " "
        source = re.sub(r"\{\{#_\}\}.*?\{\{/_\}\}", blank, source, flags=re.S)
        source = re.sub(r"\{\{\{?.*?\}?\}\}", blank, source, flags=re.S)
        finder = TextFinder(str(path.relative_to(ROOT)))
        finder.feed(source)
        finder.close()
        checked += 1
    return checked


FRENCH = re.compile(r"[àâçéèêëîïôûùüÿœÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ’]|\b(?:le|la|les|des|du|une|est|pas|aucun|aucune|sur|pour|avec|dans)\b"
                    r"|\b(?:[Rr]ubrique|[Aa]uteur|[Ll]angue|[Bb]rouillon|[Ff]iche|[Aa]ccueil|[Rr]etour|[Ss]uivante?|[Tt]outes?)\b")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
MESSAGE_CALL = re.compile(r"\b(?:speech|speech_of\([^()]*\)|messages\(\)|messages)\.(?:text|plural|counted)\(|\bN_\(")
# Where interface text is written in C++: the reader's views, the renderer, the newsroom, and
# core's rules whose errors the newsroom shows.
CPP_FOLDERS = ("site", "render", "admin", "core")


def check_cpp():
    checked = 0
    for folder in CPP_FOLDERS:
        for path in sorted((ROOT / "src" / folder).rglob("*.cpp")):
            checked += 1
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("//", 1)[0]
                if MESSAGE_CALL.search(code):
                    continue
                if re.search(r"speech_in\([^;]*\)\.(?:text|counted)\(", code):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: a message asked of speech_in(...) directly: "
                                    "scripts/extract-messages finds only speech.text(...) and messages.text(...)")
                for literal in STRING.findall(code):
                    if FRENCH.search(literal):
                        problems.append(f"{path.relative_to(ROOT)}:{number}: \"{literal[:60]}\" is interface text, not a message")
    return checked


JS_STRING = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`""")


def check_scripts():
    """The theme's scripts write no words of their own: they take them from the page (data-*
    attributes holding messages), so that they speak the page's language."""
    checked = 0
    for path in sorted((THEME / "assets").glob("*.js")):
        checked += 1
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0]
            for groups in JS_STRING.findall(code):
                literal = next(g for g in groups if g) if any(groups) else ""
                if FRENCH.search(literal):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: '{literal[:60]}' is interface text, not a message")
    return checked


def check_catalogs():
    pot = THEME / "locale" / "kpress.pot"
    before = pot.read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract-messages"), "--print"], capture_output=True,
                         text=True, check=True).stdout
    # The messages, not where they are: a line moved in a source leaves the catalogs right.
    ids = lambda text: sorted(re.findall(r'^msgid (".*")\n(?:msgid_plural (".*"))?', text, re.M))
    if ids(out) != ids(before):
        problems.append("themes/default/locale/kpress.pot lacks messages scripts/extract-messages finds, or has gone ones: "
                        "run scripts/extract-messages --update and translate")
    for language in LANGUAGES:
        po = THEME / "locale" / f"{language}.po"
        if not po.exists():
            problems.append(f"{po.relative_to(ROOT)}: missing")
            continue
        same = subprocess.run(["msgcmp", str(po), str(pot)], capture_output=True, text=True)
        if same.returncode != 0:
            problems.append(f"{po.relative_to(ROOT)} lacks messages of kpress.pot:\n{same.stderr.strip()}")
        stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        summary = stats.stderr.strip().splitlines()[-1] if stats.stderr.strip() else ""
        if stats.returncode != 0 or "untranslated" in summary or "fuzzy" in summary:
            problems.append(f"{po.relative_to(ROOT)}: {summary or stats.stderr.strip()}")


templates = check_templates()
sources = check_cpp()
scripts = check_scripts()
check_catalogs()
print(f"checked {templates} templates, "
      f"{sources} C++ files of src/{', src/'.join(CPP_FOLDERS)}, {scripts} scripts, "
      f"catalogs {', '.join(LANGUAGES)}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
