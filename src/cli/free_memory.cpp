#include "cli/free_memory.hpp"

#include <dlfcn.h>
#include <malloc.h>
#include <mimalloc.h>  // the option names alone: the functions are looked up

namespace kpress {

void keep_freed_memory_while_busy() {
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

void give_back_free_memory() {
  // Looked up rather than linked: the sanitizer builds run without mimalloc.
  using Collect = void (*)(bool force);
  using OptionGet = long (*)(mi_option_t);
  using OptionSet = void (*)(mi_option_t, long);
  static const auto collect = reinterpret_cast<Collect>(dlsym(RTLD_DEFAULT, "mi_collect"));
  static const auto option_get = reinterpret_cast<OptionGet>(dlsym(RTLD_DEFAULT, "mi_option_get"));
  static const auto option_set = reinterpret_cast<OptionSet>(dlsym(RTLD_DEFAULT, "mi_option_set"));
  if (!collect || !option_get || !option_set) {
    malloc_trim(0);
    return;
  }
  // mimalloc decommits a freed page only once decommit_delay (25 ms) has passed, when its thread
  // next frees or allocates: a thread falling idle kept what it had freed last. With no delay for
  // the time of the collection, the collection decommits it. Busy, the delay stays: decommitting
  // at once made a crawl take a quarter more CPU.
  // The configured delay, read at the first call, before any other: read at each call, one
  // thread's collection could read the 0 set by another's and keep it for good (the main thread
  // collects every few seconds while the workers collect when idle).
  static const long delay = option_get(mi_option_decommit_delay);
  option_set(mi_option_decommit_delay, 0);
  collect(true);
  option_set(mi_option_decommit_delay, delay);
}

}  // namespace kpress
