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
  std::string_view label;
};
constexpr CatalogKind kKinds[] = {
    {"shows", EntityKind::show, "Séries"}, {"people", EntityKind::person, "Personnalités"}, {"groups", EntityKind::group, "Groupes"}};

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
std::string single_slug(std::string_view text, const CatalogKind& kind, std::string& error) {
  JsonSyntaxError syntax;
  auto value = parse_json_document(text, syntax);
  if (!value) {
    error = "line " + std::to_string(syntax.line) + ": " + syntax.message;
    return "";
  }
  const auto* object = value->if_object();
  const auto* list = object ? object->if_contains(kind.path) : nullptr;
  if (!object || object->size() != 1 || !list || !list->is_array() || list->as_array().size() != 1) {
    error = "give one entry in \"" + std::string(kind.path) + "\": {\"" + std::string(kind.path) + "\": [{...}]}";
    return "";
  }
  const auto* entry = list->as_array()[0].if_object();
  const auto* slug = entry ? entry->if_contains("slug") : nullptr;
  if (!slug || !slug->is_string() || slug->as_string().empty()) {
    error = "slug is required: the address of its page (run-on, im-siwan)";
    return "";
  }
  return std::string(slug->as_string());
}

}  // namespace

http::Response AdminSite::catalog(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  if (!can(who.user.role, Permission::edit_catalog)) return refused(who, "Seuls les éditeurs et propriétaires modifient le catalogue.");
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
    item.set("label", std::string(k.label));
    item.set("current", &k == kind);
    kinds.push_back(std::move(item));
  }
  TemplateData data;
  data.set("kinds", std::move(kinds));
  data.set("kind", std::string(kind->path));
  data.set("label", std::string(kind->label));
  data.set("q", q.q);
  Speech speech = speech_in(theme_, contexts_.get()->site.default_language);
  data.set("total_text", speech.counted("{n} entry", "{n} entries", total));
  data.set("items", std::move(items));
  return page(&who, "catalog", std::move(data), "Catalogue");
}

http::Response AdminSite::catalog_entry_page(const SignedIn& who, std::string_view kind_path, std::string_view slug,
                                             const std::string& text, const std::vector<std::string>& errors, Status status,
                                             std::string notice) const {
  const CatalogKind* kind = kind_of(kind_path);
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("kind", std::string(kind_path));
  data.set("label", kind ? std::string(kind->label) : std::string());
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
  return page(&who, "catalog_entry", std::move(data), slug == "new" ? "Nouvelle fiche" : "Fiche " + std::string(slug), status);
}

http::Response AdminSite::edit_catalog_entry(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  if (!can(who.user.role, Permission::edit_catalog)) return refused(who, "Seuls les éditeurs et propriétaires modifient le catalogue.");
  const CatalogKind* kind = kind_of(params.get("kind"));
  if (!kind) return refused(who, "Le catalogue n’a que des séries, des personnalités et des groupes.");
  std::string slug(params.get("slug"));
  std::string text = slug == "new" ? skeleton(kind->kind) : catalog_entry_json(store_, kind->kind, slug);
  if (text.empty()) return refused(who, "Le catalogue n’a pas de fiche « " + slug + " ».");
  return catalog_entry_page(who, kind->path, slug, text, {}, Status::ok,
                            query_value(req.target(), "saved") == "1" ? "Fiche enregistrée." : "");
}

http::Response AdminSite::save_catalog(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  if (!can(who.user.role, Permission::edit_catalog)) return refused(who, "Seuls les éditeurs et propriétaires modifient le catalogue.");
  const CatalogKind* kind = kind_of(params.get("kind"));
  auto form = request_form(req);
  if (!kind || !form) return refused(who, "Envoyez le formulaire de la fiche.");
  std::string slug(params.get("slug"));
  std::string text = form->get("entry");
  std::string error;
  std::string given = single_slug(text, *kind, error);
  bool exists = false;
  if (!given.empty()) {
    exists = kind->kind == EntityKind::show     ? store_.show(given).has_value()
             : kind->kind == EntityKind::person ? store_.person(given).has_value()
                                                : store_.group(given).has_value();
    if (slug == "new" && exists) error = "slug: '" + given + "' is already the address of another entry";
    if (slug != "new" && given != slug) error = "slug: this entry is '" + slug + "'; its address cannot change here";
    if (slug != "new" && !exists) error = "the catalog has no entry '" + slug + "'";
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
