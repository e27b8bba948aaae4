//! `waypost serve`: the live preview on 127.0.0.1, which serves its page and the page's
//! updates and nothing else, and which a browser sees change when the file is saved.
#![cfg(feature = "cli")]

mod support;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::cdp::{find_chromium, Browser};
use support::cli::scratch;

const EXAMPLE: &str = "examples/sparse.toml";

/// A running `waypost serve` and its port, stopped when dropped.
struct Serving {
    child: Child,
    port: u16,
}

impl Serving {
    fn start(file: &Path) -> Serving {
        let mut child = Command::new(env!("CARGO_BIN_EXE_waypost"))
            .args(["serve", file.to_str().unwrap(), "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut port = 0;
        let mut lines = stdout.lines();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(at) = line.find("http://127.0.0.1:") {
                let rest = &line[at + "http://127.0.0.1:".len()..];
                port = rest[..rest.find('/').unwrap()].parse().unwrap();
                break;
            }
        }
        assert_ne!(port, 0, "serve printed no address");
        // Keep reading, so that the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Serving { child, port }
    }

    /// Sends a raw request and returns the status code and what came back within a
    /// moment (an event stream never ends by itself).
    fn request(&self, method: &str, path: &str, host: &str) -> (u16, String) {
        let mut socket = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(1500)))
            .unwrap();
        let host = host.replace("PORT", &self.port.to_string());
        write!(
            socket,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = Vec::new();
        let _ = socket.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let code = answer
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (code, answer)
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn only_the_page_and_its_updates_are_served() {
    let dir = scratch("serve-paths");
    let file = dir.join("roadmap.toml");
    fs::copy(support::root().join(EXAMPLE), &file).unwrap();
    fs::write(dir.join("secret.txt"), "not for the browser").unwrap();
    let serving = Serving::start(&file);
    let host = "127.0.0.1:PORT";

    let (code, page) = serving.request("GET", "/", host);
    assert_eq!(code, 200, "{page}");
    assert!(page.contains("<svg") && page.contains("Welcome to volunteering"));
    assert!(page.contains("Content-Security-Policy"), "{page}");
    let (code, events) = serving.request("GET", "/events", "localhost:PORT");
    assert_eq!(code, 200);
    assert!(events.contains("text/event-stream") && events.contains("data: {\"version\":1"));

    for path in [
        "/favicon.ico",
        "/index.html",
        "/roadmap.toml",
        "/secret.txt",
        "/out/roadmap.svg",
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "//etc/passwd",
        "/events/../secret.txt",
        "/./",
        "/?file=secret.txt",
        "/events?x",
        "*",
    ] {
        let (code, answer) = serving.request("GET", path, host);
        assert_eq!(code, 404, "{path}: {answer}");
        assert!(
            !answer.contains("not for the browser") && !answer.contains("root:"),
            "{path}"
        );
    }
    // Another method, or another host name (a page elsewhere reaching the preview through
    // a name that resolves to this computer), is refused too.
    assert_eq!(serving.request("POST", "/", host).0, 404);
    assert_eq!(serving.request("GET", "/", "evil.example").0, 404);
    assert_eq!(
        serving.request("GET", "/events", "evil.example:PORT").0,
        404
    );
    // Bound to 127.0.0.1 alone: another address of this computer does not answer.
    #[cfg(target_os = "linux")]
    assert!(TcpStream::connect(("127.0.0.2", serving.port)).is_err());
}

#[test]
fn the_open_page_follows_the_file_in_chromium() {
    let Some(chromium) = find_chromium() else {
        // CI installs Chromium (.ci/run): there, its absence is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing on CI, so the live preview cannot be tested end to end"
        );
        eprintln!(
            "skipped: no Chromium found (install the chromium package, or set \
             WAYPOST_CHROMIUM to a Chromium binary) to run the live preview end to end"
        );
        return;
    };
    let dir = scratch("serve-chromium");
    let file = dir.join("roadmap.toml");
    let good = fs::read_to_string(support::root().join(EXAMPLE)).unwrap();
    fs::write(&file, &good).unwrap();
    let serving = Serving::start(&file);
    let url = format!("http://127.0.0.1:{}/", serving.port);
    let mut browser = Browser::open(&chromium, &url, &dir.join("profile"));
    let seconds = |n| Duration::from_secs(n);

    let shows = |text: &str| {
        format!("!!document.querySelector('#page svg') && document.querySelector('#page').textContent.includes({text:?})")
    };
    assert!(browser
        .wait_for(&shows("Welcome to volunteering"), seconds(20))
        .is_some());
    // Each card is a working link, opened beside the preview.
    let links = browser.eval(
        "Array.from(document.querySelectorAll('#page a')).filter(a => a.getAttribute('href') === 'https://www.e-lfh.org.uk/' && a.getAttribute('target') === '_blank').length",
    );
    assert_eq!(links, 1);
    assert_eq!(
        browser.eval("document.getElementById('problems').hidden"),
        true
    );

    // A save: the open page changes, with no reload.
    browser.eval("window.marker = 'same page'");
    fs::write(
        &file,
        good.replace("Welcome to volunteering", "Welcome aboard"),
    )
    .unwrap();
    let took = browser.wait_for(&shows("Welcome aboard"), seconds(10));
    let took = took.expect("the page did not change after the save");
    eprintln!("the page changed {} ms after the save", took.as_millis());
    assert_eq!(browser.eval("window.marker"), "same page");

    // A broken file: the messages, as in the terminal, over the last good page.
    fs::write(&file, good.replace("cost = \"free\"", "cost = \"gratis\"")).unwrap();
    let panel = "!document.getElementById('problems').hidden && document.getElementById('problems-text').textContent.includes('error: `cost` is \"gratis\", but it must be \"free\" or \"chargeable\"')";
    assert!(
        browser.wait_for(panel, seconds(10)).is_some(),
        "no error panel"
    );
    assert_eq!(
        browser.eval(&shows("Welcome aboard")),
        true,
        "the last good page went away"
    );
    let said = browser.eval("document.getElementById('problems-text').textContent");
    assert!(said.as_str().unwrap().contains("roadmap.toml:"), "{said}");

    // Fixed again: the panel goes and the page follows.
    fs::write(
        &file,
        good.replace("Welcome to volunteering", "Welcome back"),
    )
    .unwrap();
    assert!(browser
        .wait_for(&shows("Welcome back"), seconds(10))
        .is_some());
    assert_eq!(
        browser.eval("document.getElementById('problems').hidden"),
        true
    );
}

/// The threads of a process and its resident memory in KiB, from /proc.
#[cfg(target_os = "linux")]
fn threads_and_kib(pid: u32) -> (usize, usize) {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| -> usize {
        let line = status.lines().find(|l| l.starts_with(name)).unwrap();
        line[name.len()..]
            .trim()
            .trim_end_matches(" kB")
            .parse()
            .unwrap()
    };
    (field("Threads:"), field("VmRSS:"))
}

/// Connections that never finish their request, and one with an enormous header: the
/// server keeps answering, with a bounded number of threads and bounded memory, and
/// closes a request that does not arrive in time.
#[cfg(target_os = "linux")]
#[test]
fn unfinished_and_oversized_requests_are_bounded() {
    const HALF_OPEN: usize = 200;
    let dir = scratch("serve-bounded");
    let file = dir.join("roadmap.toml");
    fs::copy(support::root().join(EXAMPLE), &file).unwrap();
    let serving = Serving::start(&file);
    let pid = serving.child.id();
    let host = format!("127.0.0.1:{}", serving.port);
    let half = format!("GET / HTTP/1.1\r\nHost: {host}\r\n");
    let connect = || TcpStream::connect(("127.0.0.1", serving.port)).unwrap();
    assert_eq!(serving.request("GET", "/", "127.0.0.1:PORT").0, 200);
    let (threads_before, kib_before) = threads_and_kib(pid);

    let mut held = Vec::new();
    for _ in 0..HALF_OPEN {
        let mut socket = connect();
        socket.write_all(half.as_bytes()).unwrap();
        held.push(socket);
    }
    // One more that never finishes is answered 408 and closed, in about 5 s. (The
    // oldest of those waiting are closed first, to make room for new ones.)
    let mut late = connect();
    late.write_all(half.as_bytes()).unwrap();
    let late_from = Instant::now();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let (code, _) = serving.request("GET", "/", "127.0.0.1:PORT");
    let answered = started.elapsed();
    let (threads, kib) = threads_and_kib(pid);
    eprintln!(
        "{HALF_OPEN} half-open connections: {threads} threads (from {threads_before}), \
         {kib} KiB resident (from {kib_before}); the page in {} ms",
        answered.as_millis()
    );
    assert_eq!(
        code, 200,
        "the page is not served beside half-open connections"
    );
    assert!(answered < Duration::from_secs(1), "{answered:?}");
    assert!(
        threads <= threads_before + 40,
        "{threads} threads for {HALF_OPEN} half-open connections"
    );

    // A header of 64 MiB: the server stops reading it long before its end.
    let mut big = connect();
    big.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut sent = big.write_all(half.as_bytes()).map(|()| half.len());
    let chunk = vec![b'a'; 64 * 1024];
    let _ = big.write_all(b"X-Big: ");
    for _ in 0..1024 {
        match big.write_all(&chunk) {
            Ok(()) => sent = sent.map(|n| n + chunk.len()),
            Err(_) => break,
        }
    }
    // Measured with the connection still open, while a server that kept the header
    // would still hold it.
    std::thread::sleep(Duration::from_millis(300));
    let (threads_after, kib_after) = threads_and_kib(pid);
    drop(big);
    eprintln!(
        "after a header of up to 64 MiB ({} bytes taken): {threads_after} threads, \
         {kib_after} KiB resident",
        sent.unwrap_or(0)
    );
    assert!(
        kib_after < kib + 16 * 1024,
        "{kib_after} KiB resident after an oversized header, from {kib}"
    );
    assert_eq!(serving.request("GET", "/", "127.0.0.1:PORT").0, 200);

    late.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut answer = String::new();
    let _ = late.read_to_string(&mut answer);
    let waited = late_from.elapsed();
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "{answer:?} after {waited:?}"
    );
    assert!(
        (Duration::from_secs(4)..Duration::from_secs(8)).contains(&waited),
        "{waited:?}"
    );
}

/// Browsers that connect and never read, on a roadmap whose drawing is large (a 4 MB logo
/// in it): the drawing is held once, shared by every connection, not copied for each.
#[cfg(target_os = "linux")]
#[test]
fn slow_readers_share_one_copy_of_a_large_drawing() {
    const EVENTS: usize = 30;
    const PAGES: usize = 15;
    let dir = scratch("serve-shared");
    // A grey PNG of about 4 MB, stored without compression.
    let side = 2000;
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_compression(png::Compression::NoCompression);
        let pixels: Vec<u8> = (0..side * side).map(|i| (i % 251) as u8).collect();
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
    }
    fs::write(dir.join("logo.png"), &png).unwrap();
    let file = dir.join("roadmap.toml");
    fs::write(
        &file,
        "title = \"T\"\n[[logo]]\nfile = \"logo.png\"\nalt = \"A\"\nplace = \"header\"\n\
         [[stage]]\ntitle = \"S\"\n[[stage.offer]]\ntitle = \"O\"\nprovider = \"P\"\n\
         url = \"https://example.org/\"\ncost = \"free\"\n",
    )
    .unwrap();
    let serving = Serving::start(&file);
    let pid = serving.child.id();
    let (_, kib_before) = threads_and_kib(pid);
    let mut held = Vec::new();
    for i in 0..EVENTS + PAGES {
        let socket = TcpStream::connect(("127.0.0.1", serving.port)).unwrap();
        let path = if i < EVENTS { "/events" } else { "/" };
        let mut socket = socket;
        write!(
            socket,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            serving.port
        )
        .unwrap();
        held.push(socket);
    }
    std::thread::sleep(Duration::from_secs(2));
    let (_, kib) = threads_and_kib(pid);
    eprintln!(
        "{} connections that never read a {} KB logo's drawing: {kib} KiB resident (from {kib_before})",
        EVENTS + PAGES,
        png.len() / 1000
    );
    // A copy per connection would be 45 × more than 5 MB of drawing.
    assert!(
        kib < kib_before + 60 * 1024,
        "{kib} KiB resident, from {kib_before}"
    );
}
