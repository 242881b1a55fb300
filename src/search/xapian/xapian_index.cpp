#include "search/xapian/xapian_index.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <memory>

#include "core/entity_matcher.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;

namespace {

constexpr Xapian::valueno kDateSlot = 0;  // an article's publication time, sortable
constexpr std::size_t kMaxQueryBytes = 300;

// Accents removed, case and everything else kept (the query parser still sees AND, quotes,
// parentheses): "Séoul" and "Seoul" index and search alike.
std::string strip_accents(std::string_view text) {
  thread_local std::unique_ptr<icu::Transliterator> strip = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (!strip) return std::string(text);
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  strip->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// French elides articles with an apostrophe (l’équipe, d’anniversaire): a zero-width space after
// an apostrophe between letters makes the word after it a word of its own for Xapian, as it is
// for readers, and shows nothing in a snippet.
std::string split_elisions(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool curly = text.compare(i, 3, "\u2019") == 0;
    bool straight = text[i] == '\'';
    if (!curly && !straight) {
      out += text[i];
      continue;
    }
    std::size_t after = i + (curly ? 3 : 1);
    out.append(text.substr(i, after - i));
    bool letter_before = i > 0 && (std::isalpha(static_cast<unsigned char>(text[i - 1])) || (static_cast<unsigned char>(text[i - 1]) & 0x80));
    bool letter_after = after < text.size() && (std::isalpha(static_cast<unsigned char>(text[after])) || (static_cast<unsigned char>(text[after]) & 0x80));
    if (letter_before && letter_after) out += "\u200B";
    i = after - 1;
  }
  return out;
}

Xapian::Stem stemmer_for(std::string_view language) {
  if (language == "fr") return Xapian::Stem("french");
  if (language == "en") return Xapian::Stem("english");
  return Xapian::Stem();
}

std::string entity_term(EntityKind kind, std::string_view slug) {
  return "XE" + std::string(to_string(kind)) + "/" + std::string(slug);
}

std::string path_of(EntityKind kind) {
  return kind == EntityKind::show ? "/shows/" : kind == EntityKind::person ? "/people/" : "/groups/";
}

void index_text(Xapian::TermGenerator& terms, std::string_view text, Xapian::termcount weight) {
  if (text.empty()) return;
  terms.index_text(split_elisions(strip_accents(text)), weight);
  terms.increase_termpos();  // no phrase across fields
}

Xapian::TermGenerator term_generator(Xapian::WritableDatabase& db, std::string_view language) {
  Xapian::TermGenerator terms;
  terms.set_database(db);
  terms.set_flags(Xapian::TermGenerator::FLAG_SPELLING | Xapian::TermGenerator::FLAG_CJK_NGRAM);
  terms.set_stemmer(stemmer_for(language));
  terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return terms;
}

void index_article(Xapian::WritableDatabase& db, const Store& store, const Article& a) {
  std::string uid = "Qarticle:" + std::to_string(a.id);
  bool listed = (a.status == ArticleStatus::published || a.status == ArticleStatus::scheduled) && a.published_at &&
                !a.trashed_at;
  if (!listed) {
    db.delete_document(uid);
    return;
  }
  Xapian::Document doc;
  auto terms = term_generator(db, a.language);
  terms.set_document(doc);
  index_text(terms, a.title, 4);
  index_text(terms, a.standfirst, 2);
  index_text(terms, a.body, 1);
  for (const auto& t : a.tags) index_text(terms, t, 2);
  for (const auto& e : store.article_entities(a.id)) {
    if (e.source == ArticleEntity::Source::dropped) continue;
    doc.add_boolean_term(entity_term(e.entity.kind, e.entity.slug));
    index_text(terms, e.entity.name, 2);
  }
  doc.add_boolean_term(uid);
  doc.add_boolean_term("XTarticle");
  doc.add_boolean_term("XL" + a.language);
  if (!a.section.empty()) doc.add_boolean_term("XS" + a.section);
  doc.add_value(kDateSlot, Xapian::sortable_serialise(static_cast<double>(a.published_at->time_since_epoch().count())));
  doc.set_data(json::serialize(json::object{{"type", "article"},
                                            {"id", a.id},
                                            {"url", "/articles/" + a.slug},
                                            {"title", a.title},
                                            {"lang", a.language},
                                            {"at", a.published_at->time_since_epoch().count()}}));
  db.replace_document(uid, doc);
}

void index_entity(Xapian::WritableDatabase& db, EntityKind kind, const std::string& slug, const std::string& title,
                  std::vector<std::string> names, const std::string& text) {
  std::string uid = "Q" + std::string(to_string(kind)) + ":" + slug;
  Xapian::Document doc;
  auto terms = term_generator(db, "");
  terms.set_document(doc);
  for (const auto& n : names) {
    index_text(terms, n, 6);
    if (auto packed = compact_name(n); !packed.empty()) doc.add_term(packed, 6);  // imsiwan
  }
  index_text(terms, text, 1);
  doc.add_boolean_term(uid);
  doc.add_boolean_term("XT" + std::string(to_string(kind)));
  doc.add_boolean_term(entity_term(kind, slug));
  doc.set_data(json::serialize(json::object{
      {"type", std::string(to_string(kind))}, {"url", path_of(kind) + slug}, {"title", title}, {"text", text.substr(0, 600)}}));
  db.replace_document(uid, doc);
}

bool index_entity_from_store(Xapian::WritableDatabase& db, const Store& store, EntityKind kind, const std::string& slug) {
  switch (kind) {
    case EntityKind::show:
      if (auto s = store.show(slug)) {
        std::vector<std::string> names{s->title, s->original_title};
        for (const auto& [language, title] : s->titles) names.push_back(title);
        names.insert(names.end(), s->aliases.begin(), s->aliases.end());
        index_entity(db, kind, slug, s->title, names, s->synopsis);
        return true;
      }
      break;
    case EntityKind::person:
      if (auto p = store.person(slug)) {
        std::vector<std::string> names{p->name, p->hangul_name};
        names.insert(names.end(), p->aliases.begin(), p->aliases.end());
        index_entity(db, kind, slug, p->name, names, p->bio);
        return true;
      }
      break;
    case EntityKind::group:
      if (auto g = store.group(slug)) {
        std::vector<std::string> names{g->name, g->hangul_name};
        names.insert(names.end(), g->aliases.begin(), g->aliases.end());
        index_entity(db, kind, slug, g->name, names, g->company);
        return true;
      }
      break;
  }
  db.delete_document("Q" + std::string(to_string(kind)) + ":" + slug);
  return false;
}

// The reader's text, made safe: no NUL, at most kMaxQueryBytes (cut on a character), accents
// removed.
std::string clean_query(std::string text) {
  std::erase(text, '\0');
  if (text.size() > kMaxQueryBytes) {
    std::size_t cut = kMaxQueryBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  return split_elisions(strip_accents(text));
}

Xapian::Query parse(Xapian::QueryParser& parser, const std::string& text) {
  constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM |
                              Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
  try {
    return parser.parse_query(text, kFlags);
  } catch (const Xapian::QueryParserError&) {
    // Syntax a reader did not mean ("AND" alone, an open parenthesis): the words as words.
    return parser.parse_query(text, Xapian::QueryParser::FLAG_CJK_NGRAM);
  }
}

// The index as this thread reads it, reopened when another commit made it older.
Xapian::Database& reader(const std::filesystem::path& folder) {
  thread_local std::map<std::string, std::unique_ptr<Xapian::Database>> open;
  auto& db = open[folder.string()];
  if (!db) db = std::make_unique<Xapian::Database>(folder.string());
  else db->reopen();
  return *db;
}

}  // namespace

XapianIndex::XapianIndex(const Store& store, std::filesystem::path folder) : store_(store), folder_(std::move(folder)) {
  Xapian::WritableDatabase(folder_.string(), Xapian::DB_CREATE_OR_OPEN).commit();
}

XapianIndex::~XapianIndex() = default;

std::size_t XapianIndex::document_count() const { return reader(folder_).get_doccount(); }

SearchResults XapianIndex::search(const SearchQuery& q) const {
  SearchResults results;
  std::string text = clean_query(q.text);
  bool blank = std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return results;
  Xapian::Database& db = reader(folder_);

  // The words, stemmed as French and as English (the index holds both), or in the language
  // asked for.
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  std::vector<Xapian::Query> readings;
  std::string suggestion;
  for (std::string_view language : q.language.empty() ? std::vector<std::string_view>{"fr", "en"}
                                                      : std::vector<std::string_view>{q.language}) {
    parser.set_stemmer(stemmer_for(language));
    readings.push_back(parse(parser, text));
    if (suggestion.empty()) suggestion = parser.get_corrected_query_string();
  }
  Xapian::Query words(Xapian::Query::OP_OR, readings.begin(), readings.end());
  // A query that names an entity in any spelling or script finds what is about it.
  std::vector<Xapian::Query> about;
  std::string folded = fold_name(text), packed = compact_name(text);
  CatalogQuery cq;
  cq.q = text;
  cq.limit = 5;
  auto consider = [&](EntityKind kind, const std::string& slug, const std::string& title, const std::vector<std::string>& names) {
    bool exact = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
      return !n.empty() && (fold_name(n) == folded || (!packed.empty() && compact_name(n) == packed));
    });
    if (!exact) return;
    about.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(entity_term(kind, slug)), 4.0));
    if (!results.entity) results.entity = SearchHit{std::string(to_string(kind)), path_of(kind) + slug, title, "", "", std::nullopt};
  };
  if (!folded.empty() && folded.size() < 100) {
    for (const auto& p : store_.people(cq).items) {
      std::vector<std::string> names{p.name, p.hangul_name};
      names.insert(names.end(), p.aliases.begin(), p.aliases.end());
      consider(EntityKind::person, p.slug, p.name, names);
    }
    for (const auto& g : store_.groups(cq).items) {
      std::vector<std::string> names{g.name, g.hangul_name};
      names.insert(names.end(), g.aliases.begin(), g.aliases.end());
      consider(EntityKind::group, g.slug, g.name, names);
    }
    for (const auto& s : store_.shows(cq).items) {
      std::vector<std::string> names{s.title, s.original_title};
      names.insert(names.end(), s.aliases.begin(), s.aliases.end());
      consider(EntityKind::show, s.slug, s.title, names);
    }
  }
  if (!about.empty()) {
    about.push_back(words);
    words = Xapian::Query(Xapian::Query::OP_OR, about.begin(), about.end());
  }

  // What may be shown: the catalog, and articles published by now (scheduled ones included).
  std::string now = Xapian::sortable_serialise(static_cast<double>(q.now.time_since_epoch().count()));
  Xapian::Query articles(Xapian::Query::OP_AND, Xapian::Query("XTarticle"), Xapian::Query(Xapian::Query::OP_VALUE_LE, kDateSlot, now));
  if (!q.language.empty()) articles = Xapian::Query(Xapian::Query::OP_FILTER, articles, Xapian::Query("XL" + q.language));
  if (!q.section.empty()) articles = Xapian::Query(Xapian::Query::OP_FILTER, articles, Xapian::Query("XS" + q.section));
  if (q.from || q.to) {
    auto at = [](const Date& d) { return static_cast<double>(std::chrono::sys_days{d}.time_since_epoch() / std::chrono::seconds(1)); };
    double from = q.from ? at(*q.from) : 0, to = q.to ? at(*q.to) + 86399 : 1e12;
    articles = Xapian::Query(Xapian::Query::OP_FILTER, articles,
                             Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, Xapian::sortable_serialise(from),
                                           Xapian::sortable_serialise(to)));
  }
  Xapian::Query visible = articles;
  bool catalog_too = q.language.empty() && q.section.empty() && !q.from && !q.to;
  if (!q.type.empty()) {
    visible = q.type == "article" ? articles : Xapian::Query("XT" + q.type);
  } else if (catalog_too) {
    std::vector<Xapian::Query> kinds{articles, Xapian::Query("XTshow"), Xapian::Query("XTperson"), Xapian::Query("XTgroup")};
    visible = Xapian::Query(Xapian::Query::OP_OR, kinds.begin(), kinds.end());
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, words, visible));
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, q.offset)),
                                       static_cast<Xapian::doccount>(std::clamp(q.limit, 1, 100)), 100);
  results.total = mset.get_matches_estimated();
  // "Did you mean": not for a query that names an entity (a spelling the catalog knows is not
  // a mistake).
  if (suggestion != text && !results.entity) results.suggestion = suggestion;
  Xapian::Stem stem = stemmer_for(q.language.empty() ? "fr" : q.language);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto data = json::parse(it.get_document().get_data()).as_object();
    SearchHit hit;
    hit.type = std::string(data["type"].as_string());
    hit.url = std::string(data["url"].as_string());
    hit.title = std::string(data["title"].as_string());
    std::string body;
    if (hit.type == "article") {
      hit.language = std::string(data["lang"].as_string());
      hit.published_at = Instant(std::chrono::seconds(data["at"].as_int64()));
      if (auto a = store_.article_by_id(data["id"].as_int64())) body = a->standfirst + "\n\n" + a->body;
    } else {
      body = std::string(data["text"].as_string());
    }
    hit.snippet_html = mset.snippet(split_elisions(body), 220, stem,
                                    Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE |
                                        Xapian::MSet::SNIPPET_CJK_NGRAM,
                                    "<mark>", "</mark>", "…");
    results.hits.push_back(std::move(hit));
  }
  return results;
}

void XapianIndex::update(const std::vector<std::string>& tags) {
  std::vector<std::int64_t> articles;
  std::vector<std::pair<EntityKind, std::string>> entities;
  for (const auto& tag : tags) {
    if (tag.starts_with("article:")) {
      try {
        articles.push_back(std::stoll(tag.substr(8)));
      } catch (const std::exception&) {
      }
    } else if (tag.starts_with("entity:")) {
      auto slash = tag.find('/');
      if (auto kind = parse_entity_kind(tag.substr(7, slash - 7)); kind && slash != std::string::npos)
        entities.emplace_back(*kind, tag.substr(slash + 1));
    }
  }
  if (articles.empty() && entities.empty()) return;
  std::lock_guard lock(writer_mutex_);
  try {
    Xapian::WritableDatabase db(folder_.string(), Xapian::DB_CREATE_OR_OPEN);
    for (auto id : articles) {
      if (auto a = store_.article_by_id(id)) index_article(db, store_, *a);
      else db.delete_document("Qarticle:" + std::to_string(id));
    }
    for (const auto& [kind, slug] : entities) index_entity_from_store(db, store_, kind, slug);
    db.commit();
  } catch (const Xapian::DatabaseLockError&) {
    spdlog::warn("search index busy (kpress reindex running?): {} change(s) not indexed; reindex afterwards", tags.size());
  }
}

std::size_t XapianIndex::rebuild(const ReindexProgress& progress) {
  std::lock_guard lock(writer_mutex_);
  Xapian::WritableDatabase db(folder_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  ArticleQuery q;
  q.limit = 1000;
  auto first = store_.articles(q);
  std::size_t total = static_cast<std::size_t>(first.total), done = 0;
  std::vector<std::pair<EntityKind, std::string>> entities;
  CatalogQuery all;
  all.limit = 1'000'000;
  for (const auto& s : store_.shows(all).items) entities.emplace_back(EntityKind::show, s.slug);
  for (const auto& p : store_.people(all).items) entities.emplace_back(EntityKind::person, p.slug);
  for (const auto& g : store_.groups(all).items) entities.emplace_back(EntityKind::group, g.slug);
  total += entities.size();
  auto step = [&] {
    if (progress && (++done % 500 == 0 || done == total)) progress(done, total);
  };
  for (auto page = std::move(first);; ) {
    for (const auto& summary : page.items) {
      if (auto a = store_.article_by_id(summary.id)) index_article(db, store_, *a);
      step();
    }
    if (page.items.size() < static_cast<std::size_t>(q.limit)) break;
    q.offset += q.limit;
    q.count = false;
    page = store_.articles(q);
  }
  for (const auto& [kind, slug] : entities) {
    index_entity_from_store(db, store_, kind, slug);
    step();
  }
  db.commit();
  if (progress) progress(total, total);
  return db.get_doccount();
}

}  // namespace kpress
