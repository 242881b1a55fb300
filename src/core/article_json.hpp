#pragma once
// The one JSON form of an article, shared by JSON import, revision snapshots and the JSON
// export: every field of Article, named as in Markdown front matter.
#include <boost/json/fwd.hpp>

#include <string>
#include <vector>

#include "core/content.hpp"
#include "core/validation.hpp"

namespace kpress {

boost::json::object article_to_json(const Article& article);
// Reads what `object` holds into `article`; a wrong type or value adds a FieldError naming the
// field. Unknown fields are errors too, so a typo is not silently dropped.
void article_from_json(const boost::json::object& object, Article& article, std::vector<FieldError>& errors);

}  // namespace kpress
