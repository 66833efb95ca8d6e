//! A global allocator that counts live bytes and their peak while counting is enabled.
//!
//! The benchmark binary installs [`CountingAllocator`] with `#[global_allocator]`. Counting
//! is off by default, so timed sections pay one relaxed load per allocation and nothing
//! else. [`measure_peak`] turns it on around one closure.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

/// The system allocator with byte counting.
pub struct CountingAllocator;

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated minus bytes freed while counting; negative when memory allocated
/// before counting started is freed during it.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn record(delta: isize, new_allocation: bool) {
    if !COUNTING.load(Ordering::Relaxed) {
        return;
    }
    let live = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
    PEAK.fetch_max(live, Ordering::Relaxed);
    if new_allocation {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counters are only read for reporting.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size() as isize, true);
        // SAFETY: same contract as this method.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        record(-(layout.size() as isize), false);
        // SAFETY: same contract as this method.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size() as isize, true);
        // SAFETY: same contract as this method.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size as isize - layout.size() as isize, true);
        // SAFETY: same contract as this method.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocation figures of one [`measure_peak`] run.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    /// Largest number of bytes live at once, counted from the start of the run.
    pub peak_bytes: usize,
    /// Bytes still live when the closure returned, which is the size of its result.
    pub retained_bytes: usize,
    /// Calls to `alloc`, `alloc_zeroed` and `realloc`.
    pub allocations: usize,
}

/// Runs `f` with counting enabled and returns its allocation figures.
///
/// Not reentrant, and allocations on other threads during the run are counted too, so
/// callers run it while no other work is in progress.
pub fn measure_peak<R>(f: impl FnOnce() -> R) -> Usage {
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    ALLOCATIONS.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    let result = f();
    let retained = LIVE.load(Ordering::SeqCst);
    drop(result);
    COUNTING.store(false, Ordering::SeqCst);
    Usage {
        peak_bytes: PEAK.load(Ordering::SeqCst).max(0) as usize,
        retained_bytes: retained.max(0) as usize,
        allocations: ALLOCATIONS.load(Ordering::SeqCst),
    }
}
