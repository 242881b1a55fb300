#include "core/navigation.hpp"

#include <boost/json.hpp>

namespace kpress {

std::string navigation_setting(const std::vector<NavigationLink>& links) {
  boost::json::array list;
  for (const auto& l : links) {
    boost::json::object o{{"label", l.label}, {"url", l.url}};
    if (!l.language.empty()) o["language"] = l.language;
    list.push_back(std::move(o));
  }
  return boost::json::serialize(list);
}

std::optional<std::vector<NavigationLink>> read_navigation_setting(std::string_view text) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_array()) return std::nullopt;
  std::vector<NavigationLink> links;
  for (const auto& v : parsed.get_array()) {
    const auto* o = v.if_object();
    if (!o) return std::nullopt;
    auto text_of = [&](const char* key) {
      auto it = o->find(key);
      return it != o->end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
    };
    NavigationLink link{text_of("label"), text_of("url"), text_of("language")};
    if (link.label.empty() || link.url.empty()) return std::nullopt;
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace kpress
