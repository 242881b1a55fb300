#pragma once
// Rendered article bodies written to the store by a thread of their own: the reader whose view
// rendered a body is answered at once, and the article's next views read the body instead of
// rendering its Markdown again. Bodies are written in batches, each article once however many
// views rendered it meanwhile; when the writer falls behind (a crawl of the whole archive) the
// surplus is left to be rendered again, so memory stays bounded.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "store/store.hpp"

namespace kpress {

class BodyKeeper {
 public:
  // `when_idle` runs on the writer's thread once it has had nothing to write for a second
  // after writing some (the process gives back what the writes freed there). The writer first
  // drops, a range of articles at a time, the bodies of builds before the last upgrade.
  explicit BodyKeeper(Store& store, std::function<void()> when_idle = {}, std::size_t max_waiting = 512);
  ~BodyKeeper();  // writes what is waiting, then stops
  BodyKeeper(const BodyKeeper&) = delete;
  BodyKeeper& operator=(const BodyKeeper&) = delete;

  // Kept as this build's (its renderer set here).
  void keep(RenderedBody body);
  // What renders bodies here: this build of kpress and the cmark-gfm it runs with. Bodies
  // another build kept are not read, since its Markdown or its embeds may differ.
  const std::string& renderer() const { return renderer_; }
  // Returns once every body handed over before the call is written (or found out of date).
  void flush();

 private:
  void write_loop();

  Store& store_;
  std::function<void()> when_idle_;
  const std::string renderer_;
  std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<RenderedBody> waiting_;
  std::unordered_set<std::int64_t> articles_waiting_;
  std::uint64_t handed_ = 0, written_ = 0;  // bodies handed over and dealt with, for flush
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace kpress
