#pragma once
// WordPress's export format (WXR 1.0 to 1.2, under the http:// or https://wordpress.org/export/
// namespaces), read as a stream with libxml2's reader: the site, then each author, term and item
// (post, page, attachment, menu item...) with its terms, metadata and comments, handed over one
// at a time, so memory does not grow with the file. No DTD is read and no entity expanded (a file
// with a DOCTYPE is refused: WordPress never writes one), nothing is fetched from the network,
// and a text node over libxml2's limit (10 MB) is refused.
#include <array>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kpress {

struct WxrSite {
  std::string title;
  std::string link;
  std::string language;
  std::string wxr_version;
  std::string base_site_url;
  std::string base_blog_url;
};

struct WxrAuthor {
  std::int64_t id = 0;
  std::string login;
  std::string email;
  std::string display_name;
};

// A category, tag or term of another taxonomy; on an item, `id` and `parent` are unknown.
struct WxrTerm {
  std::string taxonomy;  // "category", "post_tag", "nav_menu", "language", "post_translations"...
  std::int64_t id = 0;
  std::string slug;
  std::string name;
  std::string parent;  // the parent's slug
  std::string description;  // Polylang keeps a translation group's members here (PHP-serialized)
};

struct WxrComment {
  std::int64_t id = 0;
  std::int64_t parent = 0;
  std::string author;
  std::string email;
  std::string url;
  std::string date;      // "YYYY-MM-DD HH:MM:SS", the site's time
  std::string date_gmt;  // the same in UTC
  std::string content;
  std::string approved;  // "1", "0", "spam", "trash"
  std::string type;      // "", "comment", "pingback", "trackback"
  std::int64_t user_id = 0;
  int line = 0;       // where it starts in the file
  int date_line = 0;  // where its dates are
};

struct WxrItem {
  std::string title;
  std::string link;
  std::string guid;
  std::string creator;  // the author's login
  std::string content;
  std::string excerpt;
  std::int64_t post_id = 0;
  std::int64_t parent = 0;
  int menu_order = 0;
  std::string post_date, post_date_gmt, post_modified, post_modified_gmt;
  std::string slug;  // post_name, as exported (percent-encoded when not Latin)
  std::string status;
  std::string type;
  std::string password;
  std::string comment_status;
  bool sticky = false;
  std::string attachment_url;
  std::vector<WxrTerm> terms;
  std::vector<std::pair<std::string, std::string>> meta;
  std::vector<WxrComment> comments;
  int line = 0;  // where it starts in the file
  // Where each of its dates is (post_date, post_date_gmt, post_modified, post_modified_gmt).
  std::array<int, 4> date_lines{};
};

// Told of each part of the file as it is read, in the file's order.
class WxrVisitor {
 public:
  virtual ~WxrVisitor() = default;
  virtual void site(const WxrSite&) {}
  virtual void author(const WxrAuthor&) {}
  virtual void term(const WxrTerm&) {}
  virtual void item(WxrItem&& item) = 0;
};

// What is wrong with a file, and where.
class WxrError : public std::runtime_error {
 public:
  WxrError(const std::string& file, int line, int column, const std::string& what);
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  int line_, column_;
};

// Reads `file`, telling `visitor`; throws WxrError at the first fault (what was told stays told:
// a caller writing as it reads keeps it in one transaction).
void read_wxr(const std::filesystem::path& file, WxrVisitor& visitor);

}  // namespace kpress
