#include "site/reader_site.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/numbers.hpp"
#include "render/json_ld.hpp"
#include "render/markdown.hpp"
#include "site/cache_tags.hpp"
#include "site/catalog_views.hpp"
#include "site/comment_views.hpp"
#include "render/theme.hpp"
#include "site/error_page.hpp"
#include "site/body_keeper.hpp"
#include "site/poster_fetcher.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;


namespace {

// What a video's facade says in an article of `speech`'s language.
VideoWords video_words(const Speech& speech) {
  return {speech.text("Play the video"), speech.text("{provider} video"), speech.text("watch on {provider}")};
}

// "Love it", "J’adore", "좋아요": a reaction's button, in the page's language.
std::string reaction_label(Reaction r, const Speech& speech) {
  switch (r) {
    case Reaction::like: return speech.text("Love it");
    case Reaction::support: return speech.text("Support");
    case Reaction::congrats: return speech.text("Congrats");
    case Reaction::cant_wait: return speech.text("Can’t wait");
    case Reaction::surprised: return speech.text("Surprised");
    case Reaction::sad: return speech.text("Sad");
  }
  return std::string(to_string(r));
}

http::Response html_response(Status status, std::string body) {
  return http::make_response(status, std::move(body), "text/html; charset=utf-8");
}

}  // namespace

ReaderSite::ReaderSite(const Store& store, const SiteContextCache& contexts, const Theme& theme,
                         ReaderSiteOptions options)
    : store_(store), contexts_(contexts), theme_(theme), options_(std::move(options)) {}

void ReaderSite::add_routes(http::Router& router) const {
  using V = http::Verb;
  http::RouteHandler not_found = [this](const auto&, const auto&) { return error_page(Status::not_found); };
  auto edition_route = [&](std::string_view pattern, auto member) {
    add_edition_routes(router, contexts_, pattern,
                       [this, member](const auto& req, const auto& p, const Edition& e) { return (this->*member)(req, p, e); },
                       not_found);
  };
  edition_route("/", &ReaderSite::home);
  // An edition's home without its slash: the home, at its one address.
  router.add(V::get, "/{lang}", [this](const auto& req, const auto& p) {
    auto context = contexts_.get();
    if (p.get("lang") == context->site.default_language) return permanent_redirect("/");
    auto edition = edition_named(*context, p.get("lang"));
    // Not an edition: a standalone page, which has its address at the top ("/about").
    return edition ? permanent_redirect(edition->path("/")) : page_at(p.get("lang"), req.target());
  });
  router.add(V::get, "/articles/{slug}", [this](const auto& req, const auto& p) { return article(req, p); });
  edition_route("/section/{slug}", &ReaderSite::section);
  edition_route("/tag/{slug}", &ReaderSite::tag);
  edition_route("/author/{slug}", &ReaderSite::author);
  // The language lists of before the editions: each edition's home now.
  router.add(V::get, "/lang/{slug}", [this](const auto&, const auto& p) {
    auto context = contexts_.get();
    if (!context->has_language(p.get("slug"))) return error_page(Status::not_found);
    return permanent_redirect(edition_in(*context, p.get("slug")).path("/"));
  });
  router.add(V::get, "/api/v1/articles", [this](const auto& req, const auto&) { return api_articles(req); });
  router.add(V::get, "/api/v1/featured", [this](const auto& req, const auto&) { return api_featured(req); });
  router.add(V::get, "/api/v1/articles/{id}", [this](const auto&, const auto& p) { return api_article(p); });
  router.add(V::get, "/assets/{path...}", [this](const auto& req, const auto& p) { return asset(req, p); });
  router.add(V::get, "/media/{path...}", [this](const auto& req, const auto& p) { return media(req, p); });
  router.add(V::get, "/healthz", [this](const auto&, const auto&) { return healthz(); });
  router.add(V::get, "/sitemap.xml", [this](const auto&, const auto&) { return sitemap_index(); });
  router.add(V::get, "/sitemaps/{file}", [this](const auto& req, const auto& p) { return sitemap(req, p); });
  router.add(V::get, "/robots.txt", [this](const auto&, const auto&) { return robots(); });
  // Feeds: the file name gives the format; the route the list; the prefix the edition.
  for (const char* file : {"feed.xml", "feed.atom", "feed.json"}) {
    add_edition_routes(router, contexts_, std::string("/") + file,
                       [this, file](const auto& req, const auto& params, const Edition& e) {
                         http::RouteParams p = params;
                         p.set("file", file);
                         return feed(req, p, e);
                       },
                       not_found);
    for (const char* kind : {"section", "tag", "shows", "people", "groups"}) {
      add_edition_routes(router, contexts_, std::string("/") + kind + "/{slug}/" + file,
                         [this, kind, file](const auto& req, const auto& params, const Edition& e) {
                           http::RouteParams p = params;
                           p.set("kind", kind);
                           p.set("file", file);
                           return feed(req, p, e);
                         },
                         not_found);
    }
    // A language's feed of before the editions: that edition's feed.
    router.add(V::get, std::string("/lang/{slug}/") + file, [this, file](const auto& req, const auto& params) {
      auto context = contexts_.get();
      if (!context->has_language(params.get("slug"))) return error_page(Status::not_found);
      http::RouteParams p;
      p.set("file", file);
      return feed(req, p, edition_in(*context, params.get("slug")));
    });
  }
  router.set_not_found([this](const auto&, const auto&) { return error_page(Status::not_found); });
}

http::Response ReaderSite::error_page(Status status) const { return kpress::error_page(*contexts_.get(), theme_, status); }

http::Response ReaderSite::home(const http::Request& req, const http::RouteParams&, const Edition& edition) const {
  auto page_number = requested_page(req.target());
  if (!page_number) return error_page(Status::bad_request);
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Instant now = options_.clock();
  Speech speech = speech_in(theme_, edition.language);

  ArticleQuery latest_query;
  latest_query.language = edition.language;
  latest_query.visible_at = now;
  latest_query.limit = options_.page_size;
  latest_query.offset = (*page_number - 1) * options_.page_size;
  auto latest = store_.articles(latest_query);
  PageWindow window{*page_number, page_count(latest.total, options_.page_size)};
  if (*page_number > window.pages) return error_page(Status::not_found);

  // The stories the editors pinned lead the first page, in their order, while their time lasts;
  // the list of the latest then goes on without them.
  std::vector<ArticleSummary> featured;
  std::optional<Instant> until;
  if (*page_number == 1) {
    auto pinned = featured_now(edition.language, now);
    for (auto& [article, pin] : pinned.stories) featured.push_back(std::move(article));
    until = pinned.until;
    std::erase_if(latest.items, [&](const ArticleSummary& a) {
      return std::any_of(featured.begin(), featured.end(), [&](const ArticleSummary& f) { return f.id == a.id; });
    });
  }
  TemplateData page;
  std::vector<std::string> tags{"list:home"};
  page.set("first_page", *page_number == 1);
  page.set("has_featured", !featured.empty());
  page.set("featured", cards_with_comments(store_, featured, context, edition.language, tags));
  page.set("has_latest", !latest.items.empty());
  page.set("latest", cards_with_comments(store_, latest.items, context, edition.language, tags));
  TemplateData blocks{TemplateData::type::list};
  if (*page_number == 1) {
    for (const auto& s : context.sections) {
      ArticleQuery q;
      q.language = edition.language;
      q.visible_at = now;
      q.section = s.slug;
      q.limit = 4;
      q.count = false;
      auto list = store_.articles(q);
      if (list.items.empty()) continue;
      TemplateData block;
      block.set("slug", s.slug);
      block.set("name", s.name);
      block.set("url", edition.path(section_path(s.slug)));
      block.set("articles", cards_with_comments(store_, list.items, context, edition.language, tags));
      blocks.push_back(std::move(block));
    }
  }
  page.set("sections", blocks);
  std::string home_path = edition.path("/");
  add_pager(page, window, home_path);
  PageMeta meta{.title = *page_number == 1 ? "" : speech.text("Page {n}", {{"n", std::to_string(*page_number)}}),
                .description = context.site.tagline,
                .canonical_path = *page_number == 1 ? home_path : home_path + "?page=" + std::to_string(*page_number)};
  meta.language = edition.language;
  meta.in_every_edition = true;
  auto res = html_response(Status::ok, render_page(theme_, context, "home", std::move(page), meta));
  mark_cacheable(res, std::move(tags), store_, now, until);  // a pin's end changes the page by itself
  return res;
}

ReaderSite::FeaturedNow ReaderSite::featured_now(const std::string& language, Instant now) const {
  FeaturedNow out;
  for (const auto& pin : store_.featured(language)) {
    if (pin.until && *pin.until <= now) continue;
    auto a = store_.article_summary(pin.article_id);
    if (!a || a->language != language || !is_visible(a->status, a->published_at, now)) continue;
    if (pin.until && (!out.until || *pin.until < *out.until)) out.until = pin.until;
    out.stories.emplace_back(std::move(*a), pin);
  }
  return out;
}

http::Response ReaderSite::article(const http::Request& req, const http::RouteParams& params) const {
  auto found = store_.article_by_slug(params.get("slug"));
  Instant now = options_.clock();
  if (!found) return error_page(Status::not_found);
  const Article& a = *found;
  if (a.kind == ArticleKind::page) return permanent_redirect(page_path(a.slug));
  if (a.status == ArticleStatus::unpublished && !a.redirect_to.empty() && !a.trashed_at) {
    return permanent_redirect(a.redirect_to);  // where the editor sends the readers of an article taken down
  }
  if (a.status == ArticleStatus::unpublished) return error_page(Status::gone);
  if (a.trashed_at) return error_page(a.published_at && *a.published_at <= now ? Status::gone : Status::not_found);
  if (!is_visible(a.status, a.published_at, now)) return error_page(Status::not_found);
  auto comments_page = requested_page(req.target(), "comments");
  if (!comments_page) return error_page(Status::bad_request);
  auto page = article_page(a, body_of(a), now, *comments_page);
  auto res = html_response(Status::ok, std::move(page.html));
  mark_cacheable(res, std::move(page.cache_tags), store_, now, page.until);
  return res;
}

BodyView ReaderSite::body_of(const Article& a) const {
  if (options_.bodies) {
    if (auto kept = store_.rendered_body(a.id, a.revision, options_.bodies->renderer())) return {std::move(*kept), {}};
  }
  auto links_version = store_.links_version();  // of the same read snapshot as the aliases
  auto view = render_body(a, store_.article_entities(a.id), store_.article_aliases(a.id));
  view.body.links_version = links_version;
  // A placeholder poster is replaced once the poster is fetched: such a body is not kept.
  if (options_.bodies && view.posters_coming.empty()) options_.bodies->keep(view.body);
  return view;
}

BodyView ReaderSite::render_body(const Article& a, const std::vector<ArticleEntity>& entities,
                                 const std::vector<CatalogAlias>& aliases) const {
  BodyView view;
  view.body.article_id = a.id;
  view.body.revision = a.revision;
  for (const auto& e : entities) {
    if (e.source != ArticleEntity::Source::dropped) view.body.entities.push_back(e.entity);
  }
  // Mentions of the people, groups and shows the article is about link to their pages.
  EntityMatcher matcher = matcher_for(aliases);
  Edition edition = edition_in(*contexts_.get(), a.language);  // in the article's language's edition
  auto link_of = [&edition](const EntityRef& e) { return edition.path(entity_path(e)); };
  view.body.html = render_markdown(a.body, matcher, link_of, [&](const VideoEmbed& v) {
    if (!options_.posters) return std::string(kVideoPlaceholder);
    auto url = options_.posters->poster_url(v);
    if (url == kVideoPlaceholder) view.posters_coming.push_back(PosterFetcher::cache_tag(v));
    return url;
  }, video_words(speech_in(theme_, a.language)));
  // What the title names is what the article is about (JSON-LD).
  for (auto& e : mentioned_entities(a.title, matcher)) view.body.about.push_back({e.kind, std::move(e.slug), ""});
  return view;
}

http::Response ReaderSite::page_at(std::string_view slug, std::string_view target) const {
  auto comments_page = requested_page(target, "comments");
  if (!comments_page) return error_page(Status::bad_request);
  auto found = store_.article_by_slug(slug);
  Instant now = options_.clock();
  if (!found || found->kind != ArticleKind::page || found->trashed_at || !is_visible(found->status, found->published_at, now)) {
    if (found && found->kind == ArticleKind::page && found->status == ArticleStatus::unpublished && !found->trashed_at)
      return found->redirect_to.empty() ? error_page(Status::gone) : permanent_redirect(found->redirect_to);
    return error_page(Status::not_found);
  }
  auto page = standalone_page(*found, body_of(*found), now, *comments_page);
  auto res = html_response(Status::ok, std::move(page.html));
  mark_cacheable(res, std::move(page.cache_tags), store_, now, page.until);
  return res;
}

std::vector<ArticleSummary> ReaderSite::other_editions(const Article& a, Instant now) const {
  std::string root = a.translation_of.empty() ? a.slug : a.translation_of;
  std::vector<ArticleSummary> editions;
  if (!a.translation_of.empty()) {
    if (auto source = store_.article_by_slug(a.translation_of)) editions.push_back(summarize(*source));
  }
  if (a.id != 0 && !a.slug.empty()) {  // not a new article's preview
    for (auto& t : store_.translations(root, now)) editions.push_back(std::move(t));
  }
  std::erase_if(editions, [&](const ArticleSummary& e) { return e.slug == a.slug || !is_visible(e.status, e.published_at, now); });
  return editions;
}

// Comments: those approved are in the page (read and indexed without JavaScript); the page is
// dropped from caches when one is approved, edited or removed. A standalone page shows the
// section only when it takes comments or has some (an imported WordPress page's).
CommentPage ReaderSite::comments_section(TemplateData& page, const Article& a, const SiteContext& context,
                                         const Speech& speech, int comments_page, Instant now,
                                         std::optional<Instant>& close_at) const {
  CommentPage shown;
  page.set("comments", false);
  if (a.id == 0 || a.slug.empty() || !options_.comment_keys) return shown;  // a new article's preview
  const CommentSettings& rules = context.site.comments;
  bool open = comments_open(rules, a, now);
  if (open && a.comments == ArticleComments::site && rules.close_after_days > 0 && a.published_at)
    close_at = *a.published_at + std::chrono::days(rules.close_after_days);
  shown = comment_page(store_.comments_of(a.id, CommentStatus::approved), rules, comments_page);
  if (a.kind == ArticleKind::page && !open && shown.comments.empty()) return shown;
  set_comments_section(page, a, shown, comments_page, open, *options_.comment_keys, now, context, speech);
  return shown;
}

ArticlePage ReaderSite::standalone_page(const Article& a, const BodyView& body, Instant now, int comments_page) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  TemplateData page;
  page.set("title", a.title);
  page.set("lang", a.language);
  set_text(page, "standfirst", a.standfirst);
  page.set("hero", hero_view(a.hero));
  page.set("body_html", body.body.html);
  bool updated = a.updated_at && a.published_at && *a.updated_at > *a.published_at;
  page.set("updated", updated ? time_view(*a.updated_at, context, a.language) : TemplateData(false));
  // Its other languages: a page's editions are linked as an article's are.
  std::string root = a.translation_of.empty() ? a.slug : a.translation_of;
  auto editions = other_editions(a, now);
  TemplateData edition_list{TemplateData::type::list};
  PageMeta meta{.title = a.title,
                .description = a.seo_description.empty() ? a.standfirst : a.seo_description,
                .search_title = a.seo_title,
                .canonical_path = page_path(a.slug)};
  meta.language = a.language;
  meta.image = a.hero;
  for (std::size_t i = 0; i < editions.size(); ++i) {
    TemplateData item;
    item.set("url", path_of(editions[i].kind, editions[i].slug));
    item.set("lang", editions[i].language);
    item.set("language_name", context.language_name(editions[i].language));
    item.set("last", i + 1 == editions.size());
    edition_list.push_back(std::move(item));
    meta.alternates.emplace_back(editions[i].language, path_of(editions[i].kind, editions[i].slug));
  }
  if (!editions.empty()) meta.alternates.emplace_back(a.language, page_path(a.slug));
  page.set("has_editions", !edition_list.is_empty_list());
  page.set("editions", std::move(edition_list));
  std::optional<Instant> comments_close_at;
  comments_section(page, a, context, speech_in(theme_, a.language), comments_page, now, comments_close_at);
  ArticlePage out;
  out.html = render_page(theme_, context, "page", std::move(page), meta);
  out.cache_tags = {"article:" + std::to_string(a.id), "edition:" + root, comments_tag(a.id)};
  out.cache_tags.insert(out.cache_tags.end(), body.posters_coming.begin(), body.posters_coming.end());
  // A page taking comments carries a form whose token lasts a day: it is made again, as an
  // article's page is, within the quarter of an hour.
  if (options_.comment_keys && comments_open(context.site.comments, a, now)) out.until = now + std::chrono::minutes(15);
  return out;
}

ArticlePage ReaderSite::article_page(const Article& a, const BodyView& body, Instant now, int comments_page) const {
  if (a.kind == ArticleKind::page) return standalone_page(a, body, now, comments_page);
  const std::vector<EntityRef>& entities = body.body.entities;
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;

  TemplateData page;
  page.set("title", a.title);
  page.set("lang", a.language);
  set_text(page, "standfirst", a.standfirst);
  Edition edition = edition_in(context, a.language);  // its links lead into its language's edition
  page.set("section", section_view(a.section, context, a.language));
  if (auto it = context.authors.find(a.author); it != context.authors.end()) {
    TemplateData au;
    au.set("url", edition.path(author_path(a.author)));
    au.set("name", it->second.name);
    page.set("author", std::move(au));
  } else {
    page.set("author", false);
  }
  // The page speaks its article's language, dates included.
  const std::string& ui = a.language;
  Speech speech = speech_in(theme_, ui);
  page.set("published", a.published_at ? time_view(*a.published_at, context, ui) : TemplateData(false));
  bool updated = a.updated_at && a.published_at && *a.updated_at > *a.published_at;
  page.set("updated", updated ? time_view(*a.updated_at, context, ui) : TemplateData(false));
  page.set("hero", hero_view(a.hero));
  page.set("body_html", body.body.html);
  // An article about a show carries its box: where and when it airs, and where to watch it.
  page.set("show_box", false);
  std::optional<Instant> show_changes_at;  // its next episode airs, or its slot changes
  for (const auto& e : entities) {
    if (e.kind != EntityKind::show) continue;
    if (auto show = store_.show(e.slug)) {
      page.set("show_box", show_facts(*show, store_, now, context, speech, &show_changes_at));
      break;
    }
  }
  if (a.source.empty()) {
    page.set("source", false);
  } else {
    TemplateData s;
    set_text(s, "site", a.source.site.empty() ? a.source.url : a.source.site);
    set_text(s, "url", a.source.url);
    set_text(s, "author", a.source.author);
    s.set("source_lang", a.translation_of.empty() && !a.translator.empty() ? "en" : a.language);
    page.set("source", std::move(s));
  }
  set_text(page, "translator", a.translator);
  TemplateData tags{TemplateData::type::list};
  for (const auto& t : a.tags) {
    TemplateData item;
    item.set("url", edition.path(tag_path(t)));
    auto name = context.tag_names.find(t);
    item.set("name", name == context.tag_names.end() ? t : name->second);
    tags.push_back(std::move(item));
  }
  page.set("has_tags", !a.tags.empty());
  page.set("tags", std::move(tags));

  std::string root = a.translation_of.empty() ? a.slug : a.translation_of;
  auto editions = other_editions(a, now);
  // An article not saved yet (the newsroom's preview) has no editions and takes no reactions.
  bool saved = a.id != 0 && !a.slug.empty();
  TemplateData edition_list{TemplateData::type::list};
  for (std::size_t i = 0; i < editions.size(); ++i) {
    TemplateData item;
    item.set("url", article_path(editions[i].slug));
    item.set("lang", editions[i].language);
    item.set("language_name", context.language_name(editions[i].language));
    item.set("last", i + 1 == editions.size());
    edition_list.push_back(std::move(item));
  }
  page.set("has_editions", !edition_list.is_empty_list());
  page.set("editions", std::move(edition_list));

  // Reactions: the buttons are in the page, the counts come from the API (so the page stays
  // cached for everyone), labelled in the article's language.
  TemplateData reactions{TemplateData::type::list};
  for (auto r : kReactions) {
    TemplateData item;
    item.set("name", std::string(to_string(r)));
    item.set("emoji", std::string(reaction_emoji(r)));
    item.set("label", reaction_label(r, speech));
    reactions.push_back(std::move(item));
  }
  page.set("reactions", std::move(reactions));
  page.set("reactions_question", speech.text("How do you feel about this article?"));
  page.set("reactions_url", saved ? TemplateData("/api/v1/articles/" + std::to_string(a.id) + "/reactions") : TemplateData(false));

  std::optional<Instant> comments_close_at;
  CommentPage shown_comments = comments_section(page, a, context, speech, comments_page, now, comments_close_at);

  // Related: other articles in its language about the same shows, people, groups or tags.
  ArticleQuery related;
  related.related_to = a.id;
  related.language = a.language;
  related.visible_at = now;
  related.limit = 4;
  related.count = false;
  auto related_items = a.tags.empty() && entities.empty() ? std::vector<ArticleSummary>{} : store_.articles(related).items;
  page.set("has_related", !related_items.empty());
  // Their comment counts are as of this page's making: it lives a quarter of an hour at most, and
  // is not dropped at each comment on one of them.
  std::vector<std::string> counted_only;
  page.set("related", cards_with_comments(store_, related_items, context, ui, counted_only));

  // JSON-LD: what the title names is what the article is about; the rest it mentions.
  auto same = [](const EntityRef& x, const EntityRef& y) { return x.kind == y.kind && x.slug == y.slug; };
  std::vector<EntityRef> about, mentions;
  for (const auto& named : body.body.about) {
    auto it = std::find_if(entities.begin(), entities.end(), [&](const EntityRef& e) { return same(e, named); });
    if (it != entities.end()) about.push_back(*it);
  }
  for (const auto& e : entities) {
    if (std::none_of(about.begin(), about.end(), [&](const EntityRef& x) { return same(x, e); })) mentions.push_back(e);
  }
  auto author = context.authors.find(a.author);
  auto article_ld = news_article_ld(a, author == context.authors.end() ? "" : author->second.name, about, mentions,
                                    {context.site.base_url, context.site.name});
  if (saved && options_.comment_keys) {
    std::vector<CommentLd> on_page;
    for (const auto& t : shown_comments.threads.shown) on_page.push_back({t.comment, rendered_comment(*t.comment)->text});
    add_comments_ld(article_ld, static_cast<std::int64_t>(shown_comments.comments.size()), on_page,
                    context.absolute_url(article_path(a.slug)));
  }
  std::string json_ld = json_ld_script(article_ld);
  PageMeta meta{.title = a.title,
                .description = a.seo_description.empty() ? a.standfirst : a.seo_description,
                .search_title = a.seo_title,
                .canonical_path = article_path(a.slug),
                .nav_current = a.section,
                .json_ld = json_ld};
  meta.language = a.language;
  if (saved && options_.comment_keys) {
    meta.feed_path = comment_post_path(a.slug) + "/feed";
    meta.feed_title = speech.text("Comments");
  }
  meta.image = a.hero;
  meta.published = a.published_at;
  if (!editions.empty()) {
    // hreflang: every edition names all of them, itself included.
    meta.alternates.emplace_back(a.language, article_path(a.slug));
    for (const auto& e : editions) meta.alternates.emplace_back(e.language, article_path(e.slug));
    // x-default, for a reader whose language has no edition: the site's own language's, else
    // the story's source.
    std::string fallback = a.language == context.site.default_language ? a.slug : root;
    for (const auto& e : editions)
      if (e.language == context.site.default_language) fallback = e.slug;
    meta.alternates.emplace_back("x-default", article_path(fallback));
  } else if (a.id != 0) {
    // A story in one language: itself, for every reader (not a new article's preview).
    meta.alternates.emplace_back(a.language, article_path(a.slug));
    meta.alternates.emplace_back("x-default", article_path(a.slug));
  }
  ArticlePage out;
  out.html = render_page(theme_, context, "article", std::move(page), meta);
  out.cache_tags = {"article:" + std::to_string(a.id), "edition:" + root};
  for (const auto& e : entities) out.cache_tags.push_back(entity_tag(e));
  // The related articles shown change with their own edits; newer ones join the list within
  // a quarter of an hour. Dropping every page about BTS each time a BTS article is published
  // would re-render thousands of pages in the middle of a spike.
  for (const auto& r : related_items) out.cache_tags.push_back("article:" + std::to_string(r.id));
  // The page changes when a video's poster arrives.
  out.cache_tags.insert(out.cache_tags.end(), body.posters_coming.begin(), body.posters_coming.end());
  if (saved) out.cache_tags.push_back(comments_tag(a.id));
  out.until = now + std::chrono::minutes(15);
  if (show_changes_at && *show_changes_at < *out.until) out.until = show_changes_at;
  if (comments_close_at && *comments_close_at < *out.until) out.until = comments_close_at;
  return out;
}

http::Response ReaderSite::archive(const http::Request& req, ArticleQuery query, const ArchiveSpec& spec,
                                   const SiteContext& context, const Edition& edition) const {
  auto page_number = requested_page(req.target());
  if (!page_number) return error_page(Status::bad_request);
  query.language = edition.language;
  query.visible_at = options_.clock();
  query.limit = options_.page_size;
  query.offset = (*page_number - 1) * options_.page_size;
  auto list = store_.articles(query);
  PageWindow window{*page_number, page_count(list.total, options_.page_size)};
  if (*page_number > window.pages) return error_page(Status::not_found);

  TemplateData page;
  page.set("kind", spec.kind);
  page.set("heading", spec.heading);
  set_text(page, "intro", spec.intro);
  page.set("has_articles", !list.items.empty());
  std::vector<std::string> tags{spec.tag};
  page.set("articles", cards_with_comments(store_, list.items, context, edition.language, tags));
  std::string base_path = edition.path(spec.base_path);
  add_pager(page, window, base_path);
  Speech speech = speech_in(theme_, edition.language);
  std::string title = *page_number == 1 ? spec.heading
                                        : speech.text("{title} (page {n})", {{"title", spec.heading}, {"n", std::to_string(*page_number)}});
  std::string canonical = *page_number == 1 ? base_path : base_path + "?page=" + std::to_string(*page_number);
  PageMeta meta{.title = title,
                .description = spec.intro,
                .canonical_path = canonical,
                .nav_current = spec.nav_current,
                .feed_path = spec.feed_path.empty() ? "" : edition.path(spec.feed_path),
                .feed_title = spec.heading};
  meta.language = edition.language;
  meta.in_every_edition = true;
  auto res = html_response(Status::ok, render_page(theme_, context, "archive", std::move(page), meta));
  mark_cacheable(res, std::move(tags), store_, *query.visible_at);
  return res;
}

http::Response ReaderSite::section(const http::Request& req, const http::RouteParams& params, const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  std::string slug(params.get("slug"));
  for (const auto& s : context.sections) {
    if (s.slug != slug) continue;
    ArticleQuery q;
    q.section = slug;
    Speech speech = speech_in(theme_, edition.language);
    return archive(req, q,
                   {speech.text("Section"), s.name, s.description, section_path(slug), slug, "list:section:" + slug,
                    section_path(slug) + "/feed"},
                   context, edition);
  }
  return error_page(Status::not_found);
}

http::Response ReaderSite::tag(const http::Request& req, const http::RouteParams& params, const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  std::string slug(params.get("slug"));
  auto it = context.tag_names.find(slug);
  if (it == context.tag_names.end()) return error_page(Status::not_found);
  ArticleQuery q;
  q.tag = slug;
  Speech speech = speech_in(theme_, edition.language);
  return archive(req, q, {speech.text("Tag"), it->second, "", tag_path(slug), "", "list:tag:" + slug, tag_path(slug) + "/feed"},
                 context, edition);
}

http::Response ReaderSite::author(const http::Request& req, const http::RouteParams& params, const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  std::string slug(params.get("slug"));
  auto it = context.authors.find(slug);
  if (it == context.authors.end()) return error_page(Status::not_found);
  ArticleQuery q;
  q.author = slug;
  Speech speech = speech_in(theme_, edition.language);
  return archive(req, q, {speech.text("Author"), it->second.name, it->second.bio, author_path(slug), "", "list:author:" + slug, ""},
                 context, edition);
}

// For a load balancer: 200 while this node can reach the database and has applied what was
// committed up to a moment ago; 503 otherwise, so that a node behind the change log (whose
// pages could be stale) stops being offered until it has caught up.
constexpr std::chrono::seconds kBehindAfter{2};

http::Response ReaderSite::healthz() const {
  auto health = store_.health(options_.clock());
  const char* status = !health.reachable                          ? "unavailable"
                       : !health.current || health.behind_for >= kBehindAfter ? "behind"
                                                                   : "ok";
  boost::json::object body{{"status", status},
                           {"database", health.reachable ? "reachable" : "unreachable"},
                           {"changes_current", health.current},
                           {"changes_behind", health.changes_behind},
                           {"seconds_behind", health.behind_for.count()}};
  auto res = http::make_response(std::string_view(status) == "ok" ? Status::ok : Status::service_unavailable,
                                 boost::json::serialize(body), "application/json");
  res.set(http::Field::cache_control, "no-store");
  return res;
}

}  // namespace kpress
