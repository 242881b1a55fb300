#include "exchange/wxr_import.hpp"

#include <boost/json.hpp>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include "core/hash.hpp"
#include "core/redirects.hpp"
#include "core/slug.hpp"
#include "core/validation.hpp"
#include "exchange/public_fetch.hpp"
#include "exchange/wp_content.hpp"
#include "render/markdown.hpp"
#include "store/store.hpp"

namespace kpress {
namespace {

using std::chrono::minutes;

// Notes past this many are counted, not kept: a report of a broken site stays readable.
constexpr std::size_t kMaxNotes = 500;

// A WordPress date ("YYYY-MM-DD HH:MM:SS"). WordPress writes "0000-00-00 00:00:00" for a draft's
// GMT date and dates of 1970 or of year -1 (-0001-11-30) for none at all.
struct WpDate {
  enum class State { none, valid, bad } state = State::none;
  Instant at{};
};

WpDate read_date(std::string_view text) {
  if (text.empty() || text.starts_with("0000-00-00") || text.starts_with('-')) return {};
  if (text.size() != 19 || text[10] != ' ') return {WpDate::State::bad};
  std::string iso(text);
  iso[10] = 'T';
  iso += 'Z';
  auto at = parse_iso8601(iso);
  if (!at) return {WpDate::State::bad};
  if (*at < Instant(std::chrono::days(366))) return {};  // 1970: the epoch written for no date
  return {WpDate::State::valid, *at};
}

// Whether a taxonomy sorts posts by what they are about (a theme's "artist" or "series"), and so
// is kept as tags; WordPress's and the plugins' own taxonomies of menus, formats, languages and
// block themes are not.
bool describes_content(std::string_view taxonomy) {
  static constexpr std::string_view kMachinery[] = {
      "category", "post_tag", "nav_menu", "post_format", "language", "post_translations", "term_language",
      "term_translations", "link_category", "wp_theme", "wp_template_part_area", "wp_pattern_category"};
  return !taxonomy.empty() && std::find(std::begin(kMachinery), std::end(kMachinery), taxonomy) == std::end(kMachinery);
}

std::string percent_decoded(std::string_view text) {
  auto pct = boost::urls::make_pct_string_view(text);
  if (!pct) return std::string(text);
  return pct->decode();
}

std::string language_code(std::string_view wxr_language) {  // "en-US" -> "en"
  std::string code(wxr_language.substr(0, wxr_language.find_first_of("-_")));
  for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return code;
}

// Polylang keeps a translation group as a PHP-serialized array in the term's description:
// a:2:{s:2:"en";i:12;s:2:"fr";i:34;}. Only its language and post id pairs are read.
std::map<std::string, std::int64_t> polylang_group(std::string_view text) {
  std::map<std::string, std::int64_t> members;
  std::size_t at = 0;
  while ((at = text.find("s:", at)) != std::string_view::npos) {
    auto open = text.find(":\"", at + 2);
    if (open == std::string_view::npos) break;
    auto close = text.find("\";i:", open + 2);
    if (close == std::string_view::npos) break;
    auto end = text.find(';', close + 4);
    if (end == std::string_view::npos) break;
    std::string language(text.substr(open + 2, close - open - 2));
    std::int64_t id = 0;
    for (char c : text.substr(close + 4, end - close - 4)) {
      if (c < '0' || c > '9') break;
      id = id * 10 + (c - '0');
    }
    if (!language.empty() && id > 0) members[language] = id;
    at = end;
  }
  return members;
}

const std::string* meta_value(const WxrItem& item, std::string_view key) {
  for (const auto& [k, v] : item.meta)
    if (k == key) return &v;
  return nullptr;
}

// A Yoast SEO title or description with its variables (%%title%%, %%sitename%%, %%sep%%...)
// given their values; a variable with none is dropped, and the spaces it leaves.
std::string yoast_text(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    auto open = text.find("%%", at);
    auto close = open == std::string_view::npos ? open : text.find("%%", open + 2);
    if (close == std::string_view::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    auto value = values.find(std::string(text.substr(open + 2, close - open - 2)));
    if (value != values.end()) out += value->second;
    at = close + 2;
  }
  std::string tidy;  // runs of spaces as one, none at the ends
  for (char c : out) {
    if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
    tidy += c;
  }
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  return tidy;
}

// The old site's address, which its redirects and the record of what was imported are keyed on.
std::string old_site_address(const WxrSite& s) {
  std::string address = !s.base_blog_url.empty() ? s.base_blog_url : !s.link.empty() ? s.link : s.base_site_url;
  while (!address.empty() && address.back() == '/') address.pop_back();
  return address;
}

std::string slug_candidate(const WxrItem& item) {
  std::string slug = slugify(percent_decoded(item.slug));
  if (slug.empty()) slug = slugify(item.title);
  if (slug.empty()) slug = item.type + "-" + std::to_string(item.post_id);
  return slug;
}

std::string fingerprint(const WxrItem& i) {
  std::uint64_t h = 0;
  for (std::string_view part : {std::string_view(i.title), std::string_view(i.content), std::string_view(i.excerpt),
                                std::string_view(i.status), std::string_view(i.post_date), std::string_view(i.post_date_gmt),
                                std::string_view(i.post_modified_gmt), std::string_view(i.slug), std::string_view(i.creator),
                                std::string_view(i.password), std::string_view(i.comment_status)})
    h = content_hash(part, h + 1);
  for (const auto& t : i.terms) h = content_hash(t.taxonomy + "\n" + t.slug, h);
  for (const auto& [k, v] : i.meta) h = content_hash(k + "\n" + v, h);
  return hex64(content_hash(i.sticky ? "sticky" : "", h));
}

std::string fingerprint(const WxrComment& c) {
  std::uint64_t h = static_cast<std::uint64_t>(c.parent);
  for (std::string_view part : {std::string_view(c.author), std::string_view(c.email), std::string_view(c.url),
                                std::string_view(c.date_gmt), std::string_view(c.date), std::string_view(c.content),
                                std::string_view(c.approved), std::string_view(c.type)})
    h = content_hash(part, h + 1);
  return hex64(h);
}

struct Attachment {
  std::string url;
  std::string alt;
  std::string file;  // where it is under wp-content/uploads ("2020/12/photo.jpg")
  std::string link;  // its attachment page on the old site
};

constexpr std::string_view kUploads = "/wp-content/uploads/";

// Where an address of the old site's uploads is under wp-content/uploads, its size suffix (a
// derivative WordPress made, "photo-300x200.jpg") and query dropped: the original's place.
std::string upload_path(std::string_view url) {
  auto at = url.find(kUploads);
  if (at == std::string_view::npos) return {};
  std::string path(url.substr(at + kUploads.size()));
  path = path.substr(0, path.find_first_of("?#"));
  auto dot = path.rfind('.');
  auto dash = path.rfind('-', dot);
  if (dot != std::string::npos && dash != std::string::npos && dash < dot) {
    auto size = std::string_view(path).substr(dash + 1, dot - dash - 1);
    auto x = size.find('x');
    if (x != std::string_view::npos && x > 0 && x + 1 < size.size() &&
        size.find_first_not_of("0123456789x") == std::string_view::npos)
      path.erase(dash, dot - dash);
  }
  return percent_decoded(path);
}

// The first reading: the whole file checked (a bad date stops the import before anything is
// written) and counted, and what the second reading needs before it gets there.
class Scout final : public WxrCensusTaker {
 public:
  explicit Scout(std::string file) : file_(std::move(file)) { convert_content = false; }  // the writer does

  void term(const WxrTerm& t) override {
    WxrCensusTaker::term(t);
    if (t.taxonomy == "post_translations") {
      for (const auto& [language, id] : polylang_group(t.description)) {
        group_of[id] = t.slug;
        groups[t.slug][language] = id;
      }
    }
  }

  void item(WxrItem&& i) override {
    count(i);
    ++items;
    check_date(i.date_lines[0], i.post_id, "wp:post_date", i.post_date);
    check_date(i.date_lines[1], i.post_id, "wp:post_date_gmt", i.post_date_gmt);
    check_date(i.date_lines[2], i.post_id, "wp:post_modified", i.post_modified);
    check_date(i.date_lines[3], i.post_id, "wp:post_modified_gmt", i.post_modified_gmt);
    for (const auto& c : i.comments) {
      check_date(c.date_line, i.post_id, "wp:comment_date", c.date);
      check_date(c.date_line, i.post_id, "wp:comment_date_gmt", c.date_gmt);
    }
    auto local = read_date(i.post_date), gmt = read_date(i.post_date_gmt);
    if (local.state == WpDate::State::valid && gmt.state == WpDate::State::valid)
      ++offsets[std::chrono::duration_cast<minutes>(local.at - gmt.at)];
    if (i.type == "attachment") {
      const auto* alt = meta_value(i, "_wp_attachment_image_alt");
      const auto* file = meta_value(i, "_wp_attached_file");
      attachments[i.post_id] = {i.attachment_url, alt && !alt->empty() ? *alt : i.title,
                                file && !file->empty() ? *file : upload_path(i.attachment_url), i.link};
    }
    if (i.type == "post" || i.type == "page") {
      slugs[i.post_id] = slug_candidate(i);
      for (const auto& t : i.terms)
        if (t.taxonomy == "language") languages[i.post_id] = t.slug;  // Polylang
      // WPML: the language and translation group its export add-on (or an older WPML) writes.
      std::string wpml_group;
      for (const auto& [key, value] : i.meta) {
        if (value.empty()) continue;
        if (key == "_wpml_import_language_code" || key == "_icl_lang_code") languages[i.post_id] = value;
        else if (key == "_wpml_import_translation_group" || key == "_icl_translation_group" || key == "_icl_trid")
          wpml_group = "wpml:" + value;
      }
      if (!wpml_group.empty() && languages.contains(i.post_id)) {
        group_of[i.post_id] = wpml_group;
        groups[wpml_group][languages[i.post_id]] = i.post_id;
      }
    }
  }

  std::optional<minutes> most_common_offset() const {
    if (offsets.empty()) return std::nullopt;
    return std::max_element(offsets.begin(), offsets.end(), [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  }

  std::int64_t items = 0;
  std::map<minutes, std::int64_t> offsets;
  std::map<std::int64_t, Attachment> attachments;
  std::map<std::int64_t, std::string> slugs;      // a post's or page's slug as it would be made
  std::map<std::int64_t, std::string> languages;  // Polylang's language of a post
  std::map<std::int64_t, std::string> group_of;   // a post's Polylang translation group
  std::map<std::string, std::map<std::string, std::int64_t>> groups;

 private:
  void check_date(int line, std::int64_t post, std::string_view field, const std::string& text) const {
    if (read_date(text).state == WpDate::State::bad)
      throw WxrError(file_, line, 1,
                     "item " + std::to_string(post) + ": " + std::string(field) + " '" + text.substr(0, 40) +
                         "' is not a date (YYYY-MM-DD HH:MM:SS)");
  }
  std::string file_;
};

ArticleStatus article_status(std::string_view wp) {
  if (wp == "publish") return ArticleStatus::published;
  if (wp == "future") return ArticleStatus::scheduled;
  return ArticleStatus::draft;  // draft, pending, private, trash (then trashed)
}

std::optional<CommentStatus> comment_status(std::string_view approved) {
  if (approved == "1") return CommentStatus::approved;
  if (approved == "0") return CommentStatus::pending;
  if (approved == "spam") return CommentStatus::spam;
  if (approved == "trash" || approved == "post-trashed") return CommentStatus::trash;
  return std::nullopt;
}

// The second reading: everything written as it comes, in the one transaction.
class Writer final : public WxrVisitor {
 public:
  Writer(Store& store, WriteTransaction& tx, const Scout& scout, const WxrImportOptions& options, WxrImportReport& report,
         Instant now)
      : store_(store), tx_(tx), scout_(scout), options_(options), report_(report), now_(now),
        entities_(matcher_for(store.catalog_aliases())) {
    for (const auto& l : store.languages()) languages_.insert(l.code);
    for (const auto& s : store.sections()) {
      sections_.insert(s.slug);
      next_position_ = std::max(next_position_, s.position + 1);
    }
    for (const auto& a : store.authors()) authors_[a.slug] = a;
    for (const auto& t : store.tags()) tags_[t.slug] = t.name;
  }

  void site(const WxrSite& s) override {
    std::string address = old_site_address(s);
    origin_ = "wordpress " + address;
    // A site with no article yet is the old site moving in: it takes its name, address and language.
    Site site = store_.has_site() ? store_.site() : Site{};
    default_language_ = site.default_language;
    site_name_ = !s.title.empty() ? s.title : site.name;
    if (auto code = language_code(s.language); !code.empty()) default_language_ = code;
    if (!store_.has_site() || store_.articles({.limit = 1, .count = false}).items.empty()) {
      if (!s.title.empty()) site.name = s.title;
      if (!address.empty()) site.base_url = address;
      site.default_language = default_language_;
      tx_.save_site(site);
    }
    site_ = site;
    old_address_ = address;
    ensure_language(default_language_);
  }

  void author(const WxrAuthor& a) override { author_slug(a.login, a.display_name, a.email); }

  // Every attachment into the media library, before the posts that show them: from the copy of
  // the uploads, else from the old site, else listed as missing.
  void import_attachments(const std::string& origin) {
    auto& counts = result("attachments");
    for (const auto& [id, attachment] : scout_.attachments) {
      if (!options_.media) {
        ++counts.skipped["no media folder to keep them in"];
        continue;
      }
      const std::string source_id = std::to_string(id);
      if (auto m = tx_.imported_as(origin, "attachment", source_id)) {
        if (auto item = store_.media(std::stoll(m->target))) {
          media_urls_[attachment.file] = item->url();
          ++counts.unchanged;
          continue;
        }
      }
      std::string why;
      auto bytes = attachment_bytes(attachment, why);
      if (!bytes) {
        missing(attachment.url, why);
        ++counts.skipped["missing: not in --uploads, and not fetched"];
        continue;
      }
      if (options_.dry_run) {  // found: it would be kept; nothing is written
        ++counts.imported;
        continue;
      }
      auto processed = process_upload(*bytes);
      if (!processed.error.empty()) {
        ++counts.skipped["not an image the media library keeps (" + processed.error.english() + ")"];
        continue;
      }
      MediaItem item;
      item.original_name = std::filesystem::path(attachment.file).filename().string().substr(0, 200);
      item.format = processed.format;
      item.size = processed.size;
      item.bytes = static_cast<std::int64_t>(bytes->size());
      item.alt = attachment.alt.substr(0, 1000);
      item.uploaded_at = now_;
      item = add_to_library(tx_, *options_.media, item, processed, *bytes);
      written_media_.push_back(item);
      tx_.save_import_origin({origin, "attachment", source_id, std::to_string(item.id), ""});
      media_urls_[attachment.file] = item.url();
      // Its old addresses (its attachment page, ?attachment_id=, the file itself, which other
      // sites and image searches link to) lead to the library's image.
      redirected_.clear();
      add_redirect("/?attachment_id=" + source_id, item.url());
      if (!attachment.link.empty()) add_redirect(attachment.link, item.url());
      add_redirect(std::string(kUploads) + attachment.file, item.url());
      ++counts.imported;
    }
  }

  void term(const WxrTerm& t) override {
    if (t.taxonomy == "category") {
      category_slugs_[std::to_string(t.id)] = t.slug;
      category_names_[std::to_string(t.id)] = t.name;
      section_slug(t);
    }
    else if (t.taxonomy == "post_tag") tag_slug(t.slug, t.name, "tag");
    else if (t.taxonomy == "language") ensure_language(t.slug, t.name);
    else if (describes_content(t.taxonomy)) {
      tag_slug(t.slug, t.name, t.taxonomy);
      kept_as_tags_.insert(t.taxonomy);
    } else if (t.taxonomy != "post_translations")
      ++result("terms").skipped["taxonomy '" + t.taxonomy + "' has no kpress form: listed in the file's census"];
  }

  void item(WxrItem&& i) override {
    ++done_;
    if (i.type == "post" || i.type == "page") write_post(i);
    else if (i.type == "attachment") {}  // imported before the posts (import_attachments)
    else if (i.type == "nav_menu_item") keep_menu_item(i);
    else ++result("other items").skipped["type '" + i.type + "'"];
    if (options_.progress) options_.progress(done_, scout_.items);
  }

  void finish() {
    for (auto& [language, stories] : sticky_) {
      auto featured = store_.featured(language);
      auto before = featured.size();
      for (auto id : stories) {
        if (std::none_of(featured.begin(), featured.end(), [&](const FeaturedStory& f) { return f.article_id == id; }))
          featured.push_back({id, static_cast<int>(featured.size()), std::nullopt});
      }
      if (featured.size() != before) tx_.set_featured(language, featured);
    }
    write_navigation();
    for (const auto& taxonomy : kept_as_tags_)
      note("the terms of taxonomy '" + taxonomy + "' are kept as tags (its archives /" + taxonomy + "/SLUG/ lead to them)");
  }

  // The library's files this import wrote: removed when it fails (its rows are rolled back).
  void remove_written_media() const {
    std::error_code ec;
    for (const auto& item : written_media_) {
      std::filesystem::remove_all(options_.media->media / "library" / std::to_string(item.id), ec);
      for (const auto& entry : std::filesystem::directory_iterator(options_.media->originals, ec))
        if (entry.path().stem() == std::to_string(item.id)) std::filesystem::remove(entry.path(), ec);
    }
  }

 private:
  void missing(const std::string& url, const std::string& why) {
    if (report_.missing_attachments.size() < kMaxNotes) report_.missing_attachments.push_back(url + ": " + why);
  }

  // The attachment's bytes: from the uploads' copy (a path that stays inside it), else fetched.
  std::optional<std::string> attachment_bytes(const Attachment& a, std::string& why) const {
    if (!options_.uploads.empty() && !a.file.empty()) {
      std::filesystem::path relative(a.file);
      bool inside = relative.is_relative() &&
                    std::none_of(relative.begin(), relative.end(), [](const auto& part) { return part == ".."; });
      auto path = options_.uploads / relative;
      std::error_code ec;
      if (inside && std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) <= kMaxUploadBytes) {
        std::ifstream in(path, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (in.good() || in.eof()) return bytes;
      }
      why = inside ? "not in " + options_.uploads.string() : "its file name leaves the uploads folder";
    }
    if (!options_.fetch_attachments) {
      if (why.empty()) why = "not fetched (no --uploads given, and fetching is off)";
      return std::nullopt;
    }
    if (!a.url.starts_with("http://") && !a.url.starts_with("https://")) {
      why = "no address to fetch it from";
      return std::nullopt;
    }
    auto fetched = fetch_public(a.url, kMaxUploadBytes);
    if (!fetched.ok()) {
      why = fetched.error;
      return std::nullopt;
    }
    return std::move(fetched.body);
  }

  // The post's images that are attachments, at their place in the media library.
  std::string with_library_images(std::string markdown) const {
    if (media_urls_.empty()) return markdown;
    std::string out;
    std::size_t at = 0;
    for (auto hit = markdown.find(kUploads); hit != std::string::npos; hit = markdown.find(kUploads, hit + 1)) {
      auto begin = markdown.find_last_of("( \"<\n", hit);
      begin = begin == std::string::npos ? 0 : begin + 1;
      if (begin < at) continue;
      auto end = markdown.find_first_of(") \">\n", hit);
      if (end == std::string::npos) end = markdown.size();
      auto url = std::string_view(markdown).substr(begin, end - begin);
      auto found = media_urls_.find(upload_path(url));
      if (found == media_urls_.end()) continue;
      out += markdown.substr(at, begin - at);
      out += found->second;
      at = end;
    }
    out += markdown.substr(at);
    return out;
  }

  // A menu item as WordPress keeps it: what it leads to is in its metadata.
  struct MenuItem {
    std::string menu;  // the menu's slug
    int order = 0;
    bool top = true;   // not in another item's submenu
    std::string type;  // taxonomy, post_type, custom
    std::string object;  // category, page, post...
    std::int64_t object_id = 0;
    std::string url;
    std::string label;
  };

  void keep_menu_item(const WxrItem& i) {
    MenuItem m;
    for (const auto& t : i.terms)
      if (t.taxonomy == "nav_menu") m.menu = t.slug;
    m.order = i.menu_order;
    m.label = i.title;
    auto meta = [&](const char* key) {
      const auto* v = meta_value(i, key);
      return v ? *v : std::string();
    };
    m.top = meta("_menu_item_menu_item_parent").empty() || meta("_menu_item_menu_item_parent") == "0";
    m.type = meta("_menu_item_type");
    m.object = meta("_menu_item_object");
    m.object_id = std::atoll(meta("_menu_item_object_id").c_str());
    m.url = meta("_menu_item_url");
    menu_items_.push_back(std::move(m));
  }

  // The menu with the most top-level items becomes the site's navigation (WordPress keeps which
  // menu a theme shows outside the export): its items that lead to a section, a page, an article
  // or an address, in order.
  void write_navigation() {
    auto& counts = result("menu items");
    std::map<std::string, int> sizes;
    for (const auto& m : menu_items_)
      if (m.top) ++sizes[m.menu];
    if (sizes.empty()) {
      for (std::size_t n = 0; n < menu_items_.size(); ++n) ++counts.skipped["in no menu"];
      return;
    }
    std::string chosen = std::max_element(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
    std::vector<const MenuItem*> items;
    for (const auto& m : menu_items_) {
      if (m.menu != chosen) ++counts.skipped["in another menu than the main one ('" + chosen + "')"];
      else if (!m.top) ++counts.skipped["in a submenu: the navigation has one level"];
      else items.push_back(&m);
    }
    std::stable_sort(items.begin(), items.end(), [](const MenuItem* a, const MenuItem* b) { return a->order < b->order; });
    std::vector<NavigationLink> links;
    for (const auto* m : items) {
      auto link = navigation_link(*m);
      if (!link) {
        ++counts.skipped["leads to nothing kpress has"];
        continue;
      }
      links.push_back(std::move(*link));
    }
    if (links.empty()) return;
    if (links == store_.site().navigation) {
      counts.unchanged += static_cast<std::int64_t>(links.size());
      return;
    }
    counts.imported += static_cast<std::int64_t>(links.size());
    site_.navigation = std::move(links);
    tx_.save_site(site_);
  }

  std::optional<NavigationLink> navigation_link(const MenuItem& m) {
    NavigationLink link{m.label, "", ""};
    if (m.type == "taxonomy" && m.object == "category") {
      auto wp = category_slugs_.find(std::to_string(m.object_id));
      auto section = wp == category_slugs_.end() ? known_sections_.end() : known_sections_.find(wp->second);
      if (section == known_sections_.end()) return std::nullopt;
      link.url = section_path(section->second);
      if (link.label.empty()) link.label = category_names_[std::to_string(m.object_id)];
    } else if (m.type == "taxonomy" && m.object == "post_tag") {
      return std::nullopt;  // tags have no menu place: their ids are not in the export's terms of posts
    } else if (m.type == "post_type") {
      std::optional<Article> a;
      if (auto made = mapped("post", std::to_string(m.object_id))) a = tx_.article_by_id(std::stoll(made->target));
      if (!a) return std::nullopt;
      link.url = path_of(a->kind, a->slug);
      if (link.label.empty()) link.label = a->title;
    } else if (m.type == "custom" && !m.url.empty()) {
      // An address of the old site is one of this site now: its path, which a redirect answers.
      bool own = !old_address_.empty() && (m.url == old_address_ || m.url.starts_with(old_address_ + "/"));
      link.url = own ? redirect_key(m.url).value_or("/") : m.url;
      if (!own && !m.url.starts_with("https://") && !m.url.starts_with("http://")) return std::nullopt;
    } else {
      return std::nullopt;
    }
    if (link.label.empty()) return std::nullopt;
    return link;
  }

  WxrImportCounts& result(const std::string& kind) { return report_.results[kind]; }

  void note(std::string text) {
    if (report_.notes.size() < kMaxNotes) report_.notes.push_back(std::move(text));
    else ++notes_left_out_;
  }

  void ensure_language(const std::string& code, const std::string& name = {}) {
    if (code.empty() || languages_.contains(code)) return;
    tx_.save_language({code, name.empty() ? code : name});
    languages_.insert(code);
    ++result("languages").imported;
  }

  std::optional<ImportOrigin> mapped(std::string_view kind, std::string_view source_id) {
    return tx_.imported_as(origin_, kind, source_id);
  }

  std::string author_slug(const std::string& login, const std::string& display_name, const std::string& email) {
    if (login.empty()) return {};
    if (auto known = known_authors_.find(login); known != known_authors_.end()) return known->second;
    std::string slug;
    auto& counts = result("authors");
    if (auto m = mapped("author", login)) {
      slug = m->target;
      ++counts.unchanged;
    } else {
      slug = slugify(login);
      if (slug.empty()) slug = slugify(display_name);
      if (slug.empty()) slug = "author-" + hex64(content_hash(login)).substr(0, 8);
      std::string name = display_name.empty() ? login : display_name;
      if (auto it = authors_.find(slug); it == authors_.end()) {
        Author author{slug, name, ""};
        tx_.save_author(author);
        authors_[slug] = author;
        ++counts.imported;
      } else {
        ++counts.unchanged;  // an author of the site already has this name: the posts are theirs
      }
      tx_.save_import_origin({origin_, "author", login, slug, ""});
      add_redirect("/author/" + login, author_path(slug));
      if (!email.empty()) account_for(email, name, slug);
    }
    known_authors_[login] = slug;
    return slug;
  }

  // A disabled account, so that the owner can give the author back their access.
  void account_for(const std::string& email, const std::string& name, const std::string& slug) {
    auto& counts = result("accounts");
    std::string folded = email;
    for (auto& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (emails_.contains(folded) || store_.user_by_email(email)) {
      ++counts.skipped["an account has this e-mail already"];
      return;
    }
    emails_.insert(folded);
    User user;
    user.email = email;
    user.name = name;
    user.role = Role::contributor;
    user.author = slug;
    user.created_at = now_;
    user.disabled = true;
    tx_.save_user(user);
    ++counts.imported;
  }

  std::string section_slug(const WxrTerm& t) {
    if (auto known = known_sections_.find(t.slug); known != known_sections_.end()) return known->second;
    std::string slug;
    auto& counts = result("sections");
    if (auto m = mapped("category", t.slug)) {
      slug = m->target;
      ++counts.unchanged;
    } else {
      slug = slugify(percent_decoded(t.slug));
      if (slug.empty()) slug = slugify(t.name);
      if (slug.empty()) slug = "category-" + std::to_string(t.id);
      if (!sections_.contains(slug)) {
        Section s{slug, t.name.empty() ? slug : t.name, t.description, next_position_++, ""};
        if (auto parent = known_sections_.find(t.parent); parent != known_sections_.end()) s.parent = parent->second;
        tx_.save_section(s);
        sections_.insert(slug);
        ++counts.imported;
      } else {
        ++counts.unchanged;
      }
      tx_.save_import_origin({origin_, "category", t.slug, slug, ""});
      add_redirect("/category/" + t.slug, section_path(slug));
      if (!t.parent.empty()) add_redirect("/category/" + t.parent + "/" + t.slug, section_path(slug));
    }
    known_sections_[t.slug] = slug;
    return slug;
  }

  // A tag, or a term of a taxonomy of the site's own (an "artist" or "series" taxonomy of a fan
  // site's theme) kept as a tag; `archive` is the first segment of its WordPress address.
  std::string tag_slug(const std::string& wp_slug, const std::string& name, const std::string& archive) {
    if (auto known = known_tags_.find(archive + "/" + wp_slug); known != known_tags_.end()) return known->second;
    std::string slug = slugify(percent_decoded(wp_slug));
    if (slug.empty()) slug = slugify(name);
    if (slug.empty()) return {};
    auto& counts = result("tags");
    if (!tags_.contains(slug)) {
      tx_.save_tag({slug, name.empty() ? slug : name});
      tags_[slug] = name;
      ++counts.imported;
    } else {
      ++counts.unchanged;
    }
    add_redirect("/" + archive + "/" + wp_slug, tag_path(slug));
    known_tags_[archive + "/" + wp_slug] = slug;
    return slug;
  }

  void add_redirect(const std::string& from, const std::string& to) {
    auto key = redirect_key(from);
    if (!key || *key == "/" || *key == to) return;
    if (!redirected_.insert(*key).second) return;  // one thing's addresses are often the same
    tx_.save_redirect({*key, to, origin_, now_});
    ++result("redirects").imported;
  }

  std::optional<Instant> utc(const std::string& gmt, const std::string& local) const {
    if (auto d = read_date(gmt); d.state == WpDate::State::valid) return d.at;
    if (auto d = read_date(local); d.state == WpDate::State::valid) return d.at - report_.utc_offset.value_or(minutes(0));
    return std::nullopt;
  }

  // The slug an article of this post has or would have: its own once written, else the one it
  // would be given (a translation names its first edition by slug before that is written).
  std::string slug_of(std::int64_t post_id, std::int64_t article_id) {
    if (auto it = written_slugs_.find(post_id); it != written_slugs_.end()) return it->second;
    if (auto m = mapped("post", std::to_string(post_id))) {
      if (auto a = tx_.article_by_id(std::stoll(m->target))) return a->slug;
    }
    auto candidate = scout_.slugs.find(post_id);
    std::string slug = candidate != scout_.slugs.end() ? candidate->second : "post-" + std::to_string(post_id);
    auto other = tx_.article_by_slug(slug);
    if (other && other->id != article_id) slug = slug.substr(0, 80) + "-" + std::to_string(post_id);
    return slug;
  }

  std::string language_of(std::int64_t post_id) const {
    auto it = scout_.languages.find(post_id);
    return it != scout_.languages.end() ? it->second : default_language_;
  }

  // A post as an article, a page as a standalone page.
  void write_post(const WxrItem& i) {
    const bool page = i.type == "page";
    auto& counts = result(page ? "pages" : "articles");
    if (i.status == "auto-draft" || i.status == "inherit") {
      ++counts.skipped["status '" + i.status + "': WordPress's own working copy"];
      return;
    }
    const std::string id = std::to_string(i.post_id);
    const std::string print = fingerprint(i);
    std::optional<Article> existing;
    if (auto m = mapped("post", id)) {
      existing = tx_.article_by_id(std::stoll(m->target));
      if (existing && m->fingerprint == print) {
        ++counts.unchanged;
        write_comments(i, existing->id);
        return;
      }
    }
    Article a = existing ? *existing : Article{};
    a.kind = page ? ArticleKind::page : ArticleKind::article;
    a.slug = existing ? existing->slug : slug_of(i.post_id, 0);
    if (page && !existing && page_slug_taken(a.slug, std::vector<std::string>(languages_.begin(), languages_.end()))) {
      note("page " + id + ": '/" + a.slug + "' is an address of kpress itself: the page is at '/" + a.slug + "-page'");
      a.slug += "-page";
    }
    a.language = language_of(i.post_id);
    ensure_language(a.language);
    a.title = i.title.empty() ? "(" + std::to_string(i.post_id) + ")" : i.title;
    if (i.title.empty()) note("post " + id + " has no title: titled '" + a.title + "'");
    auto content = wordpress_to_markdown(i.content);
    a.body = with_library_images(std::move(content.markdown));
    for (const auto& [kind, n] : content.kept_as_text) report_.file.kept_as_text[kind].push_back(i.post_id);
    a.standfirst = i.excerpt.empty() ? std::string() : wordpress_to_markdown(i.excerpt).markdown;
    while (!a.standfirst.empty() && a.standfirst.back() == '\n') a.standfirst.pop_back();
    a.author = author_slug(i.creator, i.creator, "");
    a.tags.clear();
    a.section.clear();
    for (const auto& t : i.terms) {
      if (t.taxonomy == "category") {
        auto slug = section_slug(t);
        if (a.section.empty()) a.section = slug;
      } else if (t.taxonomy == "post_tag" || describes_content(t.taxonomy)) {
        if (t.taxonomy != "post_tag") kept_as_tags_.insert(t.taxonomy);
        auto slug = tag_slug(t.slug, t.name, t.taxonomy == "post_tag" ? "tag" : t.taxonomy);
        if (!slug.empty() && std::find(a.tags.begin(), a.tags.end(), slug) == a.tags.end())
          a.tags.push_back(slug);
      }
    }
    // Yoast's title and description for search engines, its variables given their values.
    std::map<std::string, std::string> yoast{{"title", a.title}, {"sitename", site_name_}, {"sep", "–"},
                                             {"excerpt", a.standfirst}};
    if (const auto* title = meta_value(i, "_yoast_wpseo_title")) a.seo_title = yoast_text(*title, yoast);
    if (const auto* description = meta_value(i, "_yoast_wpseo_metadesc")) a.seo_description = yoast_text(*description, yoast);
    // Yoast's primary category, when the post has several: the section.
    if (const auto* primary = meta_value(i, "_yoast_wpseo_primary_category")) {
      auto wp = category_slugs_.find(*primary);
      auto section = wp == category_slugs_.end() ? known_sections_.end() : known_sections_.find(wp->second);
      if (section != known_sections_.end()) a.section = section->second;
    }
    a.status = article_status(i.status);
    a.published_at = utc(i.post_date_gmt, i.post_date);
    a.updated_at = utc(i.post_modified_gmt, i.post_modified);
    if (a.status == ArticleStatus::draft && i.status != "private" && i.status != "trash") a.published_at.reset();
    if ((a.status == ArticleStatus::published || a.status == ArticleStatus::scheduled) && !a.published_at) {
      a.published_at = a.updated_at.value_or(now_);
      note("post " + id + " is published with no date: dated " + format_iso8601(*a.published_at));
    }
    if (a.updated_at && (!a.published_at || *a.updated_at <= *a.published_at)) a.updated_at.reset();
    if (i.status == "private") note("post " + id + " was private: imported as a draft");
    if (!i.password.empty()) {
      a.status = ArticleStatus::draft;
      note("post " + id + " was protected by a password, which kpress does not have: imported as a draft");
    }
    // A post follows the site's rule, as it did on WordPress; a page takes comments only when
    // opened (kpress's pages take none unless told).
    a.comments = i.comment_status == "closed" ? ArticleComments::closed
                 : page                       ? ArticleComments::open
                                              : ArticleComments::site;
    if (const auto* thumbnail = meta_value(i, "_thumbnail_id")) {
      auto found = scout_.attachments.find(std::atoll(thumbnail->c_str()));
      if (found != scout_.attachments.end() && !found->second.url.empty()) {
        auto kept = media_urls_.find(found->second.file);
        a.hero = {kept != media_urls_.end() ? kept->second : found->second.url,
                  found->second.alt.empty() ? a.title : found->second.alt, ""};
      }
    }
    if (auto group = scout_.group_of.find(i.post_id); group != scout_.group_of.end()) {
      const auto& members = scout_.groups.at(group->second);
      auto root = members.find(default_language_);
      std::int64_t root_id = root != members.end() ? root->second : members.begin()->second;
      if (root == members.end())
        for (const auto& [language, member] : members) root_id = std::min(root_id, member);
      a.translation_of = root_id == i.post_id ? std::string() : slug_of(root_id, a.id);
    }
    auto saved = tx_.save_article(a, now_);
    if (saved.conflict && saved.conflict->kind == Conflict::Kind::slug) {
      a.slug = a.slug.substr(0, 80) + "-" + id;
      saved = tx_.save_article(a, now_);
    }
    if (saved.conflict) throw StoreError("post " + id + ": " + saved.conflict->message);
    // What it is about, when the catalog has something it could be about.
    if (entities_.size() > 0 || existing) tx_.set_article_entities(saved.id, mentioned_entities(article_text(a), entities_));
    if (i.status == "trash" && !(existing && existing->trashed_at)) tx_.trash_article(saved.id, a.updated_at.value_or(now_));
    tx_.save_import_origin({origin_, "post", id, std::to_string(saved.id), print});
    written_slugs_[i.post_id] = a.slug;
    ++(existing ? counts.updated : counts.imported);
    if (i.sticky && !page) sticky_[a.language].push_back(saved.id);

    // Every address the post had.
    redirected_.clear();
    std::string to = path_of(a.kind, a.slug);
    add_redirect(i.link, to);
    add_redirect("/?p=" + id, to);
    if (page) add_redirect("/?page_id=" + id, to);
    if (i.guid.find("?p=") != std::string::npos) add_redirect(i.guid, to);
    auto local = read_date(i.post_date);
    std::string wp_slug = percent_decoded(i.slug);
    if (!page && local.state == WpDate::State::valid && !wp_slug.empty()) {
      auto day = format_iso8601(local.at).substr(0, 10);  // YYYY-MM-DD
      std::string dated = "/" + day.substr(0, 4) + "/" + day.substr(5, 2) + "/" + day.substr(8, 2) + "/";
      add_redirect(dated + wp_slug, to);
      for (const auto& [key, value] : i.meta) {
        if (key == "_wp_old_slug" && !value.empty()) {
          add_redirect(dated + percent_decoded(value), to);
          add_redirect("/" + percent_decoded(value), to);
        } else if (key == "_wp_old_date" && value.size() == 10) {
          add_redirect("/" + value.substr(0, 4) + "/" + value.substr(5, 2) + "/" + value.substr(8, 2) + "/" + wp_slug, to);
        }
      }
    }
    write_comments(i, saved.id);
  }

  void write_comments(const WxrItem& i, std::int64_t article_id) {
    auto& counts = result("comments");
    std::map<std::int64_t, std::int64_t> made;  // WordPress's comment id -> kpress's
    std::set<std::int64_t> in_item;
    for (const auto& c : i.comments) in_item.insert(c.id);
    // Threads rebuilt whatever the order in the file: a reply waits for its parent.
    std::vector<const WxrComment*> waiting;
    for (const auto& c : i.comments) waiting.push_back(&c);
    while (!waiting.empty()) {
      std::vector<const WxrComment*> later;
      for (const auto* c : waiting) {
        bool parent_ready = c->parent == 0 || !in_item.contains(c->parent) || made.contains(c->parent);
        if (!parent_ready) later.push_back(c);
        else write_comment(*c, article_id, made, counts);
      }
      if (later.size() == waiting.size()) {  // a loop of replies: each starts a thread of its own
        for (const auto* c : later) {
          note("comment " + std::to_string(c->id) + " answers a comment that answers it: imported at the top");
          write_comment(*c, article_id, made, counts, true);
        }
        break;
      }
      waiting = std::move(later);
    }
  }

  void write_comment(const WxrComment& c, std::int64_t article_id, std::map<std::int64_t, std::int64_t>& made,
                     WxrImportCounts& counts, bool top = false) {
    const std::string id = std::to_string(c.id);
    std::string type = c.type.empty() ? "comment" : c.type;
    auto status = comment_status(c.approved);
    std::optional<CommentKind> kind = type == "comment" ? CommentKind::comment
                                      : type == "pingback" ? CommentKind::pingback
                                      : type == "trackback" ? CommentKind::trackback
                                                            : std::optional<CommentKind>();
    if (!kind) {
      ++counts.skipped["type '" + type + "'"];
      return;
    }
    if (!status) {
      ++counts.skipped["approval '" + c.approved + "'"];
      return;
    }
    const std::string print = fingerprint(c);
    std::optional<Comment> existing;
    if (auto m = mapped("comment", id)) {
      existing = tx_.comment(std::stoll(m->target));
      if (existing && m->fingerprint == print) {
        made[c.id] = existing->id;
        ++counts.unchanged;
        return;
      }
    }
    Comment comment = existing ? *existing : Comment{};
    comment.article_id = article_id;
    auto parent = made.find(c.parent);
    comment.parent_id = top || parent == made.end() ? 0 : parent->second;
    comment.kind = *kind;
    comment.status = *status;
    comment.author_name = c.author.empty() ? "Anonyme" : c.author.substr(0, kMaxCommentName);
    comment.author_url = c.url;
    comment.email_key = c.email.empty() || !options_.email_key ? std::string() : options_.email_key(c.email);
    comment.body = wordpress_to_markdown(c.content).markdown;
    while (!comment.body.empty() && comment.body.back() == '\n') comment.body.pop_back();
    if (comment.body.empty()) comment.body = c.content;
    auto created = utc(c.date_gmt, c.date);
    comment.created_at = created.value_or(now_);
    auto saved = existing ? existing->id : tx_.save_comment(comment);
    if (existing) tx_.save_comment(comment);
    tx_.save_import_origin({origin_, "comment", id, std::to_string(saved), print});
    made[c.id] = saved;
    ++(existing ? counts.updated : counts.imported);
  }

  Store& store_;
  WriteTransaction& tx_;
  const Scout& scout_;
  const WxrImportOptions& options_;
  WxrImportReport& report_;
  const Instant now_;
  const EntityMatcher entities_;
  std::string origin_;
  std::string default_language_;
  std::string site_name_;  // the old site's, which Yoast's titles name
  std::set<std::string> languages_, sections_, emails_;
  std::map<std::string, Author> authors_;
  std::map<std::string, std::string> tags_;
  std::set<std::string> kept_as_tags_;  // taxonomies of the site's own
  int next_position_ = 0;
  std::map<std::string, std::string> known_authors_, known_sections_, known_tags_;  // WordPress's -> kpress's
  std::map<std::string, std::string> category_slugs_;  // a category's id -> its WordPress slug
  std::map<std::string, std::string> category_names_;  // a category's id -> its name
  std::vector<MenuItem> menu_items_;
  std::map<std::string, std::string> media_urls_;
  std::vector<MediaItem> written_media_;  // an upload's place under wp-content/uploads -> its library address
  Site site_;                // as this import leaves it
  std::string old_address_;  // the old site's, without its last slash
  std::map<std::int64_t, std::string> written_slugs_;
  std::set<std::string> redirected_;  // the old addresses of the thing being written
  std::map<std::string, std::vector<std::int64_t>> sticky_;  // by language
  std::int64_t done_ = 0;
  std::int64_t notes_left_out_ = 0;

 public:
  std::int64_t notes_left_out() const { return notes_left_out_; }
};

std::string offset_text(minutes offset) {
  auto total = offset.count();
  std::string text(1, total < 0 ? '-' : '+');
  total = total < 0 ? -total : total;
  auto two = [](long long n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return text + two(static_cast<long long>(total / 60)) + ":" + two(static_cast<long long>(total % 60));
}

}  // namespace

WxrImportReport import_wxr(Store& store, const std::filesystem::path& file, const WxrImportOptions& options, Instant now) {
  WxrImportReport report;
  report.dry_run = options.dry_run;
  Scout scout(file.string());
  read_wxr(file, scout);
  report.file = scout.census;
  report.utc_offset = options.utc_offset;
  if (!report.utc_offset) {
    report.utc_offset = scout.most_common_offset();
    report.utc_offset_inferred = report.utc_offset.has_value();
  }
  if (scout.offsets.size() > 1 && !options.utc_offset)
    report.notes.push_back("the posts' dates are " + std::to_string(scout.offsets.size()) +
                           " different offsets from UTC (summer time?): dates kept in local time only were read at " +
                           offset_text(*report.utc_offset) + "; set --utc-offset to choose");

  auto tx = store.begin_write();
  Writer writer(store, *tx, scout, options, report, now);
  try {
    writer.import_attachments("wordpress " + old_site_address(scout.census.site));
    read_wxr(file, writer);
    writer.finish();
  } catch (...) {
    writer.remove_written_media();
    throw;
  }
  if (!report.utc_offset && scout.census.items.contains("post"))
    report.notes.push_back("no post carries both a local and a UTC date: dates kept in local time only were read as UTC; "
                           "set --utc-offset to the old site's offset");
  if (writer.notes_left_out() > 0)
    report.notes.push_back("and " + std::to_string(writer.notes_left_out()) + " more notes");
  if (options.dry_run) return report;
  try {
    tx->commit();
  } catch (...) {
    writer.remove_written_media();
    throw;
  }
  return report;
}

boost::json::object to_json(const WxrImportReport& r) {
  boost::json::object results;
  for (const auto& [kind, c] : r.results) {
    boost::json::object skipped;
    for (const auto& [why, n] : c.skipped) skipped[why] = n;
    results[kind] = {{"imported", c.imported}, {"updated", c.updated}, {"unchanged", c.unchanged}, {"skipped", std::move(skipped)}};
  }
  boost::json::object out{{"dry_run", r.dry_run}, {"file", to_json(r.file)}, {"results", std::move(results)}};
  if (r.utc_offset) out["utc_offset"] = offset_text(*r.utc_offset);
  out["utc_offset_inferred"] = r.utc_offset_inferred;
  out["notes"] = boost::json::value_from(r.notes);
  out["missing_attachments"] = boost::json::value_from(r.missing_attachments);
  return out;
}

}  // namespace kpress
