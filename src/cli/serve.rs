//! `waypost serve`: a live preview of a roadmap in the browser.
//!
//! Two addresses are served, on 127.0.0.1 only: `/`, the page with the roadmap drawn as
//! SVG (its links working), and `/events`, a stream of server-sent events carrying each
//! new drawing — or the messages, while the file is broken — after every save. Anything
//! else is answered 404, and so is a request naming another host, so that a web page
//! elsewhere cannot reach the preview through a name that resolves to this computer.
//! Nothing is written to disk. The connections are those of [`super::http`], which
//! bounds them; this file caps how many pages and event streams are served at once.

use super::args::ServeArgs;
use super::diff;
use super::failure::{said, Failure};
use super::http::{self, place, refuse, send, Head};
use super::load::load;
use super::output::{complain, say};
use super::watch::Changes;
use super::Exit;
use serde::Serialize;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;
use waypost::{Format, RenderOptions};

/// The preview page; `{{…}}` marks what is filled in.
const PAGE: &str = include_str!("preview.html");
/// How often an idle event stream says it is still there, so a closed tab is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The most pages sent at once.
const MAX_SENDING: usize = 16;
/// The most event streams open at once: each open tab holds one.
const MAX_STREAMS: usize = 32;

/// How many pages and event streams are being served.
#[derive(Default)]
struct Busy {
    sending: AtomicUsize,
    streams: AtomicUsize,
}

/// What the browser is shown: the drawing and the problems, if any.
#[derive(Debug, Clone, Default, Serialize)]
struct Update {
    /// Counts the renders, so the page can tell a new state from the one it has.
    version: u64,
    /// The page as SVG: the last good one while the file is broken.
    svg: String,
    /// Whether the file is broken now (the drawing is then an earlier state).
    broken: bool,
    /// The heading of the problems panel.
    title: String,
    /// The messages, as the terminal shows them; empty when there are none.
    problems: String,
}

/// The latest update, with what is sent of it made once and shared by every connection
/// (a large drawing is never copied per browser).
#[derive(Default)]
struct State {
    update: Update,
    /// The preview page, with the drawing in it.
    page: Arc<[u8]>,
    /// The update as one server-sent event.
    event: Arc<[u8]>,
}

/// The latest state, and a signal for the streams waiting for the next.
type Shared = Arc<(Mutex<State>, Condvar)>;

/// Serves until the process is stopped.
pub fn run(args: &ServeArgs) -> Exit {
    let listener = match TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(listener) => listener,
        Err(e) => {
            complain(&format!(
                "error: cannot serve on 127.0.0.1:{}: {e}; try another --port",
                args.port
            ));
            return Exit::Usage;
        }
    };
    let port = listener.local_addr().map_or(args.port, |a| a.port());
    let mut changes = match Changes::watch(&args.file) {
        Ok(changes) => changes,
        Err(message) => {
            complain(&format!("error: {message}"));
            return Exit::Usage;
        }
    };
    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    refresh(&shared, args);
    say(&format!(
        "serving a live preview of {} at http://127.0.0.1:{port}/ (this computer only); \
         stop with Ctrl+C",
        args.file.display()
    ));
    thread::scope(|scope| {
        scope.spawn(|| {
            while changes.next() {
                refresh(&shared, args);
            }
        });
        let (shared, busy) = (Arc::clone(&shared), Busy::default());
        http::serve(&listener, move |stream, head| {
            answer(stream, head, port, &shared, &busy);
        });
    });
    Exit::Usage
}

/// Renders the file and publishes the result; a broken file keeps the last good drawing.
fn refresh(shared: &Shared, args: &ServeArgs) {
    let outcome = draw(args);
    let (lock, signal) = &**shared;
    let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let update = &mut state.update;
    update.version += 1;
    match outcome {
        Ok((svg, findings)) => {
            update.svg = svg;
            update.broken = false;
            update.title = "The page fails the pre-flight checks".to_string();
            update.problems = findings;
            say(&format!("[{}] updated", update.version));
        }
        Err(failure) => {
            let text = said(Err(failure)).err.unwrap_or_default();
            complain(&text);
            update.broken = true;
            update.title = if update.svg.is_empty() {
                "The roadmap has problems".to_string()
            } else {
                "The roadmap has problems; the page below is the last good version".to_string()
            };
            update.problems = text;
            say(&format!(
                "[{}] not updated: the file has problems",
                update.version
            ));
        }
    }
    // One JSON line: it holds no raw line breaks, which would end the event.
    let event = format!(
        "data: {}\n\n",
        serde_json::to_string(&state.update).unwrap_or_default()
    );
    state.event = event.into_bytes().into();
    state.page = page(&state.update, &args.file.display().to_string())
        .into_bytes()
        .into();
    signal.notify_all();
}

/// The page as SVG and the pre-flight findings, one a line.
fn draw(args: &ServeArgs) -> Result<(String, String), Failure> {
    let mut loaded = load(&args.file, &args.page)?;
    if let Some(old) = &args.new_since {
        waypost::diff::mark_new(&diff::read(old)?, &mut loaded.roadmap);
    }
    let options = RenderOptions {
        formats: vec![Format::Svg],
        ..loaded.options()
    };
    let rendered = waypost::render(&loaded.roadmap, &options)?;
    // Every page, one under the other. The XML declaration means nothing inside an HTML
    // page.
    let svg: String = (rendered.svg_pages.iter())
        .map(|svg| match svg.strip_prefix("<?xml") {
            Some(rest) => rest
                .split_once("?>")
                .map_or(svg.as_str(), |(_, r)| r.trim_start()),
            None => svg.as_str(),
        })
        .collect();
    let findings = if rendered.report.is_clean() {
        String::new()
    } else {
        rendered.report.to_string()
    };
    Ok((svg, findings))
}

/// Answers one request: the page, the event stream, or 404.
fn answer(stream: TcpStream, head: &Head, port: u16, shared: &Shared, busy: &Busy) {
    let host_ok = match head.hosts.as_slice() {
        [host] => *host == format!("127.0.0.1:{port}") || *host == format!("localhost:{port}"),
        _ => false,
    };
    let later = "the preview is busy; reload the page in a moment\n";
    match (host_ok && head.method == "GET", head.path.as_str()) {
        (true, "/") => {
            let Some(_place) = place(&busy.sending, MAX_SENDING) else {
                return refuse(stream, "503 Service Unavailable", later);
            };
            let body = Arc::clone(&shared.0.lock().unwrap_or_else(PoisonError::into_inner).page);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Content-Security-Policy: default-src 'none'; script-src 'unsafe-inline'; \
                 style-src 'unsafe-inline'; connect-src 'self'; img-src data:; font-src data:; \
                 base-uri 'none'; form-action 'none'; frame-ancestors 'none'\r\n\
                 Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            send(stream, &[head.as_bytes(), &body]);
        }
        (true, "/events") => {
            let Some(_place) = place(&busy.streams, MAX_STREAMS) else {
                return refuse(stream, "503 Service Unavailable", later);
            };
            events(stream, shared);
        }
        _ => refuse(stream, "404 Not Found", "not found\n"),
    }
}

/// Sends the current state, then each new one as it comes, until the browser goes.
fn events(mut out: TcpStream, shared: &Shared) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let (lock, signal) = &**shared;
    let mut sent = 0;
    let still_here: Arc<[u8]> = Arc::from(&b": still here\n\n"[..]);
    loop {
        let message = {
            let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
            while state.update.version == sent {
                let (next, timeout) = signal
                    .wait_timeout(state, KEEP_ALIVE)
                    .unwrap_or_else(PoisonError::into_inner);
                state = next;
                if timeout.timed_out() {
                    break;
                }
            }
            if state.update.version == sent {
                Arc::clone(&still_here)
            } else {
                sent = state.update.version;
                Arc::clone(&state.event)
            }
        };
        if out.write_all(&message).and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

/// The page with the current state in it, so it shows something before any event.
fn page(update: &Update, file: &str) -> String {
    let hidden = if update.problems.is_empty() {
        "hidden"
    } else {
        ""
    };
    PAGE.replace("{{title}}", &escape(file))
        .replace("{{file}}", &escape(file))
        .replace("{{problems_hidden}}", hidden)
        .replace("{{problems_title}}", &escape(&update.title))
        .replace("{{problems}}", &escape(&update.problems))
        .replace("{{version}}", &update.version.to_string())
        .replace("{{svg}}", &update.svg)
}

/// Text made safe inside HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        // Braces too, so that no text can read as one of the page's `{{…}}` marks.
        .replace('{', "&#123;")
}
