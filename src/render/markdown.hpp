#pragma once
#include <string>
#include <string_view>

namespace kpress {

// Markdown (GitHub flavour: tables, strikethrough, autolinks) to HTML with cmark-gfm in safe
// mode: raw HTML is left out and javascript:, vbscript:, file: and data: links are dropped.
std::string render_markdown(std::string_view markdown);

}  // namespace kpress
