#pragma once
// What changed between two states of an article, field by field; long texts line by line
// (dtl's shortest edit script), with a little unchanged context around each change.
#include <string>
#include <vector>

#include "core/content.hpp"

namespace kpress {

struct DiffLine {
  enum class Kind { same, added, removed, skipped } kind = Kind::same;
  std::string text;  // for skipped: how many unchanged lines are not shown
};

struct FieldDiff {
  std::string field;  // "title", "body", "status"...
  std::vector<DiffLine> lines;
};

// Only the fields that differ; empty when the two say the same.
std::vector<FieldDiff> diff_articles(const Article& before, const Article& after);

}  // namespace kpress
