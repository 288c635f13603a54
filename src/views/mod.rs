//! Pages for people rather than for topics: a view per actor, the RACI matrix,
//! handover checklists, the freshness dashboard, the search page and the
//! 更新履歴. They are
//! generated pages (src/pages.rs) built once content is loaded, because some of
//! them list Markdown pages; their URLs are known before, so Markdown may link
//! to them.

pub mod changes;
pub mod contact_now;
pub mod freshness;
mod roles;
pub mod schedule;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::content::Content;
use crate::data::Data;
use crate::history::History;
use crate::pages::GeneratedPage;

/// Every generated view hangs under the home page.
const PARENT: &str = "_index.md";

pub const ROLES_INDEX_URL: &str = "roles/index.html";
pub const RACI_URL: &str = "roles/raci.html";
pub const FRESHNESS_URL: &str = "freshness.html";
pub const SEARCH_URL: &str = "search.html";

pub fn role_url(actor: &str) -> String {
    format!("roles/{actor}.html")
}

pub fn handover_url(actor: &str) -> String {
    format!("handover/{actor}.html")
}

/// What the views are built from.
pub struct ViewInput<'a> {
    pub config: &'a Config,
    pub data: &'a Data,
    pub content: &'a Content,
    pub history: &'a History,
    pub today: NaiveDate,
    /// The pages built from data before the views (records, calendar, batches).
    pub generated: &'a [GeneratedPage],
}

/// The URLs of every view, before content is loaded (for link checking).
pub fn urls(data: &Data) -> Vec<String> {
    let mut urls = vec![
        ROLES_INDEX_URL.to_string(),
        RACI_URL.to_string(),
        FRESHNESS_URL.to_string(),
        SEARCH_URL.to_string(),
        changes::URL.to_string(),
    ];
    for actor in unique_actors(data) {
        urls.push(role_url(&actor.id));
        urls.push(handover_url(&actor.id));
    }
    urls
}

/// Every view page.
pub fn generate(input: &ViewInput<'_>) -> Vec<GeneratedPage> {
    let page =
        |url: String, title: String, template: &str, item: serde_json::Value| GeneratedPage {
            url,
            title,
            template: template.to_string(),
            parent: PARENT.to_string(),
            item,
        };
    let mut pages = vec![
        page(
            ROLES_INDEX_URL.into(),
            "役割別ビュー".into(),
            "roles_index.html",
            roles::index(input, ROLES_INDEX_URL),
        ),
        page(
            RACI_URL.into(),
            "役割分担表（RACI）".into(),
            "raci.html",
            roles::raci(input, RACI_URL),
        ),
        page(
            FRESHNESS_URL.into(),
            "鮮度ダッシュボード（確認期限を過ぎたページ）".into(),
            "freshness.html",
            freshness::dashboard(input, FRESHNESS_URL),
        ),
        page(
            SEARCH_URL.into(),
            "検索".into(),
            "search.html",
            serde_json::Value::Null,
        ),
        page(
            changes::URL.into(),
            changes::TITLE.into(),
            "changes.html",
            changes::page(input),
        ),
    ];
    for actor in unique_actors(input.data) {
        let url = role_url(&actor.id);
        let item = roles::role(input, actor, &url);
        pages.push(page(
            url,
            format!("{}の役割", actor.short),
            "role.html",
            item,
        ));
        let url = handover_url(&actor.id);
        let item = roles::handover(input, actor, &url);
        pages.push(page(
            url,
            format!("引継ぎチェックリスト（{}）", actor.short),
            "handover.html",
            item,
        ));
    }
    pages
}

/// Actors once each: a duplicate id is already reported by data validation and
/// must not also give two pages the same URL.
fn unique_actors(data: &Data) -> impl Iterator<Item = &crate::data::Actor> {
    let mut seen = std::collections::HashSet::new();
    data.actors
        .iter()
        .filter(move |a| seen.insert(a.id.as_str()))
}

/// Root-relative URLs of the pages every template may link to (`{{ root }}{{ links.search }}`).
#[derive(Debug, Clone, Serialize)]
pub struct Links {
    pub roles: &'static str,
    pub raci: &'static str,
    pub freshness: &'static str,
    pub search: &'static str,
    pub changes: &'static str,
    /// The Markdown page that shows the glossary (template `glossary.html`), if any.
    pub glossary: Option<String>,
    /// The Markdown page that shows the contacts (template `contacts.html`), if any.
    pub contacts: Option<String>,
}

impl Links {
    pub fn new(content: &Content) -> Links {
        Links {
            roles: ROLES_INDEX_URL,
            raci: RACI_URL,
            freshness: FRESHNESS_URL,
            search: SEARCH_URL,
            changes: changes::URL,
            glossary: page_with_template(content, "glossary.html"),
            contacts: page_with_template(content, "contacts.html"),
        }
    }
}

pub fn page_with_template(content: &Content, template: &str) -> Option<String> {
    content
        .pages
        .iter()
        .find(|p| p.meta.template.as_deref() == Some(template))
        .map(|p| p.url.clone())
}
