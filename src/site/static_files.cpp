// Theme assets (/assets/) and uploaded media (/media/), with validators for conditional GET.
#include <boost/url/parse.hpp>

#include <fstream>
#include <sstream>

#include "http/page_cache.hpp"
#include "render/theme.hpp"
#include "site/reader_site.hpp"

namespace kpress {

using http::Status;

namespace {

bool etag_matches(const http::Request& req, const std::string& etag) {
  auto it = req.find(http::Field::if_none_match);
  if (it == req.end()) return false;
  auto value = it->value();
  return value == "*" || value.find(etag) != std::string_view::npos;
}

http::Response not_modified(const std::string& etag, std::string_view cache_control) {
  http::Response res{Status::not_modified, 11};
  res.set(http::Field::etag, etag);
  res.set(http::Field::cache_control, cache_control);
  return res;
}

// Media paths are plain relative paths: no empty, hidden, '.' or '..' segments.
bool is_safe_relative_path(std::string_view path) {
  if (path.empty() || path.size() > 1024) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    auto segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.' || segment.find('\\') != std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

http::Response ReaderSite::asset(const http::Request& req, const http::RouteParams& params) const {
  bool hashed = false;
  const Asset* a = theme_.asset(params.get("path"), &hashed);
  if (!a) return error_page(Status::not_found);
  // Pages link assets by their content's hash (style.1a2b3c4d5e.css), an address that never
  // changes content, so browsers keep it; links of older pages (?v=VERSION) too.
  auto url = boost::urls::parse_origin_form(req.target());
  bool versioned = hashed || (url && url->params().contains("v"));
  std::string_view cache_control = versioned ? "public, max-age=31536000, immutable" : "public, max-age=300";
  if (etag_matches(req, a->etag)) return not_modified(a->etag, cache_control);
  auto res = http::make_response(Status::ok, a->content, a->content_type);
  res.set(http::Field::etag, a->etag);
  res.set(http::Field::cache_control, cache_control);
  res.set(http::kTagsHeader, "static");  // kept compressed by the page cache; changes only with the binary
  return res;
}

http::Response ReaderSite::media(const http::Request& req, const http::RouteParams& params) const {
  std::string_view path = params.get("path");
  if (!is_safe_relative_path(path) || options_.media_dir.empty()) return error_page(Status::not_found);
  auto file = options_.media_dir / std::filesystem::path(std::string(path));
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return error_page(Status::not_found);
  auto size = std::filesystem::file_size(file, ec);
  auto mtime = std::filesystem::last_write_time(file, ec);
  std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime.time_since_epoch().count()) + "\"";
  constexpr std::string_view cache_control = "public, max-age=86400";
  if (etag_matches(req, etag)) return not_modified(etag, cache_control);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  auto res = http::make_response(Status::ok, body.str(), content_type_for(path));
  res.set(http::Field::etag, etag);
  res.set(http::Field::cache_control, cache_control);
  return res;
}

}  // namespace kpress
