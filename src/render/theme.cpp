#include "render/theme.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/hash.hpp"
#include "render/xml.hpp"
#include "resources/embedded.hpp"

namespace kpress {
namespace {

namespace fs = std::filesystem;
using kainjow::mustache::mustache;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::atomic<std::uint64_t> next_theme_id{1};

// Partials written into the templates that use them, once at load: kainjow would parse a
// partial again at every use. Mustache's indentation of standalone partials only changes
// whitespace, which HTML ignores.
std::string inline_partials(std::string_view source, const std::map<std::string, std::string>& partials,
                            const std::string& where, int depth = 0) {
  if (depth > 8) throw std::runtime_error(where + ": partials include each other without end");
  std::string out;
  for (;;) {
    auto open = source.find("{{>");
    if (open == std::string_view::npos) break;
    auto close = source.find("}}", open);
    if (close == std::string_view::npos) break;  // the parser will name the error
    std::string_view name = source.substr(open + 3, close - open - 3);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    out += source.substr(0, open);
    auto partial = partials.find(std::string(name));
    if (partial == partials.end()) throw std::runtime_error(where + ": no partial " + std::string(name));
    out += inline_partials(partial->second, partials, where, depth + 1);
    source.remove_prefix(close + 2);
  }
  out += source;
  return out;
}

// The template with each {{#_}}message{{/_}} replaced by its text in `language`. A translation
// is theme text like the template around it: it may hold markup and {{variables}}.
std::string translate(std::string_view source, const Messages& messages, std::string_view language,
                      const std::string& where) {
  static constexpr std::string_view kOpen = "{{#_}}", kClose = "{{/_}}";
  std::string out;
  for (;;) {
    auto open = source.find(kOpen);
    if (open == std::string_view::npos) break;
    auto close = source.find(kClose, open);
    if (close == std::string_view::npos) throw std::runtime_error(where + ": a message {{#_}} is never closed");
    out += source.substr(0, open);
    out += messages.text(language, source.substr(open + kOpen.size(), close - open - kOpen.size()));
    source.remove_prefix(close + kClose.size());
  }
  out += source;
  return out;
}

}  // namespace

std::string content_type_for(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> types[] = {
      {".css", "text/css; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".jpg", "image/jpeg"},                {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},               {".avif", "image/avif"},
      {".gif", "image/gif"},                 {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},              {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json"},         {".xml", "application/xml"}};
  for (const auto& [ext, type] : types) {
    if (path.ends_with(ext)) return std::string(type);
  }
  return "application/octet-stream";
}

Theme::Theme(const fs::path& override_dir) : id_(next_theme_id++) {
  std::map<std::string, std::string> templates, partial_sources;
  std::map<std::string, std::pair<std::string, std::string>> catalogs;  // language -> (text, where)
  auto add = [&](std::string_view path, std::string content, const std::string& where) {
    if (path.starts_with("templates/partials/") && path.ends_with(".mustache")) {
      auto name = path.substr(19, path.size() - 19 - 9);
      partial_sources[std::string(name)] = std::move(content);
    } else if (path.starts_with("templates/") && path.ends_with(".mustache")) {
      auto name = path.substr(10, path.size() - 10 - 9);
      templates[std::string(name)] = std::move(content);
    } else if (path.starts_with("locale/") && path.ends_with(".po") && path.find('/', 7) == std::string_view::npos) {
      catalogs[std::string(path.substr(7, path.size() - 7 - 3))] = {std::move(content), where};
    } else if (path.starts_with("assets/")) {
      auto name = std::string(path.substr(7));
      Asset asset{std::move(content), content_type_for(name), ""};
      asset.etag = "\"" + hex64(content_hash(asset.content)) + "\"";
      assets_[name] = std::move(asset);
    }
  };
  for (const auto& file : resources::theme())
    add(file.path, std::string(file.data), "themes/default/" + std::string(file.path));
  if (!override_dir.empty() && fs::is_directory(override_dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(override_dir)) {
      if (!entry.is_regular_file()) continue;
      add(fs::relative(entry.path(), override_dir).generic_string(), read_file(entry.path()), entry.path().string());
    }
  }
  for (const auto& [language, catalog] : catalogs) messages_.add(language, catalog.first, catalog.second);
  std::vector<std::string> languages = messages_.languages();
  languages.emplace_back();  // the English of the templates themselves
  for (auto& [name, source] : templates) {
    source = inline_partials(source, partial_sources, "template " + name);
    for (const auto& language : languages) {
      std::string where = "template " + name + (language.empty() ? "" : " in " + language);
      std::string text = translate(source, messages_, language, where);
      mustache compiled(text);
      if (!compiled.is_valid()) throw std::runtime_error(where + ": " + compiled.error_message());
      translated_[language][name] = std::move(text);
    }
  }
  std::uint64_t version = 0;
  for (auto& [name, asset] : assets_) {
    version = content_hash(asset.content, content_hash(name, version));
    auto dot = name.rfind('.');
    std::string hash = asset.etag.substr(1, 10);
    asset.hashed_name = dot == std::string::npos ? name + "." + hash : name.substr(0, dot) + "." + hash + name.substr(dot);
    by_hashed_name_[asset.hashed_name] = name;
    std::string key = name;
    std::replace_if(key.begin(), key.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
    asset_urls_.set(key, "/assets/" + asset.hashed_name);
  }
  asset_version_ = hex64(version).substr(0, 10);
}

std::string Theme::render(std::string_view name, const TemplateData& data, std::string_view language) const {
  // A compiled template is not safe to render from two threads at once, and compiling costs
  // more than rendering, so each thread keeps its own compiled copies.
  thread_local std::unordered_map<std::string, std::unique_ptr<mustache>> compiled;
  // A language without a catalog reads the English ("").
  auto in = translated_.find(language);
  if (in == translated_.end()) in = translated_.find(std::string_view());
  const Sources& sources = in->second;
  std::string key = std::to_string(id_) + ":" + std::string(name) + ":" + in->first;
  auto it = compiled.find(key);
  if (it == compiled.end()) {
    auto source = sources.find(name);
    if (source == sources.end()) throw std::runtime_error("no template " + std::string(name));
    it = compiled.emplace(key, std::make_unique<mustache>(source->second)).first;
    // kainjow's own escaping appends a character at a time; the output is the same, less the
    // control characters HTML forbids.
    it->second->set_custom_escape([](const std::string& text) { return xml_escape(text); });
  }
  std::string out;
  out.reserve(16 * 1024);  // an article page is about 11 KB
  it->second->render(data, [&out](const std::string& part) { out += part; });
  return out;
}

const Asset* Theme::asset(std::string_view path, bool* hashed) const {
  if (hashed) *hashed = false;
  if (auto it = assets_.find(path); it != assets_.end()) return &it->second;
  if (auto by_hash = by_hashed_name_.find(path); by_hash != by_hashed_name_.end()) {
    if (hashed) *hashed = true;
    return &assets_.find(by_hash->second)->second;
  }
  // Another build's hash (a page of a node not yet upgraded): today's content, not kept for long.
  auto dot = path.rfind('.');
  auto hash_dot = dot == std::string_view::npos || dot < 11 ? std::string_view::npos : dot - 11;
  if (hash_dot == std::string_view::npos || path[hash_dot] != '.' ||
      !std::all_of(path.begin() + hash_dot + 1, path.begin() + dot, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
    return nullptr;
  auto it = assets_.find(std::string(path.substr(0, hash_dot)) + std::string(path.substr(dot)));
  return it == assets_.end() ? nullptr : &it->second;
}

}  // namespace kpress
