#!/usr/bin/env python3
"""Writes N articles as kpress JSON import files (1,000 a file) for `make bench`, from real text.

Search latency and page sizes depend on the words a site really uses: a query for "comeback" or
"BLACKPINK" must match as many articles as it would on a real fan site, not half of them as with
words drawn from a short list. So each article is made of real news text, read in place from
../shared/data (its README allows benchmark input): the headline of one of the 1,880 allkpop
headlines, and the sentences of one of the 374 Koreaboo/Soompi articles (a run of them, as
paragraphs), plus one sentence naming someone in the demo catalog so entity linking links
something on every page. Deterministic: the same N gives the same files.
Usage: generate_site.py N OUT_DIR
"""
import csv
import datetime
import json
import os
import random
import re
import sys

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
SECTIONS = ["bts", "kpop", "kdrama", "tele"]
AUTHORS = ["camille-moreau", "jinah-park", "lea-martin"]
LANGUAGES = ["en", "en", "en", "fr"]
NAMES = ["Im Siwan", "Shin Se Kyung", "BTS", "Run On", "Jimin", "The King Loves", "Kang Tae Oh", "Yoona"]
TAGS = ["im-siwan", "run-on", "bts", "comeback", "drama", "concert", "ost", "variete"]


def real_text():
    with open(os.path.join(DATA, "kpop-news-koreaboo-soompi", "label_new_1203.csv"), encoding="utf-8") as f:
        stories = [re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", row["Content"].replace("\xa0", " ").strip())
                   for row in csv.DictReader(f)]
    with open(os.path.join(DATA, "kpop-news-allkpop-headlines", "kpop_news_trends.csv"), encoding="utf-8") as f:
        headlines = [row["title"].strip() for row in csv.DictReader(f) if row["title"].strip()]
    return [s for s in stories if len(s) >= 4], headlines


def slug(text):
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "article"


def paragraphs(sentences, rng):
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(2, 4)
        out.append(" ".join(sentences[i:i + n]))
        i += n
    return out


def article(i, rng, stories, headlines):
    story = rng.choice(stories)
    start = rng.randint(0, len(story) // 3)
    sentences = story[start:start + rng.randint(8, 24)]
    name = rng.choice(NAMES)
    sentences.insert(rng.randint(0, len(sentences)), f"{name} was also mentioned by fans this week.")
    published = 1577836800 + i * 600  # from 2020-01-01, every ten minutes
    stamp = datetime.datetime.fromtimestamp(published, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    title = rng.choice(headlines)
    return {
        "title": title,
        "slug": f"{slug(title)}-{i}",  # headlines repeat: the number tells their articles apart
        "language": rng.choice(LANGUAGES),
        "section": rng.choice(SECTIONS),
        "author": rng.choice(AUTHORS),
        "tags": rng.sample(TAGS, 2),
        "standfirst": sentences[0][:160],
        "status": "published",
        "published_at": stamp,
        "body": "\n\n".join(paragraphs(sentences, rng)),
    }


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    stories, headlines = real_text()
    rng = random.Random(42)
    for start in range(0, n, 1000):
        items = [article(i, rng, stories, headlines) for i in range(start, min(n, start + 1000))]
        with open(os.path.join(out, f"articles-{start // 1000:04d}.json"), "w", encoding="utf-8") as f:
            json.dump({"articles": items}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
