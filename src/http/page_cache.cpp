#include "http/page_cache.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/write.hpp>
#include <date/date.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
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
    std::shared_ptr<const std::string> wire;  // the whole 200 answer as sent on a hit, body last
    std::size_t body_size = 0;
    // Compressed with Effort::thorough. A page is kept compressed quickly (a crawler reading the
    // archive twice makes every page it reads a kept one) and compressed thoroughly at its first
    // hit, once it has proved to be read again.
    bool thorough = true;
    std::string_view body() const { return std::string_view(*wire).substr(wire->size() - body_size); }
  };
  struct Page {
    std::string key;
    unsigned status = 200;  // or 301: an old address kept like a page
    std::string location;   // a 301's
    std::string content_type;
    std::string cache_control;
    Instant modified;
    std::optional<Instant> until;
    std::string hash;  // of the page before compression: every encoding's ETag is made from it
    std::size_t size = 0;       // of the page before compression
    bool compressible = false;  // a type that compresses, and large enough to be worth it
    Variant identity, gzip, br;  // kept: the encodings readers asked for (wire null for the others)
    std::vector<std::string> tags;
    std::size_t bytes = 0;

    std::string_view encoding_for(const Request& req) const {
      return compressible ? choose_encoding(req[Field::accept_encoding]) : std::string_view();
    }
    Variant& variant(std::string_view encoding) { return encoding == "br" ? br : encoding == "gzip" ? gzip : identity; }
    const Variant& variant(std::string_view encoding) const {
      return encoding == "br" ? br : encoding == "gzip" ? gzip : identity;
    }
    std::size_t encoded() const { return (gzip.wire != nullptr) + (br.wire != nullptr); }
    // What keeping the page takes: its answers, and its address again in the set of each tag,
    // with what the allocator and the maps add (a tag's set and its nodes, about 250 bytes: the
    // figures are the process's own, measured with the cache full).
    void count_bytes() {
      bytes = sizeof(Page) + 2 * key.size() + content_type.size() + cache_control.size() + hash.size() + 512;
      for (const auto& tag : tags) bytes += 2 * tag.size() + key.size() + 250;
      for (const auto* v : {&identity, &gzip, &br})
        if (v->wire) bytes += v->wire->size() + 64;
    }
  };
  struct Rendering {
    std::uint64_t number = 0;  // which rendering of the page: another may begin once it ends
    int waiting = 0;  // readers waiting for it: the page is wanted by more than one
  };

  std::size_t max_bytes;
  std::function<Instant()> clock;
  mutable std::mutex mutex;
  std::list<std::shared_ptr<const Page>> lru;  // most recent first
  std::unordered_map<std::string, std::list<std::shared_ptr<const Page>>::iterator> by_key;
  std::unordered_map<std::string, std::unordered_set<std::string>> by_tag;
  std::size_t bytes = 0;
  std::size_t encoded = 0;  // compressed answers kept, every page's
  std::uint64_t hits = 0, misses = 0;
  // Counts invalidations: a page whose rendering began before one that names one of its tags
  // may show what it dropped. The latest are remembered with what they named, so a page rendered
  // across a change elsewhere (a body kept, another article edited) is kept all the same: on a
  // busy site a render 5 ms from its database spans one often, and readers waiting for the page
  // would each render it again.
  std::uint64_t invalidations = 0;
  struct Invalidation {
    std::uint64_t number = 0;
    std::vector<std::string> tags;  // none: every page (clear)
  };
  static constexpr std::size_t kInvalidationsRemembered = 256;
  std::deque<Invalidation> latest_invalidations;  // oldest first
  // Pages being rendered: a spike of requests for a page not yet kept renders it once.
  std::unordered_map<std::string, Rendering> rendering;
  std::uint64_t renderings = 0;
  std::condition_variable rendering_ended;  // of a page others wait for
  // Kept pages being compressed thoroughly, by one reader: the others are served what is kept.
  std::unordered_set<std::string> improving;
  // The addresses of pages asked for lately (hashed), in two generations of kAskedGeneration: a
  // page is kept when it is asked for again while remembered here. With each, the hash of its
  // last rendering and when its bytes last changed: a page rendered again as it was (asked for a
  // second time, or dropped by an edit that did not touch it) keeps its Last-Modified, so a
  // reader's If-Modified-Since still holds.
  static constexpr std::size_t kAskedGeneration = 16384;
  struct Asked {
    std::uint64_t content = 0;
    Instant modified{};
  };
  std::unordered_map<std::uint64_t, Asked> asked_now, asked_earlier;

  // Whether `key` was asked for lately; remembers that it is now.
  bool asked_again_locked(const std::string& key) {
    auto h = content_hash(key);
    if (asked_now.contains(h)) return true;
    if (auto it = asked_earlier.find(h); it != asked_earlier.end()) {
      remember_locked(h, it->second);
      return true;
    }
    remember_locked(h, {});
    return false;
  }

  void remember_locked(std::uint64_t key_hash, Asked asked) {
    asked_now[key_hash] = asked;
    if (asked_now.size() >= kAskedGeneration) {
      asked_earlier = std::move(asked_now);
      asked_now = {};
    }
  }

  // When the page at `key`, now rendered as `content`, last changed: now, unless it was rendered
  // lately with the same bytes.
  Instant modified_locked(const std::string& key, std::uint64_t content, Instant now) {
    auto h = content_hash(key);
    auto it = asked_now.find(h);
    if (it == asked_now.end()) {
      auto earlier = asked_earlier.find(h);
      if (earlier != asked_earlier.end() && earlier->second.content == content) return earlier->second.modified;
      remember_locked(h, {content, now});
      return now;
    }
    if (it->second.content != content) it->second = {content, now};
    return it->second.modified;
  }

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

  void record_invalidation_locked(std::vector<std::string> tags) {
    latest_invalidations.push_back({++invalidations, std::move(tags)});
    if (latest_invalidations.size() > kInvalidationsRemembered) latest_invalidations.pop_front();
  }

  // Whether an invalidation counted after `before` dropped (or would have dropped) a page with
  // `tags`; one forgotten is taken to have.
  bool dropped_since_locked(const std::vector<std::string>& tags, std::uint64_t before) const {
    if (invalidations == before) return false;
    if (latest_invalidations.empty() || latest_invalidations.front().number > before + 1) return true;
    for (const auto& dropped : latest_invalidations) {
      if (dropped.number <= before) continue;
      if (dropped.tags.empty()) return true;
      for (const auto& tag : dropped.tags)
        if (std::find(tags.begin(), tags.end(), tag) != tags.end()) return true;
    }
    return false;
  }

  void insert(std::shared_ptr<const Page> page, std::uint64_t invalidations_before) {
    if (page->bytes > max_bytes / 4) return;  // one page may not push out a quarter of the rest
    std::lock_guard lock(mutex);
    if (dropped_since_locked(page->tags, invalidations_before)) return;
    erase_locked(page->key);
    lru.push_front(page);
    by_key[page->key] = lru.begin();
    for (const auto& tag : page->tags) by_tag[tag].insert(page->key);
    bytes += page->bytes;
    encoded += page->encoded();
    while (bytes > max_bytes && !lru.empty()) erase_locked(lru.back()->key);
  }

  // A kept page's answer to `req`, in the encoding it accepts: made now, the first time a reader
  // asks for that encoding (or compressed thoroughly at its first hit), and kept in its place
  // when the page is still the one kept.
  Response serve(std::shared_ptr<const Page> page, const Request& req) {
    auto encoding = page->encoding_for(req);
    const auto& kept = page->variant(encoding);
    bool improve = kept.wire && !kept.thorough && claim_improvement(page->key);
    struct Claim {
      State& state;
      std::string key;  // the page itself may go before the claim does
      bool held;
      ~Claim() {
        if (!held) return;
        std::lock_guard lock(state.mutex);
        state.improving.erase(key);
      }
    } claim{*this, page->key, improve};
    if (!kept.wire || improve) {
      auto more = std::make_shared<Page>(*page);
      std::string whole = whole_page(*page);
      more->variant(encoding) = answer(*more, encoding, encoding.empty() ? whole : compress(whole, encoding, Effort::thorough));
      more->count_bytes();
      std::lock_guard lock(mutex);
      if (auto it = by_key.find(page->key); it != by_key.end() && *it->second == page) {
        bytes += more->bytes - page->bytes;
        encoded += more->encoded() - page->encoded();
        *it->second = more;
        while (bytes > max_bytes && !lru.empty()) erase_locked(lru.back()->key);
      }  // else dropped or replaced meanwhile: this reader is answered all the same
      page = std::move(more);
    }
    return respond(*page, encoding, std::string(page->variant(encoding).body()), req, true);
  }

  bool claim_improvement(const std::string& key) {
    std::lock_guard lock(mutex);
    return improving.insert(key).second;
  }

  // The page before compression, from whichever encoding is kept.
  static std::string whole_page(const Page& page) {
    if (page.identity.wire) return std::string(page.identity.body());
    if (page.br.wire) return brotli_decompress(page.br.body(), page.size);
    return gzip_decompress(page.gzip.body(), page.size);
  }

  static std::string compress(std::string_view whole, std::string_view encoding, Effort effort) {
    return encoding == "br" ? brotli_compress(whole, effort) : gzip_compress(whole, effort);
  }

  // The whole answer as sent on a hit: headers, then `body` in `encoding`.
  Variant answer(const Page& page, std::string_view encoding, std::string_view body) const {
    Request plain{Verb::get, page.key, 11};
    Response head = respond(page, encoding, {}, plain, true);
    head.content_length(body.size());
    add_security_headers(head);
    std::ostringstream out;
    out << head.base();
    auto wire = std::make_shared<std::string>();
    wire->reserve(static_cast<std::size_t>(out.tellp()) + body.size());
    wire->append(out.view()).append(body);
    return {std::move(wire), body.size()};
  }

  // Compressed encodings have weak ETags, as nginx gives them: a page rendered for one reader and
  // the same page kept for many are compressed with different effort, so their bytes differ.
  static std::string etag_of(const Page& page, std::string_view encoding) {
    if (encoding.empty()) return "\"" + page.hash + "\"";
    return "W/\"" + page.hash + "-" + std::string(encoding) + "\"";
  }

  // The answer to `req` with `body` (the page in `encoding`); 304 when the reader has it.
  Response respond(const Page& page, std::string_view encoding, std::string body, const Request& req, bool hit) const {
    auto etag = etag_of(page, encoding);
    bool not_modified = false;
    if (auto inm = req.find(Field::if_none_match); inm != req.end()) {
      // Weak comparison, as If-None-Match asks: W/"x" and "x" name the same page.
      auto opaque = std::string_view(etag).substr(etag.starts_with("W/") ? 2 : 0);
      not_modified = inm->value() == "*" || inm->value().find(opaque) != std::string_view::npos;
    } else if (auto ims = req.find(Field::if_modified_since); ims != req.end()) {
      auto since = parse_http_date(ims->value());
      not_modified = since && page.modified <= *since;
    }
    Response res{not_modified ? Status::not_modified : static_cast<Status>(page.status), 11};
    if (!not_modified) {
      res.set(Field::content_type, page.content_type);
      res.body() = std::move(body);
    }
    if (!page.location.empty()) res.set(Field::location, page.location);
    res.set(Field::etag, etag);
    res.set(Field::last_modified, format_http_date(page.modified));
    res.set(Field::vary, "Accept-Encoding");
    if (!page.cache_control.empty()) res.set(Field::cache_control, page.cache_control);
    if (!encoding.empty()) res.set(Field::content_encoding, encoding);
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
    bool keep = false;
    bool rendered = false;  // this request renders the page for the others
    if (state->max_bytes > 0) {
      if (auto page = state->find(key)) return state->serve(page, req);
      bool waited = false;
      {
        std::unique_lock lock(state->mutex);
        if (auto it = state->rendering.find(key); it != state->rendering.end()) {
          ++it->second.waiting;
          auto number = it->second.number;
          state->rendering_ended.wait(lock, [&] {
            auto now = state->rendering.find(key);
            return now == state->rendering.end() || now->second.number != number;
          });
          waited = true;
        } else {
          rendered = true;
          state->rendering.emplace(key, State::Rendering{++state->renderings});
          keep = state->asked_again_locked(key);
        }
      }
      if (waited) {
        if (auto page = state->find(key)) return state->serve(page, req);
        keep = true;  // not kept after all (dropped by an edit meanwhile), and asked for again
      }
    }
    // Whatever happens below, those waiting are let go.
    struct Release {
      State& state;
      const std::string& key;
      bool rendered;
      ~Release() {
        if (!rendered) return;
        bool awaited = false;
        {
          std::lock_guard lock(state.mutex);
          auto it = state.rendering.find(key);
          awaited = it->second.waiting > 0;
          state.rendering.erase(it);
        }
        if (awaited) state.rendering_ended.notify_all();
      }
    } release{*state, key, rendered};
    std::uint64_t invalidations_before = 0;
    {
      std::lock_guard lock(state->mutex);
      invalidations_before = state->invalidations;
    }
    Response res = inner(req);
    auto tags_field = res.find(kTagsHeader);
    if (tags_field == res.end() || (res.result() != Status::ok && res.result() != Status::moved_permanently)) {
      res.erase(kTagsHeader);
      res.erase(kCacheUntilHeader);
      return res;
    }
    auto page = std::make_shared<State::Page>();
    page->key = key;
    page->status = res.result_int();
    page->content_type = std::string(res[Field::content_type]);
    page->location = std::string(res[Field::location]);
    page->cache_control = std::string(res[Field::cache_control]);
    if (page->cache_control.empty()) page->cache_control = "public, max-age=0, must-revalidate";
    if (auto until = res.find(kCacheUntilHeader); until != res.end()) {
      page->until = Instant(std::chrono::seconds(std::stoll(std::string(until->value()))));
    }
    std::string body = std::move(res.body());
    auto content = content_hash(body);
    page->hash = hex64(content);
    {
      std::lock_guard lock(state->mutex);
      page->modified = state->modified_locked(key, content, state->clock());
    }
    page->size = body.size();
    page->compressible = is_compressible(page->content_type) && body.size() > 256;
    auto encoding = page->encoding_for(req);
    if (rendered && !keep) {
      std::lock_guard lock(state->mutex);
      keep = state->rendering.at(key).waiting > 0;
    }
    if (!keep) {  // for this reader alone: compressed quickly in the encoding it accepts
      if (!encoding.empty()) body = State::compress(body, encoding, Effort::quick);
      return state->respond(*page, encoding, std::move(body), req, false);
    }
    page->tags = split_tags(tags_field->value());
    page->variant(encoding) =
        state->answer(*page, encoding, encoding.empty() ? body : State::compress(body, encoding, Effort::quick));
    page->variant(encoding).thorough = encoding.empty();
    page->count_bytes();
    state->insert(page, invalidations_before);
    return state->respond(*page, encoding, std::string(page->variant(encoding).body()), req, false);
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
    const auto& v = page->variant(page->encoding_for(req));
    if (!v.wire || !v.thorough) {
      std::lock_guard lock(state->mutex);
      --state->hits;  // the handler makes this encoding (or compresses it thoroughly), and counts the hit
      return {};
    }
    return {v.wire, page->status, v.body_size};
  };
}

void PageCache::invalidate(const std::vector<std::string>& tags) {
  if (tags.empty()) return;  // a change no page shows (a rendered body kept)
  std::lock_guard lock(state_->mutex);
  state_->record_invalidation_locked(tags);
  for (const auto& tag : tags) {
    auto it = state_->by_tag.find(tag);
    if (it == state_->by_tag.end()) continue;
    std::vector<std::string> keys(it->second.begin(), it->second.end());
    for (const auto& key : keys) state_->erase_locked(key);
  }
}

void PageCache::clear() {
  std::lock_guard lock(state_->mutex);
  state_->record_invalidation_locked({});
  state_->lru.clear();
  state_->by_key.clear();
  state_->by_tag.clear();
  state_->bytes = 0;
  state_->encoded = 0;
}

PageCacheStats PageCache::stats() const {
  std::lock_guard lock(state_->mutex);
  return {state_->hits, state_->misses, state_->by_key.size(), state_->bytes, state_->encoded};
}

}  // namespace kpress::http
