#include "core/validation.hpp"

#include <algorithm>

#include "core/slug.hpp"

namespace kpress {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool is_http_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

bool is_path_or_http_url(const std::string& url) {
  return (url.starts_with("/") && !url.starts_with("//")) || is_http_url(url);
}

FieldError FieldError::about(std::string field, Wording wording) {
  std::string message = wording.english();
  return {std::move(field), std::move(message), std::move(wording)};
}

bool page_slug_taken(std::string_view slug, const std::vector<std::string>& languages) {
  static constexpr std::string_view kTaken[] = {"admin",   "api",     "articles", "assets",   "author", "birthdays",
                                                "comments", "groups", "healthz",  "lang",     "media",  "networks",
                                                "notices", "people",  "reactions", "schedule", "search", "section",
                                                "shows",   "sitemaps", "tag"};
  return std::find(languages.begin(), languages.end(), slug) != languages.end() ||
         std::find(std::begin(kTaken), std::end(kTaken), slug) != std::end(kTaken);
}

std::vector<FieldError> validate(const Article& a, const ValidationContext& c) {
  std::vector<FieldError> errors;
  auto fail = [&](std::string field, const char* id, std::string value = {}) {
    errors.push_back(FieldError::about(std::move(field), {id, std::move(value)}));
  };
  if (a.title.empty()) fail("title", N_("is required"));
  if (a.title.size() > 300) fail("title", N_("is longer than 300 bytes"));
  if (a.seo_title.size() > 300) fail("seo_title", N_("is longer than 300 bytes"));
  if (a.seo_description.size() > 1000) fail("seo_description", N_("is longer than 1,000 bytes"));
  if (!is_valid_slug(a.slug)) fail("slug", N_("must be lower-case letters and digits joined by '-'"));
  if (a.kind == ArticleKind::page && page_slug_taken(a.slug, c.languages))
    fail("slug", N_("'{value}' is an address of the site itself: a page needs another"), a.slug);
  if (!contains(c.languages, a.language)) fail("language", N_("'{value}' is not a language of this site"), a.language);
  if (!a.section.empty() && !contains(c.sections, a.section))
    fail("section", N_("'{value}' is not a section of this site"), a.section);
  if (!a.author.empty() && !contains(c.authors, a.author))
    fail("author", N_("'{value}' is not an author of this site"), a.author);
  for (const auto& tag : a.tags) {
    if (!is_valid_slug(tag)) fail("tags", N_("'{value}' is not a valid tag"), tag);
  }
  if ((a.status == ArticleStatus::published || a.status == ArticleStatus::scheduled) && !a.published_at)
    fail("published_at", a.status == ArticleStatus::published ? N_("is required for a published article")
                                                                   : N_("is required for a scheduled article"));
  if (a.published_at && a.updated_at && *a.updated_at < *a.published_at)
    fail("updated_at", N_("is before published_at"));
  if (!a.hero.empty()) {
    if (!is_path_or_http_url(a.hero.url)) fail("hero.url", N_("must be a path on this site or an http(s) address"));
    if (a.hero.alt.empty()) fail("hero.alt", N_("is required: describe the image for readers who cannot see it"));
  }
  if (!a.source.url.empty() && !is_http_url(a.source.url)) fail("source.url", N_("must be an http(s) address"));
  for (const auto* list : {&a.link, &a.unlink}) {
    for (const auto& ref : *list) {
      auto slash = ref.find('/');
      auto kind = ref.substr(0, slash);
      if (slash == std::string::npos || (kind != "person" && kind != "group" && kind != "show") ||
          !is_valid_slug(ref.substr(slash + 1)))
        fail(list == &a.link ? "link" : "unlink", N_("'{value}' is not person/SLUG, group/SLUG or show/SLUG"), ref);
    }
  }
  if (!a.redirect_to.empty() && !is_path_or_http_url(a.redirect_to))
    fail("redirect_to", N_("must be a path on this site or an http(s) address"));
  if (!a.redirect_to.empty() && a.status != ArticleStatus::unpublished)
    fail("redirect_to", N_("only an unpublished article sends its readers elsewhere"));
  if (!a.translation_of.empty() && !is_valid_slug(a.translation_of))
    fail("translation_of", N_("must be the slug of the source article"));
  return errors;
}

}  // namespace kpress
