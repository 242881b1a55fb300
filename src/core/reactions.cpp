#include "core/reactions.hpp"

namespace kpress {

namespace {

struct Words {
  std::string_view name, emoji;
};

constexpr Words kWords[] = {
    {"like", "❤️"}, {"support", "💪"}, {"congrats", "🎉"}, {"cant_wait", "🤩"}, {"surprised", "😮"}, {"sad", "😢"},
};

const Words& words(Reaction r) { return kWords[static_cast<int>(r)]; }

}  // namespace

std::string_view to_string(Reaction r) { return words(r).name; }

std::optional<Reaction> parse_reaction(std::string_view name) {
  for (auto r : kReactions) {
    if (words(r).name == name) return r;
  }
  return std::nullopt;
}

std::string_view reaction_emoji(Reaction r) { return words(r).emoji; }

}  // namespace kpress
