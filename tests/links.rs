//! `waypost links` against a server of its own on 127.0.0.1: every answer a real server
//! gives (200, a permanent and a temporary redirect, 404, 500, HEAD refused, a slow
//! answer, none at all). No other network is used.
#![cfg(feature = "cli")]

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use support::cli::scratch;

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// When each connection was open: from its request to its answer, or to the client
    /// giving up.
    open: Mutex<Vec<(Instant, Instant)>>,
    /// "METHOD PATH" of every request, in order.
    requests: Mutex<Vec<String>>,
}

impl Seen {
    /// The most connections open at once, ignoring overlaps under 50 ms (the time between
    /// a client closing a connection and the server noticing).
    fn most_at_once(&self) -> usize {
        let open = self.open.lock().unwrap();
        let slack = Duration::from_millis(50);
        (open.iter())
            .map(|&(start, _)| {
                (open.iter())
                    .filter(|&&(s, e)| s <= start && start + slack < e)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }
}

/// Starts the server; returns its address, such as `http://127.0.0.1:41234`.
fn serve(seen: Arc<Seen>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = Arc::clone(&seen);
            thread::spawn(move || answer(stream, &seen));
        }
    });
    address
}

fn answer(mut stream: TcpStream, seen: &Seen) {
    let start = Instant::now();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    let _ = reader.read_line(&mut first);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let mut parts = first.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    seen.requests
        .lock()
        .unwrap()
        .push(format!("{method} {path}"));
    let (status, location) = match (method, path) {
        (_, "/ok") => ("200 OK", None),
        (_, "/moved") => ("301 Moved Permanently", Some("/ok")),
        (_, "/moved-twice") => ("308 Permanent Redirect", Some("/temporary")),
        (_, "/temporary") => ("302 Found", Some("ok")),
        (_, "/gone") => ("404 Not Found", None),
        (_, "/error") => ("500 Internal Server Error", None),
        ("HEAD", "/head-refused") => ("405 Method Not Allowed", None),
        ("GET", "/head-refused") => ("200 OK", None),
        (_, "/slow") => {
            thread::sleep(Duration::from_millis(800));
            ("200 OK", None)
        }
        (_, "/never") => {
            // Say nothing until the client gives up and closes the connection.
            let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
            let _ = std::io::Read::read(&mut stream, &mut [0; 64]);
            seen.open.lock().unwrap().push((start, Instant::now()));
            return;
        }
        _ => ("404 Not Found", None),
    };
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n");
    if let Some(location) = location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if method == "GET" {
        let _ = stream.write_all(b"ok");
    }
    let _ = stream.flush();
    drop(stream);
    seen.open.lock().unwrap().push((start, Instant::now()));
}

/// A roadmap with one offer per path, and a mailto: and a tel: link.
fn roadmap(address: &str, paths: &[&str]) -> String {
    let mut text = String::from("title = \"Links\"\n[[stage]]\ntitle = \"All\"\n");
    for path in paths {
        let url = if path.contains(':') {
            path.to_string()
        } else {
            format!("{address}{path}")
        };
        text.push_str(&format!(
            "\n[[stage.offer]]\ntitle = \"Offer {path}\"\nprovider = \"P\"\nurl = \"{url}\"\ncost = \"free\"\n"
        ));
    }
    text
}

/// Runs `waypost links` with no proxy in the way.
fn links(file: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(["links", file, "--timeout", "2"])
        .args(extra)
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap()
}

/// The line of the `url` holding `needle` in `text`, counted from 1.
fn line_of(text: &str, needle: &str) -> usize {
    (text.lines())
        .position(|l| l.starts_with("url = ") && l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn every_kind_of_answer_is_reported_at_its_line() {
    let seen = Arc::new(Seen::default());
    let address = serve(Arc::clone(&seen));
    let paths = [
        "/ok",
        "/moved",
        "/moved-twice",
        "/temporary",
        "/gone",
        "/error",
        "/head-refused",
        "/slow",
        "/never",
        "mailto:team@example.org",
        "tel:+441234567890",
    ];
    let text = roadmap(&address, &paths);
    let dir = scratch("links-all");
    let file = dir.join("roadmap.toml");
    std::fs::write(&file, &text).unwrap();
    let f = file.to_str().unwrap();

    let out = links(f, &["--json"]);
    assert_eq!(out.status.code(), Some(1), "broken links exit with 1");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = json["links"].as_array().unwrap();
    let status_of = |path: &str| {
        let link = list
            .iter()
            .find(|l| l["url"].as_str().unwrap().ends_with(path))
            .unwrap();
        assert_eq!(
            link["line"].as_u64().unwrap() as usize,
            line_of(&text, &format!("{path}\"")),
            "{path}"
        );
        (
            link["status"].as_str().unwrap().to_string(),
            link["code"].as_u64(),
            link["new_url"].as_str().map(str::to_string),
        )
    };
    let ok = ("ok".to_string(), None, None);
    assert_eq!(status_of("/ok"), ok);
    assert_eq!(
        status_of("/temporary"),
        ok,
        "a temporary redirect is no move"
    );
    assert_eq!(status_of("/head-refused"), ok);
    assert_eq!(status_of("/slow"), ok);
    let moved = ("moved".to_string(), None, Some(format!("{address}/ok")));
    assert_eq!(status_of("/moved"), moved);
    assert_eq!(status_of("/moved-twice"), moved);
    assert_eq!(status_of("/gone"), ("broken".to_string(), Some(404), None));
    assert_eq!(status_of("/error"), ("broken".to_string(), Some(500), None));
    assert_eq!(status_of("/never"), ("broken".to_string(), None, None));
    assert_eq!(status_of("team@example.org").0, "not checked");
    assert_eq!(status_of("+441234567890").0, "not checked");
    assert_eq!(
        (
            &json["ok"],
            &json["moved"],
            &json["broken"],
            &json["not_checked"]
        ),
        (&4.into(), &2.into(), &3.into(), &2.into())
    );

    // One host, so one request at a time; HEAD first, GET only where HEAD was refused.
    assert_eq!(seen.most_at_once(), 1, "two requests at once to one host");
    let requests = seen.requests.lock().unwrap().clone();
    let at = |r: &str| requests.iter().position(|x| x == r);
    assert!(
        at("HEAD /head-refused") < at("GET /head-refused"),
        "{requests:?}"
    );
    assert!(
        at("GET /head-refused").is_some() && at("GET /ok").is_none(),
        "{requests:?}"
    );

    let out = links(f, &[]);
    let shown = String::from_utf8_lossy(&out.stdout);
    for expected in [
        format!(
            "{f}:{}: broken: {address}/gone (404 not found), in \"Offer /gone\"",
            line_of(&text, "/gone\"")
        ),
        format!(
            "{f}:{}: broken: {address}/never (no answer in time)",
            line_of(&text, "/never\"")
        ),
        format!(
            "{f}:{}: moved: {address}/moved now redirects for good to {address}/ok",
            line_of(&text, "/moved\"")
        ),
        format!(
            "{f}:{}: not checked: mailto:team@example.org",
            line_of(&text, "mailto:")
        ),
        "11 links: 4 fine, 2 moved, 3 broken, 2 not checked".to_string(),
    ] {
        assert!(shown.contains(&expected), "{expected:?} not in:\n{shown}");
    }
}

#[test]
fn good_and_moved_links_exit_with_0() {
    let address = serve(Arc::new(Seen::default()));
    let dir = scratch("links-good");
    let file = dir.join("roadmap.toml");
    std::fs::write(&file, roadmap(&address, &["/ok", "/moved", "/temporary"])).unwrap();
    let out = links(file.to_str().unwrap(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
