//! `waypost serve`: a live preview of a roadmap in the browser.
//!
//! Two addresses are served, on 127.0.0.1 only: `/`, the page with the roadmap drawn as
//! SVG (its links working), and `/events`, a stream of server-sent events carrying each
//! new drawing — or the messages, while the file is broken — after every save. Anything
//! else is answered 404, and so is a request naming another host, so that a web page
//! elsewhere cannot reach the preview through a name that resolves to this computer.
//! Nothing is written to disk.

use super::args::ServeArgs;
use super::diff;
use super::run::{complain, load, said, say, Failure};
use super::watch::Changes;
use super::Exit;
use serde::Serialize;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;
use waypost::{Format, RenderOptions};

/// The preview page; `{{…}}` marks what is filled in.
const PAGE: &str = include_str!("preview.html");
/// How often an idle event stream says it is still there, so a closed tab is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

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

/// The latest update, and a signal for the streams waiting for the next.
type Shared = Arc<(Mutex<Update>, Condvar)>;

/// Serves until the process is stopped.
pub fn run(args: &ServeArgs) -> Exit {
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(server) => server,
        Err(e) => {
            complain(&format!(
                "error: cannot serve on 127.0.0.1:{}: {e}; try another --port",
                args.port
            ));
            return Exit::Usage;
        }
    };
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let mut changes = match Changes::watch(&args.file) {
        Ok(changes) => changes,
        Err(message) => {
            complain(&format!("error: {message}"));
            return Exit::Usage;
        }
    };
    let shared: Shared = Arc::new((Mutex::new(Update::default()), Condvar::new()));
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
        for request in server.incoming_requests() {
            let shared = Arc::clone(&shared);
            let file = args.file.display().to_string();
            thread::spawn(move || answer(request, port, &shared, &file));
        }
    });
    Exit::Usage
}

/// Renders the file and publishes the result; a broken file keeps the last good drawing.
fn refresh(shared: &Shared, args: &ServeArgs) {
    let outcome = draw(args);
    let (lock, signal) = &**shared;
    let mut update = lock.lock().unwrap_or_else(PoisonError::into_inner);
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
    let svg = rendered.svg.unwrap_or_default();
    // The XML declaration means nothing inside an HTML page.
    let svg = match svg.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once("?>")
            .map_or(svg.clone(), |(_, r)| r.trim_start().to_string()),
        None => svg,
    };
    let findings = if rendered.report.is_clean() {
        String::new()
    } else {
        rendered.report.to_string()
    };
    Ok((svg, findings))
}

/// Answers one request: the page, the event stream, or 404.
fn answer(request: tiny_http::Request, port: u16, shared: &Shared, file: &str) {
    let host_ok = (request.headers().iter())
        .find(|h| h.field.equiv("Host"))
        .is_some_and(|h| {
            let host = h.value.as_str();
            host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
        });
    let method_ok = matches!(request.method(), tiny_http::Method::Get);
    match (host_ok && method_ok, request.url()) {
        (true, "/") => {
            let update = shared
                .0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            let mut response = tiny_http::Response::from_string(page(&update, file));
            for header in headers(&[
                ("Content-Type", "text/html; charset=utf-8"),
                (
                    "Content-Security-Policy",
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                     connect-src 'self'; img-src data:; font-src data:; base-uri 'none'; \
                     form-action 'none'; frame-ancestors 'none'",
                ),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ]) {
                response.add_header(header);
            }
            let _ = request.respond(response);
        }
        (true, "/events") => stream(request.into_writer(), shared),
        _ => {
            let mut response =
                tiny_http::Response::from_string("not found\n").with_status_code(404);
            for header in headers(&[("Content-Type", "text/plain; charset=utf-8")]) {
                response.add_header(header);
            }
            let _ = request.respond(response);
        }
    }
}

/// Response headers; all are constants that tiny_http accepts.
fn headers(list: &[(&str, &str)]) -> Vec<tiny_http::Header> {
    (list.iter())
        .filter_map(|(name, value)| {
            tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
        })
        .collect()
}

/// Sends the current state, then each new one as it comes, until the browser goes.
fn stream(mut out: Box<dyn Write + Send>, shared: &Shared) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    let (lock, signal) = &**shared;
    let mut sent = 0;
    loop {
        let update = {
            let mut update = lock.lock().unwrap_or_else(PoisonError::into_inner);
            while update.version == sent {
                let (next, timeout) = signal
                    .wait_timeout(update, KEEP_ALIVE)
                    .unwrap_or_else(PoisonError::into_inner);
                update = next;
                if timeout.timed_out() {
                    break;
                }
            }
            update.clone()
        };
        let message = if update.version == sent {
            ": still here\n\n".to_string()
        } else {
            sent = update.version;
            // One JSON line: it holds no raw line breaks, which would end the event.
            format!(
                "data: {}\n\n",
                serde_json::to_string(&update).unwrap_or_default()
            )
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
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
