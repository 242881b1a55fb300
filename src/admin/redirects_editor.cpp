// The newsroom's list of old addresses and where they lead (core/redirects.hpp): those an import
// kept and those an editor adds, searched, added or changed (saving an old address again sends it
// elsewhere) and removed. Editors and owners only; every change is in the log.
#include <boost/url/url.hpp>

#include "admin/admin_site.hpp"
#include "core/numbers.hpp"
#include "core/redirects.hpp"
#include "core/validation.hpp"
#include "http/form.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {
constexpr int kRedirectsPerPage = 50;
}

http::Response AdminSite::redirects_page(const SignedIn& who, std::string_view target, const std::string& error,
                                         Status status, const std::string& notice) const {
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  std::string q = query_value(target, "q").substr(0, 200);
  int page_number = requested_page(target).value_or(1);
  RedirectQuery query{.contains = q, .limit = kRedirectsPerPage, .offset = (page_number - 1) * kRedirectsPerPage};
  auto list = store_.redirects(query);
  TemplateData rows{TemplateData::type::list};
  for (const auto& r : list.items) {
    TemplateData row;
    row.set("from", r.from);
    row.set("to", r.to);
    row.set("imported", !r.origin.empty());
    set_text(row, "origin", r.origin);
    row.set("created", time_view(r.created_at, *context, speech.language));
    row.set("csrf", who.csrf);
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("q", q);
  data.set("redirects", std::move(rows));
  data.set("has_redirects", !list.items.empty());
  data.set("total_text", speech.counted("{n} old address", "{n} old addresses", list.total));
  auto with_page = [&](int n) {
    boost::urls::url url("/admin/redirects");
    url.params().append({"page", std::to_string(n)});
    if (!q.empty()) url.params().append({"q", q});
    return std::string(url.buffer());
  };
  set_text(data, "previous", page_number > 1 ? with_page(page_number - 1) : "");
  set_text(data, "next", query.offset + query.limit < list.total ? with_page(page_number + 1) : "");
  set_text(data, "error", error);
  set_text(data, "notice", notice);
  return page(&who, "redirects", std::move(data), speech.text("Old addresses"), status);
}

http::Response AdminSite::redirects(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::publish)) return refused(who, speech.text("Only editors and owners change old addresses."));
  return redirects_page(who, req.target(), "", Status::ok, query_value(req.target(), "saved") == "1" ? speech.text("Saved.") : "");
}

http::Response AdminSite::change_redirect(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::publish)) return refused(who, speech.text("Only editors and owners change old addresses."));
  auto form = request_form(req);
  if (!form) return redirects_page(who, "/admin/redirects", speech.text("Send the form of old addresses."), Status::bad_request, "");
  auto fail = [&](std::string message) { return redirects_page(who, "/admin/redirects", message, Status::unprocessable_entity, ""); };
  std::string action = form->get("action");
  std::string from_text = form->get("from");
  auto from = redirect_key(from_text);
  if (from_text.empty() || from_text.front() != '/' || from_text.starts_with("//") || !from || *from == "/")
    return fail(speech.text("'{value}' is not an old address of this site: write its path, such as /2020/12/16/a-post/",
                            {{"value", from_text.substr(0, 200)}}));
  Instant now = sessions_.options().clock();
  auto tx = store_.begin_write();
  if (action == "delete") {
    if (!store_.redirect(*from)) return fail(speech.text("No old address {value} is kept.", {{"value", from->substr(0, 200)}}));
    tx->delete_redirect(*from);
  } else if (action == "save") {
    std::string to = form->get("to");
    if (!is_path_or_http_url(to))
      return fail(speech.text("'{value}' is not where an address can lead: a path of this site (/articles/...) or an http(s) address",
                              {{"value", to.substr(0, 200)}}));
    if (redirect_key(to) == from && to.starts_with('/'))
      return fail(speech.text("{value} would lead to itself.", {{"value", from->substr(0, 200)}}));
    auto kept = store_.redirect(*from);
    tx->save_redirect({*from, to, kept ? kept->origin : std::string(), now});
  } else {
    return redirects_page(who, "/admin/redirects", speech.text("'{value}' is not an action of this page", {{"value", action.substr(0, 40)}}),
                          Status::bad_request, "");
  }
  tx->append_audit(audit_entry(who.actor(), now, "redirect." + action, *from, form->get("to").substr(0, 200)));
  tx->commit();
  return see_other("/admin/redirects?saved=1");
}

}  // namespace kpress
