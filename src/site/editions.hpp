#pragma once
// Language editions of the site: the default language's pages at "/", each other language's
// under its prefix ("/en/", "/en/shows", "/en/section/drama"), each listing that language's
// articles and speaking it. Readers are never redirected by Accept-Language: search engines
// must reach every edition, and the language switcher of each page leads to the others.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace kpress {

struct SiteContext;
class SiteContextCache;

struct Edition {
  std::string language;
  std::string prefix;  // "" for the site's default language, else "/en"

  // `path` (absolute, of the default edition) in this edition: "/shows" is "/en/shows", "/" is "/en/".
  std::string path(std::string_view path) const;
};

// The edition of `language`, a language of the site.
Edition edition_in(const SiteContext& context, std::string_view language);
// The edition a path's first segment names: a language of the site other than its default.
std::optional<Edition> edition_named(const SiteContext& context, std::string_view segment);
// `path` of one edition with its prefix taken off: "/en/shows" is "/shows", "/en/" is "/".
std::string path_in_default_edition(const SiteContext& context, std::string_view path);

using EditionHandler = std::function<http::Response(const http::Request&, const http::RouteParams&, const Edition&)>;

// A 301 to `location`.
http::Response permanent_redirect(const std::string& location);

// Adds `pattern` for the default edition and "/{lang}" + `pattern` for the others. The default
// language's own prefix leads to its page without it ("/fr/shows" to "/shows"); a prefix that
// names no other language of the site answers `not_found` (in the default language).
void add_edition_routes(http::Router& router, const SiteContextCache& contexts, std::string_view pattern,
                        EditionHandler handler, http::RouteHandler not_found);

}  // namespace kpress
