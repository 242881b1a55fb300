#pragma once
// Old addresses answered with a 301 to where they lead now (core/redirects.hpp): those of a site
// kpress replaced and those the newsroom added. Looked up for a page the site does not have, and
// first for WordPress's plain addresses (/?p=12), which land on the home page otherwise. The
// answer is kept by the page cache like a page (tag "redirects"), so an old link costs what a
// cached page does.
#include "http/message.hpp"

namespace kpress {

class Store;

http::Handler with_old_addresses(const Store& store, http::Handler pages);

}  // namespace kpress
