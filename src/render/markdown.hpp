#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_matcher.hpp"
#include "render/embeds.hpp"

namespace kpress {

// The poster a video facade shows: an image kpress serves, never the provider's.
using PosterUrl = std::function<std::string(const VideoEmbed&)>;
inline constexpr std::string_view kVideoPlaceholder = "/assets/video-poster.svg";

// Markdown (GitHub flavour: tables, strikethrough, autolinks) to HTML with cmark-gfm in safe
// mode: raw HTML is left out and javascript:, vbscript:, file: and data: links are dropped.
// A video URL alone in its paragraph becomes a facade (see render/embeds.hpp) with the poster
// `poster` gives, or the neutral placeholder.
std::string render_markdown(std::string_view markdown, const PosterUrl& poster = {}, const VideoWords& words = {});

// The address of an entity's page.
using EntityUrl = std::function<std::string(const EntityRef&)>;

// The same, with the first mention of each entity in each paragraph, list item or table cell
// linked to its page. Nothing is linked inside a link, in code or in a heading.
std::string render_markdown(std::string_view markdown, const EntityMatcher& entities, const EntityUrl& url,
                            const PosterUrl& poster = {}, const VideoWords& words = {});

// A reader's comment: emphasis, links, quotes, lists and code, in the same safe mode; headings
// read as paragraphs, images become links to them, no tables or footnotes; every link carries
// rel="nofollow ugc noopener". `links` counts them, for the moderation rules.
struct CommentHtml {
  std::string html;
  int links = 0;
};
CommentHtml render_comment_markdown(std::string_view markdown);
// The words of a comment without its markup (structured data's "text"): no HTML, no link targets.
std::string comment_plain_text(std::string_view markdown);

// The entities the text of `markdown` mentions (where render_markdown would link them), each once.
std::vector<EntityRef> mentioned_entities(std::string_view markdown, const EntityMatcher& entities);

}  // namespace kpress
