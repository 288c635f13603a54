//! The local HTTP server of `serve`: the site from memory, a reload script put
//! into every HTML page it serves (never into built files), a long-poll URL the
//! script waits on, and the list of problems in place of the pages while the
//! inputs are broken.
//!
//! Plain HTTP/1.1 on std's sockets, one thread a connection and one request a
//! connection (`Connection: close`): a local preview needs no more, and
//! tiny_http, used before, could leave a new connection queued behind idle
//! keep-alive ones until the browser closed them (a page of eight scripts and
//! stylesheets then never finished loading).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::diagnostics::Diagnostics;
use crate::render::MemoryFiles;
use crate::render::html::{SITE_DIR, escape_html};

/// The script waits here: `GET /__tebiki/wait?since=N` answers with the
/// generation number once it is greater than N (or after a while, unchanged).
pub const WAIT_PATH: &str = "/__tebiki/wait";
const WAIT_TIMEOUT: Duration = Duration::from_secs(25);

/// What the server shows; replaced whole after each rebuild.
pub struct Snapshot {
    /// Counts rebuilds; a page reloads when it grows.
    pub generation: u64,
    pub files: Arc<MemoryFiles>,
    /// Set while the inputs are broken: every page shows these instead.
    pub problems: Option<Diagnostics>,
}

/// The current snapshot, shared by the rebuild loop and the request threads.
pub struct Shared {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
}

impl Shared {
    pub fn new(snapshot: Snapshot) -> Shared {
        Shared {
            current: Mutex::new(Arc::new(snapshot)),
            changed: Condvar::new(),
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Publishes a new snapshot and wakes every waiting browser.
    pub fn publish(&self, snapshot: Snapshot) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        self.changed.notify_all();
    }

    /// The generation once it is past `since`, or the current one after `timeout`.
    fn wait_past(&self, since: u64, timeout: Duration) -> u64 {
        let guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation <= since)
            .unwrap_or_else(|e| e.into_inner());
        guard.generation
    }
}

/// Answers connections until the server stops, each on its own thread (a
/// waiting browser holds one open).
pub fn run(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            // The browser may have gone away; nothing to do about it.
            let _ = respond(stream, &shared);
        });
    }
}

/// A request's head may not be larger than this.
const MAX_HEAD: usize = 16 * 1024;

/// Reads one request's head, answers it and closes the connection.
fn respond(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 || head.len() + n > MAX_HEAD {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.lines().next().unwrap_or("").split(' ');
    let (method, url) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let answer = answer(method, url, shared);
    stream.write_all(&answer.head())?;
    if method != "HEAD" {
        stream.write_all(&answer.body)?;
    }
    stream.flush()
}

/// A response: its status, headers and body.
struct Answer {
    status: u16,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn head(&self) -> Vec<u8> {
        let reason = match self.status {
            200 => "OK",
            301 => "Moved Permanently",
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Internal Server Error",
        };
        let mut head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        if let Some(location) = &self.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        head.push_str("\r\n");
        head.into_bytes()
    }
}

fn answer(method: &str, url: &str, shared: &Shared) -> Answer {
    if !matches!(method, "GET" | "HEAD") {
        return text(405, "GET だけを受け付けます");
    }
    let (raw_path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = raw_path;
    if path == WAIT_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let generation = shared.wait_past(since, WAIT_TIMEOUT);
        return text(200, &generation.to_string());
    }
    let snapshot = shared.current();
    let Some(path) = percent_decode(path).filter(|p| !p.split('/').any(|s| s == "..")) else {
        return text(400, "不正なパスです");
    };
    let mut rel = format!("{SITE_DIR}{path}");
    if rel.ends_with('/') {
        rel.push_str("index.html");
    }
    let is_page = rel.ends_with(".html");
    if let (Some(problems), true) = (&snapshot.problems, is_page) {
        return html(500, problems_page(problems, snapshot.generation));
    }
    match snapshot.files.get(std::path::Path::new(&rel)) {
        Some(file) if is_page => {
            let page = String::from_utf8_lossy(&file.bytes);
            html(200, inject_reload(&page, snapshot.generation))
        }
        Some(file) => Answer {
            status: 200,
            content_type: content_type(&rel),
            location: None,
            body: file.bytes.to_vec(),
        },
        // `/ops` is the folder `/ops/`: redirect, so relative links resolve.
        None if snapshot
            .files
            .contains_key(std::path::Path::new(&format!("{rel}/index.html"))) =>
        {
            Answer {
                location: Some(format!("{raw_path}/")),
                ..text(301, "")
            }
        }
        None => html(404, not_found_page(&path, snapshot.generation)),
    }
}

/// The script that reloads the page when the site changes. It waits on
/// [`WAIT_PATH`]; a server that is gone is retried every second.
pub fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var g={generation};function w(){{fetch(\"{WAIT_PATH}?since=\"+g,{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(t){{if(parseInt(t,10)>g){{location.reload()}}else{{w()}}}}).catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>"
    )
}

/// Puts the reload script before `</body>` (or at the end).
pub fn inject_reload(page: &str, generation: u64) -> String {
    let script = reload_script(generation);
    match page.rfind("</body>") {
        Some(i) => format!("{}{script}\n{}", &page[..i], &page[i..]),
        None => format!("{page}{script}"),
    }
}

/// Every problem, with its place, in the browser instead of the page.
pub fn problems_page(problems: &Diagnostics, generation: u64) -> String {
    let items: String = problems
        .iter()
        .map(|d| format!("<li><code>{}</code></li>\n", escape_html(&d.to_string())))
        .collect();
    let body = format!(
        "<h1>入力に問題があります</h1>\n<p>{}。直して保存すると、このページは自動で読み直されます。</p>\n<ol>\n{items}</ol>\n",
        escape_html(&problems.summary())
    );
    standalone_page("tebiki: 入力に問題があります", &body, generation)
}

fn not_found_page(path: &str, generation: u64) -> String {
    let body = format!(
        "<h1>ページがありません</h1>\n<p><code>{}</code> はこのサイトにありません。<a href=\"/\">トップページへ</a></p>\n",
        escape_html(path)
    );
    standalone_page("tebiki: ページがありません", &body, generation)
}

fn standalone_page(title: &str, body: &str, generation: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6}}h1{{color:#b00020}}code{{white-space:pre-wrap;word-break:break-all}}li{{margin:.4rem 0}}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape_html(title)
    )
    .replace("</body>", &format!("{}\n</body>", reload_script(generation)))
}

fn html(status: u16, page: String) -> Answer {
    Answer {
        status,
        content_type: "text/html; charset=utf-8",
        location: None,
        body: page.into_bytes(),
    }
}

fn text(status: u16, body: &str) -> Answer {
    Answer {
        status,
        content_type: "text/plain; charset=utf-8",
        location: None,
        body: body.as_bytes().to_vec(),
    }
}

fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `%E6%89%8B` → `手`. `None` for bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_script_goes_before_the_end_of_the_body() {
        let page = inject_reload("<html><body><p>x</p></body></html>", 7);
        assert!(page.contains("var g=7;"), "{page}");
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
    }

    #[test]
    fn problems_are_escaped_and_placed() {
        let mut d = Diagnostics::new();
        d.error(
            crate::diagnostics::Location::new("content/a.md", 3, 1),
            "<script>壊れた</script>",
        );
        let page = problems_page(&d, 1);
        assert!(
            page.contains("content/a.md:3:1: エラー: &lt;script&gt;"),
            "{page}"
        );
    }

    #[test]
    fn percent_encoded_paths_are_decoded() {
        assert_eq!(
            percent_decode("/%E6%89%8B.html").as_deref(),
            Some("/手.html")
        );
        assert_eq!(percent_decode("/a%2"), Some("/a%2".into()));
        assert_eq!(percent_decode("/%FF"), None);
    }
}
