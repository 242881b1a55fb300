#pragma once
// Video posters, fetched once from the provider into DATA/media/posters/ and served by kpress
// from then on, so readers' browsers never ask the provider for them. Fetching happens in the
// background: a page shows the neutral placeholder until the poster is there, and is then
// dropped from the page cache. Offline, or for a provider without a poster address, the
// placeholder stays (and a failed fetch is not tried again for an hour).
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "render/embeds.hpp"

namespace kpress {

class PosterFetcher {
 public:
  // Where a video's poster is published: the provider's address by default.
  using Source = std::function<std::optional<std::string>(const VideoEmbed&)>;
  // Told the cache tag of each poster once it is kept (see cache_tag).
  using Fetched = std::function<void(const std::string& tag)>;

  PosterFetcher(std::filesystem::path media_dir, Fetched fetched, Source source = poster_source);
  ~PosterFetcher();
  PosterFetcher(const PosterFetcher&) = delete;
  PosterFetcher& operator=(const PosterFetcher&) = delete;

  // The poster's address under /media/ when kept; otherwise asks for it and gives the placeholder.
  std::string poster_url(const VideoEmbed& video);
  // "video:youtube/ID": what pages showing the video are tagged with.
  static std::string cache_tag(const VideoEmbed& video);

 private:
  void fetch_loop();
  std::optional<std::filesystem::path> kept(const VideoEmbed& video) const;

  std::filesystem::path dir_;
  Fetched fetched_;
  Source source_;
  std::mutex mutex_;
  std::condition_variable wanted_;
  std::deque<VideoEmbed> queue_;
  std::map<std::string, std::chrono::steady_clock::time_point> asked_;  // key -> when last tried
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace kpress
