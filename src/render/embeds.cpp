#include "render/embeds.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

#include "render/xml.hpp"

namespace kpress {

namespace {

bool all_of(std::string_view text, std::string_view allowed_extra, bool digits_only = false) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
    bool digit = c >= '0' && c <= '9';
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return digit || (!digits_only && (letter || allowed_extra.find(c) != std::string_view::npos));
  });
}

// Path segments, without empty ones: /shorts/abc/ -> {"shorts", "abc"}.
std::vector<std::string> segments(const boost::urls::url_view& url) {
  std::vector<std::string> out;
  for (auto s : url.segments()) {
    if (!s.empty()) out.emplace_back(s);
  }
  return out;
}

std::optional<VideoEmbed> youtube(std::string_view id) {
  if (id.size() != 11 || !all_of(id, "_-")) return std::nullopt;
  std::string i(id);
  return VideoEmbed{"youtube", "YouTube", i, "https://www.youtube.com/watch?v=" + i,
                    "https://www.youtube-nocookie.com/embed/" + i + "?autoplay=1"};
}

}  // namespace

std::optional<VideoEmbed> video_embed(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed || (parsed->scheme() != "https" && parsed->scheme() != "http")) return std::nullopt;
  std::string host(parsed->host());
  if (host.starts_with("www.")) host.erase(0, 4);
  if (host.starts_with("m.")) host.erase(0, 2);
  auto path = segments(*parsed);

  if (host == "youtube.com") {
    if (path.size() == 1 && path[0] == "watch") {
      auto v = parsed->params().find("v");
      if (v != parsed->params().end() && (*v).has_value) return youtube((*v).value);
    }
    if (path.size() == 2 && (path[0] == "shorts" || path[0] == "embed" || path[0] == "live")) return youtube(path[1]);
    return std::nullopt;
  }
  if (host == "youtu.be" && path.size() == 1) return youtube(path[0]);
  if (host == "vimeo.com" && path.size() == 1 && all_of(path[0], "", true)) {
    return VideoEmbed{"vimeo", "Vimeo", path[0], "https://vimeo.com/" + path[0],
                      "https://player.vimeo.com/video/" + path[0] + "?dnt=1&autoplay=1"};
  }
  if ((host == "dailymotion.com" && path.size() == 2 && path[0] == "video") || (host == "dai.ly" && path.size() == 1)) {
    std::string id = path.back().substr(0, path.back().find('_'));  // /video/x8abc12_a-title
    if (!all_of(id, "")) return std::nullopt;
    return VideoEmbed{"dailymotion", "Dailymotion", id, "https://www.dailymotion.com/video/" + id,
                      "https://www.dailymotion.com/embed/video/" + id + "?autoplay=1"};
  }
  if (host == "tv.naver.com" && path.size() == 2 && path[0] == "v" && all_of(path[1], "", true)) {
    return VideoEmbed{"naver", "Naver TV", path[1], "https://tv.naver.com/v/" + path[1],
                      "https://tv.naver.com/embed/" + path[1] + "?autoPlay=true"};
  }
  if (host == "viki.com" && path.size() == 2 && path[0] == "videos") {
    std::string id = path[1].substr(0, path[1].find('-'));  // /videos/1234567v-run-on-episode-1
    if (id.size() < 2 || id.back() != 'v' || !all_of(std::string_view(id).substr(0, id.size() - 1), "", true))
      return std::nullopt;
    return VideoEmbed{"viki", "Viki", id, "https://www.viki.com/videos/" + id, "https://www.viki.com/player/" + id};
  }
  return std::nullopt;
}

std::optional<std::string> poster_source(const VideoEmbed& v) {
  if (v.provider == "youtube") return "https://i.ytimg.com/vi/" + v.id + "/hqdefault.jpg";
  if (v.provider == "dailymotion") return "https://www.dailymotion.com/thumbnail/video/" + v.id;
  return std::nullopt;
}

const std::vector<std::string>& video_player_origins() {
  static const std::vector<std::string> origins{"https://www.youtube-nocookie.com", "https://player.vimeo.com",
                                                "https://www.dailymotion.com", "https://tv.naver.com",
                                                "https://www.viki.com"};
  return origins;
}

namespace {
std::string with_provider(std::string text, const std::string& provider) {
  if (auto at = text.find("{provider}"); at != std::string::npos) text.replace(at, 10, provider);
  return text;
}
}  // namespace

std::string video_facade_html(const VideoEmbed& v, std::string_view poster_url, const VideoWords& words) {
  // The play button is a link to the video, so it works without JavaScript too; the script
  // swaps the figure's content for the player on click.
  return "<figure class=\"video video-" + v.provider + "\" data-player=\"" + xml_escape(v.player_url) + "\">\n"
         "<a class=\"video-facade\" href=\"" + xml_escape(v.page_url) + "\" rel=\"nofollow noopener\">"
         "<img src=\"" + xml_escape(poster_url) + "\" alt=\"\" loading=\"lazy\" width=\"1280\" height=\"720\">"
         "<span class=\"video-play\"><span class=\"visually-hidden\">" + xml_escape(words.play) + "</span></span></a>\n"
         "<figcaption>" + xml_escape(with_provider(words.caption, v.provider_name)) + " · <a href=\"" +
         xml_escape(v.page_url) + "\" rel=\"nofollow noopener\">" + xml_escape(with_provider(words.watch_on, v.provider_name)) +
         "</a></figcaption>\n</figure>\n";
}

}  // namespace kpress
