#include "site/old_addresses.hpp"

#include "core/redirects.hpp"
#include "site/cache_tags.hpp"
#include "site/editions.hpp"
#include "store/store.hpp"

namespace kpress {
namespace {

// Whether the query names a WordPress post, page, attachment or archive by its id.
bool names_wordpress_id(std::string_view target) {
  auto query = target.find('?');
  if (query == std::string_view::npos) return false;
  for (std::string_view name : {"p=", "page_id=", "attachment_id=", "cat=", "tag=", "author="}) {
    for (auto at = target.find(name, query); at != std::string_view::npos; at = target.find(name, at + 1)) {
      char before = target[at - 1];
      if (before == '?' || before == '&') return true;
    }
  }
  return false;
}

std::optional<std::string> where_it_leads(const Store& store, const std::string& key) {
  if (auto r = store.redirect(key)) return r->to;
  // A WordPress archive's later pages and feeds: the archive's, here.
  if (auto archive = archive_suffix(key)) {
    if (archive->key == "/") return archive->suffix.starts_with('/') ? archive->suffix : "/" + archive->suffix;
    if (auto r = store.redirect(archive->key)) return r->to + archive->suffix;
    // A tag's address is the same on both sites: only its pages and feeds move.
    if (archive->key.starts_with("/tag/")) return archive->key + archive->suffix;
  }
  return std::nullopt;
}

http::Response moved(const std::string& location, const Store& store) {
  auto res = permanent_redirect(location);
  mark_cacheable(res, {"redirects"}, store, system_now());
  return res;
}

}  // namespace

http::Handler with_old_addresses(const Store& store, http::Handler pages) {
  return [&store, pages = std::move(pages)](const http::Request& req) {
    bool read = req.method() == http::Verb::get || req.method() == http::Verb::head;
    if (!read) return pages(req);
    std::optional<std::string> key;
    if (names_wordpress_id(req.target())) {
      key = redirect_key(req.target());
      if (key) {
        if (auto to = where_it_leads(store, *key)) return moved(*to, store);
      }
    }
    auto res = pages(req);
    if (res.result() != http::Status::not_found) return res;
    if (!key) key = redirect_key(req.target());
    if (!key) return res;
    if (auto to = where_it_leads(store, *key)) return moved(*to, store);
    // "/tag/bts/" for "/tag/bts": WordPress's addresses end with a slash, kpress's do not. Sent
    // on only where the address without it is a page.
    auto path_end = req.target().find('?');
    auto path = req.target().substr(0, path_end);
    if (path.size() > 1 && path.back() == '/') {
      std::string without(path);
      while (without.size() > 1 && without.back() == '/') without.pop_back();
      if (path_end != std::string_view::npos) without += req.target().substr(path_end);
      if (without == "/" || without.starts_with("//")) return res;
      http::Request there = req;
      there.target(without);
      if (pages(there).result() != http::Status::not_found) return moved(without, store);
    }
    return res;
  };
}

}  // namespace kpress
