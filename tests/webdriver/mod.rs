//! A minimal WebDriver client for the browser tests: chromedriver over plain
//! HTTP/1.1 on loopback, JSON with serde_json. No async runtime, no extra crates,
//! so the tests build fast and offline.

#![allow(dead_code)] // reason: each test binary uses a different part of the client

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Chromium's and chromedriver's paths; the tests fail (they are not skipped)
/// when either is missing, so CI must install them.
fn find(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "{} が見つかりません。apt-get install -y chromium chromium-driver でインストールしてください",
        names.join(" / ")
    );
}

pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn start(width: u32, height: u32) -> Browser {
        Browser::launch(width, height, true)
    }

    /// A browser that runs no script of the pages (WebDriver's own still run).
    pub fn start_without_javascript(width: u32, height: u32) -> Browser {
        Browser::launch(width, height, false)
    }

    fn launch(width: u32, height: u32, javascript: bool) -> Browser {
        let chromium = find(&["chromium", "chromium-browser", "google-chrome"]);
        let chromedriver = find(&["chromedriver"]);
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        browser.wait_until_ready();
        let args = [
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--disable-dev-shm-usage".into(),
            "--hide-scrollbars".into(),
            format!("--user-data-dir={}", browser._profile.path().display()),
            format!("--window-size={width},{height}"),
            "--lang=ja".into(),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args, "prefs": {
                "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 }
            }}
        }}});
        let reply = browser.request("POST", "/session", Some(&caps));
        browser.session = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_string();
        browser
    }

    fn wait_until_ready(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if let Ok(reply) = self.try_request("GET", "/status", None)
                && reply["value"]["ready"] == true
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not start");
    }

    fn try_request(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> std::io::Result<Value> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        let body = body.map(Value::to_string).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;
        // chromedriver may keep the connection open: read by Content-Length.
        let mut raw = Vec::new();
        let mut buf = [0u8; 16384];
        let (split, headers) = loop {
            let n = stream.read(&mut buf)?;
            if n == 0 {
                return Err(std::io::Error::other("connection closed before the header"));
            }
            raw.extend_from_slice(&buf[..n]);
            if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break (
                    split,
                    String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase(),
                );
            }
        };
        let length = headers
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        let chunked = headers.contains("transfer-encoding: chunked");
        loop {
            let body = &raw[split + 4..];
            let complete = match length {
                Some(len) => body.len() >= len,
                None if chunked => body.windows(5).any(|w| w == b"0\r\n\r\n"),
                None => false,
            };
            if complete {
                break;
            }
            let n = stream.read(&mut buf)?;
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        let mut payload = raw[split + 4..].to_vec();
        if chunked {
            payload = dechunk(&payload);
        }
        serde_json::from_slice(&payload).map_err(std::io::Error::other)
    }

    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        self.try_request(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(body);
        let reply = self.request(method, &path, body.as_ref());
        if let Some(error) = reply["value"]["error"].as_str() {
            panic!("{path}: {error}: {}", reply["value"]["message"]);
        }
        reply["value"].clone()
    }

    pub fn open(&self, file: &Path, query: &str) {
        let url = format!("file://{}{query}", file.display());
        self.command("POST", "/url", json!({"url": url}));
    }

    /// Opens any URL (a page of `tebiki serve`, say).
    pub fn open_url(&self, url: &str) {
        self.command("POST", "/url", json!({"url": url}));
    }

    /// Runs `script` (a function body; `return` gives the value) in the page.
    pub fn eval(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    /// Evaluates `script` until it returns something truthy; panics after 10 s.
    pub fn wait_for(&self, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(script);
            let truthy = !matches!(&value, Value::Null | Value::Bool(false))
                && value != json!("")
                && value != json!(0);
            if truthy {
                return value;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "timed out waiting for: {script}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn find(&self, css: &str) -> String {
        let found = self.command(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found[ELEMENT].as_str().unwrap().to_string()
    }

    /// Types into an element (WebDriver key codes: "\u{E015}" arrow down, "\u{E007}" enter).
    pub fn type_into(&self, element: &str, text: &str) {
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            json!({"text": text}),
        );
    }

    /// Presses keys with no element targeted (keyboard shortcuts).
    pub fn press(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let k = c.to_string();
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.command(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }

    pub fn screenshot(&self) -> Vec<u8> {
        let value = self.command("GET", "/screenshot", Value::Null);
        decode_base64(value.as_str().unwrap())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.try_request("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..line_end]).trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
