#pragma once
// The content model: the site, its languages, sections, tags, authors and articles.
// Articles refer to their section, author and tags by slug, so the same struct serves the store,
// the import/export files and the pages.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/comment_settings.hpp"
#include "core/navigation.hpp"
#include "core/time.hpp"

namespace kpress {

struct Site {
  std::string name = "kpress";
  std::string tagline;
  std::string base_url = "http://127.0.0.1:8080";
  std::string default_language = "fr";
  std::string time_zone = "Asia/Seoul";  // the zone dates are shown in before a reader's own
  CommentSettings comments;
  std::vector<NavigationLink> navigation;  // empty: the menu shows the sections
};

struct Language {
  std::string code;  // BCP 47: fr, en, ko
  std::string name;  // in that language: Français, English, 한국어
};

struct Section {
  std::string slug;
  std::string name;
  std::string description;
  int position = 0;  // order on the home page
  std::string parent;  // the slug of the section this one is under (an imported category's); empty: none
};

struct Tag {
  std::string slug;
  std::string name;
};

struct Author {
  std::string slug;
  std::string name;
  std::string bio;
};

enum class ArticleStatus { draft, scheduled, published, unpublished };

std::string_view to_string(ArticleStatus status);
std::optional<ArticleStatus> parse_article_status(std::string_view text);

// An article is news, in the lists and feeds; a page stands alone (About, Legal notice, Contact):
// at its own address ("/about"), in no list, feed or related box, with no byline, reactions or
// comments, and edited and revisioned in the newsroom like an article.
enum class ArticleKind { article, page };
std::string_view to_string(ArticleKind kind);
std::optional<ArticleKind> parse_article_kind(std::string_view text);

// Whether readers may comment on an article: as the site decides (core/comments.hpp), or open
// or closed whatever the site's rule.
enum class ArticleComments { site, open, closed };
std::string_view to_string(ArticleComments c);
std::optional<ArticleComments> parse_article_comments(std::string_view text);

struct HeroImage {
  std::string url;
  std::string alt;
  std::string credit;
  bool empty() const { return url.empty(); }
};

// Where a translated or rewritten article comes from.
struct SourceAttribution {
  std::string site;
  std::string url;
  std::string author;
  bool empty() const { return site.empty() && url.empty() && author.empty(); }
};

struct Article {
  std::int64_t id = 0;  // 0 until stored
  std::string slug;
  std::string language;
  std::string title;
  std::string standfirst;
  std::string body;  // Markdown
  std::string section;  // section slug
  std::string author;   // author slug
  std::vector<std::string> tags;  // tag slugs, in order
  HeroImage hero;
  ArticleStatus status = ArticleStatus::draft;
  std::optional<Instant> published_at;
  std::optional<Instant> updated_at;
  SourceAttribution source;
  std::string translator;
  std::string translation_of;  // slug of the article this one translates, if any
  // Entities ("person/im-siwan", "group/bts", "show/run-on") an editor attached to the article,
  // or detached from it although its text mentions them.
  std::vector<std::string> link;
  std::vector<std::string> unlink;
  int revision = 0;            // number of the revision this state is
  // Where readers of the unpublished article are sent (a path or an address); empty: 410 Gone.
  std::string redirect_to;
  // For a translation: the revision of its source it was made from.
  int source_revision = 0;
  ArticleComments comments = ArticleComments::site;
  ArticleKind kind = ArticleKind::article;
  // What search engines and shared links show, when not the title and standfirst (an SEO
  // plugin's title and description, kept by an import; the editor's).
  std::string seo_title;
  std::string seo_description;
  // Kept by the store, not part of a revision: the account that created the article (none for
  // imports) and when it went to the trash.
  std::optional<std::int64_t> created_by;
  std::optional<Instant> trashed_at;
};

// Where readers find each: "/articles/SLUG", "/section/SLUG", "/tag/SLUG", "/author/SLUG".
std::string article_path(std::string_view slug);
std::string section_path(std::string_view slug);
std::string tag_path(std::string_view slug);
std::string author_path(std::string_view slug);
std::string page_path(std::string_view slug);  // "/SLUG"
// Where readers find an article or a page.
std::string path_of(ArticleKind kind, std::string_view slug);

// What a list shows of an article.
struct ArticleSummary {
  std::int64_t id = 0;
  std::string slug;
  std::string language;
  std::string title;
  std::string standfirst;
  std::string section;
  std::string author;
  HeroImage hero;
  ArticleStatus status = ArticleStatus::draft;
  std::optional<Instant> published_at;
  std::optional<Instant> updated_at;
  ArticleKind kind = ArticleKind::article;
};

ArticleSummary summarize(const Article& article);

// A story an editor pins to the front page of a language's edition (WordPress's sticky posts,
// Ghost's featured): shown first, in `position` order, until `until` when it is set.
struct FeaturedStory {
  std::int64_t article_id = 0;
  int position = 0;
  std::optional<Instant> until;
  bool operator==(const FeaturedStory&) const = default;
};
// Whether two states of an article say the same (what a revision records; not the store's own
// id, creator or trash time): saving the same state again makes no new revision.
bool same_content(const Article& a, const Article& b);
// What entity linking reads of an article: its title and standfirst count as paragraphs too.
std::string article_text(const Article& article);

// A reader sees a published article, and a scheduled one once its time has come.
bool is_visible(ArticleStatus status, std::optional<Instant> published_at, Instant now);

struct Revision {
  std::int64_t article_id = 0;
  int number = 0;  // 1 for the first save
  Instant saved_at;
  std::optional<std::int64_t> saved_by;  // the account that saved it; none for imports
  Article article;  // the whole article as it was saved
};

}  // namespace kpress
