#pragma once
// Old addresses that lead somewhere on this site: those of a site kpress replaced (a WordPress
// post's permalink, its ?p=ID, an archive), kept by an import, and those the newsroom adds.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace kpress {

struct Redirect {
  std::string from;    // as redirect_key gives it
  std::string to;      // a path of this site ("/articles/slug") or an address
  std::string origin;  // what made it: "wordpress https://old.example" for an import; empty: the newsroom
  Instant created_at{};
  bool operator==(const Redirect&) const = default;
};

// The form an address is kept and looked up in, whichever way it is written: a whole address or
// a request's target, its host dropped (the domain now points here), its path percent-decoded and
// without a trailing slash ("/2020/12/16/%ed%95%9c/" and "/2020/12/16/한" are one), and of its
// query only the parameters that name a WordPress post, page, attachment, category, tag or author
// ("/?p=12"), in that order. Nothing for what is no address, or decodes to a NUL byte.
std::optional<std::string> redirect_key(std::string_view address);

// The old address with a WordPress archive's page or feed stripped ("/category/news/page/3/",
// "/tag/bts/feed/"; "/feed/" and "/page/2/" are the home's, key "/"): the key of the archive,
// and what to add to where it leads.
struct ArchiveSuffix {
  std::string key;     // "/category/news"
  std::string suffix;  // "?page=3" or "/feed.xml"
};
std::optional<ArchiveSuffix> archive_suffix(std::string_view key);

}  // namespace kpress
