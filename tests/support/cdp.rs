//! Headless Chromium driven over its DevTools protocol, with just enough WebSocket to ask
//! a page to evaluate JavaScript and to send it a reader's clicks and keys: enough to
//! watch a live page change and to use a page as a reader does.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium to use: `$WAYPOST_CHROMIUM`, else `chromium` or `chromium-browser` on the
/// PATH; `None` when there is none.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("WAYPOST_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A headless browser showing one page, closed when dropped.
pub struct Browser {
    child: Child,
    socket: TcpStream,
    session: String,
    next_id: u64,
}

impl Browser {
    /// Starts `chromium` on `url`, with a profile in `profile`.
    pub fn open(chromium: &Path, url: &str, profile: &Path) -> Browser {
        let mut child = Command::new(chromium)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-port=0",
                &format!("--user-data-dir={}", profile.display()),
                url,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let mut endpoint = None;
        for line in stderr.lines().map_while(Result::ok) {
            if let Some(at) = line.find("ws://") {
                endpoint = Some(line[at..].trim().to_string());
                break;
            }
        }
        let endpoint = endpoint.expect("chromium prints its DevTools address");
        let rest = endpoint.trim_start_matches("ws://");
        let (host, path) = rest.split_once('/').unwrap();
        let socket = handshake(host, &format!("/{path}"));
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let target = loop {
            let targets = browser.call("Target.getTargets", serde_json::json!({}));
            let page = (targets["targetInfos"].as_array().unwrap().iter())
                .find(|t| t["type"] == "page")
                .map(|t| t["targetId"].as_str().unwrap().to_string());
            if let Some(page) = page {
                break page;
            }
            assert!(Instant::now() < deadline, "chromium opened no page");
            std::thread::sleep(Duration::from_millis(100));
        };
        let attached = browser.call(
            "Target.attachToTarget",
            serde_json::json!({ "targetId": target, "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true }),
        );
        result["result"]["value"].clone()
    }

    /// Waits up to `limit` for `expression` to be true; returns how long it took.
    pub fn wait_for(&mut self, expression: &str, limit: Duration) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.eval(expression) == serde_json::Value::Bool(true) {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }

    /// Clicks the middle of the first element `selector` finds, as a mouse does (the
    /// element is scrolled into view first).
    pub fn click(&mut self, selector: &str) {
        let place = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector:?}); if (!e) return null; \
             e.scrollIntoView({{ block: 'center' }}); const r = e.getBoundingClientRect(); \
             return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (Some(x), Some(y)) = (place[0].as_f64(), place[1].as_f64()) else {
            panic!("nothing on the page to click at {selector}");
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                serde_json::json!({
                    "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1
                }),
            );
        }
    }

    /// Presses and releases a key, as a keyboard does: `"Tab"`, `" "` (the space bar) or
    /// `"Enter"`.
    pub fn press(&mut self, key: &str) {
        let (code, number, text) = match key {
            "Tab" => ("Tab", 9, ""),
            " " => ("Space", 32, " "),
            "Enter" => ("Enter", 13, "\r"),
            _ => panic!("no key {key:?} here"),
        };
        let mut down = serde_json::json!({
            "type": "keyDown", "key": key, "code": code,
            "windowsVirtualKeyCode": number, "nativeVirtualKeyCode": number
        });
        if !text.is_empty() {
            down["text"] = serde_json::Value::String(text.to_string());
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            serde_json::json!({
                "type": "keyUp", "key": key, "code": code,
                "windowsVirtualKeyCode": number, "nativeVirtualKeyCode": number
            }),
        );
    }

    /// Types text into the focused element, as an input method does.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", serde_json::json!({ "text": text }));
    }

    /// Sends any DevTools command to the page, such as `Emulation.setEmulatedMedia`, and
    /// returns its answer.
    pub fn command(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.call(method, params)
    }

    /// Sends a DevTools command and waits for its answer.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = serde_json::json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = serde_json::Value::String(self.session.clone());
        }
        send(&mut self.socket, message.to_string().as_bytes());
        loop {
            let reply: serde_json::Value = serde_json::from_slice(&receive(&mut self.socket))
                .expect("DevTools answers in JSON");
            if reply["id"] == id {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens a WebSocket: an HTTP upgrade with a fixed key (the answer's hash need not be
/// checked against a server the test started itself).
fn handshake(host: &str, path: &str) -> TcpStream {
    let mut socket = TcpStream::connect(host).expect("DevTools accepts a connection");
    socket
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: d2F5cG9zdC10ZXN0LWtleQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    socket.write_all(request.as_bytes()).unwrap();
    // The answer's header ends with an empty line; read it byte by byte so that no frame
    // after it is swallowed.
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") {
        socket.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    socket
}

/// Sends one masked text frame, as a client must.
fn send(socket: &mut TcpStream, payload: &[u8]) {
    let mut frame = vec![0x81];
    match payload.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n if n < 65536 => {
            frame.push(0x80 | 126);
            frame.extend((n as u16).to_be_bytes());
        }
        n => {
            frame.push(0x80 | 127);
            frame.extend((n as u64).to_be_bytes());
        }
    }
    let mask = [0x12, 0x34, 0x56, 0x78];
    frame.extend(mask);
    frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    socket.write_all(&frame).unwrap();
}

/// Receives one whole message, joining continuation frames.
fn receive(socket: &mut TcpStream) -> Vec<u8> {
    let mut message = Vec::new();
    loop {
        let mut head = [0; 2];
        socket
            .read_exact(&mut head)
            .expect("DevTools keeps the connection");
        let length = match head[1] & 0x7f {
            126 => {
                let mut n = [0; 2];
                socket.read_exact(&mut n).unwrap();
                u64::from(u16::from_be_bytes(n))
            }
            127 => {
                let mut n = [0; 8];
                socket.read_exact(&mut n).unwrap();
                u64::from_be_bytes(n)
            }
            n => u64::from(n),
        };
        let mut payload = vec![0; length as usize];
        socket.read_exact(&mut payload).unwrap();
        message.extend(payload);
        if head[0] & 0x80 != 0 {
            return message;
        }
    }
}
