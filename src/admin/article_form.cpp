#include "admin/article_form.hpp"

#include "core/catalog.hpp"
#include "core/schedule.hpp"
#include "core/slug.hpp"

namespace kpress {

std::string datetime_local(const std::optional<Instant>& t, std::string_view time_zone) {
  if (!t) return "";
  return format_iso8601_in_zone(*t, time_zone).substr(0, 16);  // 2026-11-24T21:00
}

std::optional<Instant> parse_datetime_local(std::string_view text, std::string_view time_zone) {
  if (text.size() < 16 || text[10] != 'T') return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  auto time = parse_time_of_day(text.substr(11, 5));
  if (!date || !time || (text.size() > 16 && text.substr(16) != ":00")) return std::nullopt;
  return zoned_instant(*date, *time, time_zone);
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t' || item.back() == '\r')) item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return items;
}

std::vector<FieldError> apply_article_form(const http::Form& form, std::string_view time_zone, Article& a) {
  std::vector<FieldError> errors;
  auto text = [&](std::string_view name, std::string& field) {
    if (form.has(name)) field = form.get(name);
  };
  text("title", a.title);
  text("slug", a.slug);
  if (form.has("slug") && a.slug.empty()) a.slug = slugify(a.title);
  text("language", a.language);
  text("section", a.section);
  text("author", a.author);
  text("standfirst", a.standfirst);
  text("body", a.body);
  // Browsers send a textarea's line breaks as CRLF; the stored Markdown keeps LF only.
  std::erase(a.body, '\r');
  std::erase(a.standfirst, '\r');
  text("hero_url", a.hero.url);
  text("hero_alt", a.hero.alt);
  text("hero_credit", a.hero.credit);
  text("source_site", a.source.site);
  text("source_url", a.source.url);
  text("source_author", a.source.author);
  text("translator", a.translator);
  text("redirect_to", a.redirect_to);
  text("seo_title", a.seo_title);
  text("seo_description", a.seo_description);
  if (form.has("tags")) {
    a.tags.clear();
    for (auto& tag : split_list(form.get("tags"))) {
      std::string slug = is_valid_slug(tag) ? tag : slugify(tag);
      if (!slug.empty() && std::find(a.tags.begin(), a.tags.end(), slug) == a.tags.end()) a.tags.push_back(slug);
    }
  }
  if (form.has("kind")) {
    if (auto k = parse_article_kind(form.get("kind"))) a.kind = *k;
    else errors.push_back(FieldError::about("kind", {N_("'{value}' is not a kind of article (article or page)"),
                                                     form.get("kind").substr(0, 40)}));
  }
  if (form.has("comments")) {
    if (auto c = parse_article_comments(form.get("comments"))) a.comments = *c;
    else errors.push_back(FieldError::about("comments", {N_("'{value}' is not a choice for comments (site, open or closed)"),
                                                         form.get("comments").substr(0, 40)}));
  }
  if (form.has("link")) a.link = split_list(form.get("link"));
  if (form.has("unlink")) a.unlink = split_list(form.get("unlink"));
  if (form.has("published_at")) {
    std::string when = form.get("published_at");
    if (when.empty()) {
      if (a.status == ArticleStatus::draft) a.published_at.reset();
    } else if (auto t = parse_datetime_local(when, time_zone)) {
      a.published_at = t;
    } else {
      errors.push_back(FieldError::about("published_at", {N_("'{value}' is not a date and time (2026-11-24T21:00)"), when.substr(0, 40)}));
    }
  }
  return errors;
}

}  // namespace kpress
