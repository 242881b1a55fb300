#include "exchange/wp_content.hpp"

#include <boost/json.hpp>
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

namespace kpress {
namespace {

std::string escape_html(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

// Markup kept as text: a paragraph showing it, escaped.
std::string kept_paragraph(std::string_view markup) { return "\n<p>" + escape_html(markup) + "</p>\n"; }

// Blocks of the core that are layout or have HTML content of their own: their content is converted.
bool is_core(std::string_view name) { return name.find('/') == std::string_view::npos; }

// The url attribute of an embed block's JSON attributes, if any.
std::string embed_url(std::string_view attributes) {
  boost::system::error_code ec;
  auto value = boost::json::parse(attributes, ec);
  if (ec || !value.is_object()) return {};
  const auto* url = value.as_object().if_contains("url");
  return url && url->is_string() ? std::string(url->as_string()) : std::string();
}

// Gutenberg's block delimiters (<!-- wp:name {attrs} --> ... <!-- /wp:name -->, or self-closing
// <!-- wp:name /-->) resolved: embeds to their address, dynamic blocks and blocks of plugins
// kept as text, the others left to their HTML.
std::string resolve_blocks(std::string_view content, WordPressContent& out) {
  std::string html;
  std::size_t at = 0;
  while (at < content.size()) {
    auto open = content.find("<!-- wp:", at);
    auto close_tag = content.find("<!-- /wp:", at);
    auto next = std::min(open, close_tag);
    if (next == std::string_view::npos) {
      html.append(content.substr(at));
      break;
    }
    html.append(content.substr(at, next - at));
    auto end = content.find("-->", next);
    if (end == std::string_view::npos) {  // not a delimiter after all
      html.append(content.substr(next));
      break;
    }
    std::string_view comment = content.substr(next, end + 3 - next);
    at = end + 3;
    if (next == close_tag) continue;  // a closing delimiter: its HTML went before
    std::string_view inside = comment.substr(8, comment.size() - 8 - 3);
    bool self_closing = !inside.empty() && inside.back() == '/';
    if (self_closing) inside.remove_suffix(1);
    auto name_end = inside.find_first_of(" \t\n");
    std::string name(inside.substr(0, name_end));
    std::string_view attributes = name_end == std::string_view::npos ? std::string_view() : inside.substr(name_end);
    ++out.blocks[name];
    std::string closing = "<!-- /wp:" + name + " -->";
    if (name == "embed" || name.starts_with("core-embed/")) {
      // Its address alone on its line: kpress's video facade, or a link.
      auto url = embed_url(attributes.substr(std::min(attributes.size(), attributes.find('{'))));
      auto block_end = content.find(closing, at);
      if (block_end != std::string_view::npos) at = block_end + closing.size();
      if (!url.empty()) html += "\n<p>" + escape_html(url) + "</p>\n";
      continue;
    }
    if (self_closing) {
      // A dynamic block (latest posts, a search form...): nothing to convert.
      ++out.kept_as_text["block:" + name];
      html += kept_paragraph(comment);
      continue;
    }
    if (name == "html" || !is_core(name)) {
      auto block_end = content.find(closing, at);
      std::string_view inner = content.substr(at, block_end == std::string_view::npos ? std::string_view::npos : block_end - at);
      ++out.kept_as_text[name == "html" ? "html" : "block:" + name];
      html += "\n<pre>" + escape_html(inner) + "</pre>\n";
      if (block_end == std::string_view::npos) break;
      at = block_end + closing.size();
    }
  }
  return html;
}

// The shortcodes: [embed]URL[/embed] and [youtube URL] to the address on its line, [caption] to a
// figure; the others (gallery, audio, a plugin's) kept as they are, and named.
std::string resolve_shortcodes(std::string_view content, WordPressContent& out) {
  std::string html;
  std::size_t at = 0;
  while (at < content.size()) {
    auto open = content.find('[', at);
    if (open == std::string_view::npos) {
      html.append(content.substr(at));
      break;
    }
    html.append(content.substr(at, open - at));
    std::size_t name_end = open + 1;
    while (name_end < content.size() && (std::isalnum(static_cast<unsigned char>(content[name_end])) ||
                                         content[name_end] == '_' || content[name_end] == '-'))
      ++name_end;
    std::string name(content.substr(open + 1, name_end - open - 1));
    // A shortcode's tag closes on its line, with no other bracket opened before: "[un crochet"
    // in prose is text.
    auto close = content.find(']', open);
    auto stop = content.find_first_of("[\n", open + 1);
    bool shortcode = !name.empty() && close != std::string_view::npos && (stop == std::string_view::npos || close < stop) &&
                     name_end < content.size() &&
                     (content[name_end] == ']' || content[name_end] == ' ' || content[name_end] == '=');
    if (!shortcode) {
      html += '[';
      at = open + 1;
      continue;
    }
    std::string_view tag = content.substr(open, close + 1 - open);
    std::string ending = "[/" + name + "]";
    auto end = content.find(ending, close);
    std::string_view inner = end == std::string_view::npos ? std::string_view() : content.substr(close + 1, end - close - 1);
    if (name == "embed" && end != std::string_view::npos) {
      html += "\n<p>" + escape_html(inner) + "</p>\n";
      at = end + ending.size();
    } else if (name == "youtube") {
      auto url = tag.substr(name_end - open + 1, tag.size() - (name_end - open + 1) - 1);
      while (!url.empty() && url.front() == ' ') url.remove_prefix(1);
      html += "\n<p>" + escape_html(url) + "</p>\n";
      at = close + 1;
    } else if (name == "caption" && end != std::string_view::npos) {
      // [caption ...]<img ...> The caption[/caption]: the image, then its caption.
      auto image_end = inner.find('>');
      std::string_view image = image_end == std::string_view::npos ? inner : inner.substr(0, image_end + 1);
      std::string_view caption = image_end == std::string_view::npos ? std::string_view() : inner.substr(image_end + 1);
      html += "<figure>" + std::string(image) + "<figcaption>" + std::string(caption) + "</figcaption></figure>";
      at = end + ending.size();
    } else {
      ++out.kept_as_text["shortcode:" + name];
      std::string_view whole = end == std::string_view::npos ? tag : content.substr(open, end + ending.size() - open);
      html += escape_html(whole);
      at = open + whole.size();
    }
  }
  return html;
}

bool starts_block_tag(std::string_view chunk) {
  static constexpr std::string_view kBlocks[] = {"<p", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<ul", "<ol", "<li",
                                                 "<blockquote", "<pre", "<table", "<div", "<figure", "<hr", "<dl",
                                                 "<address", "<section", "<form", "<!--"};
  for (auto tag : kBlocks)
    if (chunk.starts_with(tag)) return true;
  return false;
}

// The classic editor's text, as WordPress shows it (wpautop): blank lines part paragraphs, a
// single line break is a <br>; block elements stand as they are.
std::string autop(std::string_view content) {
  std::string text;
  for (char c : content)
    if (c != '\r') text += c;
  std::string html;
  std::size_t at = 0;
  while (at < text.size()) {
    auto blank = text.find("\n\n", at);
    std::string chunk = text.substr(at, blank == std::string::npos ? std::string::npos : blank - at);
    at = blank == std::string::npos ? text.size() : blank + 2;
    auto first = chunk.find_first_not_of(" \t\n");
    if (first == std::string::npos) continue;
    chunk = chunk.substr(first);
    if (starts_block_tag(chunk)) {
      html += chunk + "\n";
      continue;
    }
    std::string paragraph;
    for (char c : chunk) paragraph += c == '\n' ? std::string("<br>\n") : std::string(1, c);
    html += "<p>" + paragraph + "</p>\n";
  }
  return html;
}

// --- HTML to Markdown ---------------------------------------------------------------------------

std::string name_of(xmlNodePtr node) { return node->name ? reinterpret_cast<const char*>(node->name) : ""; }

std::string attribute(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string text_of(xmlNodePtr node) {
  xmlChar* value = xmlNodeGetContent(node);
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// Text as Markdown shows it literally: its markup characters escaped, runs of space made one.
std::string escape_markdown(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (std::strchr("\\`*_[]<>#|~", c)) out += '\\';
    out += c;
  }
  if (space) out += ' ';
  return out;
}

std::string link_target(const std::string& url) {
  if (url.find_first_of(" ()<>") == std::string::npos) return url;
  std::string out;
  for (char c : url) {
    if (c == ' ') out += "%20";
    else if (c == '(') out += "%28";
    else if (c == ')') out += "%29";
    else if (c == '<') out += "%3C";
    else if (c == '>') out += "%3E";
    else out += c;
  }
  return out;
}

std::string image(xmlNodePtr img) {
  return "![" + escape_markdown(attribute(img, "alt")) + "](" + link_target(attribute(img, "src")) + ")";
}

std::string inline_of(xmlNodePtr first);

std::string inline_node(xmlNodePtr n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) return escape_markdown(text_of(n));
  if (n->type != XML_ELEMENT_NODE) return {};
  std::string name = name_of(n);
  auto wrapped = [&](std::string_view mark) {
    std::string inner = inline_of(n->children);
    auto first = inner.find_first_not_of(' ');
    if (first == std::string::npos) return inner;
    auto last = inner.find_last_not_of(' ');
    return inner.substr(0, first) + std::string(mark) + inner.substr(first, last - first + 1) + std::string(mark) +
           inner.substr(last + 1);
  };
  if (name == "strong" || name == "b") return wrapped("**");
  if (name == "em" || name == "i" || name == "cite") return wrapped("*");
  if (name == "s" || name == "del" || name == "strike") return wrapped("~~");
  if (name == "code" || name == "kbd" || name == "tt") {
    std::string code = text_of(n);
    std::string fence = code.find('`') == std::string::npos ? "`" : "`` ";
    return fence + code + (fence == "`" ? "`" : " ``");
  }
  if (name == "br") return "  \n";
  if (name == "img") return image(n);
  if (name == "a") {
    std::string href = attribute(n, "href");
    std::string inner = inline_of(n->children);
    if (href.empty()) return inner;
    return "[" + inner + "](" + link_target(href) + ")";
  }
  return inline_of(n->children);
}

std::string inline_of(xmlNodePtr first) {
  std::string out;
  for (auto* n = first; n; n = n->next) {
    std::string part = inline_node(n);
    // After a hard line break, the next line starts with its first word.
    if (out.ends_with("  \n") && part.starts_with(' ')) part.erase(0, 1);
    out += part;
  }
  return out;
}

std::string trimmed(std::string text) {
  auto first = text.find_first_not_of(" \n");
  if (first == std::string::npos) return {};
  auto last = text.find_last_not_of(" \n");
  return text.substr(first, last - first + 1);
}

std::string prefixed(const std::string& text, std::string_view first, std::string_view rest) {
  std::string out;
  std::size_t at = 0;
  bool first_line = true;
  while (at <= text.size()) {
    auto end = text.find('\n', at);
    std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    out += std::string(first_line ? first : rest) + line;
    first_line = false;
    if (end == std::string::npos) break;
    out += '\n';
    at = end + 1;
  }
  return out;
}

bool is_block(const std::string& name) {
  static constexpr std::string_view kBlocks[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote",
                                                 "pre", "table", "div", "figure", "hr", "section", "details", "dl",
                                                 "address", "header", "footer", "article", "aside", "nav", "form",
                                                 "figcaption", "li", "summary", "body", "html", "main"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

std::string blocks_of(xmlNodePtr first);

std::string table(xmlNodePtr node) {
  std::vector<std::vector<std::string>> rows;
  // Rows in document order, whether under thead, tbody and tfoot or directly.
  std::function<void(xmlNodePtr)> collect = [&](xmlNodePtr n) {
    for (; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      std::string name = name_of(n);
      if (name == "tr") {
        std::vector<std::string> cells;
        for (auto* c = n->children; c; c = c->next) {
          if (c->type == XML_ELEMENT_NODE && (name_of(c) == "td" || name_of(c) == "th")) {
            std::string cell = trimmed(inline_of(c->children));
            std::replace(cell.begin(), cell.end(), '\n', ' ');
            cells.push_back(cell);
          }
        }
        rows.push_back(std::move(cells));
      } else if (name != "caption") {
        collect(n->children);
      }
    }
  };
  collect(node->children);
  if (rows.empty()) return {};
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.size());
  if (width == 0) return {};
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    out += "|";
    for (std::size_t i = 0; i < width; ++i) out += " " + (i < r.size() ? r[i] : std::string()) + " |";
    out += "\n";
  };
  line(rows.front());
  out += "|";
  for (std::size_t i = 0; i < width; ++i) out += " --- |";
  out += "\n";
  for (std::size_t i = 1; i < rows.size(); ++i) line(rows[i]);
  return trimmed(out);
}

std::string list(xmlNodePtr node, bool ordered) {
  std::string out;
  int number = 0;
  for (auto* li = node->children; li; li = li->next) {
    if (li->type != XML_ELEMENT_NODE || name_of(li) != "li") continue;
    std::string marker = ordered ? std::to_string(++number) + ". " : "- ";
    std::string item = trimmed(blocks_of(li->children));
    out += prefixed(item.empty() ? std::string() : item, marker, std::string(marker.size(), ' ')) + "\n";
  }
  return trimmed(out);
}

std::string block_node(xmlNodePtr n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) return trimmed(escape_markdown(text_of(n)));
  if (n->type != XML_ELEMENT_NODE) return {};
  std::string name = name_of(n);
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
    std::string text = trimmed(inline_of(n->children));
    return text.empty() ? text : std::string(static_cast<std::size_t>(name[1] - '0'), '#') + " " + text;
  }
  if (name == "p") {
    // An address alone in its paragraph stays as written: kpress makes a video's a facade.
    std::string raw = trimmed(text_of(n));
    bool bare_url = (raw.starts_with("https://") || raw.starts_with("http://")) && raw.find_first_of(" \n\t") == std::string::npos;
    if (bare_url && (!n->children || !n->children->next) && n->children && n->children->type == XML_TEXT_NODE) return raw;
    return trimmed(inline_of(n->children));
  }
  if (name == "ul") return list(n, false);
  if (name == "ol") return list(n, true);
  if (name == "blockquote") return prefixed(trimmed(blocks_of(n->children)), "> ", "> ");
  if (name == "pre") {
    std::string code = text_of(n);
    while (!code.empty() && code.back() == '\n') code.pop_back();
    std::string fence = "```";
    while (code.find(fence) != std::string::npos) fence += '`';
    return fence + "\n" + code + "\n" + fence;
  }
  if (name == "hr") return "---";
  if (name == "table") return table(n);
  if (name == "img") return image(n);
  if (name == "figcaption") {
    std::string caption = trimmed(inline_of(n->children));
    return caption.empty() ? caption : "*" + caption + "*";
  }
  if (name == "summary") {
    std::string summary = trimmed(inline_of(n->children));
    return summary.empty() ? summary : "**" + summary + "**";
  }
  if (is_block(name)) return blocks_of(n->children);
  // Inline markup at the level of blocks: a paragraph of its own.
  return trimmed(inline_node(n));
}

std::string blocks_of(xmlNodePtr first) {
  std::string out;
  std::string run;  // inline nodes met between blocks: one paragraph
  auto flush = [&] {
    std::string paragraph = trimmed(run);
    run.clear();
    if (paragraph.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += paragraph;
  };
  for (auto* n = first; n; n = n->next) {
    bool block = n->type == XML_ELEMENT_NODE && is_block(name_of(n));
    if (!block) {
      run += inline_node(n);
      continue;
    }
    flush();
    std::string converted = block_node(n);
    if (converted.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += converted;
  }
  flush();
  return out;
}

}  // namespace

WordPressContent wordpress_to_markdown(std::string_view content) {
  WordPressContent out;
  bool blocks = content.find("<!-- wp:") != std::string_view::npos;
  std::string html = blocks ? resolve_blocks(content, out) : autop(resolve_shortcodes(content, out));
  if (blocks) html = resolve_shortcodes(html, out);
  std::string document = "<html><body>" + html + "</body></html>";
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(document.data(), static_cast<int>(document.size()), nullptr, "UTF-8",
                     HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET),
      xmlFreeDoc);
  if (!doc) {
    out.markdown = escape_markdown(content);
    return out;
  }
  out.markdown = trimmed(block_node(xmlDocGetRootElement(doc.get())));
  return out;
}

}  // namespace kpress
