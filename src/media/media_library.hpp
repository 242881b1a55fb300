#pragma once
// The media library's files: an image's derivatives under media/library/ID/ (served) and its
// original apart (not served: it keeps its EXIF, GPS position included). Shared by the
// newsroom's upload and the WordPress import.
#include <filesystem>
#include <string_view>

#include "core/media.hpp"
#include "media/image_processor.hpp"

namespace kpress {

class WriteTransaction;

struct MediaFolders {
  std::filesystem::path media;
  std::filesystem::path originals;
};

// Adds `item` (its name, format, size, bytes, alt, credit, uploader and time set) to the library
// in `tx`: the row first (it gives the folder its number), then the files of `processed` and the
// `original`; a failure throws, and the transaction, rolled back, leaves no row pointing at
// missing files. Returns the item with its id.
MediaItem add_to_library(WriteTransaction& tx, const MediaFolders& folders, MediaItem item,
                         const ProcessedImage& processed, std::string_view original);

}  // namespace kpress
