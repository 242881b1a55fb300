// The newsroom's menu: the links the site's menu shows, in order, each for every edition or for
// one (core/navigation.hpp); with none, the menu shows the sections. Editors and owners add,
// move and remove links; every change is in the log.
#include <algorithm>

#include "admin/admin_site.hpp"
#include "core/numbers.hpp"
#include "core/validation.hpp"
#include "http/form.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {
constexpr std::size_t kMaxLinks = 50;
constexpr std::size_t kMaxLabel = 100;
}  // namespace

http::Response AdminSite::navigation_page(const SignedIn& who, const std::string& error, Status status,
                                          const std::string& notice) const {
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  const auto& links = context->site.navigation;
  TemplateData rows{TemplateData::type::list};
  for (std::size_t i = 0; i < links.size(); ++i) {
    TemplateData row;
    row.set("index", std::to_string(i));
    row.set("number", std::to_string(i + 1));
    row.set("label", links[i].label);
    row.set("url", links[i].url);
    set_text(row, "edition", links[i].language.empty() ? "" : context->language_name(links[i].language));
    row.set("first", i == 0);
    row.set("last", i + 1 == links.size());
    row.set("csrf", who.csrf);
    rows.push_back(std::move(row));
  }
  TemplateData editions{TemplateData::type::list};
  for (const auto& l : context->languages) {
    TemplateData edition;
    edition.set("code", l.code);
    edition.set("name", l.name);
    editions.push_back(std::move(edition));
  }
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("links", std::move(rows));
  data.set("has_links", !links.empty());
  data.set("editions", std::move(editions));
  data.set("several_editions", context->languages.size() > 1);
  set_text(data, "error", error);
  set_text(data, "notice", notice);
  return page(&who, "navigation", std::move(data), speech.text("Menu"), status);
}

http::Response AdminSite::navigation(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::publish)) return refused(who, speech.text("Only editors and owners change the menu."));
  return navigation_page(who, "", Status::ok, query_value(req.target(), "saved") == "1" ? speech.text("Saved.") : "");
}

http::Response AdminSite::change_navigation(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::publish)) return refused(who, speech.text("Only editors and owners change the menu."));
  auto form = request_form(req);
  if (!form) return navigation_page(who, speech.text("Send the menu's form."), Status::bad_request, "");
  auto fail = [&](std::string message) { return navigation_page(who, message, Status::unprocessable_entity, ""); };
  auto context = contexts_.get();
  Site site = store_.site();
  auto& links = site.navigation;
  std::string action = form->get("action");
  std::string detail;
  if (action == "add") {
    NavigationLink link{form->get("label"), form->get("url"), form->get("language")};
    if (link.label.empty() || link.label.size() > kMaxLabel)
      return fail(speech.text("A link's label is needed, in at most {n} characters.", {{"n", std::to_string(kMaxLabel)}}));
    if (!is_path_or_http_url(link.url) || link.url.starts_with("//"))
      return fail(speech.text("'{value}' is not where a link can lead: a path of this site (/section/...) or an http(s) address",
                              {{"value", link.url.substr(0, 200)}}));
    if (!link.language.empty() && !context->has_language(link.language))
      return fail(speech.text("'{language}' is not a language of this site.", {{"language", link.language.substr(0, 20)}}));
    if (links.size() >= kMaxLinks) return fail(speech.text("The menu has {n} links already: remove one first.", {{"n", std::to_string(kMaxLinks)}}));
    detail = link.label + " " + link.url;
    links.push_back(std::move(link));
  } else {
    // The link by its place, and its address as the page showed it: a menu changed meanwhile by
    // someone else is not changed blindly.
    auto index = parse_whole_number(form->get("index"));
    if (!index || *index < 0 || static_cast<std::size_t>(*index) >= links.size() || links[*index].url != form->get("url"))
      return fail(speech.text("The menu changed meanwhile: see it as it is now, and try again."));
    auto it = links.begin() + *index;
    detail = it->label + " " + it->url;
    if (action == "remove") links.erase(it);
    else if (action == "up" && it != links.begin()) std::iter_swap(it, it - 1);
    else if (action == "down" && it + 1 != links.end()) std::iter_swap(it, it + 1);
    else if (action != "up" && action != "down")
      return navigation_page(who, speech.text("'{value}' is not an action of this page", {{"value", action.substr(0, 40)}}),
                             Status::bad_request, "");
  }
  auto tx = store_.begin_write();
  tx->save_site(site);
  tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), "navigation." + action, "site", detail.substr(0, 300)));
  tx->commit();
  return see_other("/admin/navigation?saved=1");
}

}  // namespace kpress
