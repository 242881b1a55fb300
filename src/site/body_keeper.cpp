#include "site/body_keeper.hpp"

#include <cmark-gfm.h>
#include <elf.h>
#include <link.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <random>
#include <vector>

#include "core/hash.hpp"

namespace kpress {

namespace {
constexpr std::size_t kBatch = 64;  // bodies a transaction: one disk flush for all of them
// Articles whose older builds' bodies a transaction drops: about a thousand rows with two builds
// before, a few MB of pages touched.
constexpr std::int64_t kDropRange = 500;

// The GNU build id of the running program: it changes with every build.
std::string build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) {
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_NOTE) continue;
          const char* at = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
          const char* end = at + segment.p_memsz;
          while (at + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, at, sizeof note);
            const char* name = at + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              static_cast<std::string*>(out)->assign(desc, note.n_descsz);
              return 1;
            }
            at = desc + ((note.n_descsz + 3) & ~3u);
          }
        }
        return 1;  // the program itself comes first; its libraries are not looked at
      },
      &id);
  return id;
}

// A program without a build id keeps its bodies for its own run only.
std::string this_renderer() {
  auto id = build_id();
  if (id.empty()) id = std::to_string(std::random_device{}());
  return hex64(content_hash(id)) + " cmark-gfm " + cmark_version_string();
}
}

BodyKeeper::BodyKeeper(Store& store, std::function<void()> when_idle, std::size_t max_waiting)
    : store_(store), when_idle_(std::move(when_idle)), renderer_(this_renderer()), max_waiting_(max_waiting) {
  auto tx = store_.begin_write();
  tx->adopt_body_renderer(renderer_);
  tx->commit();
  writer_ = std::thread([this] { write_loop(); });
}

BodyKeeper::~BodyKeeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  writer_.join();
}

void BodyKeeper::keep(RenderedBody body) {
  body.renderer = renderer_;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() >= max_waiting_ || !articles_waiting_.insert(body.article_id).second) return;
    waiting_.push_back(std::move(body));
    ++handed_;
  }
  changed_.notify_all();
}

void BodyKeeper::flush() {
  std::unique_lock lock(mutex_);
  auto target = handed_;
  changed_.wait(lock, [&] { return written_ >= target; });
}

void BodyKeeper::write_loop() {
  bool wrote_since_idle = false;
  // The older builds' bodies, dropped here rather than when the server starts (see
  // drop_bodies_of_old_renderers), between the batches of this build's bodies.
  std::optional<std::int64_t> old_bodies_after = 0;
  for (;;) {
    std::vector<RenderedBody> batch;
    {
      std::unique_lock lock(mutex_);
      auto work = [&] { return stopping_ || !waiting_.empty() || old_bodies_after; };
      if (!changed_.wait_for(lock, std::chrono::seconds(1), work)) {
        if (wrote_since_idle && when_idle_) {
          lock.unlock();
          when_idle_();
        }
        wrote_since_idle = false;
        continue;
      }
      if (stopping_ && waiting_.empty()) return;  // everything is written; what is left to drop, the next start drops
      while (!waiting_.empty() && batch.size() < kBatch) {
        batch.push_back(std::move(waiting_.front()));
        waiting_.pop_front();
      }
    }
    wrote_since_idle = true;
    if (batch.empty()) {
      try {
        auto tx = store_.begin_write();
        old_bodies_after = tx->drop_bodies_of_old_renderers(*old_bodies_after, kDropRange).go_on_after;
        tx->commit();
      } catch (const std::exception& e) {
        spdlog::warn("older builds' rendered bodies not dropped (the next start goes on): {}", e.what());
        old_bodies_after.reset();
      }
      continue;
    }
    try {
      auto tx = store_.begin_write();
      for (const auto& body : batch) tx->keep_rendered_body(body);
      tx->commit();
    } catch (const std::exception& e) {
      // Nothing is lost: those bodies are rendered again at their next view.
      spdlog::warn("rendered bodies not kept: {}", e.what());
    }
    {
      std::lock_guard lock(mutex_);
      for (const auto& body : batch) articles_waiting_.erase(body.article_id);
      written_ += batch.size();
    }
    changed_.notify_all();
  }
}

}  // namespace kpress
