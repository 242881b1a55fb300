#include "search/xapian/xapian_index.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

#include "core/entity_matcher.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;

namespace {

constexpr Xapian::valueno kDateSlot = 0;  // an article's publication time, sortable
// An article's id: the rest of what a result shows is read from the store (as the text of its
// snippet is). Articles have no document data: Xapian compresses each document's data, which
// cost a twentieth of the indexing time.
constexpr Xapian::valueno kArticleSlot = 1;
constexpr std::size_t kMaxQueryBytes = 300;
// What this code indexes and how; an index made otherwise is made again at start. 2: entities'
// exact names as terms, scheduled articles marked; 3: function words left out of long text,
// articles' ids in a value.
constexpr std::string_view kFormatKey = "kpress.format";
constexpr std::string_view kFormat = "3";
// Articles scheduled to go live at their date (published ones are live whatever their date).
const std::string kScheduled = "XSCHEDULED";

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
  auto letter = [&](std::size_t i) {
    auto c = static_cast<unsigned char>(text[i]);
    return std::isalpha(c) || (c & 0x80);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    // ’ is E2 80 99 in UTF-8.
    bool straight = text[i] == '\'';
    bool curly = static_cast<unsigned char>(text[i]) == 0xE2 && text.substr(i, 3) == "\u2019";
    if (!straight && !curly) continue;
    std::size_t after = i + (curly ? 3 : 1);
    out.append(text.substr(i + 1, after - i - 1));
    if (i > 0 && after < text.size() && letter(i - 1) && letter(after)) out += "\u200B";
    i = after - 1;
  }
  return out;
}

// Snowball's stemmers, each word stemmed once per thread: a site's vocabulary is small beside
// the number of times its words occur, and stemming was a sixth of the indexing time.
class CachedStemmer final : public Xapian::StemImplementation {
 public:
  explicit CachedStemmer(const std::string& language) : stem_(language), slots_(1 << 10) {}
  std::string operator()(const std::string& word) override {
    if (word.empty()) return word;
    // Open addressing: a word found in one slot (its text inline when short), where a node-based
    // map made stemming a twelfth of the indexing time.
    std::size_t hash = std::hash<std::string>{}(word);
    std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (; !slots_[i].word.empty(); i = (i + 1) & mask) {
      if (slots_[i].hash == hash && slots_[i].word == word) return slots_[i].stem;
    }
    std::string stemmed = stem_(word);
    if (used_ == kMaxWords) return stemmed;
    slots_[i] = {hash, word, stemmed};
    if (++used_ * 2 > slots_.size()) grow();
    return stemmed;
  }
  std::string get_description() const override { return "cached " + stem_.get_description(); }

 private:
  static constexpr std::size_t kMaxWords = 200'000;
  struct Slot {
    std::size_t hash = 0;
    std::string word, stem;
  };
  void grow() {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.size() * 2));
    std::size_t mask = slots_.size() - 1;
    for (auto& slot : old) {
      if (slot.word.empty()) continue;
      std::size_t i = slot.hash & mask;
      while (!slots_[i].word.empty()) i = (i + 1) & mask;
      slots_[i] = std::move(slot);
    }
  }

  Xapian::Stem stem_;
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
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

// The terms a query that is exactly one of an entity's names finds it by: the name folded
// (yim si-wan) and compacted (yimsiwan), so spacing, hyphens, case and accents do not matter.
std::vector<std::string> exact_name_terms(std::string_view name) {
  constexpr std::size_t kMaxTerm = 200;  // Xapian's terms are at most 245 bytes
  std::vector<std::string> out;
  if (auto folded = fold_name(name); !folded.empty() && folded.size() < kMaxTerm) out.push_back("XNAME" + folded);
  if (auto packed = compact_name(name); !packed.empty() && packed.size() < kMaxTerm) out.push_back("XPACK" + packed);
  return out;
}

void index_text(Xapian::TermGenerator& terms, std::string_view text, Xapian::termcount weight) {
  if (text.empty()) return;
  terms.index_text(split_elisions(strip_accents(text)), weight);
  terms.increase_termpos();  // no phrase across fields
}

// The commonest English and French words, as indexed (accents removed, elided articles split
// off): in nearly every article, they were a sixth of the indexing time and find nothing.
// Dropped from long text only (standfirsts and bodies); titles and names keep them (THE BOYZ,
// Run On), and a query of nothing else is searched as it is.
class FunctionWords final : public Xapian::Stopper {
 public:
  bool operator()(const std::string& word) const override {
    return word.size() <= 5 && std::binary_search(kWords.begin(), kWords.end(), std::string_view(word));
  }
  std::string get_description() const override { return "English and French function words"; }

 private:
  static constexpr std::array<std::string_view, 83> kWords = {
      "a", "an", "and", "are", "as", "at", "au", "aux", "avec", "be", "been", "but", "by", "c", "ce", "ces",
      "d", "dans", "de", "des", "du", "elle", "en", "est", "et", "for", "from", "had", "has", "have", "he",
      "her", "his", "i", "il", "ils", "in", "is", "it", "its", "j", "l", "la", "le", "les", "leur", "lui",
      "m", "mais", "n", "ne", "of", "on", "or", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa",
      "se", "ses", "she", "son", "sur", "t", "that", "the", "their", "they", "this", "to", "un", "une", "was",
      "were", "which", "who", "will", "with"};
  static_assert(std::is_sorted(kWords.begin(), kWords.end()));
};

const Xapian::Stopper& function_words() {
  static const FunctionWords* const words = new FunctionWords;  // Stopper is neither copied nor moved
  return *words;
}

// Text without word positions: "quoted phrases" match titles and names, and the other words
// are still found; positions would be most of the index and of its building time.
void index_words(Xapian::TermGenerator& terms, std::string_view text, Xapian::termcount weight = 1) {
  if (text.empty()) return;
  terms.index_text_without_positions(split_elisions(strip_accents(text)), weight);
}

void index_prose(Xapian::TermGenerator& terms, std::string_view text, Xapian::termcount weight = 1) {
  terms.set_stopper(&function_words());
  terms.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  index_words(terms, text, weight);
  terms.set_stopper();
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

// Replaces the document of the same uid, or adds it.
void put(Xapian::WritableDatabase& db, const PreparedDocument& d) {
  for (const auto& w : d.spelling) db.add_spelling(w);
  db.replace_document(d.uid, d.doc);
}

// Nothing when readers may not see the article (draft, unpublished, trashed).
std::optional<PreparedDocument> article_document(const Article& a, const std::vector<ArticleEntity>& entities) {
  bool listed = (a.status == ArticleStatus::published || a.status == ArticleStatus::scheduled) && a.published_at &&
                !a.trashed_at;
  if (!listed) return std::nullopt;
  PreparedDocument d;
  d.uid = "Qarticle:" + std::to_string(a.id);
  auto terms = term_generator(a.language);
  terms.set_document(d.doc);
  index_text(terms, a.title, 4);
  collect_spelling(a.title, d.spelling);
  index_prose(terms, a.standfirst, 2);
  index_prose(terms, a.body);
  for (const auto& t : a.tags) index_words(terms, t, 2);
  for (const auto& e : entities) {
    if (e.source == ArticleEntity::Source::dropped) continue;
    d.doc.add_boolean_term(entity_term(e.entity.kind, e.entity.slug));
    index_words(terms, e.entity.name, 2);
  }
  d.doc.add_boolean_term(d.uid);
  d.doc.add_boolean_term("XTarticle");
  if (a.status == ArticleStatus::scheduled) d.doc.add_boolean_term(kScheduled);
  d.doc.add_boolean_term("XL" + a.language);
  if (!a.section.empty()) d.doc.add_boolean_term("XS" + a.section);
  d.doc.add_value(kDateSlot, Xapian::sortable_serialise(static_cast<double>(a.published_at->time_since_epoch().count())));
  d.doc.add_value(kArticleSlot, std::to_string(a.id));
  return d;
}

void index_article(Xapian::WritableDatabase& db, const Store& store, const Article& a) {
  if (auto d = article_document(a, store.article_entities(a.id))) put(db, *d);
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
    for (auto& exact : exact_name_terms(n)) d.doc.add_boolean_term(exact);
  }
  index_text(terms, text, 1);
  d.doc.add_boolean_term(d.uid);
  d.doc.add_boolean_term("XT" + std::string(to_string(kind)));
  d.doc.add_boolean_term(entity_term(kind, slug));
  d.doc.set_data(json::serialize(json::object{
      {"type", std::string(to_string(kind))}, {"slug", slug}, {"url", path_of(kind) + slug}, {"title", title}, {"text", text.substr(0, 600)}}));
  put(db, d);
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

Xapian::Query parse(Xapian::QueryParser& parser, const std::string& text, bool correct_spelling) {
  unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM;
  if (correct_spelling) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
  try {
    return parser.parse_query(text, flags);
  } catch (const Xapian::QueryParserError&) {
    // Syntax a reader did not mean ("AND" alone, an open parenthesis): the words as words.
    return parser.parse_query(text, Xapian::QueryParser::FLAG_CJK_NGRAM);
  }
}

// DATA/search holds the index in a folder of its own (index-ID) and a Xapian stub file naming
// it (XAPIANDB): a rebuild makes a new folder while readers keep answering from the old one, then
// switches them over by replacing the stub at once (a rename), as xapian-compact does.
constexpr std::string_view kStub = "XAPIANDB";

std::string read_stub(const std::filesystem::path& folder) {
  std::ifstream in(folder / kStub);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void point_stub_at(const std::filesystem::path& folder, const std::string& index_name) {
  auto temporary = folder / (std::string(kStub) + ".new");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "auto " << index_name << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, folder / kStub);
}

// A name no other index in the folder has, in the order they were made.
std::string new_index_name(const std::filesystem::path& folder) {
  auto now = std::chrono::system_clock::now().time_since_epoch() / std::chrono::microseconds(1);
  for (int n = 0;; ++n) {
    std::string name = "index-" + std::to_string(now) + (n ? "-" + std::to_string(n) : "");
    if (!std::filesystem::exists(folder / name)) return name;
  }
}

// The index as this thread reads it: reopened when a commit made it older, opened again when a
// rebuild pointed the stub at another index.
Xapian::Database& reader(const std::filesystem::path& folder) {
  struct Open {
    std::string stub;
    std::unique_ptr<Xapian::Database> db;
  };
  thread_local std::map<std::string, Open> open;
  auto& o = open[folder.string()];
  std::string stub = read_stub(folder);
  if (o.db && stub == o.stub) {
    try {
      o.db->reopen();
      return *o.db;
    } catch (const Xapian::DatabaseError&) {
      // A rebuild removed the index between reading the stub and reopening: open the new one.
      stub = read_stub(folder);
    }
  }
  o.db = std::make_unique<Xapian::Database>(folder.string());
  o.stub = std::move(stub);
  return *o.db;
}

}  // namespace

XapianIndex::XapianIndex(const Store& store, std::filesystem::path folder) : store_(store), folder_(std::move(folder)) {
  if (std::filesystem::exists(folder_ / kStub)) return;
  // A new site, or an index from before the stub (it is made again: it is not current).
  std::filesystem::remove_all(folder_);
  std::filesystem::create_directories(folder_);
  std::string name = new_index_name(folder_);
  Xapian::WritableDatabase((folder_ / name).string(), Xapian::DB_CREATE).commit();
  point_stub_at(folder_, name);
}

XapianIndex::~XapianIndex() = default;

bool XapianIndex::current() const { return reader(folder_).get_metadata(std::string(kFormatKey)) == kFormat; }

SearchResults XapianIndex::search(const SearchQuery& q) const {
  // A rebuild may remove the index this thread reads in the middle of a query: the query is
  // asked again of the index that replaced it. Xapian's errors are not std::exceptions: they
  // are turned into one for callers.
  for (int attempt = 1;; ++attempt) {
    try {
      return search_in(reader(folder_), q);
    } catch (const Xapian::DatabaseError& e) {
      if (attempt == 3) throw std::runtime_error("search index: " + e.get_description());
    } catch (const Xapian::Error& e) {
      throw std::runtime_error("search index: " + e.get_description());
    }
  }
}

SearchResults XapianIndex::search_in(Xapian::Database& db, const SearchQuery& q) const {
  SearchResults results;
  std::string text = clean_query(q.text);
  bool blank = std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return results;

  // The words, stemmed as French and as English (the index holds both), or in the language
  // asked for.
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_default_op(Xapian::Query::OP_AND);  // every word the reader typed, as search engines do
  parser.set_stopper(&function_words());
  std::vector<Xapian::Query> readings;
  std::vector<std::string_view> languages{"fr", "en", ""};
  if (q.language == "fr" || q.language == "en") languages = {q.language};
  else if (!q.language.empty()) languages = {""};
  for (std::string_view language : languages) {
    parser.set_stemmer(stemmer_for(language));
    parser.set_stemming_strategy(language.empty() ? Xapian::QueryParser::STEM_NONE : Xapian::QueryParser::STEM_ALL_Z);
    auto reading = parse(parser, text, false);
    // French and English often stem a word alike: the same reading twice would be matched twice.
    if (std::none_of(readings.begin(), readings.end(),
                     [&](const Xapian::Query& r) { return r.get_description() == reading.get_description(); }))
      readings.push_back(reading);
  }
  Xapian::Query words(Xapian::Query::OP_OR, readings.begin(), readings.end());
  // A query that names an entity in any spelling or script finds what is about it, and shows
  // the entity first (a person before a group before a show).
  std::vector<Xapian::Query> about;
  std::vector<std::pair<int, SearchHit>> named;
  std::set<Xapian::docid> seen;
  for (const auto& exact : exact_name_terms(text)) {
    for (auto it = db.postlist_begin(exact); it != db.postlist_end(exact); ++it) {
      if (!seen.insert(*it).second) continue;
      auto data = json::parse(db.get_document(*it).get_data()).as_object();
      std::string type(data["type"].as_string());
      auto kind = parse_entity_kind(type);
      if (!kind) continue;
      about.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                    Xapian::Query(entity_term(*kind, std::string(data["slug"].as_string()))), 4.0));
      named.emplace_back(static_cast<int>(*kind == EntityKind::person ? 0 : *kind == EntityKind::group ? 1 : 2),
                         SearchHit{type, std::string(data["url"].as_string()), std::string(data["title"].as_string()), "", "",
                                   std::nullopt});
    }
  }
  if (!named.empty())
    results.entity = std::min_element(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.first < b.first; })->second;
  if (!about.empty()) {
    about.push_back(words);
    words = Xapian::Query(Xapian::Query::OP_OR, about.begin(), about.end());
  }

  // What may be shown: the catalog and live articles, that is all but scheduled articles dated
  // later. Scheduled articles are few, so Xapian compares the dates of those alone.
  Xapian::Query later(Xapian::Query::OP_VALUE_GE, kDateSlot,
                      Xapian::sortable_serialise(static_cast<double>(q.now.time_since_epoch().count() + 1)));
  Xapian::Query query(Xapian::Query::OP_AND_NOT, words, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(kScheduled), later));
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
  // BM25 without length normalisation (b = 0): a news article is as long as its story needs,
  // and without it the matcher has no document length to read per match and can bound a
  // term's weight by its largest wdf, so it skips most of a common word's articles (a
  // one-word query 3-5x faster on 100,000 articles). Equal weights are then common: the newer
  // article comes first.
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0, 0.5));
  enquire.set_sort_by_relevance_then_value(kDateSlot, true);
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  enquire.set_query(query);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, q.offset)),
                                       static_cast<Xapian::doccount>(std::clamp(q.limit, 1, 100)));
  results.total = mset.get_matches_estimated();
  // "Did you mean": when the query finds less than a page (a common word's spelling is not in
  // doubt), and not for a query that names an entity (a spelling the catalog knows is not a
  // mistake).
  if (!results.entity && results.total < 10) {
    parser.set_stemmer(Xapian::Stem());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    parse(parser, text, true);
    results.suggestion = parser.get_corrected_query_string();  // empty when it knows no better
  }
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    SearchHit hit;
    std::string body;
    if (std::string id = doc.get_value(kArticleSlot); !id.empty()) {
      auto a = store_.article_by_id(std::stoll(id));
      if (!a) continue;  // deleted since it was indexed
      hit.type = "article";
      hit.url = "/articles/" + a->slug;
      hit.title = a->title;
      hit.language = a->language;
      hit.published_at = a->published_at;
      body = a->standfirst + "\n\n" + a->body;
    } else {
      auto data = json::parse(doc.get_data()).as_object();
      hit.type = std::string(data["type"].as_string());
      hit.url = std::string(data["url"].as_string());
      hit.title = std::string(data["title"].as_string());
      body = std::string(data["text"].as_string());
    }
    hit.snippet_html = mset.snippet(split_elisions(body), 220, stemmer_for(hit.language),
                                    Xapian::MSet::SNIPPET_CJK_NGRAM,
                                    "<mark>", "</mark>", "…");
    results.hits.push_back(std::move(hit));
  }
  return results;
}

void XapianIndex::update(const ChangeSet& changes) {
  if (changes.everything) {
    spdlog::info("search index: built again, the store may have changed anywhere");
    rebuild();
    return;
  }
  if (changes.articles.empty() && changes.entities.empty()) return;
  const auto& articles = changes.articles;
  std::vector<std::pair<EntityKind, std::string>> entities;
  for (const auto& e : changes.entities) entities.emplace_back(e.kind, e.slug);
  const auto count = articles.size() + entities.size();
  std::lock_guard lock(writer_mutex_);
  try {
    Xapian::WritableDatabase db(folder_.string(), Xapian::DB_OPEN);
    for (auto id : articles) {
      if (auto a = store_.article_by_id(id)) index_article(db, store_, *a);
      else db.delete_document("Qarticle:" + std::to_string(id));
    }
    for (const auto& [kind, slug] : entities) index_entity_from_store(db, store_, kind, slug);
    db.commit();
  } catch (const Xapian::DatabaseLockError&) {
    spdlog::warn("search index busy (kpress reindex running?): {} change(s) not indexed; reindex afterwards", count);
  } catch (const Xapian::Error& e) {
    // The index replaced by a rebuild as these changes were written (they are in the new one
    // if it read the store after them), or a disk error: said, and the site goes on.
    spdlog::warn("search index: {} change(s) not indexed ({}); reindex if results lack them", count, e.get_description());
  }
}

std::size_t XapianIndex::rebuild(const ReindexProgress& progress) {
  std::lock_guard lock(writer_mutex_);
  std::vector<std::int64_t> ids = store_.article_ids();
  std::vector<std::pair<EntityKind, std::string>> entities;
  CatalogQuery all;
  all.limit = 1'000'000;
  for (const auto& s : store_.shows(all).items) entities.emplace_back(EntityKind::show, s.slug);
  for (const auto& p : store_.people(all).items) entities.emplace_back(EntityKind::person, p.slug);
  for (const auto& g : store_.groups(all).items) entities.emplace_back(EntityKind::group, g.slug);
  std::size_t total = ids.size() + entities.size();

  // Each worker reads and indexes batches of articles into a database of its own (Xapian takes
  // one writer per database, and adding documents is most of the work); the parts are then
  // merged into the new index by compaction, which is quick.
  std::string name = new_index_name(folder_);
  unsigned workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::filesystem::path> parts;
  for (unsigned w = 0; w < workers; ++w) parts.push_back(folder_ / (name + ".part" + std::to_string(w)));
  auto remove_parts = [&] {
    for (const auto& part : parts) std::filesystem::remove_all(part);
  };
  constexpr std::size_t kBatch = 256;
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex mutex;
  std::condition_variable finished;
  unsigned running = workers;
  // Words for "did you mean", counted by each worker and given to Xapian once each at the end.
  std::vector<std::unordered_map<std::string, Xapian::termcount>> spellings(workers);
  auto work = [&](unsigned w) {
    try {
      // A scratch database, not synced, its changes written out every 4 batches: Xapian's
      // in-memory postings stay small, which makes adding a third faster here than with its
      // default of 10,000 documents (and than parts of their own per 2,048 documents).
      Xapian::WritableDatabase part(parts[w].string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
      std::size_t batches = 0;
      for (std::size_t start; !failed && (start = next.fetch_add(kBatch)) < ids.size();) {
        if (++batches % 4 == 0) part.commit();
        std::size_t end = std::min(ids.size(), start + kBatch);
        for (const auto& [article, about] : store_.articles_between(ids[start], ids[end - 1])) {
          if (auto d = article_document(article, about)) {
            for (auto& word : d->spelling) ++spellings[w][std::move(word)];
            part.add_document(d->doc);
          }
        }
        done += end - start;
      }
      part.commit();
    } catch (const std::exception& e) {
      std::lock_guard guard(mutex);
      if (!failed.exchange(true)) failure = e.what();
    } catch (const Xapian::Error& e) {
      std::lock_guard guard(mutex);
      if (!failed.exchange(true)) failure = e.get_description();
    }
    std::lock_guard guard(mutex);
    --running;
    finished.notify_all();
  };
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w) threads.emplace_back(work, w);
  {
    std::unique_lock wait(mutex);
    while (!finished.wait_for(wait, std::chrono::milliseconds(200), [&] { return running == 0; })) {
      if (progress) {
        wait.unlock();
        progress(done, total);
        wait.lock();
      }
    }
  }
  for (auto& t : threads) t.join();
  if (failed) {
    remove_parts();
    throw std::runtime_error("the search index could not be built: " + failure);
  }

  auto target = folder_ / name;
  try {
    Xapian::Database merged;
    for (const auto& part : parts) merged.add_database(Xapian::Database(part.string()));
    merged.compact(target.string());
    remove_parts();
    Xapian::WritableDatabase db(target.string(), Xapian::DB_OPEN);
    for (std::size_t w = 1; w < workers; ++w) {
      for (auto& [word, count] : spellings[w]) spellings[0][word] += count;
    }
    for (const auto& [word, count] : spellings[0]) db.add_spelling(word, count);
    for (const auto& [kind, slug] : entities) {
      index_entity_from_store(db, store_, kind, slug);
      if (progress && ++done % 500 == 0) progress(done, total);
    }
    db.set_metadata(std::string(kFormatKey), std::string(kFormat));
    db.commit();
    std::size_t documents = db.get_doccount();
    db.close();
    point_stub_at(folder_, name);
    // The indexes made before it (readers still reading one keep its files open until they see
    // the stub changed); not a part or an index another rebuild is making at the same time.
    for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
      std::string other = entry.path().filename().string();
      bool older = other.starts_with("index-") && other.find(".part") == std::string::npos && other < name;
      if (entry.is_directory() && older) std::filesystem::remove_all(entry.path());
    }
    if (progress) progress(total, total);
    return documents;
  } catch (...) {
    remove_parts();
    std::filesystem::remove_all(target);
    throw;
  }
}

}  // namespace kpress
