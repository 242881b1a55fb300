#pragma once
// Videos from YouTube, Vimeo, Dailymotion, Naver TV and Viki, embedded without leaking readers:
// a link alone on its line becomes a facade (poster and play button) served by kpress, and
// the provider's privacy-enhanced player is loaded only when the reader presses play.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpress {

struct VideoEmbed {
  std::string provider;       // "youtube": for file names and CSS
  std::string provider_name;  // "YouTube": for people
  std::string id;             // the provider's video id
  std::string page_url;       // where the video lives, for readers without JavaScript
  std::string player_url;     // the privacy-enhanced player, loaded on click
};

// The video a URL points at, or nothing when it is not a video of a known provider.
std::optional<VideoEmbed> video_embed(std::string_view url);

// The origins of every player video_embed may return: what the Content-Security-Policy's
// frame-src must allow, and nothing more.
const std::vector<std::string>& video_player_origins();

// Where the provider publishes the video's poster image (YouTube, Dailymotion); nothing for the
// others, which then keep the neutral placeholder.
std::optional<std::string> poster_source(const VideoEmbed& video);

// What a facade says, in the language of the page it is in ("{provider}" is the provider's
// name): the caller gives them from the theme's catalogs; English when it gives none.
struct VideoWords {
  std::string play = "Play the video";
  std::string caption = "{provider} video";
  std::string watch_on = "watch on {provider}";
};

// The facade's HTML: a figure with the poster, a play button and a link to the video.
std::string video_facade_html(const VideoEmbed& video, std::string_view poster_url, const VideoWords& words = {});

}  // namespace kpress
