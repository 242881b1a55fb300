// make bench: what each brotli quality and gzip level costs on real pages, to choose the effort
// of src/http/compression.hpp. Reads every file of a folder (pages the bench saved from the site),
// compresses each at every setting and prints, a line a setting, the compressed size as a share
// of the whole and the time a page on one core.
// Build: g++ -O2 -std=c++20 compression.cpp -lbrotlienc -lz
#include <brotli/encode.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::size_t brotli(const std::string& page, int quality) {
  std::string out(BrotliEncoderMaxCompressedSize(page.size()), '\0');
  std::size_t size = out.size();
  BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, page.size(),
                        reinterpret_cast<const uint8_t*>(page.data()), &size, reinterpret_cast<uint8_t*>(out.data()));
  return size;
}

std::size_t gzip(const std::string& page, int level) {
  z_stream z{};
  deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, page.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(page.data()));
  z.avail_in = static_cast<uInt>(page.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  std::size_t size = z.total_out;
  deflateEnd(&z);
  return size;
}

template <typename Compress>
void measure(const char* name, int setting, const std::vector<std::string>& pages, std::size_t whole, Compress compress) {
  int rounds = 0;
  std::size_t compressed = 0;
  auto start = std::chrono::steady_clock::now();
  double seconds = 0;
  do {  // at least a fifth of a second of work, so that fast settings are timed over many pages
    for (const auto& page : pages) compressed += compress(page, setting);
    ++rounds;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (seconds < 0.2);
  std::printf("%-6s %2d  %.3f  %8.1f us a page\n", name, setting, double(compressed) / rounds / whole,
              seconds / rounds / pages.size() * 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FOLDER-OF-PAGES\n", argv[0]);
    return 2;
  }
  std::vector<std::string> pages;
  std::size_t whole = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    pages.push_back(text.str());
    whole += pages.back().size();
  }
  if (pages.empty()) {
    std::fprintf(stderr, "no pages in %s\n", argv[1]);
    return 1;
  }
  std::printf("%zu pages, %zu bytes each on average; setting, compressed share, time\n", pages.size(), whole / pages.size());
  for (int quality = 0; quality <= 11; ++quality) measure("brotli", quality, pages, whole, brotli);
  for (int level = 1; level <= 9; ++level) measure("gzip", level, pages, whole, gzip);
}
