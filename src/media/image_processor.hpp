#pragma once
// Uploaded images, made ready for pages by libvips: the file's real format checked (JPEG, PNG,
// WebP, HEIC), its size checked before it is decoded, turned upright (EXIF orientation), and
// derivatives made at each width of core/media.hpp in AVIF, WebP and JPEG, with no metadata
// (EXIF, GPS, XMP) left in them.
#include <string>
#include <string_view>
#include <vector>

#include "core/media.hpp"
#include "core/wording.hpp"

namespace kpress {

struct ProcessedImage {
  std::string format;  // jpeg, png, webp, heif
  ImageSize size;      // upright
  struct File {
    std::string name;  // "640x427.avif"
    std::string bytes;
  };
  std::vector<File> files;
  Wording error;  // set instead when the upload is refused: what is wrong with it
};

ProcessedImage process_upload(std::string_view bytes);

}  // namespace kpress
