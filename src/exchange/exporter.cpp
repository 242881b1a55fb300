#include "exchange/exporter.hpp"

#include <fstream>

#include "exchange/article_file.hpp"
#include "exchange/catalog_import.hpp"
#include "exchange/site_file.hpp"
#include "store/store.hpp"

namespace kpress {

namespace fs = std::filesystem;

namespace {

bool write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  return static_cast<bool>(out.flush());
}

}  // namespace

ExportReport export_site(const Store& store, const fs::path& dir) {
  ExportReport report;
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    report.error = dir.string() + " already exists and is not an empty folder";
    return report;
  }
  // Everything goes to a folder beside the target first, which becomes the target at the end:
  // an export that fails leaves nothing half-written.
  fs::path staging = dir;
  staging += ".partial";
  fs::remove_all(staging, ec);
  fs::create_directories(staging / "articles", ec);
  if (ec) {
    report.error = "cannot create " + staging.string() + ": " + ec.message();
    return report;
  }
  SiteFile site_file{store.site(), store.languages(), store.sections(), store.authors(), store.tags(), {}};
  for (const auto& l : site_file.languages) {
    for (const auto& pin : store.featured(l.code)) {
      if (auto a = store.article_by_id(pin.article_id)) site_file.featured.push_back({l.code, a->slug, pin.until, 0});
    }
  }
  bool ok = write_file(staging / "site.toml", write_site_file(site_file)) &&
            write_file(staging / "catalog.json", write_catalog_json(store));
  for (const auto& a : store.all_articles()) {
    ok = ok && write_file(staging / "articles" / (a.slug + ".md"), write_markdown_article(a));
    ++report.articles;
  }
  if (ok) {
    fs::remove(dir, ec);  // the empty target, if there is one
    fs::rename(staging, dir, ec);
  }
  if (!ok || ec) {
    report.error = "cannot write " + dir.string() + (ec ? ": " + ec.message() : "");
    fs::remove_all(staging, ec);
  }
  return report;
}

}  // namespace kpress
