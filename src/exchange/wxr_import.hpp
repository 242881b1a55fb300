#pragma once
// `kpress import --format wxr`: a WordPress site's export written into this site, in one
// transaction (a broken file, named with its line, keeps nothing). The file is read twice as a
// stream: first to check it whole and learn what later parts need (the site's offset from UTC,
// the attachments' addresses, the translation groups, every post's slug), then to write each
// author, category, tag, post and comment as it comes, so memory does not grow with the file.
// What each became is recorded against the old site's address and its ids (import_origins):
// importing the same export again changes nothing, a newer one updates what changed (new
// revisions), and what the newsroom did since to a post the export did not change stays.
// Every old address (permalinks, ?p=ID, old slugs and dates, archives) becomes a redirect.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/time.hpp"
#include "exchange/wxr_census.hpp"
#include "media/media_library.hpp"

namespace kpress {

class Store;

struct WxrImportOptions {
  bool dry_run = false;  // everything done, then rolled back: the report of what would be
  // The old site's offset from UTC, for dates WordPress kept in local time only; unset: inferred
  // from the posts that carry both.
  std::optional<std::chrono::minutes> utc_offset;
  // The keyed hash a commenter's e-mail is kept as (CommentKeys::key_of("email", ...)).
  std::function<std::string(std::string_view email)> email_key;
  // Told after each item written: how many of how many.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  // Attachments go into the media library in these folders; unset: they are listed, not kept.
  std::optional<MediaFolders> media;
  // A copy of the old site's wp-content/uploads: attachments are read there first.
  std::filesystem::path uploads;
  // Attachments not in `uploads` are fetched from the old site, if it answers and is on the
  // public internet (exchange/public_fetch.hpp).
  bool fetch_attachments = true;
};

// What became of one kind of thing (authors, articles, comments...).
struct WxrImportCounts {
  std::int64_t imported = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::map<std::string, std::int64_t> skipped;  // by reason
};

struct WxrImportReport {
  WxrCensus file;                                  // what the export holds
  std::map<std::string, WxrImportCounts> results;  // by kind
  std::optional<std::chrono::minutes> utc_offset;  // the offset local dates were read with
  bool utc_offset_inferred = false;
  std::vector<std::string> notes;  // what someone should look at, each naming its post
  std::vector<std::string> missing_attachments;  // each with why: its address, then the reason
  bool dry_run = false;
};

// Throws WxrError (the file, with line and column) or StoreError; nothing is written then.
WxrImportReport import_wxr(Store& store, const std::filesystem::path& file, const WxrImportOptions& options,
                           Instant now);
boost::json::object to_json(const WxrImportReport& report);

}  // namespace kpress
