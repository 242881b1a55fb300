#pragma once
// The theme: Mustache templates and static assets. The default theme is built into the binary;
// a site may override any file of it from a folder laid out the same way
// (templates/NAME.mustache, templates/partials/NAME.mustache, assets/PATH).
#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kpress {

using TemplateData = kainjow::mustache::data;

struct Asset {
  std::string content;
  std::string content_type;
  std::string etag;  // strong, quoted
};

class Theme {
 public:
  // Reads every file once; `override_dir` may be empty. Throws std::runtime_error naming a
  // template that does not parse or uses a partial the theme lacks.
  explicit Theme(const std::filesystem::path& override_dir = {});

  // Renders templates/NAME.mustache with `data`; every partial of the theme is available as
  // {{> NAME}}. Values are HTML-escaped unless the template uses triple braces.
  std::string render(std::string_view name, const TemplateData& data) const;
  const Asset* asset(std::string_view path) const;
  // Changes whenever any asset does: pages link assets with ?v=VERSION so browsers may keep
  // them for a year.
  const std::string& asset_version() const { return asset_version_; }

 private:
  std::uint64_t id_;
  std::map<std::string, std::string, std::less<>> templates_;
  std::map<std::string, Asset, std::less<>> assets_;
  std::string asset_version_;
};

std::string content_type_for(std::string_view path);

}  // namespace kpress
