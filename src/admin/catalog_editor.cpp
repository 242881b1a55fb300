// The catalog in the admin: shows (with their slots, announced changes, episodes, cast and
// streaming links), people and groups (with their members), each edited as its entry in
// kpress's catalog JSON and checked by the same reader as `kpress catalog import`.
#include <boost/json.hpp>

#include "admin/admin_site.hpp"
#include "core/catalog.hpp"
#include "exchange/catalog_import.hpp"
#include "exchange/json_document.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {

struct CatalogKind {
  std::string_view path;  // shows, people, groups
  EntityKind kind;
  const char* label;  // a message id
};
constexpr CatalogKind kKinds[] = {
    {"shows", EntityKind::show, N_("Shows")}, {"people", EntityKind::person, N_("People")}, {"groups", EntityKind::group, N_("Groups")}};

const CatalogKind* kind_of(std::string_view path) {
  for (const auto& k : kKinds) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

// What a new entry starts from: every field the reader knows, empty.
std::string skeleton(EntityKind kind) {
  switch (kind) {
    case EntityKind::show:
      return R"({"shows": [{"slug": "", "title": "", "original_title": "", "aliases": [], "network": "", "episode_count": 0,
  "first_air_date": null, "status": "upcoming", "synopsis": "",
  "slots": [{"days": "Wednesday, Thursday", "time": "21:00", "time_zone": "Asia/Seoul"}],
  "changes": [], "streaming": [], "cast": [], "episodes": []}]}
)";
    case EntityKind::person:
      return R"({"people": [{"slug": "", "name": "", "hangul_name": "", "aliases": [], "birth_date": null, "occupations": [], "bio": ""}]}
)";
    case EntityKind::group:
      return R"({"groups": [{"slug": "", "name": "", "hangul_name": "", "aliases": [], "debut_date": null, "company": "", "fandom": "", "members": []}]}
)";
  }
  return "";
}

// The slug of the one entity of `kind` the text gives, or what is wrong with it.
std::string single_slug(std::string_view text, const CatalogKind& kind, const Speech& speech, std::string& error) {
  JsonSyntaxError syntax;
  auto value = parse_json_document(text, syntax);
  if (!value) {
    error = speech.text("line {line}: {problem}", {{"line", std::to_string(syntax.line)}, {"problem", syntax.message}});
    return "";
  }
  const auto* object = value->if_object();
  const auto* list = object ? object->if_contains(kind.path) : nullptr;
  if (!object || object->size() != 1 || !list || !list->is_array() || list->as_array().size() != 1) {
    error = speech.text("give one entry in “{kind}”: {example}",
                        {{"kind", std::string(kind.path)}, {"example", "{\"" + std::string(kind.path) + "\": [{...}]}"}});
    return "";
  }
  const auto* entry = list->as_array()[0].if_object();
  const auto* slug = entry ? entry->if_contains("slug") : nullptr;
  if (!slug || !slug->is_string() || slug->as_string().empty()) {
    error = speech.text("slug is required: the address of its page (run-on, im-siwan)");
    return "";
  }
  return std::string(slug->as_string());
}

}  // namespace

http::Response AdminSite::catalog(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::edit_catalog)) return refused(who, speech.text("Only editors and owners change the catalog."));
  const CatalogKind* kind = kind_of(query_value(req.target(), "kind"));
  if (!kind) kind = &kKinds[0];
  CatalogQuery q;
  q.q = query_value(req.target(), "q").substr(0, 200);
  q.limit = 50;
  TemplateData items{TemplateData::type::list};
  auto add = [&](const std::string& slug, const std::string& name, const std::string& hangul) {
    TemplateData item;
    item.set("url", "/admin/catalog/" + std::string(kind->path) + "/" + slug);
    item.set("name", name);
    item.set("hangul", hangul);
    item.set("slug", slug);
    items.push_back(std::move(item));
  };
  std::int64_t total = 0;
  if (kind->kind == EntityKind::show) {
    auto page = store_.shows(q);
    total = page.total;
    for (const auto& s : page.items) add(s.slug, s.title, s.original_title);
  } else if (kind->kind == EntityKind::person) {
    auto page = store_.people(q);
    total = page.total;
    for (const auto& p : page.items) add(p.slug, p.name, p.hangul_name);
  } else {
    auto page = store_.groups(q);
    total = page.total;
    for (const auto& g : page.items) add(g.slug, g.name, g.hangul_name);
  }
  TemplateData kinds{TemplateData::type::list};
  for (const auto& k : kKinds) {
    TemplateData item;
    item.set("path", std::string(k.path));
    item.set("label", speech.text(k.label));
    item.set("current", &k == kind);
    kinds.push_back(std::move(item));
  }
  TemplateData data;
  data.set("kinds", std::move(kinds));
  data.set("kind", std::string(kind->path));
  data.set("label", speech.text(kind->label));
  data.set("q", q.q);
  data.set("total_text", speech.counted("{n} entry", "{n} entries", total));
  data.set("items", std::move(items));
  return page(&who, "catalog", std::move(data), speech.text("Catalog"));
}

http::Response AdminSite::catalog_entry_page(const SignedIn& who, std::string_view kind_path, std::string_view slug,
                                             const std::string& text, const std::vector<std::string>& errors, Status status,
                                             std::string notice) const {
  const CatalogKind* kind = kind_of(kind_path);
  Speech speech = speech_of(&who);
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("kind", std::string(kind_path));
  data.set("label", kind ? speech.text(kind->label) : std::string());
  data.set("is_new", slug == "new");
  data.set("slug", std::string(slug));
  data.set("action", "/admin/catalog/" + std::string(kind_path) + "/" + std::string(slug));
  data.set("public_url", slug == "new" ? std::string() : "/" + std::string(kind_path) + "/" + std::string(slug));
  data.set("text", text);
  set_text(data, "notice", notice);
  TemplateData list{TemplateData::type::list};
  for (const auto& e : errors) list.push_back(TemplateData(e));
  data.set("has_errors", !errors.empty());
  data.set("errors", std::move(list));
  return page(&who, "catalog_entry", std::move(data),
              slug == "new" ? speech.text("New entry") : speech.text("Entry {slug}", {{"slug", std::string(slug)}}), status);
}

http::Response AdminSite::edit_catalog_entry(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::edit_catalog)) return refused(who, speech.text("Only editors and owners change the catalog."));
  const CatalogKind* kind = kind_of(params.get("kind"));
  if (!kind) return refused(who, speech.text("The catalog has shows, people and groups only."));
  std::string slug(params.get("slug"));
  std::string text = slug == "new" ? skeleton(kind->kind) : catalog_entry_json(store_, kind->kind, slug);
  if (text.empty()) return refused(who, speech.text("The catalog has no entry “{slug}”.", {{"slug", slug}}));
  return catalog_entry_page(who, kind->path, slug, text, {}, Status::ok,
                            query_value(req.target(), "saved") == "1" ? speech.text("Entry saved.") : "");
}

http::Response AdminSite::save_catalog(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::edit_catalog)) return refused(who, speech.text("Only editors and owners change the catalog."));
  const CatalogKind* kind = kind_of(params.get("kind"));
  auto form = request_form(req);
  if (!kind || !form) return refused(who, speech.text("Send the entry's form."));
  std::string slug(params.get("slug"));
  std::string text = form->get("entry");
  std::string error;
  std::string given = single_slug(text, *kind, speech, error);
  bool exists = false;
  if (!given.empty()) {
    exists = kind->kind == EntityKind::show     ? store_.show(given).has_value()
             : kind->kind == EntityKind::person ? store_.person(given).has_value()
                                                : store_.group(given).has_value();
    if (slug == "new" && exists) error = speech.text("slug: '{slug}' is already the address of another entry", {{"slug", given}});
    if (slug != "new" && given != slug)
      error = speech.text("slug: this entry is '{slug}'; its address cannot change here", {{"slug", slug}});
    if (slug != "new" && !exists) error = speech.text("The catalog has no entry “{slug}”.", {{"slug", slug}});
  }
  std::vector<std::string> errors;
  if (!error.empty()) errors.push_back(error);
  if (errors.empty()) {
    auto report = save_catalog_entry(store_, text);
    if (!report.error.empty()) errors.push_back(report.error);
    for (const auto& r : report.rejected) errors.push_back(r.reason);
  }
  if (!errors.empty()) return catalog_entry_page(who, kind->path, slug, text, errors, Status::unprocessable_entity);
  {
    auto tx = store_.begin_write();
    tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), slug == "new" ? "catalog.add" : "catalog.change",
                                 std::string(to_string(kind->kind)) + ":" + given));
    tx->commit();
  }
  return see_other("/admin/catalog/" + std::string(kind->path) + "/" + given + "?saved=1");
}

}  // namespace kpress
