#pragma once
// The site's own navigation: the links its menu shows, in order, when it has chosen them (a
// WordPress site's menu, moved in by the import); without, the menu shows the sections.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpress {

struct NavigationLink {
  std::string label;
  std::string url;       // a path of this site ("/section/news", "/about") or an address
  std::string language;  // the edition whose menu shows it; empty: every edition's
  bool operator==(const NavigationLink&) const = default;
};

// As the settings keep it ("navigation" = a JSON list), and back: nothing for text that is not
// such a list.
std::string navigation_setting(const std::vector<NavigationLink>& links);
std::optional<std::vector<NavigationLink>> read_navigation_setting(std::string_view text);

}  // namespace kpress
