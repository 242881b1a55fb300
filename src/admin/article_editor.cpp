// The newsroom's articles: list, editor, save and its actions (publish, schedule, unpublish,
// trash), live preview, autosave, revisions and translations.
#include <boost/url/url.hpp>

#include <algorithm>
#include <map>

#include "admin/admin_site.hpp"
#include "admin/article_form.hpp"
#include "admin/revision_diff.hpp"
#include "core/numbers.hpp"
#include "core/media.hpp"
#include "core/slug.hpp"
#include "render/markdown.hpp"
#include "site/reader_site.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {

std::string editor_path(std::int64_t id) { return "/admin/articles/" + std::to_string(id); }

// What changed from `before` to `after`, field by field, as the diff-lines partial shows it.
TemplateData diffs_view(const Article& before, const Article& after, const Speech& speech) {
  TemplateData diffs{TemplateData::type::list};
  for (const auto& d : diff_articles(before, after)) {
    TemplateData field;
    field.set("field", d.field);
    TemplateData lines{TemplateData::type::list};
    for (const auto& l : d.lines) {
      TemplateData line;
      bool skipped = l.kind == DiffLine::Kind::skipped;
      line.set("text", skipped ? speech.counted("{n} unchanged line", "{n} unchanged lines", parse_whole_number(l.text).value_or(0))
                               : l.text);
      line.set("added", l.kind == DiffLine::Kind::added);
      line.set("removed", l.kind == DiffLine::Kind::removed);
      line.set("skipped", skipped);
      lines.push_back(std::move(line));
    }
    field.set("lines", std::move(lines));
    diffs.push_back(std::move(field));
  }
  return diffs;
}

// A message id.
const char* status_label(const Article& a, Instant now) {
  if (a.trashed_at) return N_("In the trash");
  switch (a.status) {
    case ArticleStatus::draft: return N_("Draft");
    case ArticleStatus::scheduled: return a.published_at && *a.published_at <= now ? N_("Published (scheduled)") : N_("Scheduled");
    case ArticleStatus::published: return N_("Published");
    case ArticleStatus::unpublished: return N_("Unpublished");
  }
  return "";
}

// The editor's label of a field an error names (a message id), or the field's own name.
const char* field_label(std::string_view field) {
  static const std::map<std::string_view, const char*> labels{
      {"title", N_("Title")}, {"slug", N_("Address (slug)")}, {"language", N_("Language")}, {"section", N_("Section")},
      {"author", N_("Author")}, {"tags", N_("Tags")}, {"standfirst", N_("Standfirst")}, {"body", N_("Text")},
      {"hero_url", N_("Main image")}, {"hero.url", N_("Main image")}, {"hero_alt", N_("Alternative text")},
      {"hero.alt", N_("Alternative text")}, {"hero_credit", N_("Credit")}, {"source_url", N_("Address of the source article")},
      {"source.url", N_("Address of the source article")}, {"link", N_("Also link")}, {"unlink", N_("Do not link")},
      {"published_at", N_("Publication date")}, {"updated_at", N_("Publication date")},
      {"redirect_to", N_("Send readers to")}, {"seo_title", N_("Title for search engines")},
      {"seo_description", N_("Description for search engines")}, {"comments", N_("Comments")}, {"translation_of", N_("Source and translation")}, {"revision", N_("Version")},
      {"status", N_("State")}, {"action", N_("Action")}, {"form", N_("Form")}};
  auto it = labels.find(field);
  return it == labels.end() ? "" : it->second;
}

// What the article is about, as the store will record it on save: the editor's links, then
// what the text mentions, less what the editor dropped. For the preview of unsaved text.
std::vector<ArticleEntity> draft_entities(const Article& a, const std::vector<CatalogAlias>& catalog) {
  auto ref_of = [](const std::string& text) -> std::optional<EntityRef> {
    auto slash = text.find('/');
    auto kind = parse_entity_kind(text.substr(0, slash));
    if (slash == std::string::npos || !kind) return std::nullopt;
    return EntityRef{*kind, text.substr(slash + 1), ""};
  };
  auto same = [](const EntityRef& x, const EntityRef& y) { return x.kind == y.kind && x.slug == y.slug; };
  std::vector<ArticleEntity> out;
  auto add = [&](EntityRef ref, ArticleEntity::Source source) {
    for (const auto& u : a.unlink) {
      if (auto dropped = ref_of(u); dropped && same(*dropped, ref)) return;
    }
    if (std::none_of(out.begin(), out.end(), [&](const ArticleEntity& e) { return same(e.entity, ref); }))
      out.push_back({std::move(ref), source});
  };
  for (const auto& l : a.link) {
    if (auto ref = ref_of(l)) {
      // Its display name from the catalog, as the store's join gives it.
      for (const auto& c : catalog) {
        if (same(c.entity, *ref)) {
          ref->name = c.entity.name;
          break;
        }
      }
      add(*ref, ArticleEntity::Source::editor);
    }
  }
  for (auto& found : mentioned_entities(article_text(a), matcher_for(catalog))) add(std::move(found), ArticleEntity::Source::automatic);
  return out;
}

std::vector<CatalogAlias> aliases_of(const std::vector<ArticleEntity>& entities, const std::vector<CatalogAlias>& catalog) {
  std::vector<CatalogAlias> out;
  for (const auto& c : catalog) {
    if (std::any_of(entities.begin(), entities.end(), [&](const ArticleEntity& e) {
          return e.entity.kind == c.entity.kind && e.entity.slug == c.entity.slug;
        }))
      out.push_back(c);
  }
  return out;
}

// A hero taken from the media library brings its alt text and credit when the article gives
// none; an address of the library that names no image is an error.
void complete_hero(const Store& store, Article& a, std::vector<FieldError>& errors) {
  auto image = parse_library_url(a.hero.url);
  if (!image) return;
  auto item = store.media(image->id);
  if (!item) {
    errors.push_back(FieldError::about("hero_url", {N_("the media library has no image {value}"), std::to_string(image->id)}));
    return;
  }
  if (a.hero.alt.empty()) a.hero.alt = item->alt;
  if (a.hero.credit.empty()) a.hero.credit = item->credit;
}

FieldError slug_taken(const std::string& slug) {
  return FieldError::about("slug", {N_("'{value}' is already the address of another article"), slug});
}

ValidationContext validation_context(const SiteContext& context) {
  ValidationContext vc;
  for (const auto& l : context.languages) vc.languages.push_back(l.code);
  for (const auto& s : context.sections) vc.sections.push_back(s.slug);
  for (const auto& [slug, author] : context.authors) vc.authors.push_back(slug);
  return vc;
}

// Saves `a` as a new revision by `who`, with what its text is about and the audit entry, in
// one transaction; or nothing, when another save came first (since `based_on`) or took the slug.
SavedArticle write_article(Store& store, const Article& a, const SignedIn& who, Instant now, const std::string& action,
                           const std::string& detail, std::optional<int> based_on = std::nullopt) {
  auto tx = store.begin_write();
  tx->set_actor(who.user.id);
  tx->drop_autosave(who.user.id, a.id);
  auto saved = tx->save_article(a, now, based_on);
  if (saved.conflict) return saved;  // rolled back
  tx->set_article_entities(saved.id, mentioned_entities(article_text(a), matcher_for(store.catalog_aliases())));
  tx->append_audit(audit_entry(who.actor(), now, "article." + action, "article:" + std::to_string(saved.id), detail));
  tx->commit();
  return saved;
}


}  // namespace

std::optional<Article> AdminSite::editable(std::int64_t id, const SignedIn& who, std::string& why) const {
  auto a = store_.article_by_id(id);
  Speech speech = speech_of(&who);
  if (!a) {
    why = speech.text("This article does not exist.");
    return std::nullopt;
  }
  if (!may_edit_article(who.user, a->created_by, a->status != ArticleStatus::draft)) {
    why = speech.text("Your role lets you change only your own drafts.");
    return std::nullopt;
  }
  return a;
}

http::Response AdminSite::articles(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  auto target = req.target();
  ArticleQuery q;
  q.limit = 30;
  int page_number = requested_page(target).value_or(1);
  q.offset = (page_number - 1) * q.limit;
  std::string status = query_value(target, "status"), lang = query_value(target, "lang"),
              section = query_value(target, "section"), author = query_value(target, "author"),
              text = query_value(target, "q");
  bool trash = query_value(target, "trash") == "1", mine = query_value(target, "mine") == "1";
  bool pages = query_value(target, "kind") == "page";
  q.kind = pages ? ArticleKind::page : ArticleKind::article;
  if (auto s = parse_article_status(status)) q.status = s;
  if (!lang.empty()) q.language = lang;
  if (!section.empty()) q.section = section;
  if (!author.empty()) q.author = author;
  q.title_contains = text.substr(0, 200);
  q.trashed = trash;
  if (mine) q.created_by = who.user.id;
  auto list = store_.articles(q);

  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  Instant now = sessions_.options().clock();
  TemplateData rows{TemplateData::type::list};
  for (const auto& a : list.items) {
    TemplateData row;
    row.set("title", a.title);
    row.set("url", editor_path(a.id));
    Article as_article;  // status_label reads these fields only
    as_article.status = a.status;
    as_article.published_at = a.published_at;
    if (trash) as_article.trashed_at = now;
    row.set("status", speech.text(status_label(as_article, now)));
    row.set("status_class", std::string(to_string(a.status)));
    row.set("lang", a.language);
    row.set("section", context->section_names.contains(a.section) ? context->section_names.at(a.section) : a.section);
    auto au = context->authors.find(a.author);
    row.set("author", au == context->authors.end() ? a.author : au->second.name);
    row.set("date", a.published_at ? time_view(*a.published_at, *context, speech.language) : TemplateData(false));
    rows.push_back(std::move(row));
  }
  TemplateData data;
  data.set("articles", std::move(rows));
  data.set("has_articles", !list.items.empty());
  data.set("total_text", pages ? speech.counted("{n} page", "{n} pages", list.total)
                               : speech.counted("{n} article", "{n} articles", list.total));
  data.set("pages", pages);
  data.set("q", text);
  data.set("trash", trash);
  data.set("mine", mine);
  std::vector<std::pair<std::string, std::string>> statuses{
      {"draft", speech.text("Drafts")}, {"scheduled", speech.text("Scheduled articles")},
      {"published", speech.text("Published articles")}, {"unpublished", speech.text("Unpublished articles")}};
  data.set("statuses", options_view(statuses, status, [](auto& p) { return p.first; }, [](auto& p) { return p.second; }, "—"));
  data.set("languages", options_view(context->languages, lang, [](const Language& l) { return l.code; },
                                   [](const Language& l) { return l.name; }, "—"));
  data.set("sections", options_view(context->sections, section, [](const Section& s) { return s.slug; },
                                  [](const Section& s) { return s.name; }, "—"));
  std::vector<Author> authors;
  for (const auto& [slug, a] : context->authors) authors.push_back(a);
  data.set("authors", options_view(authors, author, [](const Author& a) { return a.slug; }, [](const Author& a) { return a.name; }, "—"));
  // Paging keeps the filters.
  auto with_page = [&](int n) {
    boost::urls::url url("/admin/articles");
    url.params().append({"page", std::to_string(n)});
    for (auto [key, value] : {std::pair{"status", status}, {"lang", lang}, {"section", section}, {"author", author}, {"q", text}}) {
      if (!value.empty()) url.params().append({key, value});
    }
    if (trash) url.params().append({"trash", "1"});
    if (mine) url.params().append({"mine", "1"});
    if (pages) url.params().append({"kind", "page"});
    return std::string(url.buffer());
  };
  set_text(data, "previous", page_number > 1 ? with_page(page_number - 1) : "");
  set_text(data, "next", q.offset + q.limit < list.total ? with_page(page_number + 1) : "");
  return page(&who, "articles", std::move(data), pages ? speech.text("Pages") : speech.text("Articles"));
}

http::Response AdminSite::new_article(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Article a;
  if (query_value(req.target(), "kind") == "page") a.kind = ArticleKind::page;
  auto context = contexts_.get();
  a.language = context->site.default_language;
  a.author = who.user.author;
  return editor(a, who, {}, Status::ok);
}

http::Response AdminSite::editor(const Article& a, const SignedIn& who, const std::vector<FieldError>& errors,
                                 Status status, std::string_view notice, const Article* theirs) const {
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  const std::string& zone = context->site.time_zone;
  Instant now = sessions_.options().clock();
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("is_new", a.id == 0);
  data.set("is_page", a.kind == ArticleKind::page);
  data.set("kind", std::string(to_string(a.kind)));
  data.set("id", std::to_string(a.id));
  data.set("action", a.id == 0 ? std::string("/admin/articles") : editor_path(a.id));
  data.set("preview_url", (a.id == 0 ? std::string("/admin/articles/new") : editor_path(a.id)) + "/preview");
  data.set("revision", std::to_string(a.revision));
  if (theirs) {
    TemplateData conflict;
    conflict.set("revision", std::to_string(theirs->revision));
    conflict.set("diffs", diffs_view(a, *theirs, speech));
    data.set("conflict", std::move(conflict));
  } else {
    data.set("conflict", false);
  }
  data.set("title", a.title);
  data.set("slug", a.slug);
  data.set("standfirst", a.standfirst);
  data.set("body", a.body);
  data.set("tags", join_list(a.tags));
  data.set("link", join_list(a.link));
  data.set("unlink", join_list(a.unlink));
  data.set("hero_url", a.hero.url);
  data.set("hero_alt", a.hero.alt);
  data.set("hero_credit", a.hero.credit);
  data.set("source_site", a.source.site);
  data.set("source_url", a.source.url);
  data.set("source_author", a.source.author);
  data.set("translator", a.translator);
  data.set("redirect_to", a.redirect_to);
  data.set("seo_title", a.seo_title);
  data.set("seo_description", a.seo_description);
  data.set("comments_site", a.comments == ArticleComments::site);
  data.set("comments_open", a.comments == ArticleComments::open);
  data.set("comments_closed", a.comments == ArticleComments::closed);
  data.set("published_at", datetime_local(a.published_at, zone));
  data.set("time_zone", zone);
  data.set("status", speech.text(status_label(a, now)));
  data.set("trashed", a.trashed_at.has_value());
  data.set("is_published", a.status == ArticleStatus::published ||
                               (a.status == ArticleStatus::scheduled && a.published_at && *a.published_at <= now));
  data.set("is_scheduled", a.status == ArticleStatus::scheduled && a.published_at && *a.published_at > now);
  data.set("public_url", path_of(a.kind, a.slug));
  data.set("languages", options_view(context->languages, a.language, [](const Language& l) { return l.code; },
                                   [](const Language& l) { return l.name; }, {}));
  data.set("sections", options_view(context->sections, a.section, [](const Section& s) { return s.slug; },
                                  [](const Section& s) { return s.name; }, "—"));
  std::vector<Author> authors;
  for (const auto& [slug, author] : context->authors) authors.push_back(author);
  data.set("authors", options_view(authors, a.author, [](const Author& x) { return x.slug; }, [](const Author& x) { return x.name; }, "—"));
  bool may_publish = can(who.user.role, Permission::publish);
  data.set("can_publish", may_publish);
  data.set("can_delete", can(who.user.role, Permission::delete_articles) && a.id != 0);
  data.set("can_translate", can(who.user.role, Permission::translate) && a.id != 0);
  set_text(data, "notice", std::string(notice));
  TemplateData error_list{TemplateData::type::list};
  for (const auto& e : errors) {
    TemplateData item;
    item.set("field", e.field);
    std::string_view label = field_label(e.field);
    item.set("label", label.empty() ? e.field : speech.text(label));
    item.set("message", e.wording.empty() ? e.message : speech.text(e.wording.id, {{"value", e.wording.value}}));
    error_list.push_back(std::move(item));
  }
  data.set("has_errors", !errors.empty());
  data.set("errors", std::move(error_list));

  // A newer autosave of this person's than the saved article.
  data.set("autosave", false);
  if (a.id != 0) {
    if (auto saved = store_.autosave(who.user.id, a.id); saved && !same_content(saved->article, a)) {
      TemplateData as;
      as.set("at", time_view(saved->saved_at, *context, speech.language));
      as.set("url", editor_path(a.id) + "?autosave=1");
      data.set("autosave", std::move(as));
    }
  }

  // A translation beside its source, and whether the source changed since.
  data.set("source_article", false);
  if (!a.translation_of.empty()) {
    if (auto source = store_.article_by_slug(a.translation_of)) {
      TemplateData s;
      s.set("title", source->title);
      s.set("standfirst", source->standfirst);
      s.set("body", source->body);
      s.set("lang", source->language);
      s.set("url", editor_path(source->id));
      s.set("revisions_url", editor_path(source->id) + "/revisions?from=" + std::to_string(a.source_revision));
      s.set("changed", a.source_revision != 0 && source->revision > a.source_revision);
      s.set("revision", std::to_string(source->revision));
      data.set("source_article", std::move(s));
    }
  }
  // Editions: the other languages of the same story, and those it could be translated into.
  TemplateData editions{TemplateData::type::list}, missing{TemplateData::type::list};
  if (a.id != 0) {
    std::string root = a.translation_of.empty() ? a.slug : a.translation_of;
    ArticleQuery q;
    q.translation_of = root;
    q.limit = 20;
    q.count = false;
    std::vector<ArticleSummary> all = store_.articles(q).items;
    if (!a.translation_of.empty()) {
      if (auto src = store_.article_by_slug(root)) all.push_back(summarize(*src));
    }
    std::vector<std::string> present{a.language};
    for (const auto& e : all) {
      present.push_back(e.language);
      if (e.id == a.id) continue;
      TemplateData item;
      item.set("lang", e.language);
      item.set("title", e.title);
      item.set("url", editor_path(e.id));
      editions.push_back(std::move(item));
    }
    for (const auto& l : context->languages) {
      if (std::find(present.begin(), present.end(), l.code) != present.end()) continue;
      TemplateData item;
      item.set("code", l.code);
      item.set("name", l.name);
      missing.push_back(std::move(item));
    }
  }
  data.set("has_editions", !editions.is_empty_list());
  data.set("editions", std::move(editions));
  data.set("has_missing_languages", !missing.is_empty_list());
  data.set("missing_languages", std::move(missing));
  // The newsroom comments under a published article as itself (its writer's author name, a badge).
  data.set("can_comment", a.id != 0 && !a.trashed_at && is_visible(a.status, a.published_at, sessions_.options().clock()));
  std::string title = a.id == 0 ? speech.text("New article") : speech.text("Edit “{title}”", {{"title", a.title}});
  return page(&who, "edit", std::move(data), title, status);
}

http::Response AdminSite::edit_article(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  auto id = parse_whole_number(std::string(params.get("id")));
  Speech speech = speech_of(&who);
  if (!id) return refused(who, speech.text("This article does not exist."));
  std::string why;
  auto a = editable(*id, who, why);
  if (!a) return refused(who, why);
  std::string notice = query_value(req.target(), "saved") == "1" ? speech.text("Saved.") : "";
  if (query_value(req.target(), "autosave") == "1") {
    if (auto saved = store_.autosave(who.user.id, a->id)) {
      Article restored = saved->article;
      restored.id = a->id;
      restored.revision = a->revision;
      restored.created_by = a->created_by;
      restored.trashed_at = a->trashed_at;
      return editor(restored, who, {}, Status::ok, speech.text("Autosave recovered: save to keep it."));
    }
  }
  return editor(*a, who, {}, Status::ok, notice);
}

http::Response AdminSite::conflicted(Article mine, const SignedIn& who, const Conflict& conflict) const {
  if (conflict.kind == Conflict::Kind::slug)
    return editor(mine, who, {slug_taken(mine.slug)}, Status::conflict);
  mine.revision = conflict.current_revision;  // saving again from here is saving over it knowingly
  // What the save that came first changed, shown against this editor's version (on any node:
  // it is read from the database).
  std::optional<Article> theirs = store_.article_by_id(mine.id);
  return editor(mine, who,
                {FieldError::about("revision", {N_("someone saved this article while you were changing it (revision {value}): "
                                                   "your changes are in the form, theirs below; save again to keep yours"),
                                                std::to_string(conflict.current_revision)})},
                Status::conflict, {}, theirs ? &*theirs : nullptr);
}

http::Response AdminSite::create_article(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  auto form = request_form(req);
  auto context = contexts_.get();
  Article a;
  a.language = context->site.default_language;
  a.author = who.user.author;
  if (!form) return editor(a, who, {FieldError::about("form", {N_("send the editor's form")})}, Status::bad_request);
  auto errors = apply_article_form(*form, context->site.time_zone, a);
  a.status = ArticleStatus::draft;  // a new article starts as a draft, whoever writes it
  a.published_at.reset();
  complete_hero(store_, a, errors);
  for (auto& e : validate(a, validation_context(*context))) errors.push_back(std::move(e));
  if (errors.empty() && store_.article_by_slug(a.slug)) errors.push_back(slug_taken(a.slug));
  if (!errors.empty()) return editor(a, who, errors, Status::unprocessable_entity);
  auto saved = write_article(store_, a, who, sessions_.options().clock(), "create", a.slug);
  if (saved.conflict) return conflicted(a, who, *saved.conflict);
  return see_other(editor_path(saved.id) + "?saved=1");
}

http::Response AdminSite::save_article(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  auto id = parse_whole_number(std::string(params.get("id")));
  std::string why;
  auto current = id ? editable(*id, who, why) : std::nullopt;
  if (!current) return refused(who, why.empty() ? speech_of(&who).text("This article does not exist.") : why);
  auto form = request_form(req);
  if (!form) return editor(*current, who, {FieldError::about("form", {N_("send the editor's form")})}, Status::bad_request);
  std::string action = form->get("action");
  if (action.empty()) action = "save";
  Instant now = sessions_.options().clock();
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  // `refusal`: the message id, "{role}" standing for the role's name.
  auto need = [&](Permission p, const char* refusal) -> std::optional<http::Response> {
    if (can(who.user.role, p)) return std::nullopt;
    return refused(who, speech.text(refusal, {{"role", speech.text(role_label(who.user.role))}}));
  };

  if (action == "trash" || action == "restore") {
    if (auto no = need(Permission::delete_articles, N_("Your role ({role}) does not let you move an article to the trash or take it out."))) return *no;
    auto tx = store_.begin_write();
    tx->trash_article(current->id, action == "trash" ? std::optional(now) : std::nullopt);
    tx->append_audit(audit_entry(who.actor(), now, "article." + action, "article:" + std::to_string(current->id), current->slug));
    tx->commit();
    return see_other(action == "trash" ? "/admin/articles?trash=1" : editor_path(current->id) + "?saved=1");
  }
  if (current->trashed_at)
    return editor(*current, who, {FieldError::about("status", {N_("the article is in the trash: take it out first")})}, Status::conflict);
  // The revision the form was made from: the store refuses the save if another came since.
  auto based_on = parse_whole_number(form->get("revision"));
  if (!based_on || *based_on > current->revision)
    return editor(*current, who,
                  {FieldError::about("revision", {N_("the form does not say which version it started from: reload the editor")})},
                  Status::bad_request);

  Article a = *current;
  auto errors = apply_article_form(*form, context->site.time_zone, a);
  bool was_live = current->status == ArticleStatus::published ||
                  (current->status == ArticleStatus::scheduled && current->published_at && *current->published_at <= now);
  if (action == "publish") {
    if (auto no = need(Permission::publish, N_("Your role ({role}) does not let you publish."))) return *no;
    if (!was_live) a.published_at = now;
    a.status = ArticleStatus::published;
    a.redirect_to.clear();
  } else if (action == "schedule") {
    if (auto no = need(Permission::publish, N_("Your role ({role}) does not let you schedule a publication."))) return *no;
    if (!a.published_at || *a.published_at <= now)
      errors.push_back(FieldError::about("published_at", {N_("choose a date and time to come to schedule the publication")}));
    a.status = ArticleStatus::scheduled;
    a.redirect_to.clear();
  } else if (action == "unpublish") {
    if (auto no = need(Permission::publish, N_("Your role ({role}) does not let you unpublish."))) return *no;
    a.status = ArticleStatus::unpublished;
  } else if (action == "save") {
    if (a.status != ArticleStatus::unpublished) a.redirect_to.clear();
    if (a.status != ArticleStatus::draft && !can(who.user.role, Permission::publish))
      return *need(Permission::publish, N_("Your role ({role}) does not let you change a published article."));
  } else {
    return editor(a, who, {FieldError::about("action", {N_("'{value}' is not an action of the editor"), action.substr(0, 40)})},
                  Status::bad_request);
  }
  complete_hero(store_, a, errors);
  bool goes_out = a.status == ArticleStatus::published || a.status == ArticleStatus::scheduled;
  if (goes_out && !a.hero.empty() && (a.hero.alt.empty() || a.hero.credit.empty()))
    errors.push_back(FieldError::about(a.hero.alt.empty() ? "hero_alt" : "hero_credit",
                                       {N_("a published image has an alternative text and a credit: fill them in (here or in the "
                                           "media library)")}));
  if (was_live && a.status == ArticleStatus::published && !same_content(*current, a)) a.updated_at = now;
  if (form->get("sync_source") == "1" && !a.translation_of.empty()) {
    if (auto source = store_.article_by_slug(a.translation_of)) a.source_revision = source->revision;
  }
  for (auto& e : validate(a, validation_context(*context))) errors.push_back(std::move(e));
  if (auto other = store_.article_by_slug(a.slug); other && other->id != a.id) errors.push_back(slug_taken(a.slug));
  if (!errors.empty()) return editor(a, who, errors, Status::unprocessable_entity);

  if (*based_on == current->revision && same_content(*current, a)) {
    auto tx = store_.begin_write();
    tx->drop_autosave(who.user.id, a.id);
    tx->commit();
    return see_other(editor_path(a.id) + "?saved=1");
  }
  // Checked as it is written: another save may have come in since the form was made, or since
  // `current` was read.
  auto saved = write_article(store_, a, who, now, action,
                             a.slug + (a.status == ArticleStatus::scheduled ? " at " + format_iso8601(*a.published_at) : ""),
                             static_cast<int>(*based_on));
  if (saved.conflict) return conflicted(a, who, *saved.conflict);
  return see_other(editor_path(a.id) + "?saved=1");
}

http::Response AdminSite::preview(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  Article a;
  auto context = contexts_.get();
  a.language = context->site.default_language;
  if (!params.get("id").empty()) {
    auto id = parse_whole_number(std::string(params.get("id")));
    std::string why;
    auto current = id ? editable(*id, who, why) : std::nullopt;
    if (!current) return refused(who, why);
    a = *current;
  }
  auto form = request_form(req);
  if (!form) return refused(who, speech_of(&who).text("Send the editor's form."));
  apply_article_form(*form, context->site.time_zone, a);
  Instant now = sessions_.options().clock();
  if (!a.published_at) a.published_at = now;  // as it would read if published now
  auto catalog = store_.catalog_aliases();
  auto entities = draft_entities(a, catalog);
  auto html = reader_.article_page(a, reader_.render_body(a, entities, aliases_of(entities, catalog)), now).html;
  return private_response(Status::ok, std::move(html), "text/html; charset=utf-8");
}

http::Response AdminSite::autosave(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  auto id = parse_whole_number(std::string(params.get("id")));
  std::string why;
  auto current = id ? editable(*id, who, why) : std::nullopt;
  auto json = [](Status status, std::string body) { return private_response(status, std::move(body), "application/json"); };
  if (!current) return json(Status::forbidden, R"({"error":"you may not edit this article"})");
  auto form = request_form(req);
  if (!form) return json(Status::bad_request, R"({"error":"send the editor's form"})");
  auto context = contexts_.get();
  Article a = *current;
  apply_article_form(*form, context->site.time_zone, a);
  Instant now = sessions_.options().clock();
  auto tx = store_.begin_write();
  if (same_content(a, *current)) tx->drop_autosave(who.user.id, a.id);
  else tx->save_autosave(who.user.id, a, now);
  tx->commit();
  return json(Status::ok, "{\"saved_at\":\"" + format_iso8601(now) + "\"}");
}

http::Response AdminSite::revisions(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  auto id = parse_whole_number(std::string(params.get("id")));
  std::string why;
  auto current = id ? editable(*id, who, why) : std::nullopt;
  if (!current) return refused(who, why.empty() ? speech_of(&who).text("This article does not exist.") : why);
  auto list = store_.revisions(current->id);
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  // Which revision to show against the one before it (or against ?from=N).
  auto shown = parse_whole_number(query_value(req.target(), "show")).value_or(list.empty() ? 0 : list.back().number);
  auto from = parse_whole_number(query_value(req.target(), "from"));
  std::map<std::int64_t, std::string> names;
  for (const auto& u : store_.users()) names[u.id] = u.name.empty() ? u.email : u.name;
  TemplateData items{TemplateData::type::list};
  const Revision* selected = nullptr;
  const Revision* base = nullptr;
  for (std::size_t i = list.size(); i-- > 0;) {
    const auto& r = list[i];
    TemplateData item;
    item.set("number", std::to_string(r.number));
    item.set("at", time_view(r.saved_at, *context, speech.language));
    item.set("by", r.saved_by && names.contains(*r.saved_by) ? names[*r.saved_by] : std::string("import"));
    item.set("status", std::string(to_string(r.article.status)));
    item.set("url", editor_path(current->id) + "/revisions?show=" + std::to_string(r.number));
    item.set("restore_url", editor_path(current->id) + "/revisions/" + std::to_string(r.number) + "/restore");
    item.set("current", r.number == current->revision);
    item.set("shown", r.number == shown);
    items.push_back(std::move(item));
    if (r.number == shown) selected = &r;
  }
  for (const auto& r : list) {
    if (from ? r.number == *from : r.number + 1 == shown) base = &r;
  }
  TemplateData diffs{TemplateData::type::list};
  if (selected) diffs = diffs_view(base ? base->article : Article{}, selected->article, speech);
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("title", current->title);
  data.set("editor_url", editor_path(current->id));
  data.set("revisions", std::move(items));
  data.set("shown", std::to_string(shown));
  data.set("base", base ? std::to_string(base->number) : std::string("—"));
  data.set("has_diffs", !diffs.is_empty_list());
  data.set("diffs", std::move(diffs));
  return page(&who, "revisions", std::move(data), speech.text("History of “{title}”", {{"title", current->title}}));
}

http::Response AdminSite::restore(const http::Request&, const http::RouteParams& params, const SignedIn& who) {
  auto id = parse_whole_number(std::string(params.get("id")));
  auto number = parse_whole_number(std::string(params.get("number")));
  std::string why;
  auto current = id ? editable(*id, who, why) : std::nullopt;
  if (!current) return refused(who, why.empty() ? speech_of(&who).text("This article does not exist.") : why);
  for (const auto& r : store_.revisions(current->id)) {
    if (!number || r.number != *number) continue;
    // The text of that revision; what readers see of it (status, dates, address) stays as it
    // is now, so restoring never publishes or takes down anything by itself.
    Article a = r.article;
    a.id = current->id;
    a.slug = current->slug;
    a.status = current->status;
    a.published_at = current->published_at;
    a.updated_at = current->updated_at;
    a.redirect_to = current->redirect_to;
    a.translation_of = current->translation_of;
    Instant now = sessions_.options().clock();
    if (a.status == ArticleStatus::published && !same_content(*current, a)) a.updated_at = now;
    auto saved = write_article(store_, a, who, now, "restore", "revision " + std::to_string(r.number), current->revision);
    if (saved.conflict) return conflicted(a, who, *saved.conflict);
    return see_other(editor_path(a.id) + "?saved=1");
  }
  return refused(who, speech_of(&who).text("This revision does not exist."));
}

http::Response AdminSite::translate(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::translate))
    return refused(who, speech.text("Your role ({role}) does not let you translate.", {{"role", speech.text(role_label(who.user.role))}}));
  auto id = parse_whole_number(std::string(params.get("id")));
  auto source = id ? store_.article_by_id(*id) : std::nullopt;
  auto form = request_form(req);
  if (!source || !form) return refused(who, speech.text("This article does not exist."));
  auto context = contexts_.get();
  std::string language = form->get("language");
  if (!context->has_language(language))
    return refused(who, speech.text("'{language}' is not a language of this site.", {{"language", language.substr(0, 20)}}));
  // Translations hang off the original edition, whichever edition they are made from.
  std::string root = source->translation_of.empty() ? source->slug : source->translation_of;
  ArticleQuery existing;
  existing.translation_of = root;
  existing.language = language;
  existing.count = false;
  if (auto found = store_.articles(existing); !found.items.empty()) return see_other(editor_path(found.items.front().id));

  Article t;
  t.language = language;
  t.title = source->title;
  t.standfirst = source->standfirst;
  t.body = source->body;
  t.section = source->section;
  t.tags = source->tags;
  t.link = source->link;
  t.unlink = source->unlink;
  t.hero = source->hero;
  t.author = who.user.author.empty() ? source->author : who.user.author;
  t.translation_of = root;
  t.source_revision = source->revision;
  t.translator = who.user.name.empty() ? who.user.email : who.user.name;
  // The source the translation credits: the original's own source if it has one (an English
  // site), else the original edition on this site.
  t.source = source->source;
  std::string base = slugify(source->title);
  if (base.empty()) base = source->slug;
  t.slug = base + "-" + language;
  for (int n = 2; store_.article_by_slug(t.slug); ++n) t.slug = base + "-" + language + "-" + std::to_string(n);
  auto saved = write_article(store_, t, who, sessions_.options().clock(), "translate",
                             "from article:" + std::to_string(source->id) + " into " + language);
  if (saved.conflict) return conflicted(t, who, *saved.conflict);
  return see_other(editor_path(saved.id) + "?saved=1");
}

}  // namespace kpress
