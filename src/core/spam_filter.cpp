#include "core/spam_filter.hpp"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <set>
#include <stdexcept>

namespace kpress {
namespace {

// Break iterators are not safe to share between threads and cost far more to make than to use:
// each thread makes its own once.
icu::BreakIterator& word_breaks() {
  thread_local std::unique_ptr<icu::BreakIterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU word break iterator unavailable");
    return it;
  }();
  return *instance;
}

constexpr std::size_t kMaxTokenBytes = 40;

// Adds the words of `text`, case-folded, each with `prefix`.
void add_words(std::string_view text, std::string_view prefix, std::set<std::string>& out) {
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  auto& breaks = word_breaks();
  breaks.setText(u);
  for (int32_t start = breaks.first(), end = breaks.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaks.next()) {
    // Letters, kana and ideographs; not spaces, punctuation or numbers.
    if (breaks.getRuleStatus() < UBRK_WORD_LETTER) continue;
    icu::UnicodeString word = u.tempSubStringBetween(start, end);
    if (word.countChar32() < 2) continue;
    std::string token(prefix);
    word.toUTF8String(token);
    if (token.size() - prefix.size() <= kMaxTokenBytes) out.insert(std::move(token));
  }
}

// Adds the host of every http(s) link in `text`, lower-cased.
void add_link_hosts(std::string_view text, std::set<std::string>& out) {
  for (auto at = text.find("://"); at != std::string_view::npos; at = text.find("://", at + 3)) {
    auto scheme_start = at;
    while (scheme_start > 0 && std::isalpha(static_cast<unsigned char>(text[scheme_start - 1]))) --scheme_start;
    auto scheme = text.substr(scheme_start, at - scheme_start);
    if (scheme.size() < 4 || scheme.size() > 5) continue;
    std::string host;
    for (auto i = at + 3; i < text.size(); ++i) {
      char c = text[i];
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') host.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      else break;
    }
    if (host.starts_with("www.")) host.erase(0, 4);
    if (!host.empty() && host.size() <= kMaxTokenBytes) out.insert("host:" + host);
  }
}

// The probability that a chi-square variable with `freedom` (even) degrees exceeds `x2`.
double chi2_q(double x2, int freedom) {
  double m = x2 / 2.0;
  double term = std::exp(-m);
  double sum = term;
  for (int i = 1; i < freedom / 2; ++i) {
    term *= m / i;
    sum += term;
  }
  return std::min(sum, 1.0);
}

}  // namespace

std::string_view to_string(SpamLabel label) {
  switch (label) {
    case SpamLabel::none: return "";
    case SpamLabel::ham: return "ham";
    case SpamLabel::spam: return "spam";
  }
  return "";
}

std::optional<SpamLabel> parse_spam_label(std::string_view text) {
  for (auto label : {SpamLabel::none, SpamLabel::ham, SpamLabel::spam})
    if (to_string(label) == text) return label;
  return std::nullopt;
}

std::vector<std::string> spam_tokens(std::string_view author_name, std::string_view body) {
  std::set<std::string> tokens;
  add_words(body, "", tokens);
  add_link_hosts(body, tokens);
  add_words(author_name, "name:", tokens);
  return {tokens.begin(), tokens.end()};
}

std::optional<double> SpamFilterTotals::precision() const {
  auto called = caught + wrongly_caught;
  if (called <= 0) return std::nullopt;
  return static_cast<double>(caught) / static_cast<double>(called);
}

std::optional<double> SpamFilterTotals::recall() const {
  auto spam = caught + missed;
  if (spam <= 0) return std::nullopt;
  return static_cast<double>(caught) / static_cast<double>(spam);
}

double spam_score(const SpamFilterTotals& totals, const std::vector<TokenCounts>& counts) {
  // Robinson's word probability, pulled towards 0.5 for words seen rarely (strength kS), and
  // only the words that lean one way by at least kMinLean, the kMaxClues that lean most.
  constexpr double kS = 0.45, kX = 0.5, kMinLean = 0.1;
  constexpr std::size_t kMaxClues = 150;
  double spam_messages = static_cast<double>(std::max<std::int64_t>(totals.spam_trained, 1));
  double ham_messages = static_cast<double>(std::max<std::int64_t>(totals.ham_trained, 1));
  std::vector<double> clues;
  for (const auto& c : counts) {
    double seen = static_cast<double>(c.spam + c.ham);
    if (seen <= 0) continue;
    double spam_ratio = static_cast<double>(c.spam) / spam_messages;
    double ham_ratio = static_cast<double>(c.ham) / ham_messages;
    double p = spam_ratio / (spam_ratio + ham_ratio);
    double f = (kS * kX + seen * p) / (kS + seen);
    if (std::abs(f - 0.5) >= kMinLean) clues.push_back(f);
  }
  if (clues.empty()) return 0.5;
  std::sort(clues.begin(), clues.end(), [](double a, double b) { return std::abs(a - 0.5) > std::abs(b - 0.5); });
  if (clues.size() > kMaxClues) clues.resize(kMaxClues);
  double log_ham = 0, log_spam = 0;
  for (double f : clues) {
    log_ham += std::log(f);
    log_spam += std::log(1.0 - f);
  }
  int freedom = 2 * static_cast<int>(clues.size());
  double spamminess = 1.0 - chi2_q(-2.0 * log_spam, freedom);
  double hamminess = 1.0 - chi2_q(-2.0 * log_ham, freedom);
  return (spamminess - hamminess + 1.0) / 2.0;
}

SpamFilterTotals trained_totals(SpamFilterTotals totals, const SpamTraining& training) {
  if (training.from == training.to) return totals;
  auto add = [&](SpamLabel label, int delta) {
    if (label == SpamLabel::none) return;
    (label == SpamLabel::spam ? totals.spam_trained : totals.ham_trained) += delta;
    if (!training.called_spam) return;
    bool spam = label == SpamLabel::spam;
    if (*training.called_spam) (spam ? totals.caught : totals.wrongly_caught) += delta;
    else (spam ? totals.missed : totals.rightly_passed) += delta;
  };
  add(training.from, -1);
  add(training.to, +1);
  return totals;
}

}  // namespace kpress
