#pragma once
// Articles as files: Markdown with TOML front matter between two "+++" lines, or JSON (one
// article, a list of them, or {"articles": [...]}). Both carry the fields of core/article_json.
#include <string>
#include <string_view>
#include <vector>

#include "core/content.hpp"
#include "exchange/import_error.hpp"

namespace kpress {

// Tag entries are written as names or slugs ("Im Siwan" or "im-siwan"); each is kept as its
// slug, with the name as written.
struct ParsedArticle {
  Article article;
  std::vector<Tag> tag_names;
  bool has_errors = false;  // reading it failed already; checking it further would only repeat that
  std::string file;
  int line = 0;        // where the article starts
  std::string where;   // articles[2] in a JSON list
};

std::vector<ParsedArticle> parse_markdown_article(const std::string& file_name, std::string_view text,
                                                  std::vector<ImportError>& errors);
std::vector<ParsedArticle> parse_json_articles(const std::string& file_name, std::string_view text,
                                               std::vector<ImportError>& errors);

// The Markdown form, which parse_markdown_article reads back to the same article.
std::string write_markdown_article(const Article& article);

}  // namespace kpress
