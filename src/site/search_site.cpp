#include "site/search_site.hpp"

#include <boost/json.hpp>
#include <boost/url/url.hpp>

#include "site/error_page.hpp"
#include "site/json_response.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "search/search_index.hpp"

namespace kpress {

using http::Status;

namespace {

constexpr int kPerPage = 10;

std::string type_label(std::string_view type, const Speech& speech) {
  if (type == "show") return speech.text("Show");
  if (type == "person") return speech.text("Person");
  if (type == "group") return speech.text("Group");
  return speech.text("Article");
}

}  // namespace

SearchSite::SearchSite(const SearchIndex& index, const SiteContextCache& contexts, const Theme& theme, ReaderSiteOptions options)
    : index_(index), contexts_(contexts), theme_(theme), options_(std::move(options)) {}

void SearchSite::add_routes(http::Router& router) {
  // Each language edition's search page. Its routes are made for the languages the site has when
  // it starts: a "/{lang}/search" pattern would make the router walk every request's path to
  // learn whether it answers later (see Router::answers_later).
  auto context = contexts_.get();
  for (const auto& l : context->languages) {
    Edition edition = edition_in(*context, l.code);
    router.add_async(http::Verb::get, edition.path("/search"),
                     queries_.run_here([this, edition](const auto& req, const auto&) { return page(req, edition); }));
  }
  router.add_async(http::Verb::get, "/api/v1/search", queries_.run_here([this](const auto& req, const auto&) { return api(req); }));
}

std::optional<SearchQuery> SearchSite::query_of(const http::Request& req, int per_page, Wording& error) const {
  auto target = req.target();
  SearchQuery q;
  q.text = query_value(target, "q");
  q.type = query_value(target, "type");
  q.language = query_value(target, "lang");
  q.section = query_value(target, "section");
  q.now = options_.clock();
  q.limit = per_page;
  if (!q.type.empty() && q.type != "article" && q.type != "show" && q.type != "person" && q.type != "group") {
    error = {N_("type must be article, show, person or group, not '{value}'"), q.type.substr(0, 40)};
    return std::nullopt;
  }
  for (auto [key, field] : {std::pair{"from", &q.from}, {"to", &q.to}}) {
    std::string text = query_value(target, key);
    if (text.empty()) continue;
    *field = parse_date(text);
    if (!*field) {
      error = {key == std::string_view("from") ? N_("from must be a date (YYYY-MM-DD), not '{value}'")
                                               : N_("to must be a date (YYYY-MM-DD), not '{value}'"),
               text.substr(0, 40)};
      return std::nullopt;
    }
  }
  auto page_number = requested_page(target);
  if (!page_number || *page_number > 100) {
    error = {N_("page must be a whole number from 1 to 100")};
    return std::nullopt;
  }
  q.offset = (*page_number - 1) * per_page;
  return q;
}

http::Response SearchSite::page(const http::Request& req, const Edition& edition) const {
  auto context = contexts_.get();
  Speech speech = speech_in(theme_, edition.language);
  Wording error;
  auto q = query_of(req, kPerPage, error);
  if (!q) return error_page(*context, theme_, Status::bad_request, speech.text(error.id, {{"value", error.value}}), edition.language);
  auto results = index_.search(*q);
  TemplateData page;
  page.set("q", q->text);
  page.set("searched", !q->text.empty());
  TemplateData hits{TemplateData::type::list};
  for (const auto& h : results.hits) {
    TemplateData item;
    item.set("url", h.url);
    item.set("title", h.title);
    item.set("type", type_label(h.type, speech));
    item.set("snippet", h.snippet_html);
    set_text(item, "lang", h.language);
    item.set("date", h.published_at ? time_view(*h.published_at, *context, edition.language) : TemplateData(false));
    hits.push_back(std::move(item));
  }
  page.set("has_hits", !results.hits.empty());
  page.set("hits", std::move(hits));
  page.set("total_text", speech.counted("{n} result", "{n} results", static_cast<long long>(results.total)));
  if (results.entity) {
    TemplateData card;
    card.set("url", results.entity->url);
    card.set("title", results.entity->title);
    card.set("type", type_label(results.entity->type, speech));
    page.set("entity", std::move(card));
  } else {
    page.set("entity", false);
  }
  // Links that keep every filter but the one they change.
  auto link = [&](std::string_view change, const std::string& value) {
    boost::urls::url url(edition.path("/search"));
    for (auto [key, current] : {std::pair{"q", q->text}, {"type", q->type}, {"lang", q->language}, {"section", q->section},
                                {"from", q->from ? format_date_iso(*q->from) : ""}, {"to", q->to ? format_date_iso(*q->to) : ""}}) {
      const std::string& v = key == change ? value : current;
      if (!v.empty()) url.params().append({key, v});
    }
    return std::string(url.buffer());
  };
  if (!results.suggestion.empty()) {
    TemplateData suggestion;
    suggestion.set("text", results.suggestion);
    suggestion.set("url", link("q", results.suggestion));
    page.set("suggestion", std::move(suggestion));
  } else {
    page.set("suggestion", false);
  }
  int page_number = q->offset / kPerPage + 1;
  auto paged = [&](int n) {
    std::string url = link("", "");
    return n == 1 ? url : url + (url.find('?') == std::string::npos ? "?" : "&") + "page=" + std::to_string(n);
  };
  set_text(page, "previous", page_number > 1 ? paged(page_number - 1) : "");
  set_text(page, "next", q->offset + kPerPage < results.total ? paged(page_number + 1) : "");
  std::vector<std::pair<std::string, std::string>> types{{"", speech.text("Everything")},
                                                         {"article", speech.text("Articles")},
                                                         {"show", speech.text("Shows")},
                                                         {"person", speech.text("People")},
                                                         {"group", speech.text("Groups")}};
  page.set("types", options_view(types, q->type, [](const auto& t) { return t.first; }, [](const auto& t) { return t.second; }, {}));
  page.set("languages", options_view(context->languages, q->language, [](const Language& l) { return l.code; },
                                     [](const Language& l) { return l.name; }, speech.text("All")));
  page.set("sections", options_view(context->sections, q->section, [](const Section& s) { return s.slug; },
                                    [](const Section& s) { return s.name; }, speech.text("All")));
  page.set("action", edition.path("/search"));
  page.set("from", q->from ? format_date_iso(*q->from) : std::string());
  page.set("to", q->to ? format_date_iso(*q->to) : std::string());
  PageMeta meta{.title = q->text.empty() ? speech.text("Search") : speech.text("Search: {text}", {{"text", q->text.substr(0, 80)}}),
                .description = speech.text("Articles, shows, people and groups."),
                .canonical_path = edition.path("/search"),
                .nav_current = "search",
                .noindex = true};
  meta.language = edition.language;
  meta.in_every_edition = true;
  auto res = http::make_response(Status::ok, render_page(theme_, *context, "search", std::move(page), meta),
                                 "text/html; charset=utf-8");
  res.set(http::Field::cache_control, "no-cache");
  return res;
}

http::Response SearchSite::api(const http::Request& req) const {
  Wording error;
  auto q = query_of(req, 20, error);
  if (!q) return json_error(Status::bad_request, error.english());
  auto results = index_.search(*q);
  boost::json::array items;
  for (const auto& h : results.hits) {
    boost::json::object o{{"type", h.type}, {"url", h.url}, {"title", h.title}, {"snippet", h.snippet_html}};
    if (!h.language.empty()) o["language"] = h.language;
    if (h.published_at) o["published_at"] = format_iso8601(*h.published_at);
    items.push_back(std::move(o));
  }
  boost::json::object body{{"items", std::move(items)}, {"total", results.total}};
  if (!results.suggestion.empty()) body["did_you_mean"] = results.suggestion;
  if (results.entity)
    body["entity"] = boost::json::object{{"type", results.entity->type}, {"url", results.entity->url}, {"title", results.entity->title}};
  return json_response(Status::ok, body);
}

}  // namespace kpress
