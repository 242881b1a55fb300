#include "admin/revision_diff.hpp"

#include <dtl/dtl.hpp>

#include <functional>

namespace kpress {

namespace {

constexpr std::size_t kContext = 2;  // unchanged lines shown around a change

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after) {
  auto a = lines_of(before), b = lines_of(after);
  dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
  diff.compose();
  std::vector<DiffLine> all;
  for (const auto& [line, info] : diff.getSes().getSequence()) {
    auto kind = info.type == dtl::SES_ADD ? DiffLine::Kind::added
                : info.type == dtl::SES_DELETE ? DiffLine::Kind::removed
                                               : DiffLine::Kind::same;
    all.push_back({kind, line});
  }
  // Unchanged runs keep kContext lines next to a change; the rest is counted.
  std::vector<bool> keep(all.size(), false);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].kind == DiffLine::Kind::same) continue;
    for (std::size_t j = i >= kContext ? i - kContext : 0; j <= std::min(all.size() - 1, i + kContext); ++j) keep[j] = true;
  }
  std::vector<DiffLine> shown;
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (keep[i]) {
      if (skipped) shown.push_back({DiffLine::Kind::skipped, std::to_string(skipped)});
      skipped = 0;
      shown.push_back(std::move(all[i]));
    } else {
      ++skipped;
    }
  }
  if (skipped) shown.push_back({DiffLine::Kind::skipped, std::to_string(skipped)});
  return shown;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string time_text(const std::optional<Instant>& t) { return t ? format_iso8601(*t) : ""; }

}  // namespace

std::vector<FieldDiff> diff_articles(const Article& before, const Article& after) {
  std::vector<FieldDiff> out;
  auto compare = [&](std::string field, const std::string& a, const std::string& b) {
    if (a != b) out.push_back({std::move(field), diff_lines(a, b)});
  };
  compare("title", before.title, after.title);
  compare("slug", before.slug, after.slug);
  compare("language", before.language, after.language);
  compare("status", std::string(to_string(before.status)), std::string(to_string(after.status)));
  compare("published_at", time_text(before.published_at), time_text(after.published_at));
  compare("section", before.section, after.section);
  compare("author", before.author, after.author);
  compare("tags", join(before.tags), join(after.tags));
  compare("standfirst", before.standfirst, after.standfirst);
  compare("body", before.body, after.body);
  compare("hero", before.hero.url + "\n" + before.hero.alt + "\n" + before.hero.credit,
          after.hero.url + "\n" + after.hero.alt + "\n" + after.hero.credit);
  compare("source", before.source.site + "\n" + before.source.url + "\n" + before.source.author,
          after.source.site + "\n" + after.source.url + "\n" + after.source.author);
  compare("translator", before.translator, after.translator);
  compare("redirect_to", before.redirect_to, after.redirect_to);
  compare("comments", std::string(to_string(before.comments)), std::string(to_string(after.comments)));
  compare("seo_title", before.seo_title, after.seo_title);
  compare("seo_description", before.seo_description, after.seo_description);
  return out;
}

}  // namespace kpress
