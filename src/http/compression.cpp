#include "http/compression.hpp"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cstdlib>
#include <stdexcept>

namespace kpress::http {

namespace {

// The output is made in a buffer of the worst case's size, then copied at its own size: a kept
// page holds exactly its bytes, not the worst case's capacity.
thread_local std::string scratch;

std::string fit(std::size_t size) { return scratch.substr(0, size); }

}  // namespace

std::string gzip_compress(std::string_view data, Effort effort) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer rather than a bare zlib stream.
  if (deflateInit2(&z, effort == Effort::quick ? 1 : 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  scratch.resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(scratch.data());
  z.avail_out = static_cast<uInt>(scratch.size());
  int rc = deflate(&z, Z_FINISH);
  std::size_t size = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  return fit(size);
}

std::string brotli_compress(std::string_view data, Effort effort) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  scratch.resize(size);
  if (!BrotliEncoderCompress(effort == Effort::quick ? 0 : 5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(scratch.data())))
    throw std::runtime_error("brotli");
  return fit(size);
}

std::string gzip_decompress(std::string_view data, std::size_t size) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2");
  std::string out(size, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  std::size_t made = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || made != size) throw std::runtime_error("gzip: not the page that was compressed");
  return out;
}

std::string brotli_decompress(std::string_view data, std::size_t size) {
  std::string out(size, '\0');
  std::size_t made = size;
  if (BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()), &made,
                              reinterpret_cast<uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS ||
      made != size)
    throw std::runtime_error("brotli: not the page that was compressed");
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
