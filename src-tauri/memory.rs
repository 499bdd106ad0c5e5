//! Keeping the long-running app's memory near what it uses. A refresh
//! parses a thousand feeds on many threads and fills SQLite's caches; glibc
//! keeps what was freed (an arena per thread, large buffers in its heaps)
//! for the life of the process unless told otherwise, and the app runs for
//! days. Measured after refreshing 1,000 feeds (docs/PERFORMANCE.md): the
//! app process held 173 MiB, 132 after `give_back`.

use tidings_core::Library;

/// Call first thing, before any thread starts.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes glibc's allocation policy; it is called
    // before any other thread exists.
    unsafe {
        // A few arenas rather than one per thread (8 per core): less memory
        // stranded in arenas that a burst of threads used once.
        libc::mallopt(libc::M_ARENA_MAX, 4);
        // Buffers of 256 KiB and more (feed bodies, IPC replies) get their
        // own mappings, returned to the system when freed. By default the
        // threshold grows with each large free, up to 32 MiB, and such
        // buffers then fragment the heaps.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// Hands back SQLite's page caches, then the allocator's free pages.
pub fn give_back(library: &Library) {
    library.release_memory();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages; it touches no live memory.
    unsafe {
        libc::malloc_trim(0);
    }
}
