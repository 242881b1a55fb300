#include "core/media.hpp"

#include <charconv>
#include <cmath>

namespace kpress {

std::vector<ImageSize> derivative_sizes(ImageSize original) {
  std::vector<ImageSize> sizes;
  if (original.width <= 0 || original.height <= 0) return sizes;
  // The smaller sizes follow from the largest one, so that the largest alone gives them all
  // back (library_srcset).
  ImageSize largest = original;
  if (original.width > kLargestDerivative) {
    largest = {kLargestDerivative,
               std::max(1, static_cast<int>(std::lround(static_cast<double>(original.height) * kLargestDerivative / original.width)))};
  }
  for (int width : {320, 640, 960, 1280}) {
    if (width >= largest.width) break;
    int height = static_cast<int>(std::lround(static_cast<double>(largest.height) * width / largest.width));
    sizes.push_back({width, std::max(1, height)});
  }
  sizes.push_back(largest);
  return sizes;
}

std::string library_folder(std::int64_t id) { return "/media/library/" + std::to_string(id) + "/"; }

std::string library_url(std::int64_t id, ImageSize largest, std::string_view extension) {
  return library_folder(id) + std::to_string(largest.width) + "x" + std::to_string(largest.height) + "." +
         std::string(extension);
}

std::optional<LibraryImage> parse_library_url(std::string_view url) {
  constexpr std::string_view prefix = "/media/library/";
  if (!url.starts_with(prefix) || !url.ends_with(".jpg")) return std::nullopt;
  url.remove_prefix(prefix.size());
  url.remove_suffix(4);
  auto number = [](std::string_view text, std::int64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out > 0;
  };
  auto slash = url.find('/');
  auto x = url.find('x', slash == std::string_view::npos ? 0 : slash);
  if (slash == std::string_view::npos || x == std::string_view::npos) return std::nullopt;
  std::int64_t id = 0, width = 0, height = 0;
  if (!number(url.substr(0, slash), id) || !number(url.substr(slash + 1, x - slash - 1), width) ||
      !number(url.substr(x + 1), height) || width > kMaxImageSide || height > kMaxImageSide)
    return std::nullopt;
  return LibraryImage{id, {static_cast<int>(width), static_cast<int>(height)}};
}

std::string library_srcset(const LibraryImage& image, std::string_view extension) {
  std::string out;
  for (const auto& size : derivative_sizes(image.largest)) {
    if (!out.empty()) out += ", ";
    out += library_url(image.id, size, extension) + " " + std::to_string(size.width) + "w";
  }
  return out;
}

}  // namespace kpress
