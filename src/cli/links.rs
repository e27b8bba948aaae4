//! `waypost links`: checks every web link of a roadmap and reports the broken and the
//! moved ones at the line they are on.
//!
//! Each address is asked for with HEAD, and with GET when HEAD is refused (some servers
//! answer HEAD with 405, 403 or 404 while serving the page). Redirects are followed by
//! hand, so that a permanent one (301, 308) can be reported with its new address. A few
//! addresses are checked at a time, never two of one host at once, so that no provider's
//! server is hammered. The whole check has a deadline, so that one slow host cannot hold
//! it for hours: what is not checked by then is listed as not checked.

use super::args::LinksArgs;
use super::failure::Failure;
use super::files;
use super::output::say;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};
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
    /// The deadline came before it was asked for, or before it answered.
    Unchecked,
}

/// How long checking may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest wait for one answer.
    pub per_request: Duration,
    /// When the whole check stops.
    pub deadline: Instant,
}

/// The answer of `waypost links --json`. Fields are only ever added.
#[derive(Serialize)]
struct LinksJson<'a> {
    file: String,
    ok: usize,
    moved: usize,
    broken: usize,
    not_checked: usize,
    /// Whether the deadline stopped the check before every link was checked.
    deadline_passed: bool,
    links: &'a [Checked],
}

/// Checks every link of the roadmap named.
pub fn run(args: &LinksArgs) -> Result<String, Failure> {
    let source = files::read_text(&args.file)?;
    let shown = args.file.display().to_string();
    let assets = super::assets::read_assets(&args.file, &source);
    let roadmap = model::parse_with(&shown, &source, &assets)?;
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
    let agent = agent();
    let limits = Limits {
        per_request: Duration::from_secs(u64::from(args.timeout)),
        deadline: Instant::now() + Duration::from_secs(u64::from(args.deadline)),
    };
    let bar = progress(web.len(), args.deadline);
    let verdicts = check_all(&web, AT_ONCE, limits.deadline, |url| {
        let verdict = check(&agent, url, limits);
        bar.inc(1);
        verdict
    });
    bar.finish_and_clear();
    let late = "the deadline passed before it was checked (--deadline)";
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
            Verdict::Unchecked => link.reason = Some(late.to_string()),
        }
    }
    let unchecked_late = (links.iter())
        .filter(|l| l.reason.as_deref() == Some(late))
        .count();
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
            deadline_passed: unchecked_late > 0,
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
                "not checked" if l.reason.as_deref() == Some(late) => lines.push(format!(
                    "{at}: not checked: {} (the deadline passed first)",
                    l.url
                )),
                "not checked" => lines.push(format!("{at}: not checked: {}", l.url)),
                _ => {}
            }
        }
        lines.push(format!(
            "{} links: {ok} fine, {moved} moved, {broken} broken, {unchecked} not checked",
            links.len()
        ));
        if unchecked_late > 0 {
            lines.push(format!(
                "the check stopped at its deadline of {} with {unchecked_late} of the \
                 links not checked; give it longer with --deadline SECONDS",
                seconds(args.deadline)
            ));
        }
        lines.join("\n")
    };
    // A check cut short cannot vouch for the links it did not reach.
    if broken > 0 || unchecked_late > 0 {
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

/// "5 minutes", "90 seconds".
fn seconds(n: u32) -> String {
    match (n % 60, n / 60) {
        (0, 1) => "1 minute".to_string(),
        (0, minutes) => format!("{minutes} minutes"),
        _ if n == 1 => "1 second".to_string(),
        _ => format!("{n} seconds"),
    }
}

/// A progress bar on standard error while links are checked; indicatif draws nothing
/// when that is not a terminal, so a pipe or a log gets only the result.
fn progress(total: usize, deadline: u32) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let template = "[{bar:30}] {pos}/{len} links checked, {elapsed} of at most {prefix}";
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(seconds(deadline));
    if !bar.is_hidden() {
        // A slow host may keep the count still for long: the time shown still moves.
        bar.enable_steady_tick(Duration::from_secs(1));
    }
    bar
}

/// The HTTP client: no redirect followed on its own, statuses as answers. Each request
/// gets its own timeout.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .user_agent(concat!("waypost-links/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Follows one address to its end, or until the deadline.
fn check(agent: &ureq::Agent, url: &str, limits: Limits) -> Verdict {
    let mut current = url.to_string();
    let mut moved_for_good = false;
    for _ in 0..=MAX_HOPS {
        let code = match ask(agent, &current, limits) {
            Ok(answer) => answer,
            Err(None) => return Verdict::Unchecked,
            Err(Some(why)) => return Verdict::Broken(why, None),
        };
        match code {
            (200..=299, _) if moved_for_good => return Verdict::Moved(current),
            (200..=299, _) => return Verdict::Ok,
            (300..=399, Some(location)) => {
                moved_for_good |= matches!(code.0, 301 | 308);
                match follow(&current, &location) {
                    Ok(next) => current = next,
                    Err(why) => return Verdict::Broken(why, Some(code.0)),
                }
            }
            (status, _) => return Verdict::Broken(status_words(status), Some(status)),
        }
    }
    Verdict::Broken(format!("more than {MAX_HOPS} redirects"), None)
}

/// One request: HEAD, then GET if HEAD was refused. The status and any `Location`; or
/// why it failed, `None` when the deadline came first.
fn ask(
    agent: &ureq::Agent,
    url: &str,
    limits: Limits,
) -> Result<(u16, Option<String>), Option<String>> {
    let answer = |r: ureq::http::Response<ureq::Body>| {
        let location = (r.headers().get("location"))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        (r.status().as_u16(), location)
    };
    // Each request waits at most its own timeout, and never past the deadline; one cut
    // short by the deadline says nothing about the link.
    let call = |request: ureq::RequestBuilder<ureq::typestate::WithoutBody>| {
        let left = limits.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(None);
        }
        let cut = left < limits.per_request;
        let request = (request.config())
            .timeout_global(Some(left.min(limits.per_request)))
            .build();
        request.call().map(answer).map_err(|e| match e {
            ureq::Error::Timeout(_) if cut => None,
            other => Some(words(other)),
        })
    };
    let head = call(agent.head(url))?;
    if head.0 < 400 {
        return Ok(head);
    }
    call(agent.get(url))
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

/// Resolves a `Location` against the address it came from, as a browser does (RFC 3986:
/// `..` and `.` segments included). A redirect to anything but a web address —
/// `javascript:`, `file:`, `mailto:` — leads nowhere a reader can go, and is why the
/// link is broken.
fn follow(base: &str, location: &str) -> Result<String, String> {
    let shown: String = (location.chars())
        .take(100)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    let next = url::Url::parse(base)
        .and_then(|base| base.join(location.trim()))
        .map_err(|_| format!("redirects to {shown}, which is not an address"))?;
    match next.scheme() {
        "http" | "https" => Ok(next.into()),
        scheme => Err(format!(
            "redirects to {shown}, a {scheme}: address rather than a web page"
        )),
    }
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
/// one host at the same time, starting none after `deadline`. The verdicts come back in
/// the order of `urls`; [`Verdict::Unchecked`] for those not started in time.
pub fn check_all<F>(urls: &[String], at_once: usize, deadline: Instant, check: F) -> Vec<Verdict>
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
            let left = deadline.saturating_duration_since(Instant::now());
            if q.waiting.is_empty() || left.is_zero() {
                return;
            }
            let free = (q.waiting.iter()).position(|&i| !q.busy.contains(&host(&urls[i])));
            if let Some(at) = free {
                break q.waiting.remove(at);
            }
            q = (changed.wait_timeout(q, left))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
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
        .map(|v| v.unwrap_or(Verdict::Unchecked))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    #[test]
    fn locations_are_resolved_against_their_address() {
        let base = "https://example.org/a/b/c?x=1";
        let ok = |location: &str| follow(base, location).unwrap();
        assert_eq!(ok("https://other.org/"), "https://other.org/");
        assert_eq!(ok("HTTP://Other.ORG/x"), "http://other.org/x");
        assert_eq!(ok("//cdn.example.org/c"), "https://cdn.example.org/c");
        assert_eq!(ok("/d"), "https://example.org/d");
        assert_eq!(ok("d"), "https://example.org/a/b/d");
        assert_eq!(ok("../d"), "https://example.org/a/d");
        assert_eq!(ok("./e/../../d?y=2"), "https://example.org/a/d?y=2");
        assert_eq!(ok("../../../../d"), "https://example.org/d");
        assert_eq!(ok("?y=2"), "https://example.org/a/b/c?y=2");
        assert_eq!(
            follow("http://127.0.0.1:8080", "ok").unwrap(),
            "http://127.0.0.1:8080/ok"
        );
    }

    #[test]
    fn redirects_to_other_schemes_are_not_followed() {
        let base = "https://example.org/a";
        for (location, scheme) in [
            ("javascript:alert(1)", "javascript:"),
            ("JavaScript:alert(1)", "javascript:"),
            ("file:///etc/passwd", "file:"),
            ("mailto:team@example.org", "mailto:"),
            ("data:text/html,hi", "data:"),
        ] {
            let why = follow(base, location).unwrap_err();
            assert!(why.contains(location), "{why}");
            assert!(why.contains(&format!("a {scheme} address")), "{why}");
        }
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
        let deadline = Instant::now() + Duration::from_secs(60);
        let verdicts = check_all(&urls, 4, deadline, |url| {
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

    #[test]
    fn nothing_starts_after_the_deadline() {
        let urls: Vec<String> = (0..6).map(|i| format!("https://a.example/{i}")).collect();
        let started = Instant::now();
        let deadline = started + Duration::from_millis(250);
        let verdicts = check_all(&urls, 4, deadline, |_| {
            thread::sleep(Duration::from_millis(100));
            Verdict::Ok
        });
        // One host: 100 ms each, one after the other; the fourth would start at 300 ms.
        let checked = verdicts.iter().filter(|v| **v == Verdict::Ok).count();
        assert_eq!(checked, 3, "{verdicts:?}");
        assert!(verdicts[3..].iter().all(|v| *v == Verdict::Unchecked));
        assert!(started.elapsed() < Duration::from_millis(450));
    }
}
