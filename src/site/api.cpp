// The read-only JSON API: /api/v1/articles and /api/v1/articles/{id}.
#include <boost/json.hpp>
#include <boost/url/parse.hpp>


#include "core/numbers.hpp"
#include "render/markdown.hpp"
#include "site/cache_tags.hpp"
#include "site/comment_views.hpp"
#include "site/reader_site.hpp"
#include "site/json_response.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;
using http::Status;

namespace {

json::value time_or_null(const std::optional<Instant>& t) {
  return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
}

// An article as the API's lists give it.
json::object list_item(const ArticleSummary& a, const SiteContext& context, std::int64_t comments) {
  return {{"id", a.id},
          {"slug", a.slug},
          {"url", context.absolute_url(article_path(a.slug))},
          {"title", a.title},
          {"language", a.language},
          {"section", a.section.empty() ? json::value(nullptr) : json::value(a.section)},
          {"published_at", time_or_null(a.published_at)},
          {"updated_at", time_or_null(a.updated_at)},
          {"comment_count", comments}};
}

// The items of a list, with their comment counts, and the tags that drop the answer when one changes.
json::array list_items(const Store& store, const std::vector<ArticleSummary>& articles, const SiteContext& context,
                       std::vector<std::string>& tags) {
  std::vector<std::int64_t> ids;
  for (const auto& a : articles) ids.push_back(a.id);
  auto counts = ids.empty() ? std::map<std::int64_t, std::int64_t>{} : store.comment_counts(ids);
  json::array items;
  for (const auto& a : articles) {
    items.push_back(list_item(a, context, counts[a.id]));
    tags.push_back(comments_tag(a.id));
  }
  return items;
}

}  // namespace

http::Response ReaderSite::api_articles(const http::Request& req) const {
  auto url = boost::urls::parse_origin_form(req.target());
  if (!url) return json_error(Status::bad_request, "the request address is not valid");
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  ArticleQuery query;
  query.visible_at = options_.clock();
  query.limit = 20;
  for (auto param : url->params()) {
    const std::string& key = param.key;
    const std::string& value = param.value;
    if (key == "limit" || key == "offset") {
      auto n = parse_whole_number(value);
      if (key == "limit" && (!n || *n < 1 || *n > 100))
        return json_error(Status::bad_request, "limit must be a whole number from 1 to 100");
      if (key == "offset" && (!n || *n < 0 || *n > 1'000'000'000))
        return json_error(Status::bad_request, "offset must be a whole number from 0 up");
      (key == "limit" ? query.limit : query.offset) = static_cast<int>(*n);
    } else if (key == "lang") {
      if (!context.has_language(value))
        return json_error(Status::bad_request, "lang: '" + value + "' is not a language of this site");
      query.language = value;
    } else if (key == "section") {
      if (!context.section_names.contains(value))
        return json_error(Status::bad_request, "section: '" + value + "' is not a section of this site");
      query.section = value;
    } else if (key == "tag") {
      if (!context.tag_names.contains(value))
        return json_error(Status::bad_request, "tag: '" + value + "' is not a tag of this site");
      query.tag = value;
    } else {
      return json_error(Status::bad_request, "unknown parameter '" + key + "'; use limit, offset, lang, section or tag");
    }
  }
  auto list = store_.articles(query);
  std::vector<std::string> tags{"list:home"};
  auto items = list_items(store_, list.items, context, tags);
  auto res = json_response(Status::ok, json::object{{"items", std::move(items)}, {"total", list.total}});
  mark_cacheable(res, std::move(tags), store_, *query.visible_at);
  return res;
}

http::Response ReaderSite::api_featured(const http::Request& req) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  std::string language = query_value(req.target(), "lang");
  if (language.empty()) language = context.site.default_language;
  if (!context.has_language(language))
    return json_error(Status::bad_request, "lang: '" + language.substr(0, 20) + "' is not a language of this site");
  Instant now = options_.clock();
  auto featured = featured_now(language, now);
  std::vector<ArticleSummary> articles;
  for (const auto& [article, pin] : featured.stories) articles.push_back(article);
  std::vector<std::string> tags{"list:home"};
  auto items = list_items(store_, articles, context, tags);
  for (std::size_t i = 0; i < items.size(); ++i) items[i].as_object()["featured_until"] = time_or_null(featured.stories[i].second.until);
  auto res = json_response(Status::ok, json::object{{"language", language}, {"items", std::move(items)}});
  mark_cacheable(res, std::move(tags), store_, now, featured.until);
  return res;
}

http::Response ReaderSite::api_article(const http::RouteParams& params) const {
  auto id = parse_whole_number(params.get("id"));
  if (!id || *id < 1) return json_error(Status::bad_request, "the article id must be a whole number");
  auto found = store_.article_by_id(*id);
  if (!found || !is_visible(found->status, found->published_at, options_.clock())) {
    if (found && found->status == ArticleStatus::unpublished)
      return json_error(Status::gone, "article " + std::to_string(*id) + " has been withdrawn");
    return json_error(Status::not_found, "no article " + std::to_string(*id));
  }
  const Article& a = *found;
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  json::array tags;
  for (const auto& t : a.tags) tags.emplace_back(t);
  json::object o{
      {"id", a.id},
      {"slug", a.slug},
      {"url", context.absolute_url(article_path(a.slug))},
      {"title", a.title},
      {"language", a.language},
      {"section", a.section.empty() ? json::value(nullptr) : json::value(a.section)},
      {"author", a.author.empty() ? json::value(nullptr) : json::value(a.author)},
      {"tags", std::move(tags)},
      {"standfirst", a.standfirst},
      {"hero", a.hero.empty() ? json::value(nullptr)
                              : json::value(json::object{{"url", a.hero.url}, {"alt", a.hero.alt},
                                                         {"credit", a.hero.credit}})},
      {"source", a.source.empty() ? json::value(nullptr)
                                  : json::value(json::object{{"site", a.source.site}, {"url", a.source.url},
                                                             {"author", a.source.author}})},
      {"translator", a.translator.empty() ? json::value(nullptr) : json::value(a.translator)},
      {"translation_of", a.translation_of.empty() ? json::value(nullptr) : json::value(a.translation_of)},
      {"published_at", time_or_null(a.published_at)},
      {"updated_at", time_or_null(a.updated_at)},
      {"body_html", render_markdown(a.body)},
      {"comment_count", store_.comment_counts({a.id})[a.id]}};
  auto res = json_response(Status::ok, o);
  mark_cacheable(res, {"article:" + std::to_string(a.id), comments_tag(a.id)}, store_, options_.clock());
  return res;
}

}  // namespace kpress
