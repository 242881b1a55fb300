#include "render/embeds.hpp"

#include <gtest/gtest.h>

#include "http/security_headers.hpp"
#include "render/markdown.hpp"

namespace kpress {
namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Embeds, KnowsEachProvidersAddressesAndItsPrivacyEnhancedPlayer) {
  struct Case {
    const char* url;
    const char* provider;
    const char* player;
  } cases[] = {
      {"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"https://youtu.be/dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"https://m.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"},
      {"https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"},
      {"https://www.dailymotion.com/video/x8abc12_run-on", "dailymotion", "https://www.dailymotion.com/embed/video/x8abc12?autoplay=1"},
      {"https://dai.ly/x8abc12", "dailymotion", "https://www.dailymotion.com/embed/video/x8abc12?autoplay=1"},
      {"https://tv.naver.com/v/17283911", "naver", "https://tv.naver.com/embed/17283911?autoPlay=true"},
      {"https://www.viki.com/videos/1234567v-run-on-episode-1", "viki", "https://www.viki.com/player/1234567v"},
  };
  for (const auto& c : cases) {
    auto v = video_embed(c.url);
    ASSERT_TRUE(v) << c.url;
    EXPECT_EQ(v->provider, c.provider) << c.url;
    EXPECT_EQ(v->player_url, c.player) << c.url;
    // Every player is one the Content-Security-Policy lets in.
    const auto& origins = video_player_origins();
    EXPECT_TRUE(std::any_of(origins.begin(), origins.end(), [&](const std::string& o) { return v->player_url.starts_with(o + "/"); }));
  }
  for (const char* other : {"https://www.youtube.com/", "https://youtu.be/short", "https://youtu.be/dQw4w9WgXc\"", "https://vimeo.com/channels",
                            "https://example.org/watch?v=dQw4w9WgXcQ", "javascript:alert(1)", "ftp://youtu.be/dQw4w9WgXcQ",
                            "https://www.viki.com/videos/abc-run-on"})
    EXPECT_FALSE(video_embed(other)) << other;
}

TEST(Embeds, AVideoAloneOnItsLineBecomesAFacadeAndNothingElseDoes) {
  auto html = render_markdown("Le teaser :\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nVoir https://youtu.be/dQw4w9WgXcQ ici.\n\n"
                              "https://example.org/page\n");
  EXPECT_TRUE(has(html, "<figure class=\"video video-youtube\" data-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\">"))
      << html;
  EXPECT_TRUE(has(html, "<img src=\"/assets/video-poster.svg\""));
  EXPECT_FALSE(has(html, "<iframe"));              // nothing reaches YouTube before a click
  EXPECT_FALSE(has(html, "ytimg.com"));
  EXPECT_TRUE(has(html, "<p>Voir <a href=\"https://youtu.be/dQw4w9WgXcQ\">"));  // in a sentence: a link
  EXPECT_TRUE(has(html, "<p><a href=\"https://example.org/page\">https://example.org/page</a></p>"));
  auto with_poster = render_markdown("https://vimeo.com/76979871\n", [](const VideoEmbed& v) { return "/media/posters/" + v.provider + "-" + v.id + ".jpg"; });
  EXPECT_TRUE(has(with_poster, "<img src=\"/media/posters/vimeo-76979871.jpg\"")) << with_poster;
}

TEST(Embeds, TheContentSecurityPolicyAllowsExactlyThePlayers) {
  http::Response res;
  http::add_security_headers(res);
  std::string csp(res["Content-Security-Policy"]);
  auto start = csp.find("frame-src ");
  ASSERT_NE(start, std::string::npos);
  std::string frames = csp.substr(start + 10, csp.find(';', start) - start - 10);
  std::string expected;
  for (const auto& origin : video_player_origins()) expected += (expected.empty() ? "" : " ") + origin;
  EXPECT_EQ(frames, expected);
}

TEST(Embeds, RawHtmlStaysOutEvenNextToAFacade) {
  auto html = render_markdown("https://youtu.be/dQw4w9WgXcQ\n\n<iframe src=\"https://evil.example\"></iframe>\n");
  EXPECT_FALSE(has(html, "evil.example"));
  EXPECT_TRUE(has(html, "video-youtube"));
}

}  // namespace
}  // namespace kpress
