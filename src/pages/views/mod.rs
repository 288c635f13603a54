//! Pages for people rather than for topics: a view per actor, the RACI matrix,
//! handover checklists, the freshness dashboard, the search page and the
//! 更新履歴. They are
//! generated pages (src/pages/) built once content is loaded, because some of
//! them list Markdown pages; their URLs are known before, so Markdown may link
//! to them.

pub mod changes;
pub mod contact_now;
pub mod freshness;
pub mod roles;
pub mod schedule;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::content::Content;
use crate::data::Data;
use crate::history::History;
use crate::pages::{GeneratedPage, Item};

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

/// The search page: its template reads the index, not an item.
#[derive(Debug, Clone, Serialize)]
pub struct Search;

/// One view page, known from the data before content is loaded.
enum View<'a> {
    RolesIndex,
    Raci,
    Freshness,
    Search,
    Changes,
    Role(&'a crate::data::Actor),
    Handover(&'a crate::data::Actor),
}

/// Every view page with its URL and title: the one list both the URLs (for
/// link checking, before content is loaded) and the pages come from.
fn planned(data: &Data) -> Vec<(String, String, View<'_>)> {
    let mut plan = vec![
        (
            ROLES_INDEX_URL.into(),
            "役割別ビュー".into(),
            View::RolesIndex,
        ),
        (RACI_URL.into(), "役割分担表（RACI）".into(), View::Raci),
        (
            FRESHNESS_URL.into(),
            "鮮度ダッシュボード（確認期限を過ぎたページ）".into(),
            View::Freshness,
        ),
        (SEARCH_URL.into(), "検索".into(), View::Search),
        (changes::URL.into(), changes::TITLE.into(), View::Changes),
    ];
    for actor in unique_actors(data) {
        plan.push((
            role_url(&actor.id),
            format!("{}の役割", actor.short),
            View::Role(actor),
        ));
        plan.push((
            handover_url(&actor.id),
            format!("引継ぎチェックリスト（{}）", actor.short),
            View::Handover(actor),
        ));
    }
    plan
}

/// The URLs of every view, before content is loaded (for link checking).
pub fn urls(data: &Data) -> Vec<String> {
    planned(data).into_iter().map(|(url, _, _)| url).collect()
}

/// Every view page.
pub fn generate(input: &ViewInput<'_>) -> Vec<GeneratedPage> {
    use rayon::prelude::*;
    // In parallel: 更新履歴 of a long history takes as long as all the others.
    planned(input.data)
        .into_par_iter()
        .map(|(url, title, view)| {
            let item: Item = match view {
                View::RolesIndex => roles::index(input, &url).into(),
                View::Raci => roles::raci(input, &url).into(),
                View::Freshness => freshness::dashboard(input, &url).into(),
                View::Search => Search.into(),
                View::Changes => changes::page(input).into(),
                View::Role(actor) => roles::role(input, actor, &url).into(),
                View::Handover(actor) => roles::handover(input, actor, &url).into(),
            };
            let sources: &[&str] = match item {
                Item::Role(_) | Item::Handover(_) | Item::RolesIndex(_) | Item::Raci(_) => {
                    &["data/actors.yaml", "data/roles.yaml"]
                }
                _ => &[],
            };
            GeneratedPage::new(url, title, PARENT, item).made_from(sources)
        })
        .collect()
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
