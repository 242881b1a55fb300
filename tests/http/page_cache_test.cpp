// The page cache in front of the demo site: encodings, validators, HEAD, and invalidation that
// drops exactly the pages that show what changed.
#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/hash.hpp"
#include "exchange/catalog_import.hpp"
#include "exchange/importer.hpp"
#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;
using testing::http_request;

constexpr const char* kRunOnArticle =
    "/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string gunzip(const std::string& data) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

// Asks for each page twice: from then on it is kept.
void warm(testing::TestSite& site, const std::string& path, const std::map<std::string, std::string>& headers = {}) {
  for (int i = 0; i < 2; ++i) ASSERT_EQ(http_get(site.port(), path, headers).status, 200u) << path;
}

std::string unbrotli(const std::string& data) {
  std::string out(1 << 20, '\0');
  std::size_t size = out.size();
  EXPECT_EQ(BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                                    reinterpret_cast<uint8_t*>(out.data())),
            BROTLI_DECODER_RESULT_SUCCESS);
  out.resize(size);
  return out;
}

// Asked for twice, a page is rendered twice and kept: every later reader is served from memory.
// Asked for once (a crawler walking the archive), it is rendered for that reader and not kept.
TEST(PageCache, APageAskedForAgainIsServedFromMemory) {
  testing::TestSite site;
  auto first = http_get(site.port(), "/");
  EXPECT_EQ(site.cache().stats().pages, 0u) << "a page asked for once is not kept";
  auto second = http_get(site.port(), "/");
  EXPECT_EQ(site.cache().stats().pages, 1u);
  auto third = http_get(site.port(), "/");
  EXPECT_EQ(first.header("x-cache"), "MISS");
  EXPECT_EQ(second.header("x-cache"), "MISS");
  EXPECT_EQ(third.header("x-cache"), "HIT");
  EXPECT_EQ(first.body, third.body);
  EXPECT_EQ(first.header("etag"), third.header("etag"));
  for (const auto* res : {&first, &third}) {
    EXPECT_TRUE(res->header("x-kpress-tags").empty());  // internal headers never leave
    EXPECT_FALSE(res->header("content-security-policy").empty());
  }
}

TEST(PageCache, ACrawlOfPagesAskedForOnceKeepsNothingAndPushesNothingOut) {
  testing::TestSite site;
  warm(site, "/section/bts");
  for (const char* path : {"/", "/?page=2", "/section/kpop", "/section/kdrama", "/tag/im-siwan", "/tag/bts",
                           "/author/lea-martin", "/shows/run-on", "/people/im-siwan", "/groups/bts", kRunOnArticle}) {
    auto res = http_get(site.port(), path, {{"Accept-Encoding", "br, gzip"}});
    EXPECT_EQ(res.status, 200u) << path;
    EXPECT_EQ(res.header("content-encoding"), "br") << path;
  }
  EXPECT_EQ(site.cache().stats().pages, 1u);
  EXPECT_EQ(site.cache().stats().encoded, 0u) << "nothing compressed to keep";
  EXPECT_EQ(http_get(site.port(), "/section/bts").header("x-cache"), "HIT");
}

TEST(PageCache, ServesEachEncodingWithItsOwnEtag) {
  testing::TestSite site;
  auto identity = http_get(site.port(), kRunOnArticle);
  auto gzip = http_get(site.port(), kRunOnArticle, {{"Accept-Encoding", "gzip"}});
  auto br = http_get(site.port(), kRunOnArticle, {{"Accept-Encoding", "gzip, deflate, br"}});
  auto refused = http_get(site.port(), kRunOnArticle, {{"Accept-Encoding", "br;q=0, gzip"}});
  EXPECT_EQ(identity.header("content-encoding"), "");
  EXPECT_EQ(gzip.header("content-encoding"), "gzip");
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(refused.header("content-encoding"), "gzip");
  EXPECT_EQ(gunzip(gzip.body), identity.body);
  EXPECT_EQ(unbrotli(br.body), identity.body);
  EXPECT_LT(br.body.size(), identity.body.size() / 2);
  for (const auto* res : {&identity, &gzip, &br}) {
    EXPECT_EQ(res->header("vary"), "Accept-Encoding");
    EXPECT_FALSE(res->header("last-modified").empty());
    EXPECT_EQ(res->header("cache-control"), "public, max-age=0, must-revalidate");
  }
  EXPECT_EQ(identity.header("etag"), "\"" + hex64(content_hash(identity.body)) + "\"");  // strong
  // Compressed answers are weak, as nginx makes them: quickly compressed for one reader, or
  // thoroughly once kept, they are the same page in other bytes.
  EXPECT_EQ(gzip.header("etag"), "W/\"" + hex64(content_hash(identity.body)) + "-gzip\"");
  EXPECT_EQ(br.header("etag"), "W/\"" + hex64(content_hash(identity.body)) + "-br\"");
}

// A page is compressed in an encoding when a reader first asks for it, not before: a crawler
// reading every page once in gzip costs no brotli. Each answer has its own ETag and Vary.
TEST(PageCache, AnEncodingIsMadeWhenAReaderFirstAsksForIt) {
  testing::TestSite site;
  auto in = [&](const char* encoding) {
    return http_request(site.port(), http::Verb::get, kRunOnArticle, "", {{"Accept-Encoding", encoding}});
  };
  EXPECT_EQ(in("gzip").header("x-cache"), "MISS");
  auto gzip = in("gzip");  // asked for again: kept
  EXPECT_EQ(gzip.header("x-cache"), "MISS");
  EXPECT_EQ(gzip.header("content-encoding"), "gzip");
  EXPECT_EQ(site.cache().stats().encoded, 1u) << "only the encoding asked for";
  EXPECT_EQ(in("gzip").header("x-cache"), "HIT");
  EXPECT_EQ(site.cache().stats().encoded, 1u);
  auto br = in("br");
  EXPECT_EQ(br.header("x-cache"), "HIT");
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(site.cache().stats().encoded, 2u) << "brotli once a reader asks for it";
  EXPECT_EQ(unbrotli(br.body), gunzip(gzip.body));
  EXPECT_NE(br.header("etag"), gzip.header("etag"));
  EXPECT_EQ(br.header("vary"), "Accept-Encoding");
  EXPECT_EQ(gzip.header("vary"), "Accept-Encoding");
  auto again = in("br");  // now from what was kept
  EXPECT_EQ(again.body, br.body);
  EXPECT_EQ(again.header("etag"), br.header("etag"));
  auto identity = in("identity");  // made from what is kept, not rendered again
  EXPECT_EQ(identity.header("x-cache"), "HIT");
  EXPECT_TRUE(identity.header("content-encoding").empty());
  EXPECT_EQ(identity.body, gunzip(gzip.body));
  EXPECT_EQ(identity.header("etag"), "\"" + hex64(content_hash(identity.body)) + "\"");
  EXPECT_EQ(identity.header("vary"), "Accept-Encoding");
  EXPECT_EQ(site.cache().stats().encoded, 2u);
  EXPECT_EQ(site.cache().stats().pages, 1u);
}

// A page read once is compressed quickly for its reader, kept at its second request still
// compressed quickly (a second crawl of the archive must not cost brotli's thorough effort for
// every page), and compressed thoroughly at its first hit: the same page in fewer bytes.
TEST(PageCache, AKeptPageIsCompressedThoroughlyOnceItIsReadAgain) {
  testing::TestSite site;
  auto in_br = [&] { return http_get(site.port(), kRunOnArticle, {{"Accept-Encoding", "br"}}); };
  auto once = in_br();
  auto kept = in_br();
  auto hit = in_br();
  auto again = in_br();
  EXPECT_EQ(kept.header("x-cache"), "MISS");
  EXPECT_EQ(hit.header("x-cache"), "HIT");
  EXPECT_EQ(again.header("x-cache"), "HIT");
  EXPECT_EQ(kept.body, once.body) << "kept as it was compressed for one reader";
  EXPECT_LT(hit.body.size(), kept.body.size()) << "compressed thoroughly at its first hit";
  EXPECT_EQ(again.body, hit.body);
  EXPECT_EQ(unbrotli(hit.body), unbrotli(once.body));
  for (const auto* res : {&once, &kept, &hit, &again}) {
    EXPECT_EQ(res->header("etag"), once.header("etag")) << "the same page: its weak tag holds";
    EXPECT_EQ(res->header("content-length"), std::to_string(res->body.size()));
  }
}

TEST(PageCache, AnswersConditionalRequestsWith304) {
  testing::TestSite site;
  auto page = http_get(site.port(), "/section/kdrama", {{"Accept-Encoding", "br"}});
  // Its tag holds whether the page was compressed for one reader (this one) or kept for many.
  auto kept = http_get(site.port(), "/section/kdrama", {{"Accept-Encoding", "br"}, {"If-None-Match", page.header("etag")}});
  EXPECT_EQ(kept.status, 304u);
  EXPECT_EQ(kept.header("x-cache"), "MISS");
  auto again = http_get(site.port(), "/section/kdrama", {{"Accept-Encoding", "br"}, {"If-None-Match", page.header("etag")}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), page.header("etag"));
  auto other_encoding = http_get(site.port(), "/section/kdrama", {{"If-None-Match", page.header("etag")}});
  EXPECT_EQ(other_encoding.status, 200u);  // the identity body has another tag
  auto since = http_get(site.port(), "/section/kdrama", {{"If-Modified-Since", page.header("last-modified")}});
  EXPECT_EQ(since.status, 304u);
  auto long_ago = http_get(site.port(), "/section/kdrama", {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}});
  EXPECT_EQ(long_ago.status, 200u);
  auto stale = http_get(site.port(), "/section/kdrama", {{"If-None-Match", "\"0000000000000000\""}});
  EXPECT_EQ(stale.status, 200u);
}

TEST(PageCache, HeadGivesTheHeadersOfGet) {
  testing::TestSite site;
  warm(site, "/tag/im-siwan", {{"Accept-Encoding", "gzip"}});
  auto get = http_get(site.port(), "/tag/im-siwan", {{"Accept-Encoding", "gzip"}});
  auto head = http_request(site.port(), http::Verb::head, "/tag/im-siwan", {}, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(head.status, 200u);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("etag"), get.header("etag"));
  EXPECT_EQ(head.header("content-encoding"), "gzip");
}

// Pages that must change when the Run On article is edited, and pages that must not.
const std::vector<std::string> kShowsTheArticle = {
    "/", kRunOnArticle, "/section/kdrama", "/tag/im-siwan", "/author/camille-moreau", "/shows/run-on",
    "/people/im-siwan", "/api/v1/articles"};
const std::vector<std::string> kUnrelated = {"/section/bts", "/tag/the-king-loves", "/author/lea-martin",
                                             "/groups/bts", "/people/kim-taehyung", "/shows",
                                             "/articles/cinq-choses-a-savoir-sur-run-on"};

TEST(PageCache, EditingAnArticleDropsExactlyThePagesThatShowIt) {
  testing::TestSite site;
  for (const auto& path : kShowsTheArticle) warm(site, path);
  for (const auto& path : kUnrelated) warm(site, path);
  for (const auto& path : kUnrelated) ASSERT_EQ(http_get(site.port(), path).header("x-cache"), "HIT") << path;

  auto a = site.store().article_by_slug(std::string(kRunOnArticle).substr(10));
  ASSERT_TRUE(a);
  a->title = "Titre corrigé : Im Siwan fête son anniversaire sur le tournage de «Run On»";
  auto tx = site.store().begin_write();
  tx->save_article(*a, system_now());
  tx->commit();

  for (const auto& path : kShowsTheArticle) {
    auto res = http_get(site.port(), path);
    EXPECT_EQ(res.header("x-cache"), "MISS") << path;
    EXPECT_TRUE(has(res.body, "Titre corrigé")) << path;
  }
  for (const auto& path : kUnrelated) EXPECT_EQ(http_get(site.port(), path).header("x-cache"), "HIT") << path;
}

TEST(PageCache, EditingThePersonDropsTheirPageAndTheArticlesThatLinkThem) {
  testing::TestSite site;
  for (const auto& path : {std::string(kRunOnArticle), std::string("/people/im-siwan"), std::string("/shows/run-on"),
                           std::string("/people/kim-taehyung"), std::string("/section/bts")})
    warm(site, path);
  auto report = import_catalog_json(site.store(), "c.json",
                                    R"({"people": [{"slug": "im-siwan", "name": "Im Siwan", "bio": "Nouvelle biographie."}]})");
  ASSERT_EQ(report.merged, 1);
  EXPECT_EQ(http_get(site.port(), "/people/im-siwan").header("x-cache"), "MISS");
  EXPECT_TRUE(has(http_get(site.port(), "/people/im-siwan").body, "Nouvelle biographie."));
  EXPECT_EQ(http_get(site.port(), kRunOnArticle).header("x-cache"), "MISS");
  EXPECT_EQ(http_get(site.port(), "/shows/run-on").header("x-cache"), "MISS");  // its cast names him
  EXPECT_EQ(http_get(site.port(), "/people/kim-taehyung").header("x-cache"), "HIT");
  EXPECT_EQ(http_get(site.port(), "/section/bts").header("x-cache"), "HIT");
}

TEST(PageCache, ScheduledArticlesGoLiveOnTimeThroughTheCache) {
  Instant now = *parse_iso8601("2029-12-31T23:59:00Z");
  testing::TestSite site({true, [&now] { return now; }, {}});
  warm(site, "/");
  EXPECT_FALSE(has(http_get(site.port(), "/").body, "Calendrier des dramas"));
  EXPECT_EQ(http_get(site.port(), "/").header("x-cache"), "HIT");
  now = *parse_iso8601("2030-01-01T00:00:00Z");
  auto home = http_get(site.port(), "/");
  EXPECT_EQ(home.header("x-cache"), "MISS");
  EXPECT_TRUE(has(home.body, "Calendrier des dramas"));
}

TEST(PageCache, ASpikeOfRequestsForANewPageRendersItOnce) {
  http::PageCache cache(1 << 20, system_now);
  std::atomic<int> renders{0};
  auto handler = cache.wrap([&](const http::Request&) {
    ++renders;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto res = http::make_response(http::Status::ok, std::string(2000, 'x'), "text/html");
    res.set(http::kTagsHeader, "site");
    return res;
  });
  std::vector<std::thread> readers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      if (handler(http::Request{http::Verb::get, "/big-news", 11}).body().size() == 2000) ++ok;
    });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(renders, 1);
}

TEST(PageCache, APageRenderedAcrossAnEditIsNotKept) {
  // The render reads the site before an edit commits and finishes after the edit's invalidation:
  // keeping it would show the old text until the next edit.
  http::PageCache cache(1 << 20, system_now);
  int renders = 0;
  auto handler = cache.wrap([&](const http::Request&) {
    if (++renders == 2) cache.invalidate({"article:1"});
    auto res = http::make_response(http::Status::ok, "version " + std::to_string(renders), "text/html");
    res.set(http::kTagsHeader, "article:1");
    return res;
  });
  http::Request req{http::Verb::get, "/articles/news", 11};
  EXPECT_EQ(handler(req).body(), "version 1");  // asked for once: not kept
  EXPECT_EQ(handler(req).body(), "version 2");  // asked for again, but across the edit: not kept
  EXPECT_EQ(handler(req).body(), "version 3");  // rendered again, now kept
  EXPECT_EQ(handler(req).body(), "version 3");
  EXPECT_EQ(renders, 3);
}

TEST(PageCache, APageRenderedAcrossAChangeElsewhereIsKept) {
  // Another article edited, or a change no page shows (a rendered body kept), while the page
  // renders: what the page shows is as current as if it had been kept before, so it is kept. On a
  // busy site with its database 5 ms away, a render spans one of those nearly every time.
  http::PageCache cache(1 << 20, system_now);
  int renders = 0;
  auto handler = cache.wrap([&](const http::Request&) {
    if (++renders == 2) {
      cache.invalidate({"article:2", "list:tag:bts"});
      cache.invalidate({});
    }
    auto res = http::make_response(http::Status::ok, "version " + std::to_string(renders), "text/html");
    res.set(http::kTagsHeader, "site article:1 list:tag:aespa");
    return res;
  });
  http::Request req{http::Verb::get, "/articles/news", 11};
  EXPECT_EQ(handler(req).body(), "version 1");  // asked for once: not kept
  EXPECT_EQ(handler(req).body(), "version 2");  // asked for again, across other pages' changes: kept
  auto again = handler(req);
  EXPECT_EQ(again.body(), "version 2");
  EXPECT_EQ(again["X-Cache"], "HIT");
  EXPECT_EQ(renders, 2);
}

TEST(PageCache, APageRenderedAcrossMoreChangesThanItRemembersIsNotKept) {
  // The cache remembers what its latest few hundred invalidations named; past that it cannot
  // tell whether one concerned the page, and takes it that one did.
  http::PageCache cache(1 << 20, system_now);
  int renders = 0;
  auto handler = cache.wrap([&](const http::Request&) {
    if (++renders == 2)
      for (int i = 0; i < 1000; ++i) cache.invalidate({"article:" + std::to_string(100 + i)});
    auto res = http::make_response(http::Status::ok, "version " + std::to_string(renders), "text/html");
    res.set(http::kTagsHeader, "site article:1");
    return res;
  });
  http::Request req{http::Verb::get, "/articles/news", 11};
  EXPECT_EQ(handler(req).body(), "version 1");
  EXPECT_EQ(handler(req).body(), "version 2");  // not kept: too much changed to tell
  EXPECT_EQ(handler(req).body(), "version 3");
  EXPECT_EQ(handler(req).body(), "version 3");
}

TEST(PageCache, APageRenderedWhileEverythingIsDroppedIsNotKept) {
  http::PageCache cache(1 << 20, system_now);
  int renders = 0;
  auto handler = cache.wrap([&](const http::Request&) {
    if (++renders == 2) cache.clear();
    auto res = http::make_response(http::Status::ok, "version " + std::to_string(renders), "text/html");
    res.set(http::kTagsHeader, "site article:1");
    return res;
  });
  http::Request req{http::Verb::get, "/articles/news", 11};
  EXPECT_EQ(handler(req).body(), "version 1");
  EXPECT_EQ(handler(req).body(), "version 2");  // across the clear: not kept
  EXPECT_EQ(handler(req).body(), "version 3");
  EXPECT_EQ(handler(req).body(), "version 3");
  EXPECT_EQ(renders, 3);
}

TEST(PageCache, APageRenderedAgainAsItWasKeepsItsLastModified) {
  // A reader's If-Modified-Since holds while the page's bytes do, however often it is rendered:
  // asked for a second time (when it is first kept) or dropped by an edit that did not change it.
  auto now = *parse_iso8601("2026-12-06T12:00:00Z");
  http::PageCache cache(1 << 20, [&] { return now; });
  std::string text = "version 1";
  auto handler = cache.wrap([&](const http::Request&) {
    auto res = http::make_response(http::Status::ok, text, "text/html");
    res.set(http::kTagsHeader, "article:1");
    return res;
  });
  http::Request req{http::Verb::get, "/articles/news", 11};
  auto first = handler(req);
  now += std::chrono::seconds(5);
  auto kept = handler(req);
  EXPECT_EQ(kept[http::Field::last_modified], first[http::Field::last_modified]);
  cache.invalidate({"article:1"});
  now += std::chrono::seconds(5);
  http::Request since{http::Verb::get, "/articles/news", 11};
  since.set(http::Field::if_modified_since, first[http::Field::last_modified]);
  EXPECT_EQ(handler(since).result(), http::Status::not_modified) << "rendered again, unchanged";
  text = "version 2";
  cache.invalidate({"article:1"});
  now += std::chrono::seconds(5);
  auto changed = handler(since);
  EXPECT_EQ(changed.result(), http::Status::ok);
  EXPECT_EQ(changed.body(), "version 2");
  EXPECT_EQ(changed[http::Field::last_modified], format_http_date(now));
}

TEST(PageCache, RenamingASectionShowsOnEveryPageAtOnce) {
  testing::TestSite site;
  EXPECT_FALSE(has(http_get(site.port(), kRunOnArticle).body, "Dramas coréens et chinois"));
  auto sections = site.store().sections();
  auto kdrama = std::find_if(sections.begin(), sections.end(), [](const Section& s) { return s.slug == "kdrama"; });
  ASSERT_NE(kdrama, sections.end());
  kdrama->name = "Dramas coréens et chinois";
  {
    auto tx = site.store().begin_write();
    tx->save_section(*kdrama);
    tx->commit();
  }
  EXPECT_TRUE(has(http_get(site.port(), kRunOnArticle).body, "Dramas coréens et chinois"));
  EXPECT_TRUE(has(http_get(site.port(), "/").body, "Dramas coréens et chinois"));
}

TEST(PageCache, ErrorsAreNeverCached) {
  testing::TestSite site;
  warm(site, "/");
  http_get(site.port(), "/articles/nothing-here");
  http_get(site.port(), "/articles/nothing-here");
  EXPECT_EQ(site.cache().stats().pages, 1u);
  EXPECT_EQ(http_get(site.port(), "/articles/nothing-here").header("x-cache"), "");
}

TEST(PageCache, StaysWithinItsMemoryBudget) {
  testing::TestSiteOptions options;
  options.cache_bytes = 100 * 1024;
  testing::TestSite site(options);
  for (const char* path : {"/", "/?page=2", "/section/bts", "/section/kpop", "/section/kdrama", "/section/tele",
                           "/tag/im-siwan", "/tag/bts", "/author/lea-martin", "/author/jinah-park", "/shows/run-on",
                           "/people/im-siwan", "/groups/bts", "/shows", "/people", "/groups", kRunOnArticle})
    warm(site, path);
  auto stats = site.cache().stats();
  EXPECT_LE(stats.bytes, 100u * 1024);
  EXPECT_GT(stats.pages, 3u);
  EXPECT_LT(stats.pages, 17u);  // the least recently used went
  EXPECT_EQ(http_get(site.port(), kRunOnArticle).header("x-cache"), "HIT");  // the most recent stayed
}

TEST(PageCache, OffItStillCompressesAndValidates) {
  testing::TestSiteOptions options;
  options.cache_bytes = 0;
  testing::TestSite site(options);
  auto first = http_get(site.port(), "/", {{"Accept-Encoding", "br"}});
  auto second = http_get(site.port(), "/", {{"Accept-Encoding", "br"}, {"If-None-Match", first.header("etag")}});
  EXPECT_EQ(first.header("x-cache"), "MISS");
  EXPECT_EQ(first.header("content-encoding"), "br");
  EXPECT_EQ(site.cache().stats().pages, 0u);
  EXPECT_EQ(second.status, 304u);
  EXPECT_EQ(second.header("x-cache"), "MISS");
  // The page is given whole, and is the one its ETag and Last-Modified describe.
  auto plain = http_get(site.port(), "/");
  EXPECT_EQ(plain.status, 200u);
  EXPECT_TRUE(plain.body.starts_with("<!DOCTYPE html>")) << plain.body.substr(0, 100);
  EXPECT_TRUE(plain.body.ends_with("</html>\n"));
  EXPECT_EQ(plain.header("content-length"), std::to_string(plain.body.size()));
  EXPECT_EQ(plain.header("etag"), "\"" + hex64(content_hash(plain.body)) + "\"");
  EXPECT_EQ(plain.header("last-modified").size(), std::string_view("Wed, 16 Dec 2020 12:00:00 GMT").size());
  EXPECT_TRUE(plain.header("last-modified").ends_with(" GMT"));
}

}  // namespace
}  // namespace kpress
