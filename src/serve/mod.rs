//! `tebiki serve`: the handbook on a local web server while it is being edited.
//! Builds the site into memory, watches the inputs, rebuilds what changed and
//! reloads the open browser page; broken inputs show their problems in the
//! browser until they are fixed.

pub mod http;
pub mod site;
mod watch;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::Error;
use http::{Shared, Snapshot};
use site::{Rebuilt, Site};

pub const DEFAULT_PORT: u16 = 8017;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 takes any free port (the URL is logged).
    pub port: u16,
}

/// Serves until the process is stopped (Ctrl+C).
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
    let server = std::net::TcpListener::bind(addr).map_err(|e| {
        Error::Environment(format!(
            "{addr} で待ち受けできません（--port で別のポートを指定してください）: {e}"
        ))
    })?;
    let port = server.local_addr().map_or(options.port, |a| a.port());
    let watcher = watch::Watcher::new(&options.root)?;

    let mut site = Site::new(&options.root);
    let started = Instant::now();
    let problems = site.rebuild_all().err();
    log_outcome(&problems, || {
        format!(
            "サイトを作りました（{:.2} 秒）",
            started.elapsed().as_secs_f64()
        )
    });
    let shared = Arc::new(Shared::new(Snapshot {
        generation: 1,
        files: Arc::new(site.files().clone()),
        problems,
    }));
    tracing::info!("http://127.0.0.1:{port}/ で公開しています（Ctrl+C で終了）");

    let loop_shared = Arc::clone(&shared);
    std::thread::spawn(move || rebuild_loop(&watcher, &mut site, &loop_shared));
    http::run(server, shared);
    Ok(())
}

/// After pages were rendered alone, how long the inputs must stay unchanged
/// before the search index is brought up to date (it takes a while on a large
/// site and would delay the next edit's reload).
const SEARCH_IDLE: Duration = Duration::from_millis(800);

/// Waits for changes, rebuilds, publishes; one rebuild at a time.
fn rebuild_loop(watcher: &watch::Watcher, site: &mut Site, shared: &Shared) {
    loop {
        let idle = site.search_is_stale().then_some(SEARCH_IDLE);
        let changed = match watcher.next(idle) {
            watch::Next::Changes(changed) => changed,
            watch::Next::Idle => {
                let started = Instant::now();
                site.refresh_search();
                tracing::info!(
                    "検索索引を更新（{:.0} ms）",
                    started.elapsed().as_secs_f64() * 1000.0
                );
                // The same generation: the open pages need no reload for it.
                let current = shared.current();
                shared.publish(Snapshot {
                    generation: current.generation,
                    files: Arc::new(site.files().clone()),
                    problems: current.problems.clone(),
                });
                continue;
            }
            watch::Next::Stopped => return,
        };
        let started = Instant::now();
        let outcome = site.rebuild(&changed);
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        let (problems, what) = match outcome {
            Ok(Rebuilt::Pages(pages)) => (None, format!("{} を更新", pages.join(", "))),
            Ok(Rebuilt::Full) => (
                None,
                format!("{} の変更でサイト全体を更新", changed.join(", ")),
            ),
            Err(problems) => (Some(problems), String::new()),
        };
        log_outcome(&problems, || format!("{what}（{elapsed_ms:.0} ms）"));
        let generation = shared.current().generation + 1;
        shared.publish(Snapshot {
            generation,
            files: Arc::new(site.files().clone()),
            problems,
        });
    }
}

fn log_outcome(problems: &Option<crate::diagnostics::Diagnostics>, ok: impl FnOnce() -> String) {
    match problems {
        None => tracing::info!("{}", ok()),
        Some(problems) => {
            for p in problems.iter() {
                tracing::warn!("{p}");
            }
            tracing::warn!("{}。ブラウザに一覧を表示しています", problems.summary());
        }
    }
}
