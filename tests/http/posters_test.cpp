// Video posters: fetched once from the provider into the site's media, then served by kpress;
// the page shows the placeholder until then and changes, through the cache, once it arrives.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "exchange/importer.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;
using namespace std::chrono_literals;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "a small poster" + std::string("\xFF\xD9", 2);

void add_video_article(testing::TestSite& site) {
  auto report = import_files(site.store(),
                             {{"v.md", "+++\ntitle = \"Le teaser\"\nlanguage = \"fr\"\nslug = \"teaser\"\nstatus = \"published\"\n"
                                       "published_at = 2021-01-10T09:00:00Z\n+++\n\nhttps://youtu.be/dQw4w9WgXcQ\n"}},
                             system_now());
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
}

// Polls the page until it shows `part` (the poster arrives in the background).
bool eventually_has(std::uint16_t port, const std::string& path, const std::string& part) {
  for (int i = 0; i < 100; ++i) {
    if (has(http_get(port, path).body, part)) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

TEST(Posters, AreFetchedOnceThenServedByKpress) {
  // The provider: a server that hands out one JPEG and counts how often it is asked.
  std::atomic<int> asked{0};
  http::ServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.threads = 1;
  http::Server provider(config, [&](const http::Request& req) {
    ++asked;
    if (req.target() != "/vi/dQw4w9WgXcQ/hqdefault.jpg") return http::text_response(http::Status::not_found, "no");
    return http::make_response(http::Status::ok, kJpeg, "image/jpeg");
  });
  provider.start();
  testing::TestSiteOptions options;
  options.poster_source = [port = provider.port()](const VideoEmbed& v) {
    return std::optional<std::string>("http://127.0.0.1:" + std::to_string(port) + "/vi/" + v.id + "/hqdefault.jpg");
  };
  testing::TestSite site(options);
  add_video_article(site);

  auto first = http_get(site.port(), "/articles/teaser").body;
  EXPECT_TRUE(has(first, "<img src=\"/assets/video-poster.svg\"")) << first;  // meanwhile
  // A body showing the placeholder is not kept: it changes when the poster arrives.
  auto article = *site.store().article_by_slug("teaser");
  site.bodies().flush();
  EXPECT_FALSE(site.store().rendered_body(article.id, article.revision, site.bodies().renderer()));
  ASSERT_TRUE(eventually_has(site.port(), "/articles/teaser", "<img src=\"/media/posters/youtube-dQw4w9WgXcQ.jpg\""));
  site.bodies().flush();
  auto kept = site.store().rendered_body(article.id, article.revision, site.bodies().renderer());
  ASSERT_TRUE(kept);
  EXPECT_TRUE(has(kept->html, "<img src=\"/media/posters/youtube-dQw4w9WgXcQ.jpg\""));
  auto poster = http_get(site.port(), "/media/posters/youtube-dQw4w9WgXcQ.jpg");
  EXPECT_EQ(poster.status, 200u);
  EXPECT_EQ(poster.header("content-type"), "image/jpeg");
  EXPECT_EQ(poster.body, kJpeg);
  for (int i = 0; i < 5; ++i) http_get(site.port(), "/articles/teaser");
  EXPECT_EQ(asked, 1);  // once
  provider.stop();
}

TEST(Posters, OfflineThePlaceholderStays) {
  testing::TestSiteOptions options;
  options.poster_source = [](const VideoEmbed& v) {
    return std::optional<std::string>("http://127.0.0.1:1/vi/" + v.id + "/hqdefault.jpg");  // nothing listens there
  };
  testing::TestSite site(options);
  add_video_article(site);
  EXPECT_TRUE(has(http_get(site.port(), "/articles/teaser").body, "/assets/video-poster.svg"));
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(has(http_get(site.port(), "/articles/teaser").body, "/assets/video-poster.svg"));
  EXPECT_FALSE(std::filesystem::exists(site.data().media() / "posters" / "youtube-dQw4w9WgXcQ.jpg"));
}

}  // namespace
}  // namespace kpress
