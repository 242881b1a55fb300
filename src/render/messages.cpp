#include "render/messages.hpp"

#include <gettext-po.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <cstdint>
#include <cstring>
#include <locale>
#include <stdexcept>
#include <utility>

namespace kpress {

struct Messages::Catalog {
  std::locale owner;  // a facet belongs to the locale it is in
  const boost::locale::message_format<char>* format = nullptr;
  std::vector<std::string> ids;
};

namespace {

// What libgettextpo reports while one file is read (its handlers take no context of their own).
struct Reading {
  std::string where;
  std::string first_error;
};
thread_local Reading* reading = nullptr;

void record(int severity, std::size_t line, const char* text) {
  if (severity == PO_SEVERITY_WARNING || !reading->first_error.empty()) return;
  reading->first_error = reading->where;
  if (line != static_cast<std::size_t>(-1)) reading->first_error += ", line " + std::to_string(line);
  reading->first_error += std::string(": ") + text;
}
void on_error(int severity, po_message_t, const char*, std::size_t line, std::size_t, int, const char* text) {
  record(severity, line, text);
}
void on_error_pair(int severity, po_message_t, const char*, std::size_t line, std::size_t, int, const char* text,
                   po_message_t, const char*, std::size_t, std::size_t, int, const char* detail) {
  record(severity, line, (std::string(text) + " " + detail).c_str());
}
const po_xerror_handler kHandler{on_error, on_error_pair};

// libgettextpo reads a file by its name: the text is given one in memory.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view text) : fd_(memfd_create("catalog.po", MFD_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("memfd_create failed");
    for (std::size_t written = 0; written < text.size();) {
      auto n = ::write(fd_, text.data() + written, text.size() - written);
      if (n <= 0) {
        ::close(fd_);
        throw std::runtime_error("writing a catalog to memory failed");
      }
      written += static_cast<std::size_t>(n);
    }
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

// The entries of a .po text as a .mo file has them: a plural id is "singular\0plural" and its
// translation the forms joined by "\0"; a context is "context\4id". The header (id "") first.
std::vector<std::pair<std::string, std::string>> read_po(std::string_view po, const std::string& where) {
  Reading state{where, {}};
  reading = &state;
  MemoryFile file(po);
  po_file_t parsed = po_file_read(file.path().c_str(), &kHandler);
  reading = nullptr;
  struct Free {
    void operator()(po_file_t f) const { po_file_free(f); }
  };
  std::unique_ptr<std::remove_pointer_t<po_file_t>, Free> owned(parsed);
  if (!state.first_error.empty()) throw std::runtime_error(state.first_error);
  if (!parsed) throw std::runtime_error(where + ": not a catalog");
  std::vector<std::pair<std::string, std::string>> entries;
  po_message_iterator_t it = po_message_iterator(parsed, nullptr);
  while (po_message_t m = po_next_message(it)) {
    if (po_message_is_obsolete(m)) continue;
    std::string id = po_message_msgid(m);
    bool header = id.empty();
    bool fuzzy = po_message_is_fuzzy(m) && !header;  // a guess nobody checked: listed, not used
    std::string translation;
    if (const char* plural = po_message_msgid_plural(m)) {
      id += '\0';
      id += plural;
      for (int i = 0; const char* form = po_message_msgstr_plural(m, i); ++i) {
        if (i > 0) translation += '\0';
        translation += form;
      }
    } else {
      translation = po_message_msgstr(m);
    }
    if (const char* context = po_message_msgctxt(m)) id = std::string(context) + '\4' + id;
    if (fuzzy) translation.clear();
    entries.emplace_back(std::move(id), std::move(translation));
  }
  po_message_iterator_free(it);
  return entries;
}

// A GNU .mo image of `entries` (what Boost.Locale reads): the ids sorted as bytes, no hash table.
std::vector<char> mo_image(std::vector<std::pair<std::string, std::string>> entries) {
  std::sort(entries.begin(), entries.end());
  const auto count = static_cast<std::uint32_t>(entries.size());
  const std::uint32_t ids_at = 28, translations_at = ids_at + 8 * count;
  std::vector<char> image(translations_at + 8 * count);
  auto put = [&](std::size_t at, std::uint32_t value) { std::memcpy(image.data() + at, &value, 4); };
  put(0, 0x950412de);  // magic, in this machine's byte order
  put(4, 0);           // revision
  put(8, count);
  put(12, ids_at);
  put(16, translations_at);
  put(20, 0);  // no hash table
  put(24, 0);
  auto add = [&](std::size_t table, std::uint32_t index, const std::string& text) {
    put(table + 8 * index, static_cast<std::uint32_t>(text.size()));
    put(table + 8 * index + 4, static_cast<std::uint32_t>(image.size()));
    image.insert(image.end(), text.begin(), text.end());
    image.push_back('\0');
  };
  for (std::uint32_t i = 0; i < count; ++i) add(ids_at, i, entries[i].first);
  for (std::uint32_t i = 0; i < count; ++i) add(translations_at, i, entries[i].second);
  return image;
}

}  // namespace

Messages::Messages() = default;
Messages::~Messages() = default;
Messages::Messages(Messages&&) noexcept = default;
Messages& Messages::operator=(Messages&&) noexcept = default;

void Messages::add(const std::string& language, std::string_view po, const std::string& where) {
  auto entries = read_po(po, where);
  auto catalog = std::make_unique<Catalog>();
  std::vector<std::pair<std::string, std::string>> translated;
  for (auto& [id, translation] : entries) {
    if (!id.empty()) catalog->ids.push_back(id.substr(0, id.find('\0')));
    // An empty translation (or an empty plural form) is no translation: the English shows.
    bool complete = !translation.empty() && translation.find(std::string(2, '\0')) == std::string::npos &&
                    translation.back() != '\0' && translation.front() != '\0';
    if (id.empty() || complete) translated.emplace_back(std::move(id), std::move(translation));
  }
  auto image = mo_image(std::move(translated));
  boost::locale::gnu_gettext::messages_info info;
  info.language = language;
  info.encoding = "UTF-8";
  info.domains.emplace_back("kpress");
  info.paths.emplace_back("catalog");
  info.callback = [&image](const std::string& file, const std::string&) {
    return file.ends_with("/LC_MESSAGES/kpress.mo") ? image : std::vector<char>{};
  };
  try {
    auto* format = boost::locale::gnu_gettext::create_messages_facet<char>(info);
    catalog->owner = std::locale(std::locale::classic(), format);
    catalog->format = format;
  } catch (const std::exception& e) {
    throw std::runtime_error(where + ": " + e.what());
  }
  catalogs_[language] = std::move(catalog);
}

std::string_view Messages::text(std::string_view language, std::string_view id) const {
  auto it = catalogs_.find(language);
  if (it == catalogs_.end() || !it->second->format) return id;
  std::string key(id);
  const char* found = it->second->format->get(0, nullptr, key.c_str());
  return found ? std::string_view(found) : id;
}

std::string_view Messages::plural(std::string_view language, std::string_view singular, std::string_view plural,
                                  long long n) const {
  auto english = n == 1 ? singular : plural;
  auto it = catalogs_.find(language);
  if (it == catalogs_.end() || !it->second->format) return english;
  std::string key(singular);
  const char* found = it->second->format->get(0, nullptr, key.c_str(), static_cast<int>(std::clamp<long long>(n, -1000000000, 1000000000)));
  return found ? std::string_view(found) : english;
}

namespace {

// ICU number formats are costly to make and not to be shared between threads: each thread keeps
// one per language (none where ICU has none).
const icu::NumberFormat* number_format(std::string_view language, bool percent) {
  thread_local std::map<std::pair<std::string, bool>, std::unique_ptr<icu::NumberFormat>> formats;
  auto key = std::pair(std::string(language), percent);
  auto it = formats.find(key);
  if (it == formats.end()) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale(key.first.c_str());
    std::unique_ptr<icu::NumberFormat> format(percent ? icu::NumberFormat::createPercentInstance(locale, status)
                                                      : icu::NumberFormat::createInstance(locale, status));
    if (U_FAILURE(status)) format.reset();
    it = formats.emplace(std::move(key), std::move(format)).first;
  }
  return it->second.get();
}

}  // namespace

std::string Messages::percent(std::string_view language, double share) const {
  std::string text;
  if (const auto* format = number_format(language, true)) {
    icu::UnicodeString out;
    format->format(share, out);
    out.toUTF8String(text);
  } else {
    text = std::to_string(static_cast<int>(share * 100 + 0.5)) + "%";
  }
  return text;
}

std::string Messages::counted(std::string_view language, std::string_view singular, std::string_view plural,
                              long long n) const {
  std::string number;
  if (const auto* format = number_format(language, false)) {
    icu::UnicodeString out;
    format->format(static_cast<int64_t>(n), out);
    out.toUTF8String(number);
  } else {
    number = std::to_string(n);
  }
  std::string text(this->plural(language, singular, plural, n));
  if (auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, number);
  return text;
}

std::vector<std::string> Messages::languages() const {
  std::vector<std::string> out;
  for (const auto& [language, catalog] : catalogs_) out.push_back(language);
  return out;
}

std::vector<std::string> Messages::ids(std::string_view language) const {
  auto it = catalogs_.find(language);
  return it == catalogs_.end() ? std::vector<std::string>{} : it->second->ids;
}

bool is_right_to_left(std::string_view code) {
  // Asked for every page, and ICU makes a locale to answer: each thread remembers the few
  // languages a site has (a bounded few, whatever code it is given).
  thread_local std::map<std::string, bool, std::less<>> known;
  if (auto it = known.find(code); it != known.end()) return it->second;
  bool right_to_left = icu::Locale(std::string(code).c_str()).isRightToLeft();
  if (known.size() < 64) known.emplace(code, right_to_left);
  return right_to_left;
}

std::string language_own_name(std::string_view code) {
  icu::Locale locale(std::string(code).c_str());
  icu::UnicodeString name;
  locale.getDisplayName(locale, name);
  std::string out;
  name.toUTF8String(out);
  return out;
}

}  // namespace kpress
