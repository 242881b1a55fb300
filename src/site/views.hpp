#pragma once
// Builds the values templates show (view models) from content. Mustache looks a missing name up
// in the enclosing values, so optional fields are always set: to their text, or to false.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/content.hpp"
#include "render/theme.hpp"

namespace kpress {

class Store;

// What every page needs to know about the site, read once per request.
struct SiteContext {
  Site site;
  std::vector<Language> languages;
  std::vector<Section> sections;
  std::map<std::string, std::string> section_names;
  std::map<std::string, std::string> tag_names;
  std::map<std::string, Author> authors;

  static SiteContext load(const Store& store);
  bool has_language(std::string_view code) const;
  std::string language_name(const std::string& code) const;
  std::string absolute_url(std::string_view path) const;
};

// The language a page speaks: its dates and numbers, and its interface text from the theme's
// catalogs. Ids are the English text; "{name}" in a text is replaced by the value given for it.
struct Speech {
  std::string language;
  const Messages& messages;

  std::string text(std::string_view id,
                   std::initializer_list<std::pair<std::string_view, std::string>> values = {}) const;
  std::string counted(std::string_view singular, std::string_view plural, long long n) const;
  std::string percent(double share) const { return messages.percent(language, share); }
};
Speech speech_in(const Theme& theme, std::string_view language);

// Sets `key` to `value`, or to false when `value` is empty.
void set_text(TemplateData& data, const std::string& key, const std::string& value);

// The options of a <select>: {value, label, selected} for each item, first a "none" option
// labelled `none_label` (value "") unless it is empty.
template <typename T, typename Value, typename Label>
TemplateData options_view(const std::vector<T>& items, const std::string& selected, Value value, Label label,
                          std::string_view none_label) {
  TemplateData list{TemplateData::type::list};
  if (!none_label.empty()) {
    TemplateData none;
    none.set("value", "");
    none.set("label", std::string(none_label));
    none.set("selected", selected.empty());
    list.push_back(std::move(none));
  }
  for (const auto& item : items) {
    TemplateData option;
    option.set("value", value(item));
    option.set("label", label(item));
    option.set("selected", value(item) == selected);
    list.push_back(std::move(option));
  }
  return list;
}

// {url, name} of the article's section, or false when it has none.
// The section's name and its page in the edition of `language` (the site's when empty).
TemplateData section_view(const std::string& slug, const SiteContext& context, std::string_view language = {});
// {url, alt, credit} of a hero image, or false when there is none.
TemplateData hero_view(const HeroImage& hero);
TemplateData time_view(Instant t, const SiteContext& context, std::string_view language);
// Cards in a page of `language` (the site's when empty): their dates are written in it.
// `comments`: its approved comments, shown when there are some.
TemplateData card_view(const ArticleSummary& article, const SiteContext& context, std::string_view language = {},
                       std::int64_t comments = 0);
TemplateData cards_view(const std::vector<ArticleSummary>& articles, const SiteContext& context,
                        std::string_view language = {});

// Pagination: page numbers start at 1; `base_path` is the page's path without a query.
struct PageWindow {
  int page = 1;
  int pages = 1;
  int offset(int page_size) const { return (page - 1) * page_size; }
};
// Reads ?page=N (or another parameter's N: ?comments=N); 1 when absent; nothing when N is not
// a whole number from 1 up.
std::optional<int> requested_page(std::string_view target, std::string_view parameter = "page");
int page_count(std::int64_t total, int page_size);
void add_pager(TemplateData& page, const PageWindow& window, const std::string& base_path);

struct PageMeta {
  std::string title;
  std::string description;
  // The whole title search engines and shared links get (an article's SEO title), instead of
  // "TITLE | SITE"; empty: that.
  std::string search_title;
  std::string canonical_path;  // empty: none
  std::string nav_current;     // section slug, or shows / people / groups, to mark as current
  bool noindex = false;
  std::string json_ld;         // a <script type="application/ld+json"> element, or empty
  std::string feed_path;       // "/section/bts/feed": the page's own feeds (.xml, .atom, .json)
  std::string feed_title;
  // For OpenGraph and Twitter cards, and hreflang links (an article's editions, itself included).
  std::string language;        // of the page's content, and the one its interface text speaks; the site's when empty
  HeroImage image;
  std::optional<Instant> published;
  std::vector<std::pair<std::string, std::string>> alternates;  // (language, path)
  // The page exists in every language edition at its canonical path's place (a home, an archive,
  // a catalog page): hreflang links and the language switcher lead to each of them.
  bool in_every_edition = false;
};

// The value of `key` in the query of `target`, decoded; "" when absent.
std::string query_value(std::string_view target, std::string_view key);
// A list of strings as Mustache items {alias, last}, so templates can put commas between them.
TemplateData alias_list(const std::vector<std::string>& values);

// The page's own HTML wrapped in the layout.
std::string render_page(const Theme& theme, const SiteContext& context, std::string_view template_name,
                        TemplateData page, const PageMeta& meta);

}  // namespace kpress
