#pragma once
#include <string>
#include <string_view>

namespace kpress::http {

std::string gzip_compress(std::string_view data);    // zlib, gzip wrapper, level 6
std::string brotli_compress(std::string_view data);  // quality 6: pages are compressed once, served often

// Which encoding of a page to send for an Accept-Encoding header: "br", "gzip" or "".
std::string_view choose_encoding(std::string_view accept_encoding);

}  // namespace kpress::http
