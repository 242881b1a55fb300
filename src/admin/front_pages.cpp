// The newsroom's front pages: the stories pinned to each language edition's home, in order,
// each until an end time or not. Editors and owners pin, move and unpin them.
#include <boost/url/parse.hpp>

#include <algorithm>

#include "admin/admin_site.hpp"
#include "admin/article_form.hpp"
#include "core/numbers.hpp"
#include "site/editions.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {

// The slug an editor gives for an article: the slug itself, or the article's address.
std::string slug_in(std::string text) {
  if (auto url = boost::urls::parse_uri_reference(text)) text = std::string(url->path());
  if (auto at = text.rfind("/articles/"); at != std::string::npos) text = text.substr(at + 10);
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

http::Response AdminSite::front_pages_page(const SignedIn& who, const std::string& error, Status status,
                                           const std::string& notice) const {
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  Instant now = sessions_.options().clock();
  TemplateData editions{TemplateData::type::list};
  for (const auto& l : context->languages) {
    TemplateData edition;
    edition.set("code", l.code);
    edition.set("name", l.name);
    edition.set("home_url", edition_in(*context, l.code).path("/"));
    TemplateData stories{TemplateData::type::list};
    auto pins = store_.featured(l.code);
    for (std::size_t i = 0; i < pins.size(); ++i) {
      auto a = store_.article_summary(pins[i].article_id);
      if (!a) continue;
      TemplateData item;
      item.set("id", std::to_string(a->id));
      item.set("number", std::to_string(i + 1));
      item.set("title", a->title);
      item.set("editor_url", "/admin/articles/" + std::to_string(a->id));
      item.set("until", pins[i].until ? time_view(*pins[i].until, *context, speech.language) : TemplateData(false));
      item.set("hidden", !is_visible(a->status, a->published_at, now) || (pins[i].until && *pins[i].until <= now));
      item.set("first", i == 0);
      item.set("last", i + 1 == pins.size());
      stories.push_back(std::move(item));
    }
    edition.set("has_stories", !stories.is_empty_list());
    edition.set("stories", std::move(stories));
    editions.push_back(std::move(edition));
  }
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("time_zone", context->site.time_zone);
  data.set("editions", std::move(editions));
  set_text(data, "error", error);
  set_text(data, "notice", notice);
  return page(&who, "featured", std::move(data), speech.text("Front pages"), status);
}

http::Response AdminSite::front_pages(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::publish)) return refused(who, speech.text("Only editors and owners choose the front pages."));
  return front_pages_page(who, "", Status::ok, query_value(req.target(), "saved") == "1" ? speech.text("Saved.") : "");
}

http::Response AdminSite::change_front_page(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::publish)) return refused(who, speech.text("Only editors and owners choose the front pages."));
  auto form = request_form(req);
  if (!form) return front_pages_page(who, speech.text("Send the front page's form."), Status::bad_request, "");
  auto context = contexts_.get();
  std::string language = form->get("language");
  if (!context->has_language(language))
    return front_pages_page(who, speech.text("'{language}' is not a language of this site.", {{"language", language.substr(0, 20)}}),
                            Status::unprocessable_entity, "");
  auto pins = store_.featured(language);
  std::string action = form->get("action");
  auto fail = [&](std::string message) { return front_pages_page(who, message, Status::unprocessable_entity, ""); };
  if (action == "add") {
    std::string slug = slug_in(form->get("article"));
    auto a = slug.empty() ? std::nullopt : store_.article_by_slug(slug);
    if (!a) return fail(speech.text("No article has the address “{slug}”.", {{"slug", slug.substr(0, 200)}}));
    if (a->language != language)
      return fail(speech.text("“{title}” is in {article_language}: pin it to that edition's front page.",
                              {{"title", a->title}, {"article_language", context->language_name(a->language)}}));
    if (std::any_of(pins.begin(), pins.end(), [&](const FeaturedStory& p) { return p.article_id == a->id; }))
      return fail(speech.text("“{title}” is pinned already.", {{"title", a->title}}));
    std::optional<Instant> until;
    if (std::string text = form->get("until"); !text.empty()) {
      until = parse_datetime_local(text, context->site.time_zone);
      if (!until) return fail(speech.text("'{value}' is not a date and time (2026-11-24T21:00)", {{"value", text.substr(0, 40)}}));
      if (*until <= sessions_.options().clock()) return fail(speech.text("The end time has passed already: choose one to come."));
    }
    pins.push_back({a->id, 0, until});
  } else {
    auto id = parse_whole_number(form->get("article"));
    auto it = std::find_if(pins.begin(), pins.end(), [&](const FeaturedStory& p) { return id && p.article_id == *id; });
    if (it == pins.end()) return fail(speech.text("This story is not pinned to this front page."));
    if (action == "remove") pins.erase(it);
    else if (action == "up" && it != pins.begin()) std::iter_swap(it, it - 1);
    else if (action == "down" && it + 1 != pins.end()) std::iter_swap(it, it + 1);
    else if (action != "up" && action != "down")
      return front_pages_page(who, speech.text("'{value}' is not an action of this page", {{"value", action.substr(0, 40)}}),
                              Status::bad_request, "");
  }
  for (std::size_t i = 0; i < pins.size(); ++i) pins[i].position = static_cast<int>(i);
  auto tx = store_.begin_write();
  tx->set_featured(language, pins);
  tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), "featured." + action, "front:" + language,
                               form->get("article").substr(0, 200)));
  tx->commit();
  return see_other("/admin/featured?saved=1");
}

}  // namespace kpress
