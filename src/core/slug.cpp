#include "core/slug.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace kpress {
namespace {

// Transliterator instances are not safe to share between threads; each thread builds its own
// once (building one costs far more than using it).
const icu::Transliterator& to_ascii() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU transliterator unavailable");
    return t;
  }();
  return *instance;
}

bool is_slug_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string slugify(std::string_view text, std::size_t max_length) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  to_ascii().transliterate(u);
  std::string ascii;
  u.toUTF8String(ascii);

  std::string slug;
  slug.reserve(ascii.size());
  for (char c : ascii) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (is_slug_char(c)) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  if (slug.size() > max_length) {
    slug.resize(max_length);
    // Cut at the last word boundary so no word is left half.
    if (auto dash = slug.rfind('-'); dash != std::string::npos && dash > max_length / 2) slug.resize(dash);
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 200 || slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (char c : slug) {
    if (c == '-' ? previous == '-' : !is_slug_char(c)) return false;
    previous = c;
  }
  return true;
}

}  // namespace kpress
