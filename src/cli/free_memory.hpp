#pragma once
// What the allocator keeps after a burst of work (a crawl of the archive renders a page a
// request, and frees it) goes back to the system when the thread that did it falls idle, rather
// than staying resident until that thread allocates again.

namespace kpress {

// glibc (the allocator under the sanitizers; mimalloc's otherwise) gives freed memory back to the
// kernel as soon as the top of a heap is free, and serves blocks from 128 KiB up with their own
// mmap: a page render allocates and frees a few hundred KiB, so every render paid for page faults
// and TLB flushes on both cores (a quarter of an uncached article's time). While serving, freed
// memory is kept for reuse; give_back_free_memory returns it once a thread falls idle.
void keep_freed_memory_while_busy();

// Gives back the free memory the calling thread's allocator holds: mimalloc's, when it is the
// process's allocator (not under the sanitizers), else glibc's.
void give_back_free_memory();

}  // namespace kpress
