#include "exchange/wxr_reader.hpp"

#include <libxml/xmlreader.h>

#include <charconv>
#include <memory>
#include <string_view>

namespace kpress {
namespace {

// An element's name as this reader knows it: its local name after the prefix WXR gives its
// namespace ("wp:", "excerpt:", "content:", "dc:"), whatever prefix the file itself uses.
std::string known_name(xmlTextReaderPtr reader) {
  const auto* local = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
  const auto* uri = reinterpret_cast<const char*>(xmlTextReaderConstNamespaceUri(reader));
  std::string name = local ? local : "";
  if (!uri) return name;
  std::string_view ns(uri);
  bool wordpress = ns.starts_with("http://wordpress.org/export/") || ns.starts_with("https://wordpress.org/export/");
  if (wordpress) return (ns.ends_with("/excerpt/") ? "excerpt:" : "wp:") + name;
  if (ns == "http://purl.org/rss/1.0/modules/content/") return "content:" + name;
  if (ns == "http://purl.org/dc/elements/1.1/") return "dc:" + name;
  return name;
}

std::int64_t number(const std::string& text) {
  std::int64_t n = 0;
  auto begin = text.data();
  while (begin != text.data() + text.size() && (*begin == ' ' || *begin == '\n' || *begin == '\t')) ++begin;
  std::from_chars(begin, text.data() + text.size(), n);
  return n;
}

std::string attribute(xmlTextReaderPtr reader, const char* name) {
  xmlChar* value = xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// The first error libxml2 reports, with where it was.
struct FirstError {
  bool set = false;
  int line = 0, column = 0;
  std::string message;
};

void keep_first_error(void* context, xmlErrorPtr error) {
  auto* first = static_cast<FirstError*>(context);
  if (first->set || !error) return;
  first->set = true;
  first->line = error->line;
  first->column = error->int2;
  first->message = error->message ? error->message : "unreadable XML";
  while (!first->message.empty() && (first->message.back() == '\n' || first->message.back() == ' '))
    first->message.pop_back();
}

// Where the reader is: the elements open from <rss> down, and what each part being read holds.
class Reading {
 public:
  Reading(xmlTextReaderPtr reader, WxrVisitor& visitor) : reader_(reader), visitor_(visitor) {}

  void open(const std::string& name) {
    path_.push_back(name);
    text_.clear();
    if (in("item") && path_.size() == 3) {
      item_ = WxrItem{};
      item_.line = xmlTextReaderGetParserLineNumber(reader_);
    }
    if (in_item() && name == "category" && path_.size() == 4) {
      item_term_ = WxrTerm{attribute(reader_, "domain"), 0, attribute(reader_, "nicename"), "", "", ""};
    }
    if (in_item() && name == "wp:comment" && path_.size() == 4) {
      comment_ = WxrComment{};
      comment_.line = xmlTextReaderGetParserLineNumber(reader_);
    }
    if (in_item() && name == "wp:postmeta" && path_.size() == 4) meta_ = {};
    if (path_.size() == 3 && (name == "wp:author")) author_ = WxrAuthor{};
    if (path_.size() == 3 && (name == "wp:category" || name == "wp:tag" || name == "wp:term")) {
      term_ = WxrTerm{};
      term_.taxonomy = name == "wp:category" ? "category" : name == "wp:tag" ? "post_tag" : "";
    }
  }

  void text(const char* value) {
    if (value) text_ += value;
  }

  void close() {
    if (path_.empty()) return;
    const std::string name = path_.back();
    std::size_t depth = path_.size();
    if (depth == 3 && path_[1] == "channel") close_channel_part(name);
    else if (depth == 4 && path_[2] == "item") close_item_field(name);
    else if (depth == 4 && path_[1] == "channel" && path_[2] != "item") close_term_or_author_field(name);
    else if (depth == 5 && path_[2] == "item" && path_[3] == "wp:comment") close_comment_field(name);
    else if (depth == 5 && path_[2] == "item" && path_[3] == "wp:postmeta") {
      if (name == "wp:meta_key") meta_.first = text_;
      else if (name == "wp:meta_value") meta_.second = text_;
    }
    path_.pop_back();
    text_.clear();
  }

  void finish() { tell_site(); }  // an export without authors, terms or items

 private:
  // A date, and where it is: a date the import cannot read is named by its line.
  void date(std::string& value, int& line) const {
    value = text_;
    line = xmlTextReaderGetParserLineNumber(reader_);
  }
  bool in(std::string_view name) const { return path_.size() >= 3 && path_[2] == name; }
  bool in_item() const { return in("item"); }

  void tell_site() {
    if (site_told_) return;
    site_told_ = true;
    visitor_.site(site_);
  }

  void close_channel_part(const std::string& name) {
    if (name == "title") site_.title = text_;
    else if (name == "link") site_.link = text_;
    else if (name == "language") site_.language = text_;
    else if (name == "wp:wxr_version") site_.wxr_version = text_;
    else if (name == "wp:base_site_url") site_.base_site_url = text_;
    else if (name == "wp:base_blog_url") site_.base_blog_url = text_;
    else if (name == "wp:author") {
      tell_site();
      visitor_.author(author_);
    } else if (name == "wp:category" || name == "wp:tag" || name == "wp:term") {
      tell_site();
      visitor_.term(term_);
    } else if (name == "item") {
      tell_site();
      visitor_.item(std::move(item_));
      item_ = WxrItem{};
    }
  }

  void close_term_or_author_field(const std::string& name) {
    if (name == "wp:author_id") author_.id = number(text_);
    else if (name == "wp:author_login") author_.login = text_;
    else if (name == "wp:author_email") author_.email = text_;
    else if (name == "wp:author_display_name") author_.display_name = text_;
    else if (name == "wp:term_id") term_.id = number(text_);
    else if (name == "wp:category_nicename" || name == "wp:tag_slug" || name == "wp:term_slug") term_.slug = text_;
    else if (name == "wp:cat_name" || name == "wp:tag_name" || name == "wp:term_name") term_.name = text_;
    else if (name == "wp:category_parent" || name == "wp:term_parent") term_.parent = text_;
    else if (name == "wp:category_description" || name == "wp:tag_description" || name == "wp:term_description")
      term_.description = text_;
    else if (name == "wp:term_taxonomy") term_.taxonomy = text_;
  }

  void close_item_field(const std::string& name) {
    auto& i = item_;
    if (name == "title") i.title = text_;
    else if (name == "link") i.link = text_;
    else if (name == "guid") i.guid = text_;
    else if (name == "dc:creator") i.creator = text_;
    else if (name == "content:encoded") i.content = text_;
    else if (name == "excerpt:encoded") i.excerpt = text_;
    else if (name == "wp:post_id") i.post_id = number(text_);
    else if (name == "wp:post_parent") i.parent = number(text_);
    else if (name == "wp:menu_order") i.menu_order = static_cast<int>(number(text_));
    else if (name == "wp:post_date") date(i.post_date, i.date_lines[0]);
    else if (name == "wp:post_date_gmt") date(i.post_date_gmt, i.date_lines[1]);
    else if (name == "wp:post_modified") date(i.post_modified, i.date_lines[2]);
    else if (name == "wp:post_modified_gmt") date(i.post_modified_gmt, i.date_lines[3]);
    else if (name == "wp:post_name") i.slug = text_;
    else if (name == "wp:status") i.status = text_;
    else if (name == "wp:post_type") i.type = text_;
    else if (name == "wp:post_password") i.password = text_;
    else if (name == "wp:comment_status") i.comment_status = text_;
    else if (name == "wp:is_sticky") i.sticky = number(text_) != 0;
    else if (name == "wp:attachment_url") i.attachment_url = text_;
    else if (name == "category") {
      item_term_.name = text_;
      i.terms.push_back(std::move(item_term_));
    } else if (name == "wp:postmeta") i.meta.push_back(std::move(meta_));
    else if (name == "wp:comment") i.comments.push_back(std::move(comment_));
  }

  void close_comment_field(const std::string& name) {
    auto& c = comment_;
    if (name == "wp:comment_id") c.id = number(text_);
    else if (name == "wp:comment_parent") c.parent = number(text_);
    else if (name == "wp:comment_author") c.author = text_;
    else if (name == "wp:comment_author_email") c.email = text_;
    else if (name == "wp:comment_author_url") c.url = text_;
    else if (name == "wp:comment_date") date(c.date, c.date_line);
    else if (name == "wp:comment_date_gmt") date(c.date_gmt, c.date_line);
    else if (name == "wp:comment_content") c.content = text_;
    else if (name == "wp:comment_approved") c.approved = text_;
    else if (name == "wp:comment_type") c.type = text_;
    else if (name == "wp:comment_user_id") c.user_id = number(text_);
  }

  xmlTextReaderPtr reader_;
  WxrVisitor& visitor_;
  std::vector<std::string> path_;
  std::string text_;
  WxrSite site_;
  bool site_told_ = false;
  WxrAuthor author_;
  WxrTerm term_;
  WxrItem item_;
  WxrTerm item_term_;
  WxrComment comment_;
  std::pair<std::string, std::string> meta_;
};

}  // namespace

WxrError::WxrError(const std::string& file, int line, int column, const std::string& what)
    : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what),
      line_(line), column_(column) {}

void read_wxr(const std::filesystem::path& file, WxrVisitor& visitor) {
  // No network, no DTD loaded, no entity substituted; CDATA read as text.
  std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> reader(
      xmlReaderForFile(file.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOCDATA), xmlFreeTextReader);
  if (!reader) throw WxrError(file.string(), 0, 0, "cannot be opened");
  FirstError error;
  xmlTextReaderSetStructuredErrorHandler(reader.get(), keep_first_error, &error);
  Reading reading(reader.get(), visitor);
  bool root_checked = false;
  int rc = 0;
  while ((rc = xmlTextReaderRead(reader.get())) == 1) {
    auto* r = reader.get();
    int type = xmlTextReaderNodeType(r);
    auto where = [&] { return std::pair(xmlTextReaderGetParserLineNumber(r), xmlTextReaderGetParserColumnNumber(r)); };
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      auto [line, column] = where();
      throw WxrError(file.string(), line, column,
                     "a document type declaration (DOCTYPE): WordPress exports have none, and its entities are not read");
    }
    if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
      auto [line, column] = where();
      throw WxrError(file.string(), line, column, "an entity reference: WordPress exports use none, and entities are not expanded");
    }
    if (type == XML_READER_TYPE_ELEMENT) {
      std::string name = known_name(r);
      if (!root_checked) {
        root_checked = true;
        if (name != "rss") {
          auto [line, column] = where();
          throw WxrError(file.string(), line, column, "not a WordPress export: its root element is <" + name + ">, not <rss>");
        }
      }
      reading.open(name);
      if (xmlTextReaderIsEmptyElement(r)) reading.close();
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      reading.close();
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      reading.text(reinterpret_cast<const char*>(xmlTextReaderConstValue(r)));
    }
  }
  if (rc != 0 || error.set) {
    if (error.set) throw WxrError(file.string(), error.line, error.column, error.message);
    throw WxrError(file.string(), xmlTextReaderGetParserLineNumber(reader.get()),
                   xmlTextReaderGetParserColumnNumber(reader.get()), "unreadable XML");
  }
  if (!root_checked) throw WxrError(file.string(), 1, 1, "an empty file: not a WordPress export");
  reading.finish();
}

}  // namespace kpress
