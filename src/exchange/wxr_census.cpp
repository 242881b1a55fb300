#include "exchange/wxr_census.hpp"

#include <boost/json.hpp>

#include "exchange/wp_content.hpp"

namespace kpress {
namespace {

boost::json::object nested(const std::map<std::string, std::map<std::string, std::int64_t>>& counts) {
  boost::json::object out;
  for (const auto& [kind, by] : counts) {
    boost::json::object inner;
    for (const auto& [key, n] : by) inner[key] = n;
    out[kind] = std::move(inner);
  }
  return out;
}

}  // namespace

void WxrCensusTaker::site(const WxrSite& s) { census.site = s; }
void WxrCensusTaker::author(const WxrAuthor&) { ++census.authors; }
void WxrCensusTaker::term(const WxrTerm& t) { ++census.terms[t.taxonomy]; }

void WxrCensusTaker::count(const WxrItem& i) {
  ++census.items[i.type][i.status];
  if (!i.password.empty()) ++census.protected_items;
  if (i.sticky) ++census.sticky;
  if (convert_content && (i.type == "post" || i.type == "page")) {
    for (const auto& [kind, n] : wordpress_to_markdown(i.content).kept_as_text) census.kept_as_text[kind].push_back(i.post_id);
  }
  // WordPress writes an empty type for a plain comment, and "comment" since 5.5: one kind.
  for (const auto& c : i.comments) ++census.comments[c.type.empty() ? "comment" : c.type][c.approved];
}

WxrCensus take_census(const std::filesystem::path& file) {
  WxrCensusTaker counting;
  read_wxr(file, counting);
  return std::move(counting.census);
}

boost::json::object to_json(const WxrCensus& c) {
  boost::json::object terms;
  for (const auto& [taxonomy, n] : c.terms) terms[taxonomy] = n;
  boost::json::object kept;
  for (const auto& [kind, items] : c.kept_as_text) kept[kind] = boost::json::value_from(items);
  return {{"site", {{"title", c.site.title},
                    {"link", c.site.link},
                    {"language", c.site.language},
                    {"wxr_version", c.site.wxr_version},
                    {"base_site_url", c.site.base_site_url}}},
          {"authors", c.authors},
          {"terms", std::move(terms)},
          {"items", nested(c.items)},
          {"comments", nested(c.comments)},
          {"protected", c.protected_items},
          {"sticky", c.sticky},
          {"kept_as_text", std::move(kept)}};
}

}  // namespace kpress
