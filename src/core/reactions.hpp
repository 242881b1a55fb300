#pragma once
// How readers feel about an article: six reactions suited to entertainment news, one per reader
// per article (changeable), named in each language the site speaks.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kpress {

enum class Reaction { like, support, congrats, cant_wait, surprised, sad };

inline constexpr std::array<Reaction, 6> kReactions = {Reaction::like,      Reaction::support,   Reaction::congrats,
                                                      Reaction::cant_wait, Reaction::surprised, Reaction::sad};

std::string_view to_string(Reaction r);  // "cant_wait": the name the API and forms use
std::optional<Reaction> parse_reaction(std::string_view name);
std::string_view reaction_emoji(Reaction r);

// A reader's choice: one per (article, reader), the last one wins.
struct ReactionVote {
  std::int64_t article_id = 0;
  std::string reader;  // the anonymous reader's id, from their signed cookie
  Reaction reaction = Reaction::like;
  bool new_reader = false;  // the id was just made: no earlier vote to look for
};

// What recording a vote did: nothing when its article does not exist; else it replaced the
// reader's `previous` reaction, if any.
struct RecordedVote {
  bool recorded = false;
  std::optional<Reaction> previous;
};

using ReactionCounts = std::map<Reaction, std::int64_t>;

}  // namespace kpress
