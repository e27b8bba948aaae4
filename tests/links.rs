//! `waypost links` against a server of its own on 127.0.0.1: every answer a real server
//! gives (200, a permanent and a temporary redirect, 404, 500, HEAD refused, a slow
//! answer, none at all, redirects out of the web), and a host too slow for the deadline.
//! No other network is used.
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
        (_, p) if p.starts_with("/slower/") => {
            thread::sleep(Duration::from_millis(1000));
            ("200 OK", None)
        }
        (_, "/to-javascript") => ("301 Moved Permanently", Some("javascript:alert(1)")),
        (_, "/to-file") => ("302 Found", Some("file:///etc/passwd")),
        (_, "/deep/er/dots") => ("301 Moved Permanently", Some("./x/../../../ok")),
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
    without_proxy(Command::new(env!("CARGO_BIN_EXE_waypost")))
        .args(["links", file, "--timeout", "2"])
        .args(extra)
        .output()
        .unwrap()
}

/// A command that reaches 127.0.0.1 directly, whatever proxy the environment names.
fn without_proxy(mut command: Command) -> Command {
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env_remove(name);
    }
    command
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

#[test]
fn redirects_out_of_the_web_are_reported_and_dots_resolved() {
    let seen = Arc::new(Seen::default());
    let address = serve(Arc::clone(&seen));
    let dir = scratch("links-schemes");
    let file = dir.join("roadmap.toml");
    let paths = ["/to-javascript", "/to-file", "/deep/er/dots"];
    std::fs::write(&file, roadmap(&address, &paths)).unwrap();
    let out = links(file.to_str().unwrap(), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let link = |path: &str| {
        let list = json["links"].as_array().unwrap();
        let found = list
            .iter()
            .find(|l| l["url"].as_str().unwrap().ends_with(path));
        found.unwrap().clone()
    };
    let script = link("/to-javascript");
    assert_eq!(
        (&script["status"], &script["code"]),
        (&"broken".into(), &301.into())
    );
    let why = script["reason"].as_str().unwrap();
    assert!(
        why.contains("javascript:alert(1)") && why.contains("a javascript: address"),
        "{why}"
    );
    let local = link("/to-file");
    assert_eq!(local["status"], "broken");
    let why = local["reason"].as_str().unwrap();
    assert!(
        why.contains("file:///etc/passwd") && why.contains("a file: address"),
        "{why}"
    );
    // `./x/../../../ok` from /deep/er/ is /ok, as a browser goes.
    let dots = link("/deep/er/dots");
    assert_eq!(dots["status"], "moved", "{dots}");
    assert_eq!(dots["new_url"], format!("{address}/ok"));
    // Nothing was asked for at a path made of the other scheme's address.
    let mut requests = seen.requests.lock().unwrap().clone();
    requests.sort();
    let expected = [
        "HEAD /deep/er/dots",
        "HEAD /ok",
        "HEAD /to-file",
        "HEAD /to-javascript",
    ];
    assert_eq!(requests, expected);
}

/// A roadmap of twelve links to one host that takes a second to answer each.
fn slow_roadmap(name: &str) -> (std::path::PathBuf, String) {
    let address = serve(Arc::new(Seen::default()));
    let dir = scratch(name);
    let file = dir.join("roadmap.toml");
    let paths: Vec<String> = (1..=12).map(|i| format!("/slower/{i:02}")).collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    std::fs::write(&file, roadmap(&address, &paths)).unwrap();
    (file, address)
}

#[test]
fn a_slow_host_is_checked_until_the_deadline_and_the_rest_listed() {
    let (file, address) = slow_roadmap("links-deadline");
    let f = file.to_str().unwrap();
    let started = Instant::now();
    let out = links(f, &["--json", "--deadline", "3"]);
    let took = started.elapsed();
    assert!(took < Duration::from_millis(5500), "took {took:?}");
    assert_eq!(out.status.code(), Some(1), "a check cut short exits with 1");
    // Nothing on standard error in a pipe: no progress bar.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (ok, unchecked) = (
        json["ok"].as_u64().unwrap(),
        json["not_checked"].as_u64().unwrap(),
    );
    assert!((1..=3).contains(&ok), "{json}");
    assert_eq!(
        (ok + unchecked, json["broken"].as_u64()),
        (12, Some(0)),
        "{json}"
    );
    assert_eq!(json["deadline_passed"], true);
    for link in json["links"].as_array().unwrap() {
        if link["status"] == "not checked" {
            assert!(
                link["reason"].as_str().unwrap().contains("deadline"),
                "{link}"
            );
        }
    }

    let out = links(f, &["--deadline", "2"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    for expected in [
        format!("not checked: {address}/slower/12 (the deadline passed first)"),
        "the check stopped at its deadline of 2 seconds with".to_string(),
    ] {
        assert!(shown.contains(&expected), "{expected:?} not in:\n{shown}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn progress_shows_on_a_terminal() {
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        // util-linux's `script` runs the command on a terminal of its own.
        assert!(std::env::var_os("CI").is_none(), "script is missing on CI");
        eprintln!("skipped: no /usr/bin/script (util-linux) to give the command a terminal");
        return;
    }
    let (file, _) = slow_roadmap("links-progress");
    let command = format!(
        "{} links {} --deadline 2 --timeout 2",
        env!("CARGO_BIN_EXE_waypost"),
        file.display()
    );
    let mut run = without_proxy(Command::new(script));
    let out = run.args(["-qec", &command, "/dev/null"]).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("/12 links checked"), "{shown}");
    assert!(shown.contains("12 links:"), "{shown}");
}
