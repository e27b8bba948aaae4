//! Panics inside the spreadsheet reader, caught where waypost calls it.
//!
//! calamine indexes its buffers with numbers read from the file, so a damaged workbook can
//! make it panic where no check from outside can reach. Such a panic is caught at the call
//! and told as a damaged file; the panic hook stays quiet for it, since the message and
//! backtrace it prints mean nothing to the person importing.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether a panic on this thread is caught by [`contain`], and so not reported.
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read`, or `None` when it panicked; the panic is not reported.
pub fn contain<T>(read: impl FnOnce() -> T) -> Option<T> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let report = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINED.get() {
                report(info);
            }
        }));
    });
    let outer = CONTAINED.replace(true);
    // Whatever `read` changed is dropped with it when it panics, so no broken state is seen.
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    CONTAINED.set(outer);
    result.ok()
}
