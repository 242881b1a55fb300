#include "exchange/article_file.hpp"

#include <boost/json.hpp>
#include <toml++/toml.h>

#include <sstream>

#include "core/article_json.hpp"
#include "core/slug.hpp"
#include "exchange/json_document.hpp"

namespace kpress {

namespace json = boost::json;

std::string ImportError::to_string() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (!where.empty()) s += ": " + where;
  if (!field.empty()) s += ": " + field;
  return s + ": " + message;
}

namespace {

constexpr std::string_view kFence = "+++";

// Splits off the first line; returns it without its line ending.
std::string_view take_line(std::string_view& text) {
  auto end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

// Reads the tags list into slugs, remembering names written as names.
void normalize_tags(ParsedArticle& parsed) {
  for (auto& entry : parsed.article.tags) {
    std::string slug = is_valid_slug(entry) ? entry : slugify(entry);
    if (slug != entry) parsed.tag_names.push_back({slug, entry});
    entry = slug;
  }
}

void finish(ParsedArticle& parsed, std::vector<FieldError>& field_errors, std::vector<ImportError>& errors,
            const std::function<int(const std::string&)>& line_of) {
  parsed.has_errors = !field_errors.empty();
  normalize_tags(parsed);
  for (auto& e : field_errors) {
    errors.push_back({parsed.file, line_of(e.field), parsed.where, e.field, e.message});
  }
}

}  // namespace

std::vector<ParsedArticle> parse_markdown_article(const std::string& file_name, std::string_view text,
                                                  std::vector<ImportError>& errors) {
  std::string_view rest = text;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // a byte order mark
  if (take_line(rest) != kFence) {
    errors.push_back({file_name, 1, "", "", "the file must start with a line '+++' opening the TOML front matter"});
    return {};
  }
  std::string front;
  int line = 1;
  bool closed = false;
  while (!rest.empty()) {
    ++line;
    auto l = take_line(rest);
    if (l == kFence) {
      closed = true;
      break;
    }
    front.append(l).push_back('\n');
  }
  if (!closed) {
    errors.push_back({file_name, 1, "", "", "the front matter opened on line 1 is never closed by a line '+++'"});
    return {};
  }
  if (rest.starts_with('\n')) rest.remove_prefix(1);  // the blank line after the front matter
  else if (rest.starts_with("\r\n")) rest.remove_prefix(2);

  toml::table table;
  try {
    table = toml::parse(front, file_name);
  } catch (const toml::parse_error& e) {
    errors.push_back({file_name, static_cast<int>(e.source().begin.line) + 1, "", "", std::string(e.description())});
    return {};
  }
  // The front matter, as JSON, goes through the same reader as JSON imports.
  std::ostringstream as_json;
  as_json << toml::json_formatter{table};
  ParsedArticle parsed;
  parsed.file = file_name;
  parsed.line = 1;
  std::vector<FieldError> field_errors;
  article_from_json(json::parse(as_json.str()).as_object(), parsed.article, field_errors);
  if (table.contains("body")) field_errors.push_back({"body", "goes after the front matter, not in it"});
  parsed.article.body = std::string(rest);
  finish(parsed, field_errors, errors, [&](const std::string& field) {
    const toml::node* node = table.at_path(field).node();
    return node ? static_cast<int>(node->source().begin.line) + 1 : 1;  // +1: the opening '+++'
  });
  return {std::move(parsed)};
}

std::vector<ParsedArticle> parse_json_articles(const std::string& file_name, std::string_view text,
                                               std::vector<ImportError>& errors) {
  JsonSyntaxError syntax_error;
  auto document = parse_json_document(text, syntax_error);
  if (!document) {
    errors.push_back({file_name, syntax_error.line, "", "", syntax_error.message});
    return {};
  }
  json::value root = std::move(*document);
  const json::array* list = nullptr;
  json::array single;
  if (auto* o = root.if_object(); o && o->contains("articles")) {
    list = o->at("articles").if_array();
  } else if (root.is_object()) {
    single.push_back(root);
    list = &single;
  } else {
    list = root.if_array();
  }
  if (!list) {
    errors.push_back({file_name, 1, "", "", "expected an article object, a list of them, or {\"articles\": [...]}"});
    return {};
  }
  std::vector<ParsedArticle> result;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ParsedArticle parsed;
    parsed.file = file_name;
    parsed.where = "articles[" + std::to_string(i) + "]";
    std::vector<FieldError> field_errors;
    if (auto* o = (*list)[i].if_object()) article_from_json(*o, parsed.article, field_errors);
    else field_errors.push_back({"", "must be an object"});
    finish(parsed, field_errors, errors, [](const std::string&) { return 0; });
    result.push_back(std::move(parsed));
  }
  return result;
}

namespace {

std::optional<toml::date_time> toml_time(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  auto days = std::chrono::floor<std::chrono::days>(*t);
  std::chrono::year_month_day ymd(days);
  std::chrono::hh_mm_ss hms(*t - days);
  return toml::date_time{
      toml::date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())},
      toml::time{static_cast<unsigned>(hms.hours().count()), static_cast<unsigned>(hms.minutes().count()),
                 static_cast<unsigned>(hms.seconds().count())},
      toml::time_offset{}};
}

}  // namespace

std::string write_markdown_article(const Article& a) {
  toml::table t;
  if (a.id) t.insert("id", a.id);
  t.insert("slug", a.slug);
  t.insert("title", a.title);
  t.insert("language", a.language);
  if (!a.standfirst.empty()) t.insert("standfirst", a.standfirst);
  if (!a.section.empty()) t.insert("section", a.section);
  if (!a.author.empty()) t.insert("author", a.author);
  toml::array tags;
  for (const auto& tag : a.tags) tags.push_back(tag);
  if (!tags.empty()) t.insert("tags", std::move(tags));
  t.insert("status", std::string(to_string(a.status)));
  if (auto p = toml_time(a.published_at)) t.insert("published_at", *p);
  if (auto u = toml_time(a.updated_at)) t.insert("updated_at", *u);
  if (!a.translator.empty()) t.insert("translator", a.translator);
  if (!a.translation_of.empty()) t.insert("translation_of", a.translation_of);
  if (a.source_revision) t.insert("source_revision", a.source_revision);
  if (!a.redirect_to.empty()) t.insert("redirect_to", a.redirect_to);
  if (a.comments != ArticleComments::site) t.insert("comments", std::string(to_string(a.comments)));
  if (a.kind != ArticleKind::article) t.insert("kind", std::string(to_string(a.kind)));
  if (!a.seo_title.empty()) t.insert("seo_title", a.seo_title);
  if (!a.seo_description.empty()) t.insert("seo_description", a.seo_description);
  for (auto [key, list] : {std::pair{"link", &a.link}, std::pair{"unlink", &a.unlink}}) {
    toml::array refs;
    for (const auto& ref : *list) refs.push_back(ref);
    if (!refs.empty()) t.insert(key, std::move(refs));
  }
  if (!a.hero.empty()) t.insert("hero", toml::table{{"url", a.hero.url}, {"alt", a.hero.alt}, {"credit", a.hero.credit}});
  if (!a.source.empty())
    t.insert("source", toml::table{{"site", a.source.site}, {"url", a.source.url}, {"author", a.source.author}});
  std::ostringstream out;
  out << "+++\n" << t << "\n+++\n\n" << a.body;
  return out.str();
}

}  // namespace kpress
