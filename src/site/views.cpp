#include "site/views.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

#include "core/media.hpp"
#include "core/numbers.hpp"
#include "render/dates.hpp"
#include "render/messages.hpp"
#include "site/editions.hpp"
#include "store/store.hpp"

namespace kpress {

SiteContext SiteContext::load(const Store& store) {
  SiteContext c;
  c.site = store.site();
  c.languages = store.languages();
  c.sections = store.sections();
  for (const auto& s : c.sections) c.section_names[s.slug] = s.name;
  for (const auto& t : store.tags()) c.tag_names[t.slug] = t.name;
  for (const auto& a : store.authors()) c.authors[a.slug] = a;
  return c;
}

bool SiteContext::has_language(std::string_view code) const {
  return std::any_of(languages.begin(), languages.end(), [&](const Language& l) { return l.code == code; });
}

std::string SiteContext::language_name(const std::string& code) const {
  for (const auto& l : languages) {
    if (l.code == code) return l.name;
  }
  return code;
}

std::string SiteContext::absolute_url(std::string_view path) const {
  std::string base = site.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path);
}


void set_text(TemplateData& data, const std::string& key, const std::string& value) {
  if (value.empty()) data.set(key, false);
  else data.set(key, value);
}

TemplateData section_view(const std::string& slug, const SiteContext& context, std::string_view language) {
  auto it = context.section_names.find(slug);
  if (it == context.section_names.end()) return TemplateData(false);
  TemplateData v;
  v.set("url", edition_in(context, language.empty() ? std::string_view(context.site.default_language) : language)
                   .path(section_path(slug)));
  v.set("name", it->second);
  return v;
}

TemplateData hero_view(const HeroImage& hero) {
  if (hero.empty()) return TemplateData(false);
  TemplateData v;
  v.set("url", hero.url);
  v.set("alt", hero.alt);
  set_text(v, "credit", hero.credit);
  // An image of the media library comes in several widths and formats: the browser picks.
  if (auto image = parse_library_url(hero.url)) {
    TemplateData sources;
    sources.set("avif", library_srcset(*image, "avif"));
    sources.set("webp", library_srcset(*image, "webp"));
    sources.set("jpeg", library_srcset(*image, "jpg"));
    sources.set("width", std::to_string(image->largest.width));
    sources.set("height", std::to_string(image->largest.height));
    v.set("sources", std::move(sources));
  } else {
    v.set("sources", false);
  }
  return v;
}

TemplateData time_view(Instant t, const SiteContext& context, std::string_view language) {
  TemplateData v;
  v.set("iso", format_iso8601(t));
  v.set("date", format_date(t, language, context.site.time_zone));
  v.set("date_time", format_date_time(t, language, context.site.time_zone));
  return v;
}

TemplateData card_view(const ArticleSummary& a, const SiteContext& context, std::string_view language,
                       std::int64_t comments) {
  TemplateData v;
  v.set("comment_count", comments > 0 ? TemplateData(std::to_string(comments)) : TemplateData(false));
  v.set("article_url", article_path(a.slug));
  v.set("title", a.title);
  v.set("lang", a.language);
  set_text(v, "standfirst", a.standfirst);
  v.set("section", section_view(a.section, context, language));
  v.set("hero", hero_view(a.hero));
  // Dates on cards are in the page's language, not the card's article's.
  if (a.published_at)
    v.set("published", time_view(*a.published_at, context, language.empty() ? context.site.default_language : language));
  else v.set("published", false);
  return v;
}

TemplateData cards_view(const std::vector<ArticleSummary>& articles, const SiteContext& context, std::string_view language) {
  TemplateData list{TemplateData::type::list};
  for (const auto& a : articles) list.push_back(card_view(a, context, language));
  return list;
}

std::optional<int> requested_page(std::string_view target, std::string_view parameter) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  auto params = url->params();
  auto it = params.find(parameter);
  if (it == params.end()) return 1;
  auto page = parse_whole_number(std::string((*it).value));
  if (!page || *page < 1 || *page > 1'000'000) return std::nullopt;
  return static_cast<int>(*page);
}

std::string query_value(std::string_view target, std::string_view key) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return {};
  auto params = url->params();
  auto it = params.find(key);
  return it == params.end() ? std::string() : std::string((*it).value);
}

TemplateData alias_list(const std::vector<std::string>& values) {
  TemplateData list{TemplateData::type::list};
  for (std::size_t i = 0; i < values.size(); ++i) {
    TemplateData item;
    item.set("alias", values[i]);
    item.set("last", i + 1 == values.size());
    list.push_back(std::move(item));
  }
  return list;
}

int page_count(std::int64_t total, int page_size) {
  return std::max<int>(1, static_cast<int>((total + page_size - 1) / page_size));
}

void add_pager(TemplateData& page, const PageWindow& w, const std::string& base_path) {
  auto link = [&](int n) { return n == 1 ? base_path : base_path + "?page=" + std::to_string(n); };
  if (w.pages <= 1) {
    page.set("pager", false);
    page.set("prev_url", false);
    page.set("next_url", false);
    return;
  }
  TemplateData pager;
  pager.set("page", std::to_string(w.page));
  pager.set("pages", std::to_string(w.pages));
  set_text(pager, "prev_url", w.page > 1 ? link(w.page - 1) : "");
  set_text(pager, "next_url", w.page < w.pages ? link(w.page + 1) : "");
  page.set("pager", pager);
  set_text(page, "prev_url", w.page > 1 ? link(w.page - 1) : "");
  set_text(page, "next_url", w.page < w.pages ? link(w.page + 1) : "");
}

std::string Speech::text(std::string_view id,
                         std::initializer_list<std::pair<std::string_view, std::string>> values) const {
  std::string out(messages.text(language, id));
  for (const auto& [name, value] : values) {
    std::string placeholder = "{" + std::string(name) + "}";
    if (auto at = out.find(placeholder); at != std::string::npos) out.replace(at, placeholder.size(), value);
  }
  return out;
}

std::string Speech::counted(std::string_view singular, std::string_view plural, long long n) const {
  return messages.counted(language, singular, plural, n);
}

Speech speech_in(const Theme& theme, std::string_view language) { return {std::string(language), theme.messages()}; }

std::string render_page(const Theme& theme, const SiteContext& context, std::string_view template_name,
                        TemplateData page, const PageMeta& meta) {
  // The page speaks its own language (an article's), else the site's.
  const std::string& language = meta.language.empty() ? context.site.default_language : meta.language;
  page.set("ui_lang", language);
  page.set("site_name", context.site.name);
  std::string content = theme.render(template_name, page, language);

  Edition edition = edition_in(context, language);
  TemplateData layout;
  layout.set("ui_lang", language);
  layout.set("dir", is_right_to_left(language) ? "rtl" : "ltr");
  layout.set("home_url", edition.path("/"));
  layout.set("prefix", edition.prefix);
  layout.set("time_zone_name", format_zone_name(context.site.time_zone, language));
  layout.set("site_name", context.site.name);
  set_text(layout, "tagline", context.site.tagline);
  layout.set("page_title", !meta.search_title.empty() ? meta.search_title
                          : meta.title.empty()        ? context.site.name
                                                      : meta.title + " | " + context.site.name);
  set_text(layout, "description", meta.description);
  set_text(layout, "canonical", meta.canonical_path.empty() ? "" : context.absolute_url(meta.canonical_path));
  layout.set("noindex", meta.noindex);
  layout.set("assets", theme.asset_urls());
  layout.set("json_ld", meta.json_ld);
  // OpenGraph and Twitter cards: what a link to this page shows when shared.
  static const std::map<std::string, std::string> locales{{"fr", "fr_FR"}, {"en", "en_US"}, {"ko", "ko_KR"}};
  auto locale = locales.find(language);
  layout.set("og_locale", locale == locales.end() ? language : locale->second);
  layout.set("og_title", !meta.search_title.empty() ? meta.search_title : meta.title.empty() ? context.site.name : meta.title);
  layout.set("og_type", meta.published ? "article" : "website");
  set_text(layout, "published", meta.published ? format_iso8601(*meta.published) : "");
  if (meta.image.empty()) {
    layout.set("image", false);
  } else {
    TemplateData image;
    image.set("url", meta.image.url.starts_with("/") ? context.absolute_url(meta.image.url) : meta.image.url);
    image.set("alt", meta.image.alt);
    layout.set("image", std::move(image));
  }
  layout.set("twitter_card", meta.image.empty() ? "summary" : "summary_large_image");
  // The same page in the other editions: an article's editions (the others' homes where it has
  // none), or this page's place in every edition.
  auto pairs = meta.alternates;
  if (meta.in_every_edition && context.languages.size() > 1 && !meta.canonical_path.empty()) {
    std::string base = path_in_default_edition(context, meta.canonical_path);
    for (const auto& l : context.languages) pairs.emplace_back(l.code, edition_in(context, l.code).path(base));
    pairs.emplace_back("x-default", base);
  }
  TemplateData alternates{TemplateData::type::list};
  for (const auto& [lang, path] : pairs) {
    TemplateData item;
    item.set("lang", lang);
    item.set("url", context.absolute_url(path));
    alternates.push_back(std::move(item));
  }
  layout.set("alternates", std::move(alternates));
  TemplateData switcher{TemplateData::type::list};
  if (context.languages.size() > 1) {
    for (const auto& l : context.languages) {
      auto same = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == l.code; });
      TemplateData item;
      item.set("lang", l.code);
      item.set("name", l.name);
      item.set("url", same != pairs.end() ? same->second : edition_in(context, l.code).path("/"));
      item.set("current", l.code == language);
      switcher.push_back(std::move(item));
    }
  }
  layout.set("has_editions", !switcher.is_empty_list());
  layout.set("editions", std::move(switcher));
  for (const char* catalog : {"shows", "people", "groups", "schedule", "birthdays", "search"})
    layout.set(std::string("nav_") + catalog, meta.nav_current == catalog);
  for (const char* key : {"prev_url", "next_url"}) {
    const auto* value = page.get(key);
    layout.set(key, value && value->is_string() ? *value : TemplateData(false));
  }
  TemplateData nav{TemplateData::type::list};
  // The site's own menu, this edition's links of it; else its sections.
  for (const auto& link : context.site.navigation) {
    if (!link.language.empty() && link.language != edition.language) continue;
    TemplateData item;
    item.set("url", link.url);
    item.set("name", link.label);
    item.set("current", !meta.canonical_path.empty() && link.url == meta.canonical_path);
    nav.push_back(std::move(item));
  }
  if (nav.is_empty_list()) {
    for (const auto& s : context.sections) {
      TemplateData item;
      item.set("url", edition.path(section_path(s.slug)));
      item.set("name", s.name);
      item.set("current", s.slug == meta.nav_current);
      nav.push_back(std::move(item));
    }
  }
  layout.set("nav", std::move(nav));
  // Feed autodiscovery: the site's feeds on every page, and the page's own where it has them.
  TemplateData feeds{TemplateData::type::list};
  auto add_feed = [&](const std::string& title, const std::string& path) {
    TemplateData feed;
    feed.set("title", title);
    feed.set("path", path);
    feeds.push_back(std::move(feed));
  };
  add_feed(context.site.name, edition.path("/feed"));
  if (!meta.feed_path.empty()) add_feed(context.site.name + " — " + meta.feed_title, meta.feed_path);
  layout.set("feeds", std::move(feeds));
  layout.set("content", std::move(content));
  return theme.render("layout", layout, language);
}

}  // namespace kpress
