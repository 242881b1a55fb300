#pragma once
// schema.org descriptions of pages, as JSON-LD, for search engines and other readers of
// structured data: NewsArticle, TVSeries, Person, MusicGroup.
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/comments.hpp"
#include "core/content.hpp"
#include "core/entity_matcher.hpp"

namespace kpress {

// What turns a slug into an absolute URL on this site.
struct JsonLdContext {
  std::string base_url;  // http://127.0.0.1:8080
  std::string site_name;
  std::string url(const std::string& path) const;
  std::string entity_url(const EntityRef& entity) const;
};

std::string entity_path(const EntityRef& entity);  // /people/im-siwan

boost::json::object news_article_ld(const Article& article, const std::string& author_name,
                                    const std::vector<EntityRef>& about, const std::vector<EntityRef>& mentions,
                                    const JsonLdContext& context);
// The article's readers' comments: how many are shown, and those of the page as Comment items,
// each with its plain text.
struct CommentLd {
  const Comment* comment = nullptr;
  std::string text;
};
void add_comments_ld(boost::json::object& article_ld, std::int64_t count, const std::vector<CommentLd>& comments,
                     const std::string& article_url);
boost::json::object tv_series_ld(const Show& show, const std::string& network_name,
                                 const std::vector<std::pair<Credit, Person>>& cast, const JsonLdContext& context);
boost::json::object person_ld(const Person& person, const std::vector<Group>& groups, const JsonLdContext& context);
boost::json::object music_group_ld(const Group& group, const std::vector<std::pair<Membership, Person>>& members,
                                   const JsonLdContext& context);

// The <script type="application/ld+json"> element, with '<' escaped so the data cannot close it.
std::string json_ld_script(const boost::json::object& data);

}  // namespace kpress
