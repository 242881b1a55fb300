#include "exchange/site_file.hpp"

#include <toml++/toml.h>

#include <sstream>

#include "core/slug.hpp"
#include "core/validation.hpp"

namespace kpress {
namespace {

// Reads the string fields of a table into `fields`; a missing required field or a value of the
// wrong type is an error naming it and its line.
class TableReader {
 public:
  TableReader(const std::string& file, const toml::table& table, std::string prefix, std::vector<ImportError>& errors)
      : file_(file), table_(table), prefix_(std::move(prefix)), errors_(errors) {}

  std::string text(std::string_view key, bool required) {
    const toml::node* node = table_.get(key);
    std::string field = prefix_ + std::string(key);
    if (!node) {
      if (required) errors_.push_back({file_, line(), "", field, "is required"});
      return {};
    }
    if (auto s = node->value<std::string>()) return *s;
    errors_.push_back({file_, static_cast<int>(node->source().begin.line), "", field, "must be a string"});
    return {};
  }
  int integer(std::string_view key) {
    if (const toml::node* node = table_.get(key)) {
      if (auto i = node->value<int64_t>()) return static_cast<int>(*i);
      errors_.push_back({file_, static_cast<int>(node->source().begin.line), "", prefix_ + std::string(key),
                         "must be a whole number"});
    }
    return 0;
  }
  std::string slug(std::string_view key) {
    std::string value = text(key, true);
    if (!value.empty() && !is_valid_slug(value))
      errors_.push_back({file_, line(key), "", prefix_ + std::string(key),
                         "'" + value + "' is not a slug (lower-case letters and digits joined by '-')"});
    return value;
  }
  int line(std::string_view key = {}) const {
    const toml::node* node = key.empty() ? nullptr : table_.get(key);
    return static_cast<int>((node ? node->source() : table_.source()).begin.line);
  }

 private:
  const std::string& file_;
  const toml::table& table_;
  std::string prefix_;
  std::vector<ImportError>& errors_;
};

// [comments]: what the site decides about readers' comments (core/comment_settings.hpp).
void read_comment_settings(const std::string& file, const toml::table& table, CommentSettings& out,
                           std::vector<ImportError>& errors) {
  auto line_of = [](const toml::node& node) { return static_cast<int>(node.source().begin.line); };
  auto fail = [&](const toml::node& node, std::string_view key, std::string message) {
    errors.push_back({file, line_of(node), "", "comments." + std::string(key), std::move(message)});
  };
  auto number = [&](const toml::node& node, std::string_view key, int low, int high, int& field) {
    auto value = node.value<int64_t>();
    if (!value || *value < low || *value > high)
      return fail(node, key, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    field = static_cast<int>(*value);
  };
  auto words = [&](const toml::node& node, std::string_view key, std::vector<std::string>& field) {
    const toml::array* list = node.as_array();
    field.clear();
    if (!list) return fail(node, key, "must be a list of strings");
    for (const auto& item : *list) {
      auto word = item.value<std::string>();
      if (!word || word->empty() || word->find('\n') != std::string::npos) return fail(item, key, "must hold words, one per string");
      field.push_back(*word);
    }
  };
  for (const auto& [key, node] : table) {
    std::string_view name = key.str();
    if (name == "open") {
      if (auto b = node.value<bool>()) out.open = *b;
      else fail(node, name, "must be true or false");
    } else if (name == "close_after_days") number(node, name, 0, 36500, out.close_after_days);
    else if (name == "depth") number(node, name, 1, 20, out.depth);
    else if (name == "threads_per_page") number(node, name, 1, 500, out.threads_per_page);
    else if (name == "max_links") number(node, name, 0, 100, out.max_links);
    else if (name == "order") {
      auto order = node.value<std::string>();
      if (order && (*order == "oldest" || *order == "newest")) out.newest_first = *order == "newest";
      else fail(node, name, "must be \"oldest\" or \"newest\"");
    } else if (name == "moderation") {
      auto rule = node.value<std::string>();
      auto parsed = rule ? parse_comment_moderation(*rule) : std::nullopt;
      if (parsed) out.moderation = *parsed;
      else fail(node, name, "must be \"all\", \"first\" or \"links\"");
    } else if (name == "hold_words") words(node, name, out.hold_words);
    else if (name == "refuse_words") words(node, name, out.refuse_words);
    else fail(node, name, "is not a setting of comments; expected open, close_after_days, depth, order, threads_per_page, "
                          "moderation, max_links, hold_words or refuse_words");
  }
}

template <typename T, typename Read>
void read_list(const std::string& file, const toml::table& root, std::string_view key, std::vector<T>& out,
               std::vector<ImportError>& errors, Read read) {
  const toml::node* node = root.get(key);
  if (!node) return;
  const toml::array* list = node->as_array();
  if (!list) {
    errors.push_back({file, static_cast<int>(node->source().begin.line), "", std::string(key),
                      "must be a list of tables ([[" + std::string(key) + "]])"});
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::table* table = (*list)[i].as_table();
    std::string prefix = std::string(key) + "[" + std::to_string(i) + "].";
    if (!table) {
      errors.push_back({file, static_cast<int>((*list)[i].source().begin.line), "", prefix, "must be a table"});
      continue;
    }
    TableReader r(file, *table, prefix, errors);
    out.push_back(read(r));
  }
}

}  // namespace

SiteFile parse_site_file(const std::string& file, std::string_view text, std::vector<ImportError>& errors) {
  SiteFile result;
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    errors.push_back({file, static_cast<int>(e.source().begin.line), "", "", std::string(e.description())});
    return result;
  }
  if (const toml::table* site = root["site"].as_table()) {
    TableReader r(file, *site, "site.", errors);
    Site s;
    s.name = r.text("name", true);
    s.tagline = r.text("tagline", false);
    s.base_url = r.text("base_url", true);
    s.default_language = r.text("default_language", true);
    if (auto zone = r.text("time_zone", false); !zone.empty()) s.time_zone = zone;
    result.site = s;
  }
  if (const toml::node* comments = root.get("comments")) {
    const toml::table* table = comments->as_table();
    if (!table) errors.push_back({file, static_cast<int>(comments->source().begin.line), "", "comments", "must be a table ([comments])"});
    else if (!result.site)
      errors.push_back({file, static_cast<int>(comments->source().begin.line), "", "comments", "needs the [site] table it belongs to"});
    else read_comment_settings(file, *table, result.site->comments, errors);
  }
  read_list(file, root, "languages", result.languages, errors,
            [](TableReader& r) { return Language{r.text("code", true), r.text("name", true)}; });
  read_list(file, root, "sections", result.sections, errors, [](TableReader& r) {
    Section s;
    s.slug = r.slug("slug");
    s.name = r.text("name", true);
    s.description = r.text("description", false);
    s.position = r.integer("position");
    s.parent = r.text("parent", false);
    if (!s.parent.empty()) s.parent = r.slug("parent");
    return s;
  });
  read_list(file, root, "authors", result.authors, errors, [](TableReader& r) {
    return Author{r.slug("slug"), r.text("name", true), r.text("bio", false)};
  });
  read_list(file, root, "tags", result.tags, errors,
            [](TableReader& r) { return Tag{r.slug("slug"), r.text("name", true)}; });
  read_list(file, root, "featured", result.featured, errors, [&](TableReader& r) {
    FeaturedEntry f{r.text("language", true), r.slug("article"), std::nullopt, r.line()};
    if (std::string until = r.text("until", false); !until.empty()) {
      f.until = parse_iso8601(until);
      if (!f.until)
        errors.push_back({file, r.line("until"), "", "featured.until", "'" + until + "' is not a time (2026-12-31T00:00:00Z)"});
    }
    return f;
  });
  std::vector<NavigationLink> navigation;
  read_list(file, root, "navigation", navigation, errors, [&](TableReader& r) {
    NavigationLink link{r.text("label", true), r.text("url", true), r.text("language", false)};
    if (!link.url.empty() && (!is_path_or_http_url(link.url) || link.url.starts_with("//")))
      errors.push_back({file, r.line("url"), "", "navigation.url",
                        "'" + link.url + "' is not where a link can lead: a path of this site or an http(s) address"});
    return link;
  });
  if (!navigation.empty()) {
    if (result.site) result.site->navigation = std::move(navigation);
    else errors.push_back({file, 0, "", "navigation", "needs the [site] table it belongs to"});
  }
  for (const auto& [key, node] : root) {
    if (key != "site" && key != "comments" && key != "languages" && key != "sections" && key != "authors" && key != "tags" &&
        key != "featured" && key != "navigation")
      errors.push_back({file, static_cast<int>(node.source().begin.line), "", std::string(key.str()),
                        "is not a known table; expected site, comments, languages, sections, authors, tags, featured or "
                        "navigation"});
  }
  return result;
}

std::string write_site_file(const SiteFile& f) {
  toml::table root;
  if (f.site) {
    root.insert("site", toml::table{{"name", f.site->name},
                                    {"tagline", f.site->tagline},
                                    {"base_url", f.site->base_url},
                                    {"default_language", f.site->default_language},
                                    {"time_zone", f.site->time_zone}});
    const CommentSettings& c = f.site->comments;
    toml::array hold, refuse;
    for (const auto& w : c.hold_words) hold.push_back(w);
    for (const auto& w : c.refuse_words) refuse.push_back(w);
    root.insert("comments", toml::table{{"open", c.open},
                                        {"close_after_days", c.close_after_days},
                                        {"depth", c.depth},
                                        {"order", c.newest_first ? "newest" : "oldest"},
                                        {"threads_per_page", c.threads_per_page},
                                        {"moderation", std::string(to_string(c.moderation))},
                                        {"max_links", c.max_links},
                                        {"hold_words", std::move(hold)},
                                        {"refuse_words", std::move(refuse)}});
  }
  toml::array languages, sections, authors, tags, featured;
  for (const auto& l : f.languages) languages.push_back(toml::table{{"code", l.code}, {"name", l.name}});
  for (const auto& s : f.sections) {
    toml::table entry{{"slug", s.slug}, {"name", s.name}, {"description", s.description}, {"position", s.position}};
    if (!s.parent.empty()) entry.insert("parent", s.parent);
    sections.push_back(std::move(entry));
  }
  for (const auto& a : f.authors) authors.push_back(toml::table{{"slug", a.slug}, {"name", a.name}, {"bio", a.bio}});
  for (const auto& t : f.tags) tags.push_back(toml::table{{"slug", t.slug}, {"name", t.name}});
  for (const auto& x : f.featured) {
    toml::table entry{{"language", x.language}, {"article", x.article}};
    if (x.until) entry.insert("until", format_iso8601(*x.until));
    featured.push_back(std::move(entry));
  }
  root.insert("languages", std::move(languages));
  root.insert("sections", std::move(sections));
  root.insert("authors", std::move(authors));
  root.insert("tags", std::move(tags));
  if (!featured.empty()) root.insert("featured", std::move(featured));
  if (f.site && !f.site->navigation.empty()) {
    toml::array navigation;
    for (const auto& l : f.site->navigation) {
      toml::table entry{{"label", l.label}, {"url", l.url}};
      if (!l.language.empty()) entry.insert("language", l.language);
      navigation.push_back(std::move(entry));
    }
    root.insert("navigation", std::move(navigation));
  }
  std::ostringstream out;
  out << root << "\n";
  return out.str();
}

}  // namespace kpress
