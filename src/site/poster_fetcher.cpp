#include "site/poster_fetcher.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <fstream>

#include "render/markdown.hpp"

namespace kpress {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxPosterBytes = 5 * 1024 * 1024;
constexpr const char* kExtensions[] = {".jpg", ".png", ".webp"};

std::string key_of(const VideoEmbed& v) { return v.provider + "-" + v.id; }

struct Download {
  std::string body;
  bool too_big = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* d = static_cast<Download*>(user);
  if (d->body.size() + size * count > kMaxPosterBytes) {
    d->too_big = true;
    return 0;  // stops the transfer
  }
  d->body.append(data, size * count);
  return size * count;
}

// The image at `url` and its extension, or nothing (with the reason logged).
std::optional<std::pair<std::string, std::string>> download_image(const std::string& url) {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!ready) return std::nullopt;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return std::nullopt;
  Download d;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 15L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "kpress (video posters)");
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &d);
  CURLcode rc = curl_easy_perform(curl.get());
  long status = 0;
  char* type = nullptr;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(curl.get(), CURLINFO_CONTENT_TYPE, &type);
  std::string content_type = type ? type : "";
  if (rc != CURLE_OK || status != 200 || d.body.empty()) {
    spdlog::info("video poster {}: not fetched ({})", url, d.too_big ? "larger than 5 MiB" : rc != CURLE_OK ? curl_easy_strerror(rc) : "HTTP " + std::to_string(status));
    return std::nullopt;
  }
  std::string ext = content_type.starts_with("image/jpeg") ? ".jpg"
                    : content_type.starts_with("image/png")  ? ".png"
                    : content_type.starts_with("image/webp") ? ".webp"
                                                             : "";
  if (ext.empty()) {
    spdlog::info("video poster {}: not an image ({})", url, content_type);
    return std::nullopt;
  }
  return std::pair{std::move(d.body), ext};
}

}  // namespace

PosterFetcher::PosterFetcher(fs::path media_dir, Fetched fetched, Source source)
    : dir_(std::move(media_dir) / "posters"), fetched_(std::move(fetched)), source_(std::move(source)),
      worker_([this] { fetch_loop(); }) {}

PosterFetcher::~PosterFetcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_all();
  worker_.join();
}

std::string PosterFetcher::cache_tag(const VideoEmbed& v) { return "video:" + v.provider + "/" + v.id; }

std::optional<fs::path> PosterFetcher::kept(const VideoEmbed& v) const {
  std::error_code ec;
  for (const char* ext : kExtensions) {
    auto path = dir_ / (key_of(v) + ext);
    if (fs::exists(path, ec)) return path;
  }
  return std::nullopt;
}

std::string PosterFetcher::poster_url(const VideoEmbed& v) {
  if (auto path = kept(v)) return "/media/posters/" + path->filename().string();
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  auto [it, added] = asked_.try_emplace(key_of(v), now);
  if (added || now - it->second > std::chrono::hours(1)) {
    it->second = now;
    queue_.push_back(v);
    wanted_.notify_one();
  }
  return std::string(kVideoPlaceholder);
}

void PosterFetcher::fetch_loop() {
  for (;;) {
    VideoEmbed v;
    {
      std::unique_lock lock(mutex_);
      wanted_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      v = std::move(queue_.front());
      queue_.pop_front();
    }
    if (kept(v)) continue;
    auto url = source_(v);
    if (!url) continue;
    auto image = download_image(*url);
    if (!image) continue;
    std::error_code ec;
    fs::create_directories(dir_, ec);
    auto final_path = dir_ / (key_of(v) + image->second);
    auto partial = final_path;
    partial += ".partial";
    {
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      out.write(image->first.data(), static_cast<std::streamsize>(image->first.size()));
      if (!out.flush()) continue;
    }
    fs::rename(partial, final_path, ec);  // whole or not at all: pages never link half a file
    if (ec) continue;
    spdlog::info("video poster kept: {}", final_path.string());
    if (fetched_) fetched_(cache_tag(v));
  }
}

}  // namespace kpress
