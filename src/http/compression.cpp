#include "http/compression.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <cstdlib>
#include <stdexcept>

namespace kpress::http {

std::string gzip_compress(std::string_view data) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer rather than a bare zlib stream.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  return out;
}

std::string brotli_compress(std::string_view data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(6, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())))
    throw std::runtime_error("brotli");
  out.resize(size);
  return out;
}

std::string_view choose_encoding(std::string_view header) {
  // Tokens separated by commas, each maybe with ";q=0" to refuse it.
  bool br = false, gzip = false;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto token = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    auto semicolon = token.find(';');
    auto name = token.substr(0, semicolon);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (auto q = token.find("q=", semicolon == std::string_view::npos ? token.size() : semicolon);
        q != std::string_view::npos && std::strtod(std::string(token.substr(q + 2)).c_str(), nullptr) <= 0.0)
      continue;  // ";q=0": the client refuses this one
    if (name == "br") br = true;
    else if (name == "gzip" || name == "*") gzip = true;
  }
  return br ? "br" : gzip ? "gzip" : "";
}

}  // namespace kpress::http
