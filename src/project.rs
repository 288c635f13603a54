//! The project model: config, pages and data, loaded and checked once, then handed
//! read-only to every renderer.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::{self, Content};
use crate::data::batches::Batches;
use crate::data::{self, Data};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::domain::OperatingCalendar;
use crate::history::History;
use crate::pages::GeneratedPage;

/// How to load a project. One struct, so loading needs no setters in a given order.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub root: PathBuf,
    /// Where the git log of the last build is kept ([`crate::history::cache_file`]);
    /// none for `check` and `serve`, which read it from git.
    pub history_cache: Option<PathBuf>,
    /// The repository's state, when the caller has asked git for it already.
    pub git_state: Option<crate::history::GitState>,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub content: Content,
    pub data: Data,
    /// The day the build treats as today (`TEBIKI_TODAY`, or the local date):
    /// what is late, which holiday years are projections, the 作成日 of workbooks.
    pub today: NaiveDate,
    /// The online operating calendar: rules, holidays and `data/schedule/`.
    pub calendar: OperatingCalendar,
    /// The batch plan checked against the catalog and the calendar.
    pub batches: Batches,
    /// Pages built from data, rendered after the Markdown pages.
    pub generated: Vec<GeneratedPage>,
    /// Warnings found while loading; errors make `load` fail instead.
    pub warnings: Diagnostics,
    /// Every commit that changed the project's files; empty outside a git checkout.
    pub history: History,
    /// True for the edition without personal data ([`Project::redacted`]).
    pub redacted: bool,
}

impl Project {
    /// Loads and validates everything. On failure the diagnostics hold every
    /// problem found, not only the first.
    pub fn load(options: &LoadOptions) -> Result<Project, Diagnostics> {
        let root = &options.root;
        let history = History::spawn(
            root,
            options.history_cache.clone(),
            options.git_state.clone(),
        );
        let mut diags = Diagnostics::new();
        let config = load_config(root, &mut diags);
        let today = today(&mut diags);
        let allow_raw_html = config.as_ref().is_some_and(|c| c.markdown.allow_raw_html);
        report_hidden_inputs(root, &mut diags);
        let data = data::load(root, &mut diags);
        let calendar = operating_calendar(config.as_ref(), &data);
        let batches = match &config {
            Some(config) => {
                check_schedule(config, &data, &calendar, today, &mut diags);
                resolve_batches(config, &data, &calendar, today, &mut diags)
            }
            None => Batches::default(),
        };
        let mut generated = match &config {
            Some(config) => crate::pages::generate(&crate::pages::Inputs {
                config,
                data: &data,
                calendar: &calendar,
                today,
                batches: &batches,
                redacted: false,
            }),
            None => Vec::new(),
        };
        let generated_urls = generated_urls(&generated, &data);
        let vars = content::Vars::new(config.as_ref().map_or_else(
            || crate::domain::Rules::default().texts(),
            |c| c.schedule.texts(),
        ));
        let content = content::load(root, allow_raw_html, &generated_urls, &vars, &mut diags);
        let history = history.wait();
        if let Some(config) = &config {
            check_with_content(root, config, &data, &calendar, today, &content, &mut diags);
            let views = crate::pages::views::generate(&crate::pages::views::ViewInput {
                config,
                data: &data,
                content: &content,
                history: &history,
                today,
                generated: &generated,
            });
            generated.extend(views);
        }
        check_page_references(&content, &data, &mut diags);
        check_generated_pages(&content, &generated, &mut diags);
        crate::pages::views::freshness::warn_overdue(&content, today, &mut diags);

        let diags = diags.sorted();
        match config {
            Some(config) if !diags.has_errors() => Ok(Project {
                root: root.clone(),
                config,
                content,
                data,
                today,
                calendar,
                batches,
                generated,
                warnings: diags,
                history,
                redacted: false,
            }),
            _ => Err(diags),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// `tebiki.yaml`, or `None` when it cannot be used (its problems are reported).
fn load_config(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let (config, config_problems) = Config::load_all(root);
    diags.extend(config_problems);
    if config.is_none() {
        // Pages generated from data are not known: links to them are not
        // reported as missing, tebiki.yaml's problem is the cause.
        diags.note_unloaded(crate::config::CONFIG_FILE);
    }
    config
}

/// The build's today (`TEBIKI_TODAY`); the local date when it is unusable.
fn today(diags: &mut Diagnostics) -> NaiveDate {
    match crate::clock::today() {
        Ok(d) => d,
        Err(d) => {
            diags.push(d);
            chrono::Local::now().date_naive()
        }
    }
}

/// The calendar of the rules and `data/schedule/`; without a config, one that
/// never starts service.
fn operating_calendar(config: Option<&Config>, data: &Data) -> OperatingCalendar {
    match config {
        Some(config) => OperatingCalendar::new(
            config.schedule.clone(),
            config.service_in,
            data.schedule.clone(),
        ),
        None => OperatingCalendar::new(Default::default(), NaiveDate::MAX, Vec::new()),
    }
}

fn check_schedule(
    config: &Config,
    data: &Data,
    calendar: &OperatingCalendar,
    today: NaiveDate,
    diags: &mut Diagnostics,
) {
    data::schedule::check(
        &data.schedule,
        &data.sources.schedule,
        &data::schedule::CheckContext {
            calendar,
            today,
            last_fiscal_year: config.last_fiscal_year(),
            actor_exists: &|id| data.actor(id).is_some(),
        },
        diags,
    );
}

/// The site URLs of the pages built from data, which Markdown may link to.
fn generated_urls(generated: &[GeneratedPage], data: &Data) -> HashSet<String> {
    let mut urls: HashSet<String> = generated.iter().map(|g| g.url.clone()).collect();
    urls.extend(crate::pages::views::urls(data));
    urls
}

/// The checks that need the pages as well as the config and the data.
fn check_with_content(
    root: &Path,
    config: &Config,
    data: &Data,
    calendar: &OperatingCalendar,
    today: NaiveDate,
    content: &Content,
    diags: &mut Diagnostics,
) {
    check_config_references(root, config, data, diags);
    if let Some(estimate) = &data.cost_estimate {
        data::cost::check(
            estimate,
            config.service_in,
            config.contract.max_fiscal_years,
            diags,
        );
    }
    data::records::check_with_project(
        &data::records::ProjectContext {
            data,
            records: &data.records,
            calendar,
            today,
            sla: &config.sla,
            page_exists: &|rel| content.page_by_rel(rel).is_some(),
        },
        diags,
    );
}

fn resolve_batches(
    config: &Config,
    data: &Data,
    calendar: &OperatingCalendar,
    today: NaiveDate,
    diags: &mut Diagnostics,
) -> Batches {
    let staff_actor = |id: &str| {
        data.staff
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.actor.clone())
    };
    data::batches::resolve(
        &data.batches,
        &data::batches::ResolveContext {
            config: &config.batches,
            calendar,
            today,
            last_fiscal_year: config.last_fiscal_year(),
            actor_exists: &|id| data.actor(id).is_some(),
            staff_actor: &staff_actor,
            contractor: &config.organisation.contractor_actor,
        },
        diags,
    )
}

/// Today from `TEBIKI_TODAY`, or the local clock.
fn check_config_references(root: &Path, config: &Config, data: &Data, diags: &mut Diagnostics) {
    let shown = Path::new(crate::config::CONFIG_FILE);
    // Read again only to place the problem; the file was read without error just before.
    let text = crate::fs::read_text(&root.join(shown), shown).unwrap_or_default();
    for (key, id) in [
        ("client_actor", &config.organisation.client_actor),
        ("contractor_actor", &config.organisation.contractor_actor),
    ] {
        if data.actor(id).is_none() {
            diags.error(
                crate::yaml::locate(&text, shown, key, id, 1),
                data::unknown_actor(id),
            );
        }
    }
    // The provider's default (fujitsu) matters only once there are incidents.
    let provider = &config.sla.provider;
    if !data.records.incidents.is_empty() && data.actor(provider).is_none() {
        diags.error(
            crate::yaml::locate(&text, shown, "provider", provider, 1),
            format!("sla.provider: {}", data::unknown_actor(provider)),
        );
    }
    // Inconsistent schedule rules are reported here, not by `Config::parse`, so
    // the rest of the project is still loaded and checked with them.
    let from = text
        .lines()
        .position(|l| l.starts_with("schedule:"))
        .map_or(1, |i| i + 1);
    for (key, message) in config.schedule.problems() {
        diags.error(crate::yaml::locate(&text, shown, key, "", from), message);
    }
}

/// Files no reader looks at, because their names start with `.`.
fn report_hidden_inputs(root: &Path, diags: &mut Diagnostics) {
    let dirs = [crate::content::CONTENT_DIR, data::DATA_DIR];
    for shown in crate::fs::hidden_entries(root, &dirs) {
        let name = shown.file_name().unwrap_or_default().to_string_lossy();
        let at = crate::diagnostics::Location::file(&shown);
        let unread = "名前が . で始まるため読み込みません";
        if [".md", ".yaml", ".yml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            diags.error(
                at,
                format!("{unread}（隠しファイル）。名前を . 以外で始めてください"),
            );
        } else {
            diags.warning(
                at,
                format!("{unread}（隠しファイル・フォルダ）。不要なら削除してください"),
            );
        }
    }
}

/// Front matter refers to data: the owner is an actor, the area and the
/// deliverables exist.
fn check_page_references(content: &Content, data: &Data, diags: &mut Diagnostics) {
    for page in &content.pages {
        let meta = &page.meta;
        if data.actor(&meta.owner).is_none() {
            diags.error(
                page.front_location("owner", &meta.owner),
                data::unknown_actor(&meta.owner),
            );
        }
        if !data.has_area(&meta.area) {
            diags.error(
                page.front_location("area", &meta.area),
                data::unknown_area(&meta.area),
            );
        }
        for d in &meta.deliverables {
            if !data.has_deliverable(d) {
                diags.error(
                    page.front_location("deliverables", d),
                    format!("成果物 `{d}` は data/deliverables.yaml にありません"),
                );
            }
        }
        if meta.review_every == 0 {
            diags.error(
                page.front_location("review_every", "0"),
                "review_every は 1 以上の月数にしてください",
            );
        }
    }
}

/// A generated page hangs under an existing Markdown page and never takes the
/// file of another page.
fn check_generated_pages(content: &Content, generated: &[GeneratedPage], diags: &mut Diagnostics) {
    let mut urls: std::collections::HashSet<String> =
        content.pages.iter().map(|p| p.url.to_lowercase()).collect();
    for page in generated {
        if content.page_by_rel(&page.parent).is_none() {
            diags.push(Diagnostic::global(format!(
                "{} の親ページ content/{} がありません",
                page.url, page.parent
            )));
        }
        if !crate::fs::is_contained(Path::new(&page.url)) || !urls.insert(page.url.to_lowercase()) {
            diags.push(Diagnostic::global(format!(
                "生成ページの出力先 {} が他のページと重複しているか、サイトの外を指しています",
                page.url
            )));
        }
    }
}

/// Every generated page: those built from data alone (src/pages/) and the views
/// that also list pages (src/pages/views/). [`Project::redacted`] builds them again.
pub fn generate_pages(project: &Project) -> Vec<GeneratedPage> {
    let mut pages = crate::pages::generate(&crate::pages::Inputs {
        config: &project.config,
        data: &project.data,
        calendar: &project.calendar,
        today: project.today,
        batches: &project.batches,
        redacted: project.redacted,
    });
    let views = crate::pages::views::generate(&crate::pages::views::ViewInput {
        config: &project.config,
        data: &project.data,
        content: &project.content,
        history: &project.history,
        today: project.today,
        generated: &pages,
    });
    pages.extend(views);
    pages
}
