//! `tebiki serve` through the real binary and plain HTTP: pages come from memory
//! with the reload script, an edit wakes the waiting browser and shows the new
//! page, broken input shows its problems with their places and recovers.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestProject;

struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(p: &TestProject) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(["--root", p.path().to_str().unwrap(), "serve", "--port", "0"])
            .env("TEBIKI_LOG", "info")
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tebiki serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                    let port: u16 = rest.split('/').next().unwrap().parse().unwrap();
                    let _ = tx.send(port);
                }
                lines.lock().unwrap().push(line);
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve logs its URL");
        Server { child, port, log }
    }

    fn get(&self, path: &str) -> (u16, String) {
        http_get(self.port, path)
    }

    fn generation(&self) -> u64 {
        self.get("/__tebiki/wait?since=0").1.trim().parse().unwrap()
    }

    /// Polls `path` until its body contains `needle`.
    #[track_caller]
    fn wait_for(&self, path: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (_, body) = self.get(path);
            if body.contains(needle) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never showed {needle}:\n{body}\nlog: {:?}",
                self.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Waits until the log has `needle`: it is read from the server's stderr by
    /// another thread, so a line can arrive after the page it announces.
    #[track_caller]
    fn wait_for_log(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.log().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "the log never showed {needle}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A plain HTTP/1.1 GET: the status and the body.
fn http_get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn pages_are_served_from_memory_with_the_reload_script() {
    let p = TestProject::fixture("basic");
    let s = Server::start(&p);
    let (status, page) = s.get("/ops/nightly.html");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>夜間日次バッチ</h1>"), "{page}");
    assert!(page.contains("/__tebiki/wait?since="), "no reload script");
    let (status, css) = s.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(!css.contains("__tebiki"));
    assert_eq!(s.get("/").0, 200);
    assert_eq!(s.get("/ops").0, 301);
    assert_eq!(s.get("/ops/").0, 200);
    let (status, missing) = s.get("/ops/nope.html");
    assert_eq!(status, 404);
    assert!(missing.contains("ページがありません"));
    assert_eq!(s.get("/../tebiki.yaml").0, 400);
    // Nothing is written to disk: built files never get the script.
    assert!(!p.path().join("output").exists());
}

#[test]
fn editing_a_page_wakes_the_browser_and_renders_only_that_page() {
    let p = TestProject::fixture("basic");
    let s = Server::start(&p);
    let before = s.generation();
    let port = s.port;
    // The browser's script, waiting for the next generation.
    let waiter =
        std::thread::spawn(move || http_get(port, &format!("/__tebiki/wait?since={before}")).1);
    std::thread::sleep(Duration::from_millis(200));
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n追記した段落。\n"),
    );
    let woke: u64 = waiter.join().unwrap().trim().parse().unwrap();
    assert!(woke > before, "the wait returned {woke} after {before}");
    s.wait_for("/ops/nightly.html", "追記した段落。");
    s.wait_for_log("content/ops/nightly.md を更新");
}

#[test]
fn the_search_index_catches_up_with_an_edited_page() {
    let p = TestProject::fixture("basic");
    let s = Server::start(&p);
    let index = "/assets/search/t-0.js";
    assert!(!s.get(index).1.contains("蜃気楼台帳"));
    let generation = s.generation();
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n蜃気楼台帳の段落。\n"),
    );
    s.wait_for("/ops/nightly.html", "蜃気楼台帳の段落。");
    // Once the edits pause, without another reload of the open pages.
    s.wait_for(index, "蜃気楼台帳の段落。");
    s.wait_for_log("検索索引を更新");
    assert_eq!(s.generation(), generation + 1);
}

#[test]
fn broken_input_shows_its_problems_in_the_browser_and_recovers() {
    let p = TestProject::fixture("basic");
    let s = Server::start(&p);
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n[壊れた](missing.md)\n"),
    );
    let problems = s.wait_for("/ops/online.html", "入力に問題があります");
    assert!(
        problems.contains("content/ops/nightly.md:13:1: エラー: リンク先のページがありません"),
        "{problems}"
    );
    assert!(
        problems.contains("/__tebiki/wait"),
        "the error page reloads too"
    );
    p.write("content/ops/nightly.md", &page);
    s.wait_for("/ops/nightly.html", "<h1>夜間日次バッチ</h1>");

    // A broken settings file is shown the same way, and fixed again.
    let settings = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &settings.replace("  description:", "  descripton:"),
    );
    s.wait_for("/", "tebiki.yaml:3:3");
    p.write("tebiki.yaml", &settings);
    s.wait_for("/", "テスト区 運用手引き");
}

#[test]
fn a_new_title_reaches_the_navigation_of_other_pages() {
    let p = TestProject::fixture("basic");
    let s = Server::start(&p);
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &page.replace("title: 夜間日次バッチ", "title: 夜間バッチ（改）"),
    );
    s.wait_for("/ops/online.html", "夜間バッチ（改）");
    s.wait_for_log("サイト全体を更新");
    // The tree of every page is the one script, served from memory too.
    s.wait_for("/assets/nav-data.js", r"ops/nightly.html\t夜間バッチ（改）");

    // A page added while serving: the tree has it, and the page is served.
    p.write(
        "content/ops/added.md",
        "---\ntitle: 追加した頁\narea: general\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n---\n本文。\n",
    );
    s.wait_for("/assets/nav-data.js", r"ops/added.html\t追加した頁");
    assert_eq!(s.get("/ops/added.html").0, 200);
    // So has the section's frame, which pages show without JavaScript.
    s.wait_for("/assets/nav/ops/index.html", r#"<li id="added.html">"#);
}

/// A browser opens several connections at once for a page's scripts and
/// stylesheets and keeps them open; each must be answered at once (tiny_http,
/// used before, could queue one behind the idle others until they closed).
#[test]
fn connections_opened_at_once_and_kept_open_are_all_answered() {
    let p = TestProject::fixture("basic");
    let s = Server::start(&p);
    let port = s.port;
    let barrier = Arc::new(std::sync::Barrier::new(8));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .unwrap();
                write!(
                    stream,
                    "GET /assets/nav.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                )
                .unwrap();
                let mut raw = Vec::new();
                stream.read_to_end(&mut raw).unwrap();
                String::from_utf8_lossy(&raw).into_owned()
            })
        })
        .collect();
    for client in clients {
        let reply = client.join().unwrap();
        assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
        assert!(reply.contains("tebikiNav"), "{reply}");
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let p = TestProject::fixture("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = p.run(&["serve", "--port", &port]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("で待ち受けできません"),
        "{}",
        run.stderr
    );
}

mod webdriver;

/// The reload script in a real browser: after a save, the open page reloads by
/// itself (a marker set in the old page is gone) and shows the new text; broken
/// input turns it into the problem list, and fixing it brings the page back.
#[test]
fn the_open_page_reloads_itself_in_a_real_browser() {
    let p = TestProject::fixture("basic");
    let s = Server::start(&p);
    let b = webdriver::Browser::start(1000, 700);
    b.open_url(&format!("http://127.0.0.1:{}/ops/nightly.html", s.port));
    b.wait_for("return document.querySelector('h1') && document.querySelector('h1').textContent");
    b.eval("window.__before_reload = true; return true;");
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n追記した段落。\n"),
    );
    b.wait_for(
        "return !window.__before_reload && document.body.innerText.includes('追記した段落。')",
    );
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n[壊れた](missing.md)\n"),
    );
    let problems = b.wait_for(
        "return document.body.innerText.includes('入力に問題があります') && document.body.innerText",
    );
    assert!(
        problems
            .as_str()
            .unwrap()
            .contains("content/ops/nightly.md:13:1"),
        "{problems}"
    );
    p.write("content/ops/nightly.md", &page);
    b.wait_for("return document.querySelector('h1') && document.querySelector('h1').textContent === '夜間日次バッチ'");
}
