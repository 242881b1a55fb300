#pragma once
// What a site decides about readers' comments: open or closed, how deep threads go, in which
// order, and which comments wait for a moderator. Kept with the site's settings.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kpress {

enum class CommentModeration { all, first, links };  // hold every comment, a first one, one with a link
std::string_view to_string(CommentModeration m);
std::optional<CommentModeration> parse_comment_moderation(std::string_view text);

struct CommentSettings {
  bool open = true;
  int close_after_days = 0;  // 0: never closes by age
  int depth = 5;             // replies deeper than this are shown at this depth
  bool newest_first = false;
  int threads_per_page = 50;
  CommentModeration moderation = CommentModeration::first;
  int max_links = 2;  // a comment with more is held whatever the rule
  std::vector<std::string> hold_words;    // a comment with one of these (or a link to it) waits
  std::vector<std::string> refuse_words;  // ... is refused
};

// Words one per line, as the settings keep them and forms send them: blank lines and the spaces
// around each left out.
std::vector<std::string> word_list(std::string_view text);

// The settings as the store keeps them: (key, text) pairs, "comments.depth" = "5"...
std::vector<std::pair<std::string, std::string>> setting_entries(const CommentSettings& settings);
// Reads one such entry back; false when `key` is not one of them. A value it cannot read leaves
// the setting as it was.
bool read_setting_entry(CommentSettings& settings, std::string_view key, std::string_view value);

}  // namespace kpress
