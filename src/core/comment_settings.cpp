#include "core/comment_settings.hpp"

#include "core/numbers.hpp"

namespace kpress {
namespace {

std::string lines(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : "\n") + w;
  return out;
}

}  // namespace

std::vector<std::string> word_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty()) out.emplace_back(line);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return out;
}

std::string_view to_string(CommentModeration m) {
  switch (m) {
    case CommentModeration::all: return "all";
    case CommentModeration::links: return "links";
    case CommentModeration::first: break;
  }
  return "first";
}

std::optional<CommentModeration> parse_comment_moderation(std::string_view text) {
  for (auto m : {CommentModeration::all, CommentModeration::first, CommentModeration::links})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> setting_entries(const CommentSettings& s) {
  return {{"comments.open", s.open ? "1" : "0"},
          {"comments.close_after_days", std::to_string(s.close_after_days)},
          {"comments.depth", std::to_string(s.depth)},
          {"comments.order", s.newest_first ? "newest" : "oldest"},
          {"comments.threads_per_page", std::to_string(s.threads_per_page)},
          {"comments.moderation", std::string(to_string(s.moderation))},
          {"comments.max_links", std::to_string(s.max_links)},
          {"comments.hold_words", lines(s.hold_words)},
          {"comments.refuse_words", lines(s.refuse_words)}};
}

bool read_setting_entry(CommentSettings& s, std::string_view key, std::string_view value) {
  auto number = [&](int& field) {
    if (auto n = parse_whole_number(value); n && *n >= 0 && *n <= 1'000'000) field = static_cast<int>(*n);
  };
  if (key == "comments.open") s.open = value != "0";
  else if (key == "comments.close_after_days") number(s.close_after_days);
  else if (key == "comments.depth") number(s.depth);
  else if (key == "comments.order") s.newest_first = value == "newest";
  else if (key == "comments.threads_per_page") number(s.threads_per_page);
  else if (key == "comments.moderation") s.moderation = parse_comment_moderation(value).value_or(s.moderation);
  else if (key == "comments.max_links") number(s.max_links);
  else if (key == "comments.hold_words") s.hold_words = word_list(value);
  else if (key == "comments.refuse_words") s.refuse_words = word_list(value);
  else return false;
  return true;
}

}  // namespace kpress
