#pragma once
// A WordPress post's content as kpress Markdown: Gutenberg block markup and classic-editor HTML
// (its paragraphs restored as WordPress's wpautop would). Headings, paragraphs, emphasis, links,
// lists, quotes (pull quotes too), code, tables, images with captions, galleries and separators
// are converted; embeds (embed blocks, [embed] and [youtube] shortcodes, a video address alone
// on its line) become an address alone on its line, which kpress shows as a video facade; layout
// blocks (columns, groups, covers...) give their content. What has no Markdown form (a dynamic
// block such as latest-posts, raw HTML, an unknown shortcode) is kept as escaped text, with its
// markup, and named in `kept_as_text`. The HTML is read by libxml2's HTML parser, never by hand.
#include <map>
#include <string>
#include <string_view>

namespace kpress {

struct WordPressContent {
  std::string markdown;
  // What was kept as text, by kind ("block:latest-posts", "shortcode:gallery", "html"): how often.
  std::map<std::string, int> kept_as_text;
  // Every block kind met ("paragraph", "core-embed/youtube"...): how often.
  std::map<std::string, int> blocks;
};

WordPressContent wordpress_to_markdown(std::string_view content);

}  // namespace kpress
