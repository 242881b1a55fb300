#include "render/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace kpress {
namespace {

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct FreeDeleter {
  void operator()(char* p) const { free(p); }  // NOLINT: cmark allocates with malloc
};

// Not CMARK_OPT_UNSAFE: that option is what would let raw HTML and dangerous links through.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES;
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};
// Readers' comments: no footnotes and no tables.
constexpr int kCommentOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SMART;
constexpr const char* kCommentExtensions[] = {"strikethrough", "autolink", "tagfilter"};

class Document {
 public:
  enum class Flavour { article, comment };
  explicit Document(std::string_view markdown, Flavour flavour = Flavour::article)
      : options_(flavour == Flavour::article ? kOptions : kCommentOptions), parser_(cmark_parser_new(options_)) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    auto attach = [&](const auto& names) {
      for (const char* name : names) {
        if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser_.get(), ext);
      }
    };
    if (flavour == Flavour::article) attach(kExtensions);
    else attach(kCommentExtensions);
    cmark_parser_feed(parser_.get(), markdown.data(), markdown.size());
    root_.reset(cmark_parser_finish(parser_.get()));
  }
  cmark_node* root() const { return root_.get(); }
  std::string html() const {
    std::unique_ptr<char, FreeDeleter> out(
        cmark_render_html(root_.get(), options_, cmark_parser_get_syntax_extensions(parser_.get())));
    return out ? std::string(out.get()) : std::string();
  }

 private:
  int options_;
  std::unique_ptr<cmark_parser, ParserDeleter> parser_;
  std::unique_ptr<cmark_node, NodeDeleter> root_;
};

// The block a text node belongs to (a paragraph, list item, table cell), or null when its text
// must not be linked (inside a link, an image or a heading).
cmark_node* linkable_block(cmark_node* text) {
  for (cmark_node* n = cmark_node_parent(text); n; n = cmark_node_parent(n)) {
    auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE || type == CMARK_NODE_HEADING) return nullptr;
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM) return n;
    if (std::string_view(cmark_node_get_type_string(n)) == "table_cell") return n;
  }
  return nullptr;
}

struct TextMention {
  cmark_node* text;
  std::vector<Mention> mentions;  // the ones to link, in order
};

// Every mention to link: the first of each entity in each block.
std::vector<TextMention> find_mentions(cmark_node* root, const EntityMatcher& entities) {
  std::vector<TextMention> found;
  std::map<cmark_node*, std::set<std::pair<EntityKind, std::string>>> linked_in_block;
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root), cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_TEXT) continue;
    cmark_node* block = linkable_block(node);
    if (!block) continue;
    const char* literal = cmark_node_get_literal(node);
    if (!literal) continue;
    TextMention tm{node, {}};
    for (const auto& m : entities.find(literal)) {
      if (linked_in_block[block].insert({m.entity->kind, m.entity->slug}).second) tm.mentions.push_back(m);
    }
    if (!tm.mentions.empty()) found.push_back(std::move(tm));
  }
  return found;
}

// The URL a paragraph holds and nothing else ("https://youtu.be/..." on its own line, which the
// autolink extension has made a link to itself), or empty.
std::string lone_url(cmark_node* paragraph) {
  // The autolink extension leaves empty text nodes around the links it makes.
  auto empty_text = [](cmark_node* n) {
    const char* literal = cmark_node_get_literal(n);
    return cmark_node_get_type(n) == CMARK_NODE_TEXT && (!literal || !*literal);
  };
  cmark_node* child = nullptr;
  for (cmark_node* n = cmark_node_first_child(paragraph); n; n = cmark_node_next(n)) {
    if (empty_text(n)) continue;
    if (child) return {};
    child = n;
  }
  if (!child) return {};
  if (cmark_node_get_type(child) == CMARK_NODE_TEXT) {
    std::string_view text = cmark_node_get_literal(child) ? cmark_node_get_literal(child) : "";
    return text.starts_with("http") && text.find(' ') == std::string_view::npos ? std::string(text) : std::string();
  }
  if (cmark_node_get_type(child) != CMARK_NODE_LINK) return {};
  cmark_node* text = cmark_node_first_child(child);
  const char* url = cmark_node_get_url(child);
  if (!url || !text || text != cmark_node_last_child(child) || cmark_node_get_type(text) != CMARK_NODE_TEXT) return {};
  return std::string_view(cmark_node_get_literal(text) ? cmark_node_get_literal(text) : "") == url ? url : "";
}

// Each paragraph that is only a video's URL becomes the video's facade: a custom block, whose
// HTML (made and escaped by video_facade_html) cmark writes as it is.
void embed_videos(cmark_node* root, const PosterUrl& poster, const VideoWords& words) {
  std::vector<std::pair<cmark_node*, VideoEmbed>> found;
  for (cmark_node* block = cmark_node_first_child(root); block; block = cmark_node_next(block)) {
    if (cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH) continue;
    if (auto video = video_embed(lone_url(block))) found.emplace_back(block, std::move(*video));
  }
  for (auto& [paragraph, video] : found) {
    cmark_node* facade = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    std::string poster_url = poster ? poster(video) : std::string(kVideoPlaceholder);
    cmark_node_set_on_enter(facade, video_facade_html(video, poster_url, words).c_str());
    cmark_node_insert_before(paragraph, facade);
    cmark_node_free(paragraph);
  }
}

cmark_node* text_node(std::string_view text) {
  cmark_node* n = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(n, std::string(text).c_str());
  return n;
}

}  // namespace

CommentHtml render_comment_markdown(std::string_view markdown) {
  Document doc(markdown, Document::Flavour::comment);
  // Headings read as paragraphs and images as links to them: a comment neither shouts nor
  // loads pictures from elsewhere into the page. Changed after the walk, which a change in
  // the tree would break.
  std::vector<cmark_node*> headings, images;
  int links = 0;
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(doc.root()), cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING: headings.push_back(node); break;
      case CMARK_NODE_IMAGE: images.push_back(node); break;
      case CMARK_NODE_LINK: ++links; break;
      default: break;
    }
  }
  iter.reset();
  // A replaced node is kept (unlinked) until the page is rendered: its children's text points
  // into the content it owns.
  std::vector<std::unique_ptr<cmark_node, NodeDeleter>> replaced;
  auto replace = [&replaced](cmark_node* old, cmark_node_type type) {
    cmark_node* made = cmark_node_new(type);
    if (type == CMARK_NODE_LINK) cmark_node_set_url(made, cmark_node_get_url(old));
    while (cmark_node* child = cmark_node_first_child(old)) cmark_node_append_child(made, child);
    cmark_node_insert_before(old, made);
    cmark_node_unlink(old);
    replaced.emplace_back(old);
  };
  for (auto* h : headings) replace(h, CMARK_NODE_PARAGRAPH);
  for (auto* i : images) replace(i, CMARK_NODE_LINK);
  links += static_cast<int>(images.size());
  // Raw HTML is never rendered (safe mode): every "<a href=" in the output is cmark's own.
  std::string html = doc.html();
  static constexpr std::string_view kLink = "<a href=\"", kMarked = "<a rel=\"nofollow ugc noopener\" href=\"";
  for (auto at = html.find(kLink); at != std::string::npos; at = html.find(kLink, at + kMarked.size()))
    html.replace(at, kLink.size(), kMarked);
  return {std::move(html), links};
}

std::string comment_plain_text(std::string_view markdown) {
  Document doc(markdown, Document::Flavour::comment);
  std::unique_ptr<char, FreeDeleter> out(cmark_render_plaintext(doc.root(), CMARK_OPT_DEFAULT, 0));
  std::string text = out ? std::string(out.get()) : std::string();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// An article's headings fall under its page's title (the page's one h1) with no level skipped,
// as assistive technologies walk them: the text's highest level becomes h2, the others keep
// their distance from it, and none goes more than one level below the heading before it. A text
// written with "#" for its sections, or that starts at "###" (as many WordPress posts do), reads
// the same.
namespace {
void level_headings(cmark_node* root) {
  std::vector<cmark_node*> headings;
  int highest = 6;
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root), cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_HEADING) continue;
    headings.push_back(node);
    highest = std::min(highest, cmark_node_get_heading_level(node));
  }
  int previous = 1;  // the page's title
  for (cmark_node* node : headings) {
    int level = std::min({cmark_node_get_heading_level(node) - highest + 2, previous + 1, 6});
    cmark_node_set_heading_level(node, level);
    previous = level;
  }
}
}  // namespace

std::string render_markdown(std::string_view markdown, const PosterUrl& poster, const VideoWords& words) {
  Document doc(markdown);
  embed_videos(doc.root(), poster, words);
  level_headings(doc.root());
  return doc.html();
}

std::string render_markdown(std::string_view markdown, const EntityMatcher& entities, const EntityUrl& url,
                            const PosterUrl& poster, const VideoWords& words) {
  Document doc(markdown);
  embed_videos(doc.root(), poster, words);
  level_headings(doc.root());
  for (const auto& [node, mentions] : find_mentions(doc.root(), entities)) {
    // Rebuild the text node as text, link, text, ... before it, then drop it.
    std::string literal = cmark_node_get_literal(node);
    std::size_t at = 0;
    for (const auto& m : mentions) {
      if (m.begin > at) cmark_node_insert_before(node, text_node(std::string_view(literal).substr(at, m.begin - at)));
      cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
      cmark_node_set_url(link, url(*m.entity).c_str());
      cmark_node_set_title(link, m.entity->name.c_str());
      cmark_node_append_child(link, text_node(std::string_view(literal).substr(m.begin, m.end - m.begin)));
      cmark_node_insert_before(node, link);
      at = m.end;
    }
    if (at < literal.size()) cmark_node_insert_before(node, text_node(std::string_view(literal).substr(at)));
    cmark_node_free(node);
  }
  return doc.html();
}

std::vector<EntityRef> mentioned_entities(std::string_view markdown, const EntityMatcher& entities) {
  Document doc(markdown);
  std::vector<EntityRef> out;
  for (const auto& tm : find_mentions(doc.root(), entities)) {
    for (const auto& m : tm.mentions) {
      if (std::find(out.begin(), out.end(), *m.entity) == out.end()) out.push_back(*m.entity);
    }
  }
  return out;
}

}  // namespace kpress
