//! `waypost links`: checks every web link of a roadmap and reports the broken and the
//! moved ones at the line they are on.
//!
//! Each address is asked for with HEAD, and with GET when HEAD is refused (some servers
//! answer HEAD with 405, 403 or 404 while serving the page). Redirects are followed by
//! hand, so that a permanent one (301, 308) can be reported with its new address. A few
//! addresses are checked at a time, never two of one host at once, so that no provider's
//! server is hammered.

use super::args::LinksArgs;
use super::files;
use super::run::{say, Failure};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;
use waypost::error::line_col;
use waypost::model;

/// How many addresses are checked at once, at most.
const AT_ONCE: usize = 4;
/// How many redirects are followed before giving up.
const MAX_HOPS: usize = 10;

/// One link of the roadmap and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    /// The address as written.
    pub url: String,
    /// The line of the roadmap it is on.
    pub line: usize,
    /// The offer it belongs to.
    pub offer: String,
    /// `ok`, `moved`, `broken` or `not checked`.
    pub status: &'static str,
    /// The last HTTP status code received, if any.
    pub code: Option<u16>,
    /// Where a permanent redirect leads.
    pub new_url: Option<String>,
    /// What went wrong, or why it was not checked.
    pub reason: Option<String>,
}

/// What one address came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It answers, from where it is.
    Ok,
    /// It answers, but moved for good to this address.
    Moved(String),
    /// It does not answer usefully: why, and the status code if there was one.
    Broken(String, Option<u16>),
}

/// The answer of `waypost links --json`. Fields are only ever added.
#[derive(Serialize)]
struct LinksJson<'a> {
    file: String,
    ok: usize,
    moved: usize,
    broken: usize,
    not_checked: usize,
    links: &'a [Checked],
}

/// Checks every link of the roadmap named.
pub fn run(args: &LinksArgs) -> Result<String, Failure> {
    let source = files::read_text(&args.file)?;
    let shown = args.file.display().to_string();
    let roadmap = model::parse(&shown, &source)?;
    let lines = url_lines(&source);
    let mut links: Vec<Checked> = Vec::new();
    for (s, stage) in roadmap.stages.iter().enumerate() {
        for (o, offer) in stage.offers.iter().enumerate() {
            let line = (lines.iter())
                .find(|(at, _)| *at == (s, o))
                .map_or(0, |(_, line)| *line);
            links.push(Checked {
                url: offer.url.as_str().to_string(),
                line,
                offer: offer.title.clone(),
                status: "not checked",
                code: None,
                new_url: None,
                reason: None,
            });
        }
    }
    let web: BTreeSet<String> = (links.iter())
        .filter(|l| is_web(&l.url))
        .map(|l| l.url.clone())
        .collect();
    let web: Vec<String> = web.into_iter().collect();
    let agent = agent(Duration::from_secs(u64::from(args.timeout)));
    let verdicts = check_all(&web, AT_ONCE, |url| check(&agent, url));
    for link in &mut links {
        let Some(i) = web.iter().position(|u| *u == link.url) else {
            link.reason = Some("only web links (http, https) are checked".to_string());
            continue;
        };
        match &verdicts[i] {
            Verdict::Ok => link.status = "ok",
            Verdict::Moved(to) => {
                link.status = "moved";
                link.new_url = Some(to.clone());
            }
            Verdict::Broken(why, code) => {
                link.status = "broken";
                link.code = *code;
                link.reason = Some(why.clone());
            }
        }
    }
    let count = |status: &str| links.iter().filter(|l| l.status == status).count();
    let (ok, moved, broken, unchecked) = (
        count("ok"),
        count("moved"),
        count("broken"),
        count("not checked"),
    );
    let text = if args.json {
        let answer = LinksJson {
            file: shown,
            ok,
            moved,
            broken,
            not_checked: unchecked,
            links: &links,
        };
        serde_json::to_string_pretty(&answer)
            .map_err(|e| Failure::Usage(format!("cannot write the answer: {e}")))?
    } else {
        let mut lines: Vec<String> = Vec::new();
        for l in &links {
            let at = format!("{shown}:{}", l.line);
            match l.status {
                "broken" => lines.push(format!(
                    "{at}: broken: {} ({}), in \"{}\"",
                    l.url,
                    l.reason.as_deref().unwrap_or(""),
                    l.offer
                )),
                "moved" => lines.push(format!(
                    "{at}: moved: {} now redirects for good to {}, in \"{}\"; use the new address",
                    l.url,
                    l.new_url.as_deref().unwrap_or(""),
                    l.offer
                )),
                "not checked" => lines.push(format!("{at}: not checked: {}", l.url)),
                _ => {}
            }
        }
        lines.push(format!(
            "{} links: {ok} fine, {moved} moved, {broken} broken, {unchecked} not checked",
            links.len()
        ));
        lines.join("\n")
    };
    if broken > 0 {
        say(&text);
        return Err(Failure::Quiet);
    }
    Ok(text)
}

/// Whether a link is one this command asks for over HTTP.
fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The line of each offer's `url`, by stage and offer index.
fn url_lines(source: &str) -> Vec<((usize, usize), usize)> {
    use toml::de::{DeTable, DeValue};
    let mut found = Vec::new();
    let Ok(doc) = DeTable::parse(source) else {
        return found;
    };
    fn array<'a, 'i>(
        table: &'a DeTable<'i>,
        key: &str,
    ) -> impl Iterator<Item = &'a toml::Spanned<DeValue<'i>>> {
        let items = match table.get(key).map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => Some(items.iter()),
            _ => None,
        };
        items.into_iter().flatten()
    }
    for (s, stage) in array(doc.get_ref(), "stage").enumerate() {
        let DeValue::Table(stage) = stage.get_ref() else {
            continue;
        };
        for (o, offer) in array(stage, "offer").enumerate() {
            if let DeValue::Table(offer) = offer.get_ref() {
                if let Some(url) = offer.get("url") {
                    found.push(((s, o), line_col(source, url.span().start).0));
                }
            }
        }
    }
    found
}

/// The HTTP client: no redirect followed on its own, statuses as answers, a timeout for
/// the whole of each request.
fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .user_agent(concat!("waypost-links/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Follows one address to its end.
fn check(agent: &ureq::Agent, url: &str) -> Verdict {
    let mut current = url.to_string();
    let mut moved_for_good = false;
    for _ in 0..=MAX_HOPS {
        let code = match ask(agent, &current) {
            Ok(answer) => answer,
            Err(why) => return Verdict::Broken(why, None),
        };
        match code {
            (200..=299, _) if moved_for_good => return Verdict::Moved(current),
            (200..=299, _) => return Verdict::Ok,
            (300..=399, Some(location)) => {
                moved_for_good |= matches!(code.0, 301 | 308);
                current = join(&current, &location);
            }
            (status, _) => return Verdict::Broken(status_words(status), Some(status)),
        }
    }
    Verdict::Broken(format!("more than {MAX_HOPS} redirects"), None)
}

/// One request: HEAD, then GET if HEAD was refused. The status and any `Location`.
fn ask(agent: &ureq::Agent, url: &str) -> Result<(u16, Option<String>), String> {
    let answer = |r: ureq::http::Response<ureq::Body>| {
        let location = (r.headers().get("location"))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        (r.status().as_u16(), location)
    };
    let head = agent.head(url).call().map(answer).map_err(words)?;
    if head.0 < 400 {
        return Ok(head);
    }
    agent.get(url).call().map(answer).map_err(words)
}

/// An error of the client, in a few words.
fn words(e: ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "no answer in time".to_string(),
        ureq::Error::HostNotFound => "the host name is not found".to_string(),
        ureq::Error::ConnectionFailed => "the server cannot be reached".to_string(),
        other => other.to_string(),
    }
}

/// "404 not found".
fn status_words(status: u16) -> String {
    let words = match status {
        400 => "bad request",
        401 => "needs a login",
        403 => "forbidden",
        404 => "not found",
        410 => "gone",
        429 => "too many requests",
        500 => "server error",
        502 => "bad gateway",
        503 => "unavailable",
        504 => "gateway timeout",
        300..=399 => "a redirect without a new address",
        _ => "an error",
    };
    format!("{status} {words}")
}

/// Resolves a `Location` against the address it came from.
fn join(base: &str, location: &str) -> String {
    if is_web(location) {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if let Some(path) = location.strip_prefix("//") {
        return format!("{scheme}://{path}");
    }
    if location.starts_with('/') {
        return format!("{scheme}://{host}{location}");
    }
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{scheme}://{host}{dir}{location}")
}

/// The host of a web address, in lower case, for politeness.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host.split(':').next().unwrap_or(host),
    };
    host.to_ascii_lowercase()
}

/// Runs `check` on every address with up to `at_once` threads, never on two addresses of
/// one host at the same time. The verdicts come back in the order of `urls`.
pub fn check_all<F>(urls: &[String], at_once: usize, check: F) -> Vec<Verdict>
where
    F: Fn(&str) -> Verdict + Sync,
{
    struct Queue {
        waiting: Vec<usize>,
        busy: BTreeSet<String>,
        done: Vec<Option<Verdict>>,
    }
    let queue = Mutex::new(Queue {
        waiting: (0..urls.len()).collect(),
        busy: BTreeSet::new(),
        done: vec![None; urls.len()],
    });
    let changed = Condvar::new();
    let lock = || queue.lock().unwrap_or_else(PoisonError::into_inner);
    let work = || loop {
        let mut q = lock();
        let next = loop {
            if q.waiting.is_empty() {
                return;
            }
            let free = (q.waiting.iter()).position(|&i| !q.busy.contains(&host(&urls[i])));
            if let Some(at) = free {
                break q.waiting.remove(at);
            }
            q = changed.wait(q).unwrap_or_else(PoisonError::into_inner);
        };
        let host = host(&urls[next]);
        q.busy.insert(host.clone());
        drop(q);
        let verdict = check(&urls[next]);
        let mut q = lock();
        q.busy.remove(&host);
        q.done[next] = Some(verdict);
        drop(q);
        changed.notify_all();
    };
    thread::scope(|scope| {
        for _ in 0..at_once.clamp(1, urls.len().max(1)) {
            scope.spawn(work);
        }
    });
    let q = queue.into_inner().unwrap_or_else(PoisonError::into_inner);
    (q.done.into_iter())
        .map(|v| v.unwrap_or_else(|| Verdict::Broken("not checked".to_string(), None)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    #[test]
    fn locations_are_resolved_against_their_address() {
        let base = "https://example.org/a/b?x=1";
        assert_eq!(join(base, "https://other.org/"), "https://other.org/");
        assert_eq!(
            join(base, "//cdn.example.org/c"),
            "https://cdn.example.org/c"
        );
        assert_eq!(join(base, "/c"), "https://example.org/c");
        assert_eq!(join(base, "c"), "https://example.org/a/c");
        assert_eq!(
            join("http://127.0.0.1:8080", "ok"),
            "http://127.0.0.1:8080/ok"
        );
    }

    #[test]
    fn hosts_ignore_ports_users_and_case() {
        assert_eq!(host("https://Example.ORG:8443/path"), "example.org");
        assert_eq!(host("http://user@example.org"), "example.org");
        assert_eq!(host("http://[::1]:80/x"), "::1");
    }

    #[test]
    fn a_few_hosts_at_a_time_and_one_address_per_host() {
        let urls: Vec<String> = ["a", "a", "a", "b", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, h)| format!("https://{h}.example/{i}"))
            .collect();
        let per_host: Mutex<Vec<String>> = Mutex::new(Vec::new());
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let started = Instant::now();
        let verdicts = check_all(&urls, 4, |url| {
            let h = host(url);
            {
                let mut busy = per_host.lock().unwrap();
                assert!(!busy.contains(&h), "two requests to {h} at once");
                busy.push(h.clone());
            }
            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(n, Ordering::SeqCst);
            thread::sleep(Duration::from_millis(60));
            now.fetch_sub(1, Ordering::SeqCst);
            per_host.lock().unwrap().retain(|b| *b != h);
            Verdict::Moved(url.to_string())
        });
        let expected: Vec<Verdict> = urls.iter().map(|u| Verdict::Moved(u.clone())).collect();
        assert_eq!(verdicts, expected);
        assert_eq!(most.load(Ordering::SeqCst), 3, "three hosts at once");
        // Host a's three addresses one after the other bound the time from below.
        assert!(started.elapsed() >= Duration::from_millis(180));
    }
}
