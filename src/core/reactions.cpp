#include "core/reactions.hpp"

namespace kpress {

namespace {

struct Words {
  std::string_view name, emoji, fr, en, ko;
};

constexpr Words kWords[] = {
    {"like", "❤️", "J’adore", "Love it", "좋아요"},
    {"support", "💪", "Je soutiens", "Support", "응원해요"},
    {"congrats", "🎉", "Félicitations", "Congrats", "축하해요"},
    {"cant_wait", "🤩", "J’ai hâte", "Can’t wait", "기대돼요"},
    {"surprised", "😮", "Surpris", "Surprised", "놀라워요"},
    {"sad", "😢", "Triste", "Sad", "슬퍼요"},
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

std::string_view reaction_label(Reaction r, std::string_view language) {
  if (language == "fr") return words(r).fr;
  if (language == "ko") return words(r).ko;
  return words(r).en;
}

std::string_view reaction_emoji(Reaction r) { return words(r).emoji; }

std::string_view reactions_question(std::string_view language) {
  if (language == "fr") return "Que pensez-vous de cet article ?";
  if (language == "ko") return "이 기사 어떠셨나요?";
  return "How do you feel about this article?";
}

}  // namespace kpress
