#include "exchange/importer.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/slug.hpp"
#include "core/validation.hpp"
#include "render/markdown.hpp"
#include "exchange/article_file.hpp"
#include "exchange/catalog_import.hpp"
#include "exchange/entity_links.hpp"
#include "exchange/site_file.hpp"
#include "store/store.hpp"

namespace kpress {

namespace fs = std::filesystem;

namespace {

bool is_import_file(const fs::path& p) {
  auto ext = p.extension();
  return p.filename() == "site.toml" || ext == ".md" || ext == ".markdown" || ext == ".json";
}

std::string read_file(const fs::path& p, std::vector<ImportError>& errors) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    errors.push_back({p.string(), 0, "", "", "cannot be read"});
    return {};
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

template <typename T>
std::vector<std::string> slugs_of(const std::vector<T>& list) {
  std::vector<std::string> out;
  for (const auto& x : list) out.push_back(x.slug);
  return out;
}

}  // namespace

std::vector<ImportFile> read_import_path(const fs::path& path, std::vector<ImportError>& errors) {
  std::vector<ImportFile> files;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    files.push_back({path.string(), read_file(path, errors)});
  } else if (fs::is_directory(path, ec)) {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
      if (entry.is_regular_file() && is_import_file(entry.path())) paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) files.push_back({p.string(), read_file(p, errors)});
    if (files.empty()) errors.push_back({path.string(), 0, "", "", "holds no site.toml, .md or .json file"});
  } else {
    errors.push_back({path.string(), 0, "", "", "no such file or folder"});
  }
  return files;
}

ImportReport import_files(Store& store, const std::vector<ImportFile>& files, Instant now) {
  ImportReport report;
  auto& errors = report.errors;

  // 1. Parse everything.
  SiteFile site_file;
  std::string featured_file = "site.toml";  // where the pinned stories were read, for errors
  std::vector<ParsedArticle> articles;
  std::vector<const ImportFile*> catalogs;
  for (const auto& f : files) {
    if (fs::path(f.name).filename() == "catalog.json") {
      catalogs.push_back(&f);
    } else if (fs::path(f.name).filename() == "site.toml") {
      auto parsed = parse_site_file(f.name, f.content, errors);
      if (parsed.site) site_file.site = parsed.site;
      for (auto& x : parsed.languages) site_file.languages.push_back(std::move(x));
      for (auto& x : parsed.sections) site_file.sections.push_back(std::move(x));
      for (auto& x : parsed.authors) site_file.authors.push_back(std::move(x));
      for (auto& x : parsed.tags) site_file.tags.push_back(std::move(x));
      if (!parsed.featured.empty()) featured_file = f.name;
      for (auto& x : parsed.featured) site_file.featured.push_back(std::move(x));
    } else {
      bool json = f.name.ends_with(".json");
      auto parsed = json ? parse_json_articles(f.name, f.content, errors) : parse_markdown_article(f.name, f.content, errors);
      for (auto& p : parsed) articles.push_back(std::move(p));
    }
  }

  // 2. Check articles against the site as it will be after this import.
  ValidationContext context;
  for (const auto& l : store.languages()) context.languages.push_back(l.code);
  for (const auto& l : site_file.languages) context.languages.push_back(l.code);
  context.sections = slugs_of(store.sections());
  for (const auto& s : slugs_of(site_file.sections)) context.sections.push_back(s);
  context.authors = slugs_of(store.authors());
  for (const auto& s : slugs_of(site_file.authors)) context.authors.push_back(s);

  std::map<std::string, const ParsedArticle*> by_slug;
  std::set<std::int64_t> ids;
  for (auto& p : articles) {
    Article& a = p.article;
    if (a.slug.empty()) {
      // A slug made from the title, told apart from the others of this import if need be.
      std::string base = slugify(a.title);
      a.slug = base;
      for (int n = 2; by_slug.contains(a.slug); ++n) a.slug = base + "-" + std::to_string(n);
    }
    auto fail = [&](std::string field, std::string message) {
      errors.push_back({p.file, p.line, p.where, std::move(field), std::move(message)});
    };
    if (auto [it, inserted] = by_slug.emplace(a.slug, &p); !inserted) {
      fail("slug", "'" + a.slug + "' is also the slug of " + it->second->file + " " + it->second->where);
    }
    if (a.id && !ids.insert(a.id).second) fail("id", std::to_string(a.id) + " is given to two articles");
    if (!p.has_errors) {
      for (auto& e : validate(a, context)) fail(e.field, e.message);
    }
  }
  for (const auto& p : articles) {
    for (const auto& ref : p.article.link) {
      auto slash = ref.find('/');
      auto kind = parse_entity_kind(ref.substr(0, slash));
      std::string slug = ref.substr(slash + 1);
      bool exists = kind == EntityKind::person ? store.person(slug).has_value()
                    : kind == EntityKind::group ? store.group(slug).has_value()
                                                : store.show(slug).has_value();
      if (kind && !exists && !catalogs.empty()) continue;  // the catalog of this import may have it
      if (kind && !exists) errors.push_back({p.file, p.line, p.where, "link", "the catalog has no " + ref});
    }
    const auto& of = p.article.translation_of;
    if (!of.empty() && !by_slug.contains(of) && !store.article_by_slug(of))
      errors.push_back({p.file, p.line, p.where, "translation_of", "no article has the slug '" + of + "'"});
  }
  // Pinned stories name articles of this import or of the site, in their edition's language.
  for (const auto& f : site_file.featured) {
    std::string language;
    if (auto it = by_slug.find(f.article); it != by_slug.end()) language = it->second->article.language;
    else if (auto a = store.article_by_slug(f.article)) language = a->language;
    if (language.empty())
      errors.push_back({featured_file, f.line, "", "featured.article", "no article has the slug '" + f.article + "'"});
    else if (language != f.language)
      errors.push_back({featured_file, f.line, "", "featured.language",
                        "'" + f.article + "' is in '" + language + "', not '" + f.language + "'"});
  }
  if (!errors.empty()) return report;

  // 3. The catalog first, all of it or nothing, so the articles find the entities they mention.
  for (const auto* catalog : catalogs) {
    auto result = import_catalog_json(store, catalog->name, catalog->content, true);
    if (!result.error.empty()) errors.push_back({catalog->name, 0, "", "", result.error});
    for (const auto& r : result.rejected) errors.push_back({r.file, r.line, r.where, "", r.reason});
    if (!errors.empty()) return report;
  }

  // 4. The rest, or nothing; each article is attached to the entities it mentions.
  EntityMatcher entities = matcher_for(store.catalog_aliases());
  try {
    auto tx = store.begin_write();
    if (site_file.site) tx->save_site(*site_file.site);
    for (const auto& l : site_file.languages) tx->save_language(l);
    for (const auto& s : site_file.sections) tx->save_section(s);
    for (const auto& a : site_file.authors) tx->save_author(a);
    for (const auto& t : site_file.tags) tx->save_tag(t);
    for (const auto& p : articles) {
      for (const auto& t : p.tag_names) tx->save_tag(t);
    }
    std::map<std::string, std::vector<FeaturedStory>> pinned;  // the languages the file pins stories of
    auto pin_featured = [&] {
      for (const auto& f : site_file.featured) {
        auto a = tx->article_by_slug(f.article);
        auto& list = pinned[f.language];
        list.push_back({a->id, static_cast<int>(list.size()), f.until});
      }
      for (const auto& [language, list] : pinned) tx->set_featured(language, list);
    };
    for (auto& p : articles) {
      Article a = p.article;
      auto existing = tx->article_by_slug(a.slug);
      if (a.id == 0 && existing) a.id = existing->id;
      if (existing && existing->id == a.id && same_content(*existing, a)) {
        // No new revision, but the catalog may have grown since: find its entities again.
        tx->set_article_entities(existing->id, mentioned_entities(article_text(a), entities));
        ++report.unchanged;
        continue;
      }
      bool update = a.id != 0 && tx->article_id_in_use(a.id);
      try {
        auto saved = tx->save_article(a, now);
        if (saved.conflict) {
          errors.push_back({p.file, p.line, p.where, "slug", saved.conflict->message});
          return report;  // the transaction rolls back
        }
        tx->set_article_entities(saved.id, mentioned_entities(article_text(a), entities));
      } catch (const StoreError& e) {
        errors.push_back({p.file, p.line, p.where, "", e.what()});
        return report;  // the transaction rolls back
      }
      ++(update ? report.updated : report.created);
    }
    pin_featured();
    tx->commit();
  } catch (const StoreError& e) {
    errors.push_back({"(database)", 0, "", "", e.what()});
    report.created = report.updated = report.unchanged = 0;
  }
  return report;
}

}  // namespace kpress
