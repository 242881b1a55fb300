#pragma once
// Files built into the binary by cmake/Embed.cmake: the default theme, the migrations and the
// demo content. A site may override theme files from a folder (see render/theme.hpp).
#include <span>
#include <string_view>

namespace kpress::resources {

struct EmbeddedFile {
  std::string_view path;  // relative to the bundle's folder, with '/' separators
  std::string_view data;
};

std::span<const EmbeddedFile> theme();              // themes/default
std::span<const EmbeddedFile> sqlite_migrations();    // migrations/sqlite
std::span<const EmbeddedFile> postgres_migrations();  // migrations/postgres
std::span<const EmbeddedFile> demo();               // demo

}  // namespace kpress::resources
