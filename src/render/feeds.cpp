#include "render/feeds.hpp"

#include <boost/json.hpp>

#include "render/xml.hpp"

namespace kpress {

namespace json = boost::json;

namespace {

void element(std::string& out, std::string_view name, std::string_view text, std::string_view indent = "    ") {
  out += std::string(indent) + "<" + std::string(name) + ">" + xml_escape(text) + "</" + std::string(name) + ">\n";
}

void link(std::string& out, std::string_view prefix, std::string_view rel, const std::string& href,
          std::string_view type = {}) {
  if (href.empty()) return;
  out += "    <" + std::string(prefix) + "link rel=\"" + std::string(rel) + "\" href=\"" + xml_escape(href) + "\"";
  if (!type.empty()) out += " type=\"" + std::string(type) + "\"";
  out += "/>\n";
}

}  // namespace

std::string rss_feed(const Feed& f) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\">\n"
      "  <channel>\n";
  element(out, "title", f.title);
  element(out, "link", f.home_url);
  element(out, "description", f.description.empty() ? f.title : f.description);
  if (!f.language.empty()) element(out, "language", f.language);
  element(out, "lastBuildDate", format_http_date(f.updated));
  element(out, "generator", "kpress");
  link(out, "atom:", "self", f.self_url, "application/rss+xml");
  link(out, "atom:", "first", f.first_url);
  link(out, "atom:", "previous", f.previous_url);
  link(out, "atom:", "next", f.next_url);
  link(out, "atom:", "last", f.last_url);
  for (const auto& item : f.items) {
    out += "    <item>\n";
    element(out, "title", item.title, "      ");
    element(out, "link", item.url, "      ");
    out += "      <guid isPermaLink=\"true\">" + xml_escape(item.url) + "</guid>\n";
    if (item.published) element(out, "pubDate", format_http_date(*item.published), "      ");
    if (!item.author.empty()) element(out, "dc:creator", item.author, "      ");
    for (const auto& c : item.categories) element(out, "category", c, "      ");
    element(out, "description", item.summary, "      ");
    if (!item.content_html.empty()) element(out, "content:encoded", item.content_html, "      ");
    if (!item.comments_url.empty()) element(out, "comments", item.comments_url, "      ");
    if (!item.comments_feed_url.empty()) element(out, "wfw:commentRss", item.comments_feed_url, "      ");
    if (!item.image_url.empty()) {
      out += "      <enclosure url=\"" + xml_escape(item.image_url) + "\" length=\"0\" type=\"" + item.image_type + "\"/>\n";
      out += "      <media:content url=\"" + xml_escape(item.image_url) + "\" medium=\"image\" type=\"" +
             item.image_type + "\"/>\n";
    }
    out += "    </item>\n";
  }
  out += "  </channel>\n</rss>\n";
  return out;
}

std::string atom_feed(const Feed& f) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  if (!f.language.empty()) out += " xml:lang=\"" + xml_escape(f.language) + "\"";
  out += ">\n";
  element(out, "id", f.self_url.substr(0, f.self_url.find('?')), "  ");
  element(out, "title", f.title, "  ");
  if (!f.description.empty()) element(out, "subtitle", f.description, "  ");
  element(out, "updated", format_iso8601(f.updated), "  ");
  out += "  <generator>kpress</generator>\n";
  link(out, "", "self", f.self_url, "application/atom+xml");
  link(out, "", "alternate", f.home_url, "text/html");
  link(out, "", "first", f.first_url);
  link(out, "", "previous", f.previous_url);
  link(out, "", "next", f.next_url);
  link(out, "", "last", f.last_url);
  for (const auto& item : f.items) {
    out += "  <entry>\n";
    element(out, "id", item.url);
    element(out, "title", item.title);
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(item.url) + "\"/>\n";
    if (item.published) element(out, "published", format_iso8601(*item.published));
    element(out, "updated", format_iso8601(item.updated.value_or(item.published.value_or(f.updated))));
    out += "    <author><name>" + xml_escape(item.author.empty() ? f.title : item.author) + "</name></author>\n";
    for (const auto& c : item.categories) out += "    <category term=\"" + xml_escape(c) + "\"/>\n";
    out += "    <summary type=\"text\">" + xml_escape(item.summary) + "</summary>\n";
    if (!item.content_html.empty()) out += "    <content type=\"html\">" + xml_escape(item.content_html) + "</content>\n";
    if (!item.image_url.empty())
      out += "    <link rel=\"enclosure\" type=\"" + item.image_type + "\" href=\"" + xml_escape(item.image_url) + "\"/>\n";
    if (!item.comments_feed_url.empty()) {
      std::string atom_replies = item.comments_feed_url.substr(0, item.comments_feed_url.rfind('.')) + ".atom";
      out += "    <link rel=\"replies\" type=\"application/atom+xml\" href=\"" + xml_escape(atom_replies) + "\"/>\n";
    }
    out += "  </entry>\n";
  }
  return out + "</feed>\n";
}

std::string json_feed(const Feed& f) {
  json::object o{{"version", "https://jsonfeed.org/version/1.1"},
                 {"title", f.title},
                 {"home_page_url", f.home_url},
                 {"feed_url", f.self_url}};
  if (!f.description.empty()) o["description"] = f.description;
  if (!f.language.empty()) o["language"] = f.language;
  if (!f.next_url.empty()) o["next_url"] = f.next_url;
  json::array items;
  for (const auto& item : f.items) {
    json::object i{{"id", item.url}, {"url", item.url}, {"title", item.title}};
    if (!item.summary.empty()) i["summary"] = item.summary;
    if (!item.content_html.empty()) i["content_html"] = item.content_html;
    else i["content_text"] = item.summary;
    if (item.published) i["date_published"] = format_iso8601(*item.published);
    if (item.updated) i["date_modified"] = format_iso8601(*item.updated);
    if (!item.author.empty()) i["authors"] = json::array{json::object{{"name", item.author}}};
    if (!item.categories.empty()) i["tags"] = json::array(item.categories.begin(), item.categories.end());
    if (!item.image_url.empty()) i["image"] = item.image_url;
    if (!item.language.empty()) i["language"] = item.language;
    items.push_back(std::move(i));
  }
  o["items"] = std::move(items);
  return json::serialize(o);
}

}  // namespace kpress
