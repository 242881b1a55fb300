#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_matcher.hpp"

namespace kpress {

// Markdown (GitHub flavour: tables, strikethrough, autolinks) to HTML with cmark-gfm in safe
// mode: raw HTML is left out and javascript:, vbscript:, file: and data: links are dropped.
std::string render_markdown(std::string_view markdown);

// The address of an entity's page.
using EntityUrl = std::function<std::string(const EntityRef&)>;

// The same, with the first mention of each entity in each paragraph, list item or table cell
// linked to its page. Nothing is linked inside a link, in code or in a heading.
std::string render_markdown(std::string_view markdown, const EntityMatcher& entities, const EntityUrl& url);

// The entities the text of `markdown` mentions (where render_markdown would link them), each once.
std::vector<EntityRef> mentioned_entities(std::string_view markdown, const EntityMatcher& entities);

}  // namespace kpress
