#include "cli/free_memory.hpp"

#include <dlfcn.h>
#include <malloc.h>

namespace kpress {

void keep_freed_memory_while_busy() {
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

void give_back_free_memory() {
  // Looked up rather than linked: the sanitizer builds run without mimalloc.
  using Collect = void (*)(bool force);
  static const auto collect = reinterpret_cast<Collect>(dlsym(RTLD_DEFAULT, "mi_collect"));
  if (collect) collect(true);
  else malloc_trim(0);
}

}  // namespace kpress
