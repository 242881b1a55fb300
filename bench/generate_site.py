#!/usr/bin/env python3
"""Writes N synthetic articles as kpress JSON import files (1,000 a file) for `make bench`.

The text is generated here from word lists; it mentions the demo catalog's people and shows so
entity linking does real work. Deterministic: the same N gives the same files.
Usage: generate_site.py N OUT_DIR
"""
import datetime
import json
import os
import random
import sys

SECTIONS = ["bts", "kpop", "kdrama", "tele"]
AUTHORS = ["camille-moreau", "jinah-park", "lea-martin"]
LANGUAGES = ["fr", "fr", "fr", "en", "ko"]
NAMES = ["Im Siwan", "Shin Se Kyung", "BTS", "Run On", "Jimin", "The King Loves", "Kang Tae Oh", "Yoona"]
WORDS = ("comeback tournée album drama épisode tournage coulisses concert fans annonce première saison "
         "chanson clip classement émission invité plateau scène rôle série diffusion affiche bande-annonce "
         "surprise anniversaire récompense cérémonie collaboration single teaser").split()
TAGS = ["im-siwan", "run-on", "bts", "comeback", "drama", "concert", "ost", "variete"]


def paragraph(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(25, 45))]
    words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def article(i, rng):
    title_words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 8)))
    published = 1577836800 + i * 600  # from 2020-01-01, every ten minutes
    stamp = datetime.datetime.fromtimestamp(published, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = "\n\n".join(paragraph(rng) for _ in range(rng.randint(4, 7)))
    return {
        "title": f"{rng.choice(NAMES)} : {title_words} ({i})",
        "language": rng.choice(LANGUAGES),
        "section": rng.choice(SECTIONS),
        "author": rng.choice(AUTHORS),
        "tags": rng.sample(TAGS, 2),
        "standfirst": paragraph(rng)[:160],
        "status": "published",
        "published_at": stamp,
        "body": body,
    }


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(42)
    for start in range(0, n, 1000):
        items = [article(i, rng) for i in range(start, min(n, start + 1000))]
        with open(os.path.join(out, f"articles-{start // 1000:04d}.json"), "w", encoding="utf-8") as f:
            json.dump({"articles": items}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
