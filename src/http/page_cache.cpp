#include "http/page_cache.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/write.hpp>
#include <date/date.h>

#include <future>
#include <list>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.hpp"
#include "http/compression.hpp"
#include "http/security_headers.hpp"

namespace kpress::http {

namespace {

std::optional<Instant> parse_http_date(std::string_view text) {
  std::istringstream in{std::string(text)};
  date::sys_seconds t;
  in >> date::parse("%a, %d %b %Y %H:%M:%S GMT", t);
  if (in.fail()) return std::nullopt;
  return t;
}

bool is_compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("application/xml") || content_type.starts_with("application/rss+xml") ||
         content_type.starts_with("application/atom+xml") || content_type.starts_with("application/feed+json") ||
         content_type.starts_with("image/svg+xml") || content_type.starts_with("application/ld+json");
}

std::vector<std::string> split_tags(std::string_view text) {
  std::vector<std::string> tags;
  for (std::size_t at = 0; at < text.size();) {
    auto end = std::min(text.find(' ', at), text.size());
    if (end > at) tags.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return tags;
}

}  // namespace

struct PageCache::State {
  struct Variant {
    std::string body;
    std::string etag;
    std::shared_ptr<const std::string> wire;  // the whole 200 response, as sent on a cache hit
  };
  struct Page {
    std::string key;
    unsigned status = 200;
    std::string content_type;
    std::string cache_control;
    Instant modified;
    std::optional<Instant> until;
    Variant identity, gzip, br;  // gzip and br empty until a reader asks for them
    bool compressible = false;   // a type that compresses, and large enough to be worth it
    std::vector<std::string> tags;
    std::size_t bytes = 0;
    std::size_t encoded() const { return !gzip.body.empty() + !br.body.empty(); }
    void count_bytes() { bytes = key.size() + 2 * (identity.body.size() + gzip.body.size() + br.body.size()) + 2048; }
  };

  std::size_t max_bytes;
  std::function<Instant()> clock;
  mutable std::mutex mutex;
  std::list<std::shared_ptr<const Page>> lru;  // most recent first
  std::unordered_map<std::string, std::list<std::shared_ptr<const Page>>::iterator> by_key;
  std::unordered_map<std::string, std::unordered_set<std::string>> by_tag;
  std::size_t bytes = 0;
  std::size_t encoded = 0;  // compressed bodies kept, every page's
  std::uint64_t hits = 0, misses = 0;
  // Counts invalidations: a page whose rendering began before one may show what it dropped.
  std::uint64_t invalidations = 0;
  // Pages being rendered: a spike of requests for a page not yet kept renders it once.
  std::unordered_map<std::string, std::shared_future<void>> rendering;

  void erase_locked(const std::string& key) {
    auto it = by_key.find(key);
    if (it == by_key.end()) return;
    auto page = *it->second;
    for (const auto& tag : page->tags) {
      auto t = by_tag.find(tag);
      if (t == by_tag.end()) continue;
      t->second.erase(key);
      if (t->second.empty()) by_tag.erase(t);
    }
    bytes -= page->bytes;
    encoded -= page->encoded();
    lru.erase(it->second);
    by_key.erase(it);
  }

  std::shared_ptr<const Page> find(const std::string& key) {
    std::lock_guard lock(mutex);
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      ++misses;
      return nullptr;
    }
    auto page = *it->second;
    if (page->until && clock() >= *page->until) {
      erase_locked(key);
      ++misses;
      return nullptr;
    }
    lru.splice(lru.begin(), lru, it->second);
    ++hits;
    return page;
  }

  void insert(std::shared_ptr<const Page> page, std::uint64_t invalidations_before) {
    if (page->bytes > max_bytes / 4) return;  // one page may not push out a quarter of the rest
    std::lock_guard lock(mutex);
    if (invalidations != invalidations_before) return;
    erase_locked(page->key);
    lru.push_front(page);
    by_key[page->key] = lru.begin();
    for (const auto& tag : page->tags) by_tag[tag].insert(page->key);
    bytes += page->bytes;
    encoded += page->encoded();
    while (bytes > max_bytes && !lru.empty()) erase_locked(lru.back()->key);
  }

  // The page with the encoding this request asks for: compressed now, the first time a reader
  // asks for it, and kept in its place when the page is still the one kept.
  std::shared_ptr<const Page> with_encoding(std::shared_ptr<const Page> page, const Request& req) {
    auto wanted = choose_encoding(req[Field::accept_encoding]);
    bool missing = (wanted == "gzip" && page->gzip.body.empty()) || (wanted == "br" && page->br.body.empty());
    if (!page->compressible || !missing) return page;
    auto more = std::make_shared<Page>(*page);
    encode(*more, wanted);
    more->count_bytes();
    std::lock_guard lock(mutex);
    auto it = by_key.find(page->key);
    if (it == by_key.end() || *it->second != page) return more;  // dropped or replaced meanwhile
    bytes += more->bytes - page->bytes;
    encoded += more->encoded() - page->encoded();
    *it->second = more;
    while (bytes > max_bytes && !lru.empty()) erase_locked(lru.back()->key);
    return more;
  }

  // Compresses the page's body in `encoding` ("gzip" or "br"), with its own ETag and, when the
  // page is kept, the whole answer as sent on a hit.
  void encode(Page& page, std::string_view encoding) const {
    auto& v = encoding == "br" ? page.br : page.gzip;
    v.body = encoding == "br" ? brotli_compress(page.identity.body) : gzip_compress(page.identity.body);
    v.etag = page.identity.etag.substr(0, page.identity.etag.size() - 1) + "-" + std::string(encoding) + "\"";
    if (max_bytes > 0) wire(page, v, encoding);
  }
  void wire(const Page& page, Variant& v, std::string_view encoding) const {
    Request plain{Verb::get, page.key, 11};
    if (!encoding.empty()) plain.set(Field::accept_encoding, encoding);
    Response wire = respond(page, plain, true);
    add_security_headers(wire);
    std::ostringstream out;
    out << wire;
    v.wire = std::make_shared<const std::string>(out.str());
  }

  // The response for one page, in the encoding the request accepts; 304 when it has it.
  Response respond(const Page& page, const Request& req, bool hit) const { return respond_from(page, req, hit); }
  // The same for a page rendered for this request alone (not kept): its body is moved, not copied.
  Response respond_once(Page& page, const Request& req) const { return respond_from(page, req, false); }

  template <typename SomePage>  // const Page: the body is copied; Page: moved
  Response respond_from(SomePage& page, const Request& req, bool hit) const {
    auto encoding = choose_encoding(req[Field::accept_encoding]);
    auto* v = &page.identity;
    if (encoding == "br" && !page.br.body.empty()) v = &page.br;
    else if (encoding == "gzip" && !page.gzip.body.empty()) v = &page.gzip;

    bool not_modified = false;
    if (auto inm = req.find(Field::if_none_match); inm != req.end()) {
      not_modified = inm->value() == "*" || inm->value().find(v->etag) != std::string_view::npos;
    } else if (auto ims = req.find(Field::if_modified_since); ims != req.end()) {
      auto since = parse_http_date(ims->value());
      not_modified = since && page.modified <= *since;
    }
    Response res{not_modified ? Status::not_modified : static_cast<Status>(page.status), 11};
    if (!not_modified) {
      res.set(Field::content_type, page.content_type);
      if constexpr (std::is_const_v<SomePage>) res.body() = v->body;
      else res.body() = std::move(v->body);
    }
    res.set(Field::etag, v->etag);
    res.set(Field::last_modified, format_http_date(page.modified));
    res.set(Field::vary, "Accept-Encoding");
    if (!page.cache_control.empty()) res.set(Field::cache_control, page.cache_control);
    if (v == &page.br) res.set(Field::content_encoding, "br");
    if (v == &page.gzip) res.set(Field::content_encoding, "gzip");
    res.set("X-Cache", hit ? "HIT" : "MISS");
    if (not_modified) res.content_length(0);  // no body; the headers describe the page kept
    else res.prepare_payload();
    return res;
  }
};

PageCache::PageCache(std::size_t max_bytes, std::function<Instant()> clock)
    : state_(std::make_shared<State>()) {
  state_->max_bytes = max_bytes;
  state_->clock = std::move(clock);
}

PageCache::~PageCache() = default;

Handler PageCache::wrap(Handler inner) {
  return [state = state_, inner = std::move(inner)](const Request& req) -> Response {
    bool cacheable_request = req.method() == Verb::get || req.method() == Verb::head;
    if (!cacheable_request) return inner(req);
    std::string key(req.target());
    std::optional<std::promise<void>> rendered;  // set: this request renders the page for the others
    if (state->max_bytes > 0) {
      if (auto page = state->find(key)) return state->respond(*state->with_encoding(page, req), req, true);
      std::shared_future<void> wait;
      {
        std::lock_guard lock(state->mutex);
        if (auto it = state->rendering.find(key); it != state->rendering.end()) {
          wait = it->second;
        } else {
          rendered.emplace();
          state->rendering.emplace(key, rendered->get_future().share());
        }
      }
      if (wait.valid()) {
        wait.wait();
        if (auto page = state->find(key)) return state->respond(*state->with_encoding(page, req), req, true);
      }
    }
    // Whatever happens below, those waiting are let go.
    struct Release {
      State& state;
      const std::string& key;
      std::optional<std::promise<void>>& promise;
      ~Release() {
        if (!promise) return;
        std::lock_guard lock(state.mutex);
        state.rendering.erase(key);
        promise->set_value();
      }
    } release{*state, key, rendered};
    std::uint64_t invalidations_before = 0;
    {
      std::lock_guard lock(state->mutex);
      invalidations_before = state->invalidations;
    }
    Response res = inner(req);
    auto tags_field = res.find(kTagsHeader);
    if (tags_field == res.end() || res.result() != Status::ok) {
      res.erase(kTagsHeader);
      res.erase(kCacheUntilHeader);
      return res;
    }
    auto page = std::make_shared<State::Page>();
    page->key = key;
    page->status = res.result_int();
    page->content_type = std::string(res[Field::content_type]);
    page->cache_control = std::string(res[Field::cache_control]);
    if (page->cache_control.empty()) page->cache_control = "public, max-age=0, must-revalidate";
    page->modified = state->clock();
    bool keep = state->max_bytes > 0;
    if (keep) page->tags = split_tags(tags_field->value());
    if (auto until = res.find(kCacheUntilHeader); until != res.end()) {
      page->until = Instant(std::chrono::seconds(std::stoll(std::string(until->value()))));
    }
    page->identity.body = std::move(res.body());
    std::string hash = hex64(content_hash(page->identity.body));
    page->identity.etag = "\"" + hash + "\"";
    // Compressed in the encoding this reader accepts alone: the others when a reader asks for
    // them (a page a crawler reads once is never compressed three ways).
    page->compressible = is_compressible(page->content_type) && page->identity.body.size() > 256;
    if (keep) state->wire(*page, page->identity, "");
    auto wanted = choose_encoding(req[Field::accept_encoding]);
    if (page->compressible && (wanted == "gzip" || wanted == "br")) state->encode(*page, wanted);
    page->count_bytes();
    if (!keep) return state->respond_once(*page, req);
    std::shared_ptr<const State::Page> stored = page;
    state->insert(stored, invalidations_before);
    return state->respond(*stored, req, false);
  };
}

FastPath PageCache::fast_path() const {
  return [state = state_](const Request& req) -> RawResponse {
    if (state->max_bytes == 0 || req.find(Field::if_none_match) != req.end() ||
        req.find(Field::if_modified_since) != req.end())
      return {};
    auto page = state->find(std::string(req.target()));
    if (!page) {
      std::lock_guard lock(state->mutex);
      --state->misses;  // the handler will look again and count it
      return {};
    }
    auto encoding = choose_encoding(req[Field::accept_encoding]);
    const State::Variant* v = &page->identity;
    if (encoding == "br") v = &page->br;
    else if (encoding == "gzip") v = &page->gzip;
    if (!v->wire && page->compressible) {
      std::lock_guard lock(state->mutex);
      --state->hits;  // the handler compresses it for this reader, and counts the hit
      return {};
    }
    if (!v->wire) v = &page->identity;
    return {v->wire, page->status, v->body.size()};
  };
}

void PageCache::invalidate(const std::vector<std::string>& tags) {
  std::lock_guard lock(state_->mutex);
  ++state_->invalidations;
  for (const auto& tag : tags) {
    auto it = state_->by_tag.find(tag);
    if (it == state_->by_tag.end()) continue;
    std::vector<std::string> keys(it->second.begin(), it->second.end());
    for (const auto& key : keys) state_->erase_locked(key);
  }
}

void PageCache::clear() {
  std::lock_guard lock(state_->mutex);
  ++state_->invalidations;
  state_->lru.clear();
  state_->by_key.clear();
  state_->by_tag.clear();
  state_->bytes = 0;
}

PageCacheStats PageCache::stats() const {
  std::lock_guard lock(state_->mutex);
  return {state_->hits, state_->misses, state_->by_key.size(), state_->bytes, state_->encoded};
}

}  // namespace kpress::http
