#include "site/reaction_site.hpp"

#include <boost/json.hpp>

#include <variant>

#include "core/numbers.hpp"
#include "site/json_response.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;
using http::Status;

namespace {

json::object counts_json(const ReactionCounts& counts) {
  json::object o;
  for (auto r : kReactions) {
    auto it = counts.find(r);
    o[to_string(r)] = it == counts.end() ? 0 : it->second;
  }
  return o;
}

std::string reactions_list() {
  std::string names;
  for (auto r : kReactions) names += (names.empty() ? "" : ", ") + std::string(to_string(r));
  return names;
}

}  // namespace

ReactionSite::ReactionSite(const Store& store, Reactions& reactions, const ReaderIds& readers,
                           ReactionOptions reaction_options, ReaderSiteOptions options)
    : store_(store), reactions_(reactions), readers_(readers),
      limiter_(reaction_options.per_address_per_minute, reaction_options.burst),
      secure_cookies_(reaction_options.secure_cookies), options_(std::move(options)) {}

void ReactionSite::add_routes(http::Router& router) {
  router.add(http::Verb::get, "/api/v1/articles/{id}/reactions",
             [this](const auto& req, const auto& p) { return get(req, p.get("id")); });
  router.add_async(http::Verb::post, "/api/v1/articles/{id}/reactions",
                   [this](const auto& req, const auto& p, http::Respond respond) { post(req, p.get("id"), std::move(respond)); });
}

namespace {

// The article readers may react to, or the error answer.
std::variant<ArticleSummary, http::Response> visible_article(const Store& store, std::string_view id_text, Instant now) {
  auto id = parse_whole_number(id_text);
  if (!id || *id < 1) return json_error(Status::bad_request, "the article id must be a whole number");
  auto found = store.article_summary(*id);
  if (!found || !is_visible(found->status, found->published_at, now))
    return json_error(Status::not_found, "no article " + std::to_string(*id));
  return *found;
}

}  // namespace

http::Response ReactionSite::get(const http::Request& req, std::string_view id) const {
  auto article = visible_article(store_, id, options_.clock());
  if (auto* error = std::get_if<http::Response>(&article)) return std::move(*error);
  const ArticleSummary& a = std::get<ArticleSummary>(article);
  json::object body{{"counts", counts_json(reactions_.counts(a.id))}, {"mine", nullptr}};
  if (auto reader = readers_.read(req)) {
    if (auto mine = store_.reaction_of(a.id, *reader)) body["mine"] = to_string(*mine);
  }
  auto res = json_response(Status::ok, body);
  res.set(http::Field::cache_control, "private, no-store");  // "mine" is this reader's
  return res;
}

void ReactionSite::post(const http::Request& req, std::string_view id, http::Respond respond) {
  auto article = visible_article(store_, id, options_.clock());
  if (auto* error = std::get_if<http::Response>(&article)) return respond(std::move(*error));
  const ArticleSummary& a = std::get<ArticleSummary>(article);
  if (!http::from_this_site(req)) return respond(json_error(Status::forbidden, "reactions come from this site's pages only"));
  if (!limiter_.allow(std::string(req[http::kRemoteAddressHeader]))) {
    auto res = json_error(Status::too_many_requests, "too many reactions from your address: wait a minute");
    res.set(http::Field::retry_after, "60");
    return respond(std::move(res));
  }
  std::string_view type = req[http::Field::content_type];
  bool form = type.starts_with("application/x-www-form-urlencoded");
  std::string name;
  if (form) {
    name = query_value("/?" + req.body(), "reaction");
  } else if (type.starts_with("application/json")) {
    boost::system::error_code ec;
    auto value = json::parse(req.body(), ec);
    const json::value* field = !ec && value.is_object() ? value.as_object().if_contains("reaction") : nullptr;
    if (!field || !field->is_string())
      return respond(json_error(Status::bad_request, "send {\"reaction\": NAME} with NAME one of " + reactions_list()));
    name = std::string(field->as_string());
  } else {
    return respond(json_error(Status::unsupported_media_type, "send JSON ({\"reaction\": NAME}) or a form (reaction=NAME), not '" +
                                                                  std::string(type.substr(0, 60)) + "'"));
  }
  auto reaction = parse_reaction(name);
  if (!reaction)
    return respond(json_error(Status::bad_request, "unknown reaction '" + name.substr(0, 40) + "': one of " + reactions_list()));

  auto reader = readers_.read(req);
  std::string set_cookie;
  if (!reader) std::tie(reader, set_cookie) = readers_.issue(secure_cookies_);
  std::string back = article_path(a.slug) + "#reactions";
  // Answered from the writer thread once the vote is on disk.
  reactions_.vote({a.id, *reader, *reaction, !set_cookie.empty()},
                  [respond, form, back, set_cookie, mine = *reaction](const ReactionCounts& counts, std::exception_ptr error) {
                    http::Response res;
                    if (error) {
                      res = json_error(Status::service_unavailable, "the reaction could not be saved: try again");
                    } else if (form) {
                      res = http::make_response(Status::see_other, "", "text/plain; charset=utf-8");
                      res.set(http::Field::location, back);
                    } else {
                      res = json_response(Status::ok, json::object{{"counts", counts_json(counts)}, {"mine", to_string(mine)}});
                    }
                    res.set(http::Field::cache_control, "private, no-store");
                    if (!set_cookie.empty() && !error) res.set(http::Field::set_cookie, set_cookie);
                    respond(std::move(res));
                  });
}

}  // namespace kpress
