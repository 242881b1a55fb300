#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kpress::http {

// How hard to compress. Measured on the bench site's article pages (about 11 KB each; ratio of
// compressed to whole, and time a page on one core, by bench/compression.cpp):
//   brotli quality 0: 0.359, 34 µs; 1: 0.353, 48 µs; 5: 0.291, 205 µs (6 to 8 gain nothing on
//   pages this size, 10 and 11 a tenth for 20 to 50 times the time); gzip level 1: 0.345,
//   96 µs; level 6: 0.319, 155 µs.
// A page rendered for one reader is compressed quickly: a crawl of the archive spends no more on
// a page than rendering it. A page kept for many is compressed well, once.
enum class Effort { quick, thorough };

std::string gzip_compress(std::string_view data, Effort effort = Effort::thorough);    // level 1 or 6
std::string brotli_compress(std::string_view data, Effort effort = Effort::thorough);  // quality 0 or 5
// The whole of what was compressed, which is `size` bytes; throws if `data` is not that.
std::string gzip_decompress(std::string_view data, std::size_t size);
std::string brotli_decompress(std::string_view data, std::size_t size);

// Which encoding of a page to send for an Accept-Encoding header: "br", "gzip" or "".
std::string_view choose_encoding(std::string_view accept_encoding);

}  // namespace kpress::http
