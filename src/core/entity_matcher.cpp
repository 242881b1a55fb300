#include "core/entity_matcher.hpp"

#include "core/slug.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace kpress {

std::string_view to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::person: return "person";
    case EntityKind::group: return "group";
    case EntityKind::show: return "show";
  }
  return "person";
}

std::optional<EntityKind> parse_entity_kind(std::string_view text) {
  for (auto k : {EntityKind::person, EntityKind::group, EntityKind::show}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

namespace {

// Lower case without accents, Hangul left as it is.
const icu::Transliterator& folder() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; Lower; NFC", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU transliterator unavailable");
    return t;
  }();
  return *instance;
}

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

std::string fold_word(std::string_view word) {
  bool ascii = true;
  for (unsigned char c : word) ascii = ascii && c < 128;
  if (ascii) {
    std::string out(word);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  // The transliterator is slow and a site's words are few: each thread remembers the words it
  // folded (a bounded set, forgotten whole when full).
  thread_local std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>> folded;
  if (auto it = folded.find(word); it != folded.end()) return it->second;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  folder().transliterate(u);
  std::string out;
  u.toUTF8String(out);
  if (folded.size() >= 50'000) folded.clear();
  folded.emplace(word, out);
  return out;
}

bool is_hangul(UChar32 c) { return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F); }

// A particle written onto a Hangul name is at most two syllables: 이, 가, 의, 에게, 씨는...
bool is_particle_tail(std::string_view rest) {
  int syllables = 0;
  int32_t i = 0;
  while (i < static_cast<int32_t>(rest.size())) {
    UChar32 c;
    U8_NEXT(rest.data(), i, static_cast<int32_t>(rest.size()), c);
    if (!is_hangul(c) || ++syllables > 2) return false;
  }
  return true;
}

struct Word {
  std::size_t begin, end;  // bytes in the text
  std::string folded;
  bool hangul;
};

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  int32_t i = 0;
  const int32_t size = static_cast<int32_t>(text.size());
  while (i < size) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, size, c);
    if (c < 0 || !(u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK)) continue;
    bool hangul = is_hangul(c);
    int32_t end = i;
    while (i < size) {
      int32_t next = i;
      UChar32 d;
      U8_NEXT(text.data(), next, size, d);
      if (d < 0 || !(u_isalnum(d) || u_charType(d) == U_NON_SPACING_MARK)) break;
      i = end = next;
    }
    auto raw = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    words.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(end), fold_word(raw), hangul});
  }
  return words;
}

}  // namespace

std::string fold_name(std::string_view text) {
  std::string out;
  for (const auto& w : words_of(text)) {
    if (!out.empty()) out += ' ';
    out += w.folded;
  }
  return out;
}

std::string compact_name(std::string_view text) {
  std::string s = slugify(text, 200);
  std::erase(s, '-');
  return s;
}

void EntityMatcher::add(const EntityRef& entity, std::string_view alias) {
  auto words = words_of(alias);
  std::size_t letters = 0;
  for (const auto& w : words) letters += w.folded.size();
  if (words.empty() || letters < 2) return;
  std::vector<std::string> folded;
  for (auto& w : words) folded.push_back(std::move(w.folded));

  std::int64_t index = -1;
  for (std::size_t i = 0; i < entities_.size(); ++i) {
    if (entities_[i] == entity) index = static_cast<std::int64_t>(i);
  }
  if (index < 0) {
    entities_.push_back(entity);
    index = static_cast<std::int64_t>(entities_.size() - 1);
  }
  auto& candidates = by_first_word_[folded.front()];
  for (auto& [other_words, other_index] : candidates) {
    if (other_words != folded) continue;
    if (other_index != index) other_index = -1;  // two entities share this spelling
    return;
  }
  candidates.emplace_back(std::move(folded), index);
}

std::vector<Mention> EntityMatcher::find(std::string_view text) const {
  std::vector<Mention> mentions;
  auto words = words_of(text);
  for (std::size_t i = 0; i < words.size();) {
    std::size_t best_length = 0;
    std::int64_t best_index = -1;
    std::size_t best_end = 0;
    auto try_key = [&](const std::string& key, bool particle) {
      auto it = by_first_word_.find(key);
      if (it == by_first_word_.end()) return;
      for (const auto& [alias_words, index] : it->second) {
        std::size_t n = alias_words.size();
        if (i + n > words.size() || n < best_length || (n == best_length && best_index >= 0)) continue;
        bool match = true;
        for (std::size_t k = 1; k < n && match; ++k) match = words[i + k].folded == alias_words[k];
        if (!match || (particle && n != 1)) continue;
        best_length = n;
        best_index = index;
        best_end = particle ? words[i].begin + key.size() : words[i + n - 1].end;
      }
    };
    try_key(words[i].folded, false);
    if (best_length == 0 && words[i].hangul) {
      // 임시완이: try the word without a trailing particle of one or two syllables.
      const std::string& w = words[i].folded;
      for (std::size_t cut = 3; cut <= 6 && cut < w.size(); cut += 3) {
        if (is_particle_tail(std::string_view(w).substr(w.size() - cut))) try_key(w.substr(0, w.size() - cut), true);
        if (best_length) break;
      }
    }
    if (best_length > 0 && best_index >= 0) {
      mentions.push_back({words[i].begin, best_end, &entities_[static_cast<std::size_t>(best_index)]});
      i += best_length;
    } else {
      ++i;
    }
  }
  return mentions;
}

}  // namespace kpress
