#pragma once
// Finds mentions of catalog entities (people, groups, shows) in text, in any of their spellings
// and scripts: "Im Siwan", "Yim Si-wan", "YIM SI WAN" and "임시완" all find the same person.
//
// Text is cut into words (runs of letters and digits); words are compared case- and
// accent-insensitively, so "Si-wan" and "Si Wan" are the same two words. The longest match
// wins, a match never starts or ends inside a word, except that a Hangul name may be followed
// by a particle written onto it (임시완이, 임시완의).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kpress {

enum class EntityKind { person, group, show };
std::string_view to_string(EntityKind kind);
std::optional<EntityKind> parse_entity_kind(std::string_view text);

struct EntityRef {
  EntityKind kind = EntityKind::person;
  std::string slug;
  std::string name;  // as pages show it
  bool operator==(const EntityRef&) const = default;
};

struct Mention {
  std::size_t begin = 0;  // byte offsets in the text searched
  std::size_t end = 0;
  const EntityRef* entity = nullptr;
};

// The form in which two spellings compare equal: lower case, accents removed, one space
// between words.
std::string fold_name(std::string_view text);
// Latin, no spaces: the key under which 임시완, Im Siwan and imsiwan meet (Hangul transliterated
// by ICU).
std::string compact_name(std::string_view text);

class EntityMatcher {
 public:
  // An alias shorter than two letters, or one shared by two entities, is ignored: it would link
  // the wrong page more often than the right one.
  void add(const EntityRef& entity, std::string_view alias);
  // Mentions in order, none overlapping.
  std::vector<Mention> find(std::string_view text) const;
  std::size_t size() const { return entities_.size(); }

 private:
  std::vector<EntityRef> entities_;
  // First word of an alias -> (the alias's words, entity index); ambiguous aliases map to -1.
  std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, std::int64_t>>> by_first_word_;
};

}  // namespace kpress
