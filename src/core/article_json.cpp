#include "core/article_json.hpp"

#include <boost/json.hpp>

namespace kpress {
namespace json = boost::json;
namespace {

json::value optional_time(const std::optional<Instant>& t) {
  return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
}

class Reader {
 public:
  Reader(std::vector<FieldError>& errors) : errors_(errors) {}

  void string(const json::value& v, const std::string& field, std::string& out) {
    if (auto* s = v.if_string()) {
      out.assign(s->data(), s->size());
    } else {
      errors_.push_back({field, "must be a string"});
    }
  }
  void time(const json::value& v, const std::string& field, std::optional<Instant>& out) {
    if (v.is_null()) {
      out.reset();
    } else if (auto* s = v.if_string(); s && (out = parse_iso8601(*s))) {
    } else {
      errors_.push_back({field, "must be a date and time such as 2020-12-16T21:00:00+09:00"});
    }
  }
  void fail(const std::string& field, const std::string& message) { errors_.push_back({field, message}); }

 private:
  std::vector<FieldError>& errors_;
};

}  // namespace

json::object article_to_json(const Article& a) {
  json::object o;
  if (a.id) o["id"] = a.id;
  o["slug"] = a.slug;
  o["language"] = a.language;
  o["title"] = a.title;
  o["standfirst"] = a.standfirst;
  o["section"] = a.section;
  o["author"] = a.author;
  json::array tags;
  for (const auto& t : a.tags) tags.emplace_back(t);
  o["tags"] = std::move(tags);
  o["status"] = to_string(a.status);
  o["published_at"] = optional_time(a.published_at);
  o["updated_at"] = optional_time(a.updated_at);
  o["hero"] = {{"url", a.hero.url}, {"alt", a.hero.alt}, {"credit", a.hero.credit}};
  o["source"] = {{"site", a.source.site}, {"url", a.source.url}, {"author", a.source.author}};
  o["translator"] = a.translator;
  o["translation_of"] = a.translation_of;
  if (a.source_revision) o["source_revision"] = a.source_revision;
  if (!a.redirect_to.empty()) o["redirect_to"] = a.redirect_to;
  if (a.comments != ArticleComments::site) o["comments"] = to_string(a.comments);
  if (a.kind != ArticleKind::article) o["kind"] = to_string(a.kind);
  if (!a.seo_title.empty()) o["seo_title"] = a.seo_title;
  if (!a.seo_description.empty()) o["seo_description"] = a.seo_description;
  if (!a.link.empty()) o["link"] = json::array(a.link.begin(), a.link.end());
  if (!a.unlink.empty()) o["unlink"] = json::array(a.unlink.begin(), a.unlink.end());
  o["body"] = a.body;
  return o;
}

void article_from_json(const json::object& object, Article& a, std::vector<FieldError>& errors) {
  Reader r(errors);
  for (const auto& [key, v] : object) {
    std::string field(key);
    if (key == "id") {
      if (auto* i = v.if_int64(); i && *i > 0) a.id = *i;
      else r.fail(field, "must be a positive whole number");
    } else if (key == "slug") r.string(v, field, a.slug);
    else if (key == "language") r.string(v, field, a.language);
    else if (key == "title") r.string(v, field, a.title);
    else if (key == "standfirst") r.string(v, field, a.standfirst);
    else if (key == "body") r.string(v, field, a.body);
    else if (key == "section") r.string(v, field, a.section);
    else if (key == "author") r.string(v, field, a.author);
    else if (key == "translator") r.string(v, field, a.translator);
    else if (key == "translation_of") r.string(v, field, a.translation_of);
    else if (key == "redirect_to") r.string(v, field, a.redirect_to);
    else if (key == "seo_title") r.string(v, field, a.seo_title);
    else if (key == "seo_description") r.string(v, field, a.seo_description);
    else if (key == "source_revision") {
      if (auto* i = v.if_int64(); i && *i >= 0 && *i < 1'000'000'000) a.source_revision = static_cast<int>(*i);
      else r.fail(field, "must be a revision number");
    }
    else if (key == "kind") {
      std::string text;
      r.string(v, field, text);
      if (auto k = parse_article_kind(text)) a.kind = *k;
      else if (v.is_string()) r.fail(field, "must be article or page");
    }
    else if (key == "comments") {
      std::string text;
      r.string(v, field, text);
      if (auto c = parse_article_comments(text)) a.comments = *c;
      else if (v.is_string()) r.fail(field, "must be site, open or closed");
    }
    else if (key == "published_at") r.time(v, field, a.published_at);
    else if (key == "updated_at") r.time(v, field, a.updated_at);
    else if (key == "status") {
      std::string text;
      r.string(v, field, text);
      if (auto s = parse_article_status(text)) a.status = *s;
      else if (v.is_string()) r.fail(field, "must be draft, scheduled, published or unpublished");
    } else if (key == "tags" || key == "link" || key == "unlink") {
      auto& list = key == "tags" ? a.tags : key == "link" ? a.link : a.unlink;
      list.clear();
      if (auto* arr = v.if_array()) {
        for (const auto& t : *arr) {
          std::string item;
          r.string(t, field, item);
          list.push_back(std::move(item));
        }
      } else {
        r.fail(field, key == "tags" ? "must be a list of tag slugs" : "must be a list such as [\"person/im-siwan\"]");
      }
    } else if (key == "hero" || key == "source") {
      auto* sub = v.if_object();
      if (!sub) {
        r.fail(field, "must be a table of fields");
        continue;
      }
      for (const auto& [subkey, sv] : *sub) {
        std::string name = field + "." + std::string(subkey);
        if (key == "hero" && subkey == "url") r.string(sv, name, a.hero.url);
        else if (key == "hero" && subkey == "alt") r.string(sv, name, a.hero.alt);
        else if (key == "hero" && subkey == "credit") r.string(sv, name, a.hero.credit);
        else if (key == "source" && subkey == "site") r.string(sv, name, a.source.site);
        else if (key == "source" && subkey == "url") r.string(sv, name, a.source.url);
        else if (key == "source" && subkey == "author") r.string(sv, name, a.source.author);
        else r.fail(name, "is not a known field");
      }
    } else {
      r.fail(field, "is not a known field");
    }
  }
}

}  // namespace kpress
