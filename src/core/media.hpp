#pragma once
// The media library's rules: which images are taken, the widths made of each, and the address
// scheme that lets a page build its srcset from an image's address alone (no lookup): an image
// of the library is /media/library/ID/WxH.jpg, W x H its largest size, and each derivative
// WIDTHxHEIGHT.{avif,webp,jpg} sits beside it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace kpress {

inline constexpr std::size_t kMaxUploadBytes = 20 * 1024 * 1024;
inline constexpr int kMaxImageSide = 12000;          // pixels
inline constexpr std::int64_t kMaxImagePixels = 60'000'000;
inline constexpr int kLargestDerivative = 1920;

struct ImageSize {
  int width = 0;
  int height = 0;
  bool operator==(const ImageSize&) const = default;
};

// The sizes made of an image of `original` size: 320, 640, 960, 1280 px wide when smaller than
// it, and the original width capped at 1920; heights keep the ratio.
std::vector<ImageSize> derivative_sizes(ImageSize original);

struct LibraryImage {
  std::int64_t id = 0;
  ImageSize largest;
};
// "/media/library/42/1500x1000.jpg" and its parts; nothing for any other address.
std::optional<LibraryImage> parse_library_url(std::string_view url);
std::string library_folder(std::int64_t id);  // "/media/library/42/"
std::string library_url(std::int64_t id, ImageSize largest, std::string_view extension = "jpg");
// "…/320x213.avif 320w, …/640x427.avif 640w"
std::string library_srcset(const LibraryImage& image, std::string_view extension);

struct MediaItem {
  std::int64_t id = 0;
  std::string original_name;  // as uploaded
  std::string format;          // jpeg, png, webp, heif
  ImageSize size;              // after orientation
  std::int64_t bytes = 0;      // of the original
  std::string alt;
  std::string credit;
  std::optional<std::int64_t> uploaded_by;
  Instant uploaded_at{};
  std::string url() const { return library_url(id, derivative_sizes(size).back()); }
};

}  // namespace kpress
