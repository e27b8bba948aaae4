//! Rendering many roadmaps in one call: a work queue over the cores, each roadmap's
//! message printed whole and in the order given, a progress bar on a terminal, and a
//! summary at the end.
//!
//! Plain scoped threads pulling the next index from an atomic counter are the whole
//! queue: a roadmap takes tens of milliseconds, so there is nothing for a work-stealing
//! pool such as rayon to balance that a shared counter does not, and no dependency is
//! added for it.

use super::output::Said;
use super::Exit;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;

/// Results waiting to be printed in input order.
struct Printer {
    done: Vec<Option<Said>>,
    printed: usize,
}

/// Runs `job` on every file with up to `jobs` threads and prints each result as soon as
/// all those before it are printed. Returns the exit codes, in input order.
pub fn run<F>(files: &[PathBuf], jobs: usize, job: F) -> Vec<Exit>
where
    F: Fn(&Path) -> Said + Sync,
{
    let next = AtomicUsize::new(0);
    let printer = Mutex::new(Printer {
        done: files.iter().map(|_| None).collect(),
        printed: 0,
    });
    let bar = progress(files.len());
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(file) = files.get(i) else { break };
        let said = job(file);
        let mut printer = printer.lock().unwrap_or_else(PoisonError::into_inner);
        printer.done[i] = Some(said);
        bar.inc(1);
        while let Some(Some(said)) = printer.done.get(printer.printed) {
            bar.suspend(|| said.print());
            printer.printed += 1;
        }
    };
    // The calling thread is one of the workers, so a batch runs no more threads than jobs.
    thread::scope(|scope| {
        for _ in 1..jobs.clamp(1, files.len().max(1)) {
            scope.spawn(work);
        }
        work();
    });
    bar.finish_and_clear();
    let printer = printer.into_inner().unwrap_or_else(PoisonError::into_inner);
    (printer.done.into_iter())
        .map(|said| said.map_or(Exit::Usage, |s| s.exit))
        .collect()
}

/// A progress bar on standard error; indicatif draws nothing when that is not a terminal.
fn progress(total: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("[{bar:30}] {pos}/{len} roadmaps") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The last line of a batch: "rendered 18 of 20 roadmaps; 2 failed".
pub fn summary(exits: &[Exit]) -> String {
    let failed = exits.iter().filter(|&&e| e != Exit::Success).count();
    let total = exits.len();
    let noun = if total == 1 { "roadmap" } else { "roadmaps" };
    let mut line = format!("rendered {} of {total} {noun}", total - failed);
    if failed > 0 {
        line.push_str(&format!("; {failed} failed"));
    }
    line
}

/// The number of threads to use when none is asked for: one per core.
pub fn default_jobs() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}
