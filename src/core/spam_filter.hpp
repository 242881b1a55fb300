#pragma once
// The site's own spam filter: naive Bayes over the words of comments, trained by the
// moderators' "spam" and "approve" decisions, combined as SpamBayes does (Robinson's smoothed
// word probabilities, Fisher's chi-square), so that a comment matching neither side scores near
// 0.5 and is left to a moderator instead of guessed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpress {

// What a moderator's decision taught the filter about a comment.
enum class SpamLabel { none, ham, spam };
std::string_view to_string(SpamLabel label);
std::optional<SpamLabel> parse_spam_label(std::string_view text);

// The words of a comment the filter weighs, each once: the text's words case-folded (ICU's word
// boundaries, so Korean and French split as they are written), the hosts its links point to
// ("host:example.com"), and the words of the commenter's name ("name:..."). Numbers and words of
// one letter or longer than 40 bytes tell little and are left out.
std::vector<std::string> spam_tokens(std::string_view author_name, std::string_view body);

// How often a word was seen in comments the moderators marked spam and approved.
struct TokenCounts {
  std::int64_t spam = 0;
  std::int64_t ham = 0;
  bool operator==(const TokenCounts&) const = default;
};

// What the filter has learned in all, and how its calls compare with the moderators' decisions
// on the comments it judged: its precision and recall.
struct SpamFilterTotals {
  std::int64_t spam_trained = 0;  // comments moderators marked spam
  std::int64_t ham_trained = 0;   // and approved
  std::int64_t caught = 0;        // called spam, marked spam
  std::int64_t wrongly_caught = 0;  // called spam, approved
  std::int64_t missed = 0;        // not called spam, marked spam
  std::int64_t rightly_passed = 0;  // not called spam, approved
  bool operator==(const SpamFilterTotals&) const = default;

  // It judges once it has seen this many of each: before, its guesses are noise.
  static constexpr std::int64_t kReadyAfter = 5;
  bool ready() const { return spam_trained >= kReadyAfter && ham_trained >= kReadyAfter; }
  // Of the comments it called spam, the share moderators marked spam; of the comments they
  // marked spam, the share it called spam. Unset until there is something to divide.
  std::optional<double> precision() const;
  std::optional<double> recall() const;
};

// A score from 0 (surely wanted) to 1 (surely spam) for a comment whose tokens were seen
// `counts` times (one entry per token; tokens never seen count nothing).
double spam_score(const SpamFilterTotals& totals, const std::vector<TokenCounts>& counts);

// Scores at or above this are spam; below kHamScore the comment goes by the site's rules; in
// between ("unsure") it waits for a moderator. SpamBayes's defaults.
inline constexpr double kSpamScore = 0.90;
inline constexpr double kHamScore = 0.20;

// One moderator's decision, as the store records it: the comment's tokens move from the side
// they were trained on (`from`, none the first time) to `to`, and the decision is counted
// against what the filter called the comment when it came (`called_spam`, unset when the filter
// was not yet judging).
struct SpamTraining {
  std::vector<std::string> tokens;
  SpamLabel from = SpamLabel::none;
  SpamLabel to = SpamLabel::none;
  std::optional<bool> called_spam;

  // How each word's count on `side` moves: +1 taught there, -1 taken back from there, else 0.
  std::int64_t change(SpamLabel side) const {
    return std::int64_t{to == side && side != SpamLabel::none} - std::int64_t{from == side && side != SpamLabel::none};
  }
};

// `totals` as they are after `training` (the words' counts are the store's to change).
SpamFilterTotals trained_totals(SpamFilterTotals totals, const SpamTraining& training);

}  // namespace kpress
