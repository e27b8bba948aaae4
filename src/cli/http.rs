//! A small HTTP/1.1 server for the live preview, on the standard library's sockets with
//! requests read by httparse, and bounded on purpose: every connection has a thread
//! while it is served, so their number is capped.
//!
//! A request's head must arrive whole within [`REQUEST_TIME`] and within [`MAX_HEAD`]
//! bytes, or it is answered 408 or 431 and the connection closed. At most
//! [`MAX_WAITING`] connections wait for their request at once; a new connection beyond
//! that closes the one that has waited longest, so connections that never finish their
//! request cannot shut a browser out. Each answer ends its connection.
//!
//! tiny_http, used before, has neither limit and gives each connection a thread of its
//! own: 200 half-open connections held 200 threads, and a header of 64 MiB, until the
//! connection closed, 64 MiB of memory. Its callers cannot reach the connections to cap
//! them, and a general server (hyper on tokio) is far more than two addresses need.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How long a request's head may take to arrive: a browser on this computer sends it at
/// once.
pub const REQUEST_TIME: Duration = Duration::from_secs(5);
/// The largest request head read, in bytes. A browser's is 1 to 2 KiB; cookies that
/// other programs on 127.0.0.1 have set come with it, so the cap leaves room for them.
pub const MAX_HEAD: usize = 32 * 1024;
/// The most connections waiting for their request at once.
pub const MAX_WAITING: usize = 32;
/// How long a write may wait for a browser that reads nothing.
pub const WRITE_TIME: Duration = Duration::from_secs(10);

/// Accepts connections until the listener fails, and gives each request whose head
/// arrived to `answer`, on a thread of its own, with the connection to answer on.
pub fn serve<F>(listener: &TcpListener, answer: F)
where
    F: Fn(TcpStream, &Head) + Send + Sync + 'static,
{
    let answer = Arc::new(answer);
    let gate = Arc::new(Gate::default());
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait rather than spin.
            thread::sleep(Duration::from_millis(50));
            continue;
        };
        let Some(id) = gate.admit(&stream) else {
            continue;
        };
        let (gate, answer) = (Arc::clone(&gate), Arc::clone(&answer));
        thread::spawn(move || connection(stream, id, &gate, &*answer));
    }
}

/// Serves one connection: reads its request and answers it.
fn connection(mut stream: TcpStream, id: u64, gate: &Gate, answer: &dyn Fn(TcpStream, &Head)) {
    let head = read_head(&mut stream);
    gate.arrived(id);
    if stream.set_write_timeout(Some(WRITE_TIME)).is_err() {
        return;
    }
    match head {
        Ok(head) => answer(stream, &head),
        Err(Unread::Closed) => {}
        Err(Unread::Late) => refuse(stream, "408 Request Timeout", "the request took too long\n"),
        Err(Unread::TooLarge) => refuse(
            stream,
            "431 Request Header Fields Too Large",
            "the request's headers are too large\n",
        ),
        Err(Unread::Malformed) => refuse(stream, "400 Bad Request", "not an HTTP request\n"),
    }
}

/// The connections being served, counted so that their threads stay few.
#[derive(Default)]
struct Gate {
    /// Those still waiting for their request, oldest first: an id and a handle to close.
    waiting: Mutex<VecDeque<(u64, TcpStream)>>,
    next: AtomicU64,
}

impl Gate {
    /// Registers a new connection, closing the one that has waited longest for its
    /// request when too many wait. `None` when the connection cannot be used.
    fn admit(&self, stream: &TcpStream) -> Option<u64> {
        let handle = stream.try_clone().ok()?;
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        while waiting.len() >= MAX_WAITING {
            if let Some((_, oldest)) = waiting.pop_front() {
                // Its thread, blocked reading, sees the end of the connection and ends.
                let _ = oldest.shutdown(Shutdown::Both);
            }
        }
        waiting.push_back((id, handle));
        Some(id)
    }

    /// The connection's request has arrived, or it is given up.
    fn arrived(&self, id: u64) {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        waiting.retain(|(i, _)| *i != id);
    }
}

/// Takes one of `limit` places counted by `count`, given back when the result is dropped.
pub fn place(count: &AtomicUsize, limit: usize) -> Option<Place<'_>> {
    let taken = count.fetch_add(1, Ordering::AcqRel);
    let place = Place(count);
    (taken < limit).then_some(place)
}

/// A place taken by [`place`].
pub struct Place<'a>(&'a AtomicUsize);

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A request's head, as far as the preview cares.
pub struct Head {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path asked for, as sent.
    pub path: String,
    /// Every `Host` header's value.
    pub hosts: Vec<String>,
}

/// Why no request was read.
enum Unread {
    /// The connection closed, or was closed to make room.
    Closed,
    /// The head did not arrive in time.
    Late,
    /// The head is over [`MAX_HEAD`] bytes, or has too many headers.
    TooLarge,
    /// The head is not HTTP.
    Malformed,
}

/// Reads a request's head, within [`REQUEST_TIME`] and [`MAX_HEAD`] bytes.
fn read_head(stream: &mut TcpStream) -> Result<Head, Unread> {
    let started = Instant::now();
    let mut bytes = Vec::with_capacity(2048);
    let mut chunk = [0_u8; 4096];
    loop {
        let left = REQUEST_TIME.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(Unread::Late);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| Unread::Closed)?;
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Unread::Closed),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Unread::Late)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(Unread::Closed),
        };
        bytes.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&bytes) {
            Ok(httparse::Status::Complete(_)) => {
                let hosts = (request.headers.iter())
                    .filter(|h| h.name.eq_ignore_ascii_case("host"))
                    .map(|h| String::from_utf8_lossy(h.value).into_owned())
                    .collect();
                return Ok(Head {
                    method: request.method.unwrap_or_default().to_string(),
                    path: request.path.unwrap_or_default().to_string(),
                    hosts,
                });
            }
            Ok(httparse::Status::Partial) if bytes.len() > MAX_HEAD => {
                return Err(Unread::TooLarge)
            }
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => return Err(Unread::TooLarge),
            Err(_) => return Err(Unread::Malformed),
        }
    }
}

/// A short plain-text answer, and the end of the connection.
pub fn refuse(stream: TcpStream, status: &str, text: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        text.len()
    );
    send(stream, &[head.as_bytes(), text.as_bytes()]);
}

/// Writes an answer and closes the connection; a browser that went away is no error.
pub fn send(mut stream: TcpStream, parts: &[&[u8]]) {
    for part in parts {
        if stream.write_all(part).is_err() {
            return;
        }
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
}
