//! The allocator's side of the report budget (glibc): buffers of 1 MiB and more are
//! mapped on their own, so a report let go of gives its memory back to the system at
//! once (glibc's default raises that threshold up to 32 MiB as big buffers are freed, and
//! then keeps them); and the heaps are trimmed after reports were let go of.

/// Above this, a buffer gets a mapping of its own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MAP_ON_ITS_OWN: libc::c_int = 1 << 20;

/// Sets the allocator up for the explorer (before the first report is computed).
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's parameters; called before the worker
    // threads start.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MAP_ON_ITS_OWN);
    }
}

/// Gives the free memory at the top of the allocator's heaps back to the system.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim is thread-safe and only releases memory that is free.
    unsafe {
        libc::malloc_trim(0);
    }
}
