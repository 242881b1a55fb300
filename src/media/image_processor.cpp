#include "media/image_processor.hpp"

#include <vips/vips8>

#include <mutex>

namespace kpress {

namespace {

using vips::VImage;

void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("kpress") != 0) throw std::runtime_error("libvips cannot start");
    // Each upload is processed once: libvips' cache of operations would only hold memory.
    vips_cache_set_max(0);
  });
}

// The format libvips finds in the bytes themselves, whatever the file is called.
std::string sniffed_format(std::string_view bytes) {
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader) return "";
  std::string name = loader;
  for (auto [needle, format] : {std::pair{"Jpeg", "jpeg"}, {"Png", "png"}, {"Webp", "webp"}, {"Heif", "heif"},
                                {"Gif", "gif"}, {"Svg", "svg"}, {"Pdf", "pdf"}, {"Tiff", "tiff"}}) {
    if (name.find(needle) != std::string::npos) return format;
  }
  return "unknown";
}

std::string to_buffer(const VImage& image, const char* suffix, vips::VOption* options) {
  void* data = nullptr;
  size_t size = 0;
  image.write_to_buffer(suffix, &data, &size, options);
  std::string out(static_cast<const char*>(data), size);
  g_free(data);
  return out;
}

}  // namespace

ProcessedImage process_upload(std::string_view bytes) {
  ProcessedImage result;
  if (bytes.empty()) {
    result.error = {N_("the file is empty")};
    return result;
  }
  if (bytes.size() > kMaxUploadBytes) {
    static_assert(kMaxUploadBytes == 20 * 1024 * 1024, "the message names the limit");
    result.error = {N_("the image is {value} MiB; at most 20 MiB are taken"), std::to_string(bytes.size() / (1024 * 1024))};
    return result;
  }
  start_vips();
  result.format = sniffed_format(bytes);
  if (result.format != "jpeg" && result.format != "png" && result.format != "webp" && result.format != "heif") {
    result.error = result.format.empty() || result.format == "unknown"
                       ? Wording{N_("the file is not an image: send a JPEG, PNG, WebP or HEIC image")}
                       : Wording{N_("a {value} file is not taken: send a JPEG, PNG, WebP or HEIC image"), result.format};
    return result;
  }
  try {
    // The header only, first: a small file may claim to be gigapixels wide.
    VImage image = VImage::new_from_buffer(bytes.data(), bytes.size(), "", VImage::option()->set("fail_on", VIPS_FAIL_ON_TRUNCATED));
    std::int64_t pixels = static_cast<std::int64_t>(image.width()) * image.height();
    if (image.width() > kMaxImageSide || image.height() > kMaxImageSide || pixels > kMaxImagePixels) {
      static_assert(kMaxImageSide == 12000 && kMaxImagePixels == 60'000'000, "the message names the limits");
      result.error = {N_("the image is {value} pixels; at most 12,000 on a side and 60 million pixels are taken"),
                      std::to_string(image.width()) + " x " + std::to_string(image.height())};
      return result;
    }
    image = image.autorot();  // upright, as the camera meant it
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB) image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    if (image.has_alpha()) image = image.flatten(VImage::option()->set("background", std::vector<double>{255, 255, 255}));
    image = image.copy_memory();  // decoded once, resized many times
    // No metadata reaches a derivative: not every saver drops it when asked to (WebP writes
    // the EXIF back from libvips' exif-* fields).
    gchar** fields = vips_image_get_fields(image.get_image());
    for (gchar** f = fields; f && *f; ++f) {
      std::string_view name = *f;
      if (name.starts_with("exif-") || name.starts_with("xmp-") || name.starts_with("iptc-") || name.starts_with("icc-"))
        image.remove(*f);
    }
    g_strfreev(fields);
    result.size = {image.width(), image.height()};
    for (const auto& size : derivative_sizes(result.size)) {
      VImage resized = image.thumbnail_image(size.width, VImage::option()->set("height", size.height)->set("size", VIPS_SIZE_FORCE));
      std::string stem = std::to_string(size.width) + "x" + std::to_string(size.height);
      result.files.push_back({stem + ".jpg", to_buffer(resized, ".jpg", VImage::option()->set("strip", true)->set("Q", 82)->set("interlace", true))});
      result.files.push_back({stem + ".webp", to_buffer(resized, ".webp", VImage::option()->set("strip", true)->set("Q", 78))});
      result.files.push_back({stem + ".avif", to_buffer(resized, ".avif",
                                                        VImage::option()->set("strip", true)->set("Q", 50)->set("effort", 2))});
    }
  } catch (const vips::VError& e) {
    result.files.clear();
    std::string detail = e.what();
    if (auto end = detail.find('\n'); end != std::string::npos) detail.resize(end);
    result.error = {N_("the image cannot be read ({value})"), detail};
  }
  return result;
}

}  // namespace kpress
