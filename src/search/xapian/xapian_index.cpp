#include "search/xapian/xapian_index.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <thread>
#include <unordered_map>

#include "core/entity_matcher.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;

namespace {

constexpr Xapian::valueno kDateSlot = 0;  // an article's publication time, sortable
constexpr std::size_t kMaxQueryBytes = 300;

// Accents removed, case and everything else kept (the query parser still sees AND, quotes,
// parentheses): "Séoul" and "Seoul" index and search alike. A letter with an accent is replaced
// by its base letter when ICU decomposes it into that letter and combining marks; everything
// else (Hangul, punctuation) stays as it is. Looked up once per character and thread.
std::string strip_accents(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x80; })) return std::string(text);
  constexpr UChar32 kFirst = 0xC0, kLast = 0x1FFF;  // Latin, Greek and Cyrillic letters with accents
  thread_local std::vector<UChar32> base = [] {
    std::vector<UChar32> table(kLast - kFirst + 1, 0);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (UChar32 c = kFirst; U_SUCCESS(status) && c <= kLast; ++c) {
      icu::UnicodeString parts;
      if (!nfd->getDecomposition(c, parts) || parts.isEmpty()) continue;
      UChar32 first = parts.char32At(0);
      bool marks_only = true;
      for (int32_t i = U16_LENGTH(first); i < parts.length(); i += U16_LENGTH(parts.char32At(i)))
        marks_only = marks_only && u_charType(parts.char32At(i)) == U_NON_SPACING_MARK;
      if (marks_only) table[static_cast<std::size_t>(c - kFirst)] = first;
    }
    return table;
  }();
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    UChar32 replacement = c >= kFirst && c <= kLast ? base[static_cast<std::size_t>(c - kFirst)] : 0;
    if (replacement == 0) {
      if (c >= 0 && u_charType(c) == U_NON_SPACING_MARK) continue;  // a combining accent on its own
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      continue;
    }
    char encoded[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(encoded, n, replacement);  // a base letter: always fits
    out.append(encoded, static_cast<std::size_t>(n));
  }
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

// Snowball's stemmers, each word stemmed once per thread: a site's vocabulary is small beside
// the number of times its words occur, and stemming was a sixth of the indexing time.
class CachedStemmer final : public Xapian::StemImplementation {
 public:
  explicit CachedStemmer(const std::string& language) : stem_(language) {}
  std::string operator()(const std::string& word) override {
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    std::string stemmed = stem_(word);
    if (cache_.size() < 200'000) cache_.emplace(word, stemmed);
    return stemmed;
  }
  std::string get_description() const override { return "cached " + stem_.get_description(); }

 private:
  Xapian::Stem stem_;
  std::unordered_map<std::string, std::string> cache_;
};

Xapian::Stem stemmer_for(std::string_view language) {
  // One stemmer per language and thread (a StemImplementation is not shared between threads).
  thread_local Xapian::Stem french(new CachedStemmer("french")), english(new CachedStemmer("english"));
  if (language == "fr") return french;
  if (language == "en") return english;
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

// Text without word positions: "quoted phrases" match titles and names, and the other words
// are still found; positions would be most of the index and of its building time.
void index_words(Xapian::TermGenerator& terms, std::string_view text, Xapian::termcount weight = 1) {
  if (text.empty()) return;
  terms.index_text_without_positions(split_elisions(strip_accents(text)), weight);
}

// Made without a database, so that documents can be made on several threads and added by one.
Xapian::TermGenerator term_generator(std::string_view language) {
  Xapian::TermGenerator terms;
  terms.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  // French and English words are indexed by their stem only (Z-prefixed); other text (Korean,
  // the catalog's names) as written. The query is read both ways.
  terms.set_stemmer(stemmer_for(language));
  terms.set_stemming_strategy(language == "fr" || language == "en" ? Xapian::TermGenerator::STEM_ALL_Z
                                                                   : Xapian::TermGenerator::STEM_NONE);
  return terms;
}

// A document ready to add, and the words of its titles and names for "did you mean" (not the
// whole text: that would cost most of the indexing time and suggest the text's own typos).
struct PreparedDocument {
  std::string uid;
  Xapian::Document doc;
  std::vector<std::string> spelling;
};

void collect_spelling(std::string_view text, std::vector<std::string>& words) {
  Xapian::Document scratch;
  Xapian::TermGenerator plain;
  plain.set_document(scratch);
  plain.index_text_without_positions(split_elisions(strip_accents(text)));
  for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) words.push_back(*t);
}

void add(Xapian::WritableDatabase& db, const PreparedDocument& d, bool fresh) {
  for (const auto& w : d.spelling) db.add_spelling(w);
  if (fresh) db.add_document(d.doc);
  else db.replace_document(d.uid, d.doc);
}

// Nothing when readers may not see the article (draft, unpublished, trashed).
std::optional<PreparedDocument> article_document(const Store& store, const Article& a) {
  bool listed = (a.status == ArticleStatus::published || a.status == ArticleStatus::scheduled) && a.published_at &&
                !a.trashed_at;
  if (!listed) return std::nullopt;
  PreparedDocument d;
  d.uid = "Qarticle:" + std::to_string(a.id);
  auto terms = term_generator(a.language);
  terms.set_document(d.doc);
  index_text(terms, a.title, 4);
  collect_spelling(a.title, d.spelling);
  index_words(terms, a.standfirst, 2);
  index_words(terms, a.body);
  for (const auto& t : a.tags) index_words(terms, t, 2);
  for (const auto& e : store.article_entities(a.id)) {
    if (e.source == ArticleEntity::Source::dropped) continue;
    d.doc.add_boolean_term(entity_term(e.entity.kind, e.entity.slug));
    index_words(terms, e.entity.name, 2);
  }
  d.doc.add_boolean_term(d.uid);
  d.doc.add_boolean_term("XTarticle");
  d.doc.add_boolean_term("XL" + a.language);
  if (!a.section.empty()) d.doc.add_boolean_term("XS" + a.section);
  d.doc.add_value(kDateSlot, Xapian::sortable_serialise(static_cast<double>(a.published_at->time_since_epoch().count())));
  d.doc.set_data(json::serialize(json::object{{"type", "article"},
                                              {"id", a.id},
                                              {"url", "/articles/" + a.slug},
                                              {"title", a.title},
                                              {"lang", a.language},
                                              {"at", a.published_at->time_since_epoch().count()}}));
  return d;
}

void index_article(Xapian::WritableDatabase& db, const Store& store, const Article& a) {
  if (auto d = article_document(store, a)) add(db, *d, false);
  else db.delete_document("Qarticle:" + std::to_string(a.id));
}

void index_entity(Xapian::WritableDatabase& db, EntityKind kind, const std::string& slug, const std::string& title,
                  std::vector<std::string> names, const std::string& text) {
  PreparedDocument d;
  d.uid = "Q" + std::string(to_string(kind)) + ":" + slug;
  auto terms = term_generator("");
  terms.set_document(d.doc);
  for (const auto& n : names) {
    index_text(terms, n, 6);
    collect_spelling(n, d.spelling);
    if (auto packed = compact_name(n); !packed.empty()) d.doc.add_term(packed, 6);  // imsiwan
  }
  index_text(terms, text, 1);
  d.doc.add_boolean_term(d.uid);
  d.doc.add_boolean_term("XT" + std::string(to_string(kind)));
  d.doc.add_boolean_term(entity_term(kind, slug));
  d.doc.set_data(json::serialize(json::object{
      {"type", std::string(to_string(kind))}, {"url", path_of(kind) + slug}, {"title", title}, {"text", text.substr(0, 600)}}));
  add(db, d, false);
}

// Every name an entity goes by: what it is indexed under and what an exact query may be.
std::vector<std::string> names_of(const Show& s) {
  std::vector<std::string> names{s.title, s.original_title};
  for (const auto& [language, title] : s.titles) names.push_back(title);
  names.insert(names.end(), s.aliases.begin(), s.aliases.end());
  return names;
}
template <typename PersonOrGroup>
std::vector<std::string> names_of(const PersonOrGroup& e) {
  std::vector<std::string> names{e.name, e.hangul_name};
  names.insert(names.end(), e.aliases.begin(), e.aliases.end());
  return names;
}

bool index_entity_from_store(Xapian::WritableDatabase& db, const Store& store, EntityKind kind, const std::string& slug) {
  switch (kind) {
    case EntityKind::show:
      if (auto s = store.show(slug)) {
        index_entity(db, kind, slug, s->title, names_of(*s), s->synopsis);
        return true;
      }
      break;
    case EntityKind::person:
      if (auto p = store.person(slug)) {
        index_entity(db, kind, slug, p->name, names_of(*p), p->bio);
        return true;
      }
      break;
    case EntityKind::group:
      if (auto g = store.group(slug)) {
        index_entity(db, kind, slug, g->name, names_of(*g), g->company);
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
  parser.set_default_op(Xapian::Query::OP_AND);  // every word the reader typed, as search engines do
  std::vector<Xapian::Query> readings;
  std::string suggestion;
  std::vector<std::string_view> languages{"fr", "en", ""};
  if (q.language == "fr" || q.language == "en") languages = {q.language};
  else if (!q.language.empty()) languages = {""};
  for (std::string_view language : languages) {
    parser.set_stemmer(stemmer_for(language));
    parser.set_stemming_strategy(language.empty() ? Xapian::QueryParser::STEM_NONE : Xapian::QueryParser::STEM_ALL_Z);
    auto reading = parse(parser, text);
    // French and English often stem a word alike: the same reading twice would be matched twice.
    if (std::none_of(readings.begin(), readings.end(),
                     [&](const Xapian::Query& r) { return r.get_description() == reading.get_description(); }))
      readings.push_back(reading);
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
    for (const auto& p : store_.people(cq).items) consider(EntityKind::person, p.slug, p.name, names_of(p));
    for (const auto& g : store_.groups(cq).items) consider(EntityKind::group, g.slug, g.name, names_of(g));
    for (const auto& s : store_.shows(cq).items) consider(EntityKind::show, s.slug, s.title, names_of(s));
  }
  if (!about.empty()) {
    about.push_back(words);
    words = Xapian::Query(Xapian::Query::OP_OR, about.begin(), about.end());
  }

  // What may be shown: the catalog, and articles published by now (scheduled ones included):
  // everything but articles dated later, which Xapian skips at no cost when there are none.
  // Filters on language, section or dates are for articles, so they leave the catalog out.
  Xapian::Query query(Xapian::Query::OP_AND_NOT, words,
                      Xapian::Query(Xapian::Query::OP_VALUE_GE, kDateSlot,
                                    Xapian::sortable_serialise(static_cast<double>(q.now.time_since_epoch().count() + 1))));
  auto filter = [&](Xapian::Query by) { query = Xapian::Query(Xapian::Query::OP_FILTER, query, by); };
  if (!q.type.empty()) filter(Xapian::Query("XT" + q.type));
  if (!q.language.empty()) filter(Xapian::Query("XL" + q.language));
  if (!q.section.empty()) filter(Xapian::Query("XS" + q.section));
  if (q.from || q.to) {
    auto at = [](const Date& d) { return static_cast<double>(std::chrono::sys_days{d}.time_since_epoch() / std::chrono::seconds(1)); };
    double from = q.from ? at(*q.from) : 0, to = q.to ? at(*q.to) + 86399 : 1e12;
    filter(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, Xapian::sortable_serialise(from), Xapian::sortable_serialise(to)));
  }
  Xapian::Enquire enquire(db);
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);  // ties in any order: lets the matcher stop sooner
  enquire.set_query(query);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, q.offset)),
                                       static_cast<Xapian::doccount>(std::clamp(q.limit, 1, 100)));
  results.total = mset.get_matches_estimated();
  // "Did you mean": not for a query that names an entity (a spelling the catalog knows is not
  // a mistake).
  if (suggestion != text && !results.entity) results.suggestion = suggestion;
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
    hit.snippet_html = mset.snippet(split_elisions(body), 220, stemmer_for(hit.language),
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
  std::vector<std::int64_t> ids;
  ArticleQuery q;
  q.limit = 5000;
  q.count = false;
  for (;;) {
    auto page = store_.articles(q);
    for (const auto& a : page.items) ids.push_back(a.id);
    if (page.items.size() < static_cast<std::size_t>(q.limit)) break;
    q.offset += q.limit;
  }
  std::vector<std::pair<EntityKind, std::string>> entities;
  CatalogQuery all;
  all.limit = 1'000'000;
  for (const auto& s : store_.shows(all).items) entities.emplace_back(EntityKind::show, s.slug);
  for (const auto& p : store_.people(all).items) entities.emplace_back(EntityKind::person, p.slug);
  for (const auto& g : store_.groups(all).items) entities.emplace_back(EntityKind::group, g.slug);
  std::size_t total = ids.size() + entities.size(), done = 0;
  auto step = [&] {
    if (progress && (++done % 500 == 0 || done == total)) progress(done, total);
  };

  // Articles are read and made into documents by workers, in batches, while this thread adds
  // them: Xapian's database takes one writer, but reading the store and tokenizing do not.
  constexpr std::size_t kBatch = 256;
  std::size_t batches = (ids.size() + kBatch - 1) / kBatch;
  std::vector<std::vector<PreparedDocument>> ready(batches);
  std::vector<char> finished(batches, 0);
  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<std::size_t> next_batch{0};
  std::atomic<bool> failed{false};
  std::size_t added = 0;  // batches this thread has taken (workers stay at most a few ahead)
  auto work = [&] {
    for (;;) {
      std::size_t b = next_batch.fetch_add(1);
      if (b >= batches || failed) return;
      {
        std::unique_lock wait(mutex);
        changed.wait(wait, [&] { return b < added + 16 || failed; });
      }
      std::vector<PreparedDocument> docs;
      try {
        for (std::size_t i = b * kBatch; i < std::min(ids.size(), (b + 1) * kBatch); ++i) {
          if (auto a = store_.article_by_id(ids[i])) {
            if (auto d = article_document(store_, *a)) docs.push_back(std::move(*d));
          }
        }
      } catch (...) {
        failed = true;
      }
      std::lock_guard done_lock(mutex);
      ready[b] = std::move(docs);
      finished[b] = 1;
      changed.notify_all();
    }
  };
  // Words for "did you mean", counted here and given to Xapian once each at the end.
  std::unordered_map<std::string, Xapian::termcount> spellings;
  unsigned workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < workers; ++i) threads.emplace_back(work);
  try {
    for (std::size_t b = 0; b < batches; ++b) {
      std::vector<PreparedDocument> docs;
      {
        std::unique_lock wait(mutex);
        changed.wait(wait, [&] { return finished[b] || failed; });
        if (failed) break;
        docs = std::move(ready[b]);
        added = b + 1;
        changed.notify_all();
      }
      for (auto& d : docs) {
        for (auto& w : d.spelling) ++spellings[std::move(w)];
        db.add_document(d.doc);
      }
      for (std::size_t i = b * kBatch; i < std::min(ids.size(), (b + 1) * kBatch); ++i) step();
    }
  } catch (...) {
    failed = true;
    changed.notify_all();
    for (auto& t : threads) t.join();
    throw;
  }
  {
    std::lock_guard wake(mutex);
    changed.notify_all();
  }
  for (auto& t : threads) t.join();
  if (failed) throw std::runtime_error("the search index could not read the site's articles");
  for (const auto& [word, count] : spellings) db.add_spelling(word, count);
  for (const auto& [kind, slug] : entities) {
    index_entity_from_store(db, store_, kind, slug);
    step();
  }
  db.commit();
  if (progress) progress(total, total);
  return db.get_doccount();
}

}  // namespace kpress
