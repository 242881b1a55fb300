// Reads kpress's feeds with real parsers (feedparser, rss-parser) and checks what a feed reader
// would show. Usage: node feeds_check.mjs PORT. Prints "N passed, M failed".
import { createRequire } from "node:module";
import { Readable } from "node:stream";
const require = createRequire(import.meta.url);
const FeedParser = require("feedparser");
const RssParser = require("rss-parser");

import { check, get, finish } from "./checks.mjs";
function feedparser(text) {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser();
    const items = [];
    let meta;
    parser.on("error", reject);
    parser.on("meta", (m) => { meta = m; });
    parser.on("readable", function () { let item; while ((item = this.read())) items.push(item); });
    parser.on("end", () => resolve({ meta, items }));
    Readable.from([text]).pipe(parser);
  });
}

// The site's feeds are its French edition's (its default language); the others have their own.
const latest = JSON.parse((await get("/api/v1/articles?limit=1&lang=fr")).text).items[0];
const total = JSON.parse((await get("/api/v1/articles?limit=1&lang=fr")).text).total;
check("the French edition has more than a feed page", total > 20, total);

for (const [file, type] of [["feed.xml", "application/rss+xml"], ["feed.atom", "application/atom+xml"]]) {
  const res = await get("/" + file);
  check(`${file}: 200 with its type`, res.status === 200 && res.type.startsWith(type), res.type);
  const { meta, items } = await feedparser(res.text);
  check(`${file}: feedparser reads the site title`, meta.title === "K-Actu", meta.title);
  check(`${file}: 20 items a page`, items.length === 20, items.length);
  check(`${file}: the newest article first`, items[0].title === latest.title && items[0].link === latest.url,
        `${items[0].title} ${items[0].link}`);
  check(`${file}: items carry dates, authors, categories and full content`,
        items.every((i) => i.pubdate && i.author && i.categories.length > 0 && i.description.length > 0));
  const withImage = items.find((i) => i.enclosures.length > 0);
  check(`${file}: the hero image is an enclosure`, withImage && withImage.enclosures[0].url.startsWith("http://"));
  const rss = await new RssParser().parseString(res.text);
  check(`${file}: rss-parser reads the same items`, rss.items.length === 20 && rss.items[0].title === latest.title);
  const page2 = await feedparser((await get("/" + file + "?page=2")).text);
  check(`${file}: page 2 holds the rest`, page2.items.length === total - 20, page2.items.length);
  check(`${file}: pages do not overlap`, !page2.items.some((i) => items.some((j) => j.link === i.link)));
}

const json = await get("/feed.json");
check("feed.json: 200 with its type", json.status === 200 && json.type.startsWith("application/feed+json"));
const jf = JSON.parse(json.text);
check("feed.json: JSON Feed 1.1", jf.version === "https://jsonfeed.org/version/1.1" && jf.title === "K-Actu");
check("feed.json: items with ids, urls, titles and HTML", jf.items.length === 20 &&
      jf.items.every((i) => i.id && i.url && i.title && i.content_html && i.date_published));
check("feed.json: next_url for the older page", jf.next_url && jf.next_url.endsWith("/feed.json?page=2"));
check("feed.json: unique ids", new Set(jf.items.map((i) => i.id)).size === jf.items.length);

const section = await feedparser((await get("/section/bts/feed.atom")).text);
check("section feed: only its articles", section.items.length === 10 &&
      section.items.every((i) => i.categories.includes("BTS")), section.items.map((i) => i.categories).join("|"));
const show = await new RssParser().parseString((await get("/shows/run-on/feed.xml")).text);
check("show feed: the articles about Run On", show.items.length >= 4 &&
      show.items.every((i) => /Run On|런 온/i.test(i.title + i.content + i["content:encoded"])), show.items.length);
const person = JSON.parse((await get("/people/im-siwan/feed.json")).text);
check("person feed: articles about Im Siwan", person.items.length >= 4);
const korean = await feedparser((await get("/ko/feed.xml")).text);
check("Korean edition's feed: Korean articles only", korean.items.length === 4 && korean.meta.language === "ko" &&
      korean.items.every((i) => /\/articles\//.test(i.link)), korean.items.length);
const english = await new RssParser().parseString((await get("/en/feed.atom")).text);
check("English edition's feed: English articles only", english.items.length === 6, english.items.length);
const koreanShow = await feedparser((await get("/ko/shows/run-on/feed.xml")).text);
check("a show's feed in the Korean edition: its Korean articles, its Korean title",
      koreanShow.items.length >= 1 && koreanShow.meta.title.includes("런 온"), koreanShow.meta.title);
const old = await feedparser((await get("/lang/ko/feed.xml")).text);
check("the language feed of before the editions still answers", old.items.length === 4);
check("unknown lists have no feed", (await get("/section/sport/feed.xml")).status === 404 &&
      (await get("/people/nobody/feed.json")).status === 404 && (await get("/feed.xml?page=9")).status === 404 &&
      (await get("/xx/feed.xml")).status === 404);

const home = (await get("/")).text;
check("pages announce their feeds", home.includes('<link rel="alternate" type="application/rss+xml" title="K-Actu (RSS)" href="/feed.xml">') &&
      (await get("/section/bts")).text.includes('href="/section/bts/feed.atom"') &&
      (await get("/en/")).text.includes('<link rel="alternate" type="application/rss+xml" title="K-Actu (RSS)" href="/en/feed.xml">'));

// Comments: every article item names its thread and its comment feed (RSS <comments>,
// wfw:commentRss), which real parsers read, as they read the site's feed of comments.
const siteRss = await feedparser((await get("/feed.xml")).text);
const first = siteRss.items[0];
const commentFeedUrl = first["wfw:commentrss"] && first["wfw:commentrss"]["#"];
check("article items name their comments and their comment feed",
      first.comments === first.link + "#comments" && commentFeedUrl && commentFeedUrl.endsWith("/comments/feed.xml"),
      `${first.comments} ${commentFeedUrl}`);
const articlePath = new URL(commentFeedUrl).pathname;
for (const [suffix, type] of [["feed.xml", "application/rss+xml"], ["feed.atom", "application/atom+xml"]]) {
  const res = await get(articlePath.replace("feed.xml", suffix));
  check(`an article's comment feed (${suffix}): 200 with its type`, res.status === 200 && res.type.startsWith(type), res.type);
  const { meta } = await feedparser(res.text);
  check(`an article's comment feed (${suffix}): feedparser reads its title`, meta.title.startsWith("Commentaires sur « "), meta.title);
  const parsed = await new RssParser().parseString(res.text);
  check(`an article's comment feed (${suffix}): rss-parser reads it`, parsed.title === meta.title, parsed.title);
}
const siteComments = await feedparser((await get("/comments/feed.atom")).text);
check("the site's comment feed", siteComments.meta.title === "Commentaires sur K-Actu", siteComments.meta.title);
check("an article page announces its comment feed",
      (await get(new URL(first.link).pathname)).text.includes(`href="${articlePath}"`));

finish();
