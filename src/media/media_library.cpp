#include "media/media_library.hpp"

#include <fstream>
#include <stdexcept>

#include "store/store.hpp"

namespace kpress {
namespace {

// Writes `bytes` to `path` whole, or throws naming the file.
void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string extension_of(const std::string& format) {
  return format == "jpeg" ? "jpg" : format == "heif" ? "heic" : format;
}

}  // namespace

MediaItem add_to_library(WriteTransaction& tx, const MediaFolders& folders, MediaItem item,
                         const ProcessedImage& processed, std::string_view original) {
  item.id = tx.save_media(item);
  auto folder = folders.media / "library" / std::to_string(item.id);
  std::filesystem::create_directories(folder);
  std::filesystem::create_directories(folders.originals);
  for (const auto& f : processed.files) write_file(folder / f.name, f.bytes);
  write_file(folders.originals / (std::to_string(item.id) + "." + extension_of(item.format)), original);
  return item;
}

}  // namespace kpress
