#pragma once
// What a WordPress export holds, counted as it is read: the report of `kpress import --format wxr
// --dry-run`, and the figures an import is checked against.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "exchange/wxr_reader.hpp"

namespace kpress {

struct WxrCensus {
  WxrSite site;
  std::int64_t authors = 0;
  std::map<std::string, std::int64_t> terms;                               // by taxonomy
  std::map<std::string, std::map<std::string, std::int64_t>> items;        // by type, then status
  std::map<std::string, std::map<std::string, std::int64_t>> comments;     // by type, then approval
  std::int64_t protected_items = 0;  // with a password
  std::int64_t sticky = 0;
  // What the posts' and pages' content keeps as text (no Markdown form), by kind: in which items.
  std::map<std::string, std::vector<std::int64_t>> kept_as_text;
};

// Counts what it is told: a visitor of its own, or told by another that reads the file for more.
class WxrCensusTaker : public WxrVisitor {
 public:
  void site(const WxrSite& s) override;
  void author(const WxrAuthor&) override;
  void term(const WxrTerm& t) override;
  void item(WxrItem&& i) override { count(i); }
  void count(const WxrItem& i);
  WxrCensus census;
  // Whether each post's content is converted to find what has no Markdown form (kept_as_text):
  // an import that converts it anyway fills that in itself.
  bool convert_content = true;
};

// Reads the whole of `file`; throws WxrError naming where it is broken.
WxrCensus take_census(const std::filesystem::path& file);
boost::json::object to_json(const WxrCensus& census);

}  // namespace kpress
