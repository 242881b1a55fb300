#include "site/editions.hpp"

#include "site/site_context_cache.hpp"
#include "site/views.hpp"

namespace kpress {

std::string Edition::path(std::string_view path) const { return prefix + std::string(path); }

Edition edition_in(const SiteContext& context, std::string_view language) {
  if (language == context.site.default_language) return {std::string(language), ""};
  return {std::string(language), "/" + std::string(language)};
}

std::optional<Edition> edition_named(const SiteContext& context, std::string_view segment) {
  if (segment == context.site.default_language || !context.has_language(segment)) return std::nullopt;
  return edition_in(context, segment);
}

std::string path_in_default_edition(const SiteContext& context, std::string_view path) {
  if (path.size() < 2 || path[0] != '/') return std::string(path);
  auto end = path.find_first_of("/?", 1);
  auto segment = path.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1);
  if (!edition_named(context, segment)) return std::string(path);
  std::string rest(end == std::string_view::npos ? std::string_view() : path.substr(end));
  return rest.empty() || rest[0] == '?' ? "/" + rest : rest;
}

http::Response permanent_redirect(const std::string& location) {
  auto res = http::make_response(http::Status::moved_permanently, "", "text/plain; charset=utf-8");
  res.set(http::Field::location, location);
  return res;
}

void add_edition_routes(http::Router& router, const SiteContextCache& contexts, std::string_view pattern,
                        EditionHandler handler, http::RouteHandler not_found) {
  router.add(http::Verb::get, pattern, [&contexts, handler](const http::Request& req, const http::RouteParams& params) {
    auto context = contexts.get();
    return handler(req, params, edition_in(*context, context->site.default_language));
  });
  router.add(http::Verb::get, "/{lang}" + std::string(pattern),
             [&contexts, handler, not_found](const http::Request& req, const http::RouteParams& params) {
               auto context = contexts.get();
               auto edition = edition_named(*context, params.get("lang"));
               if (!edition && params.get("lang") == context->site.default_language) {
                 return permanent_redirect(std::string(req.target().substr(1 + context->site.default_language.size())));
               }
               if (!edition) return not_found(req, params);
               return handler(req, params, *edition);
             });
}

}  // namespace kpress
