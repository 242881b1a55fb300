#pragma once
// Syndication feeds of a list of articles: RSS 2.0, Atom 1.0 and JSON Feed 1.1, with paging
// links as RFC 5005 describes (first, previous, next, last) and the hero image as enclosure.
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace kpress {

struct FeedItem {
  std::string url;  // absolute; also the item's id
  std::string title;
  std::string summary;
  std::string content_html;  // empty: the summary only
  std::string language;
  std::string author;
  std::vector<std::string> categories;
  std::optional<Instant> published;
  std::optional<Instant> updated;
  std::string image_url;  // absolute
  std::string image_type;
  // Where its readers' comments are: the page's thread and their feed (RSS <comments> and
  // wfw:commentRss; Atom's rel="replies", RFC 4685). Empty: none.
  std::string comments_url;
  std::string comments_feed_url;
};

struct Feed {
  std::string title;
  std::string description;
  std::string language;
  std::string home_url;   // the HTML page this feed follows
  std::string self_url;   // this feed, this page
  std::string first_url, previous_url, next_url, last_url;  // paging; empty when there is none
  Instant updated;
  std::vector<FeedItem> items;
};

std::string rss_feed(const Feed& feed);
std::string atom_feed(const Feed& feed);
std::string json_feed(const Feed& feed);

}  // namespace kpress
