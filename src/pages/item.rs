//! What each generated page shows: one typed item per kind of page, and the
//! template that draws it — one line each in [`page_items!`], so a page's data
//! and its template cannot be paired wrongly.

use serde::Serialize;

use super::{batches, calendar, records, views};

macro_rules! page_items {
    ($($variant:ident($t:ty) => $template:literal),+ $(,)?) => {
        /// The data a generated page's template shows as `item`.
        #[derive(Debug, Clone, Serialize)]
        #[serde(untagged)]
        pub enum Item {
            $($variant($t),)+
            /// The redacted edition's copy of an item, with personal values
            /// masked in its serialised form ([`crate::redact`]).
            Masked {
                #[serde(skip)]
                template: &'static str,
                #[serde(flatten)]
                value: serde_json::Map<String, serde_json::Value>,
            },
        }

        impl Item {
            /// The template below `templates/` that draws the item.
            pub fn template(&self) -> &'static str {
                match self {
                    $(Item::$variant(_) => $template,)+
                    Item::Masked { template, .. } => template,
                }
            }
        }

        $(impl From<$t> for Item {
            fn from(item: $t) -> Item {
                Item::$variant(item)
            }
        })+
    };
}

page_items! {
    CalendarYear(calendar::YearItem) => "calendar-year.html",
    CalendarMonth(calendar::MonthItem) => "calendar-month.html",
    BatchCatalog(batches::CatalogView) => "batch-catalog.html",
    BatchJob(batches::JobView) => "batch-job.html",
    BatchDeadlines(batches::DeadlinesView) => "batch-deadlines.html",
    BatchPeriod(batches::PeriodView) => "batch-period.html",
    BatchNotices(batches::notices::ListView) => "batch-notices.html",
    BatchNotice(batches::notices::NoticeView) => "batch-notice.html",
    BatchBackups(batches::notices::BackupsView) => "batch-backups.html",
    RecordList(records::view::ListView) => "records-list.html",
    Record(records::view::RecordView) => "record.html",
    ActionBoard(records::board::Board) => "action-board.html",
    FolderTree(records::fileserver::TreeView) => "fileserver.html",
    SlaDashboard(records::sla::Dashboard) => "sla-dashboard.html",
    SlaMonth(records::sla::MonthPage) => "sla-month.html",
    RolesIndex(views::roles::Index) => "roles_index.html",
    Raci(views::roles::Raci) => "raci.html",
    Role(views::roles::Role) => "role.html",
    Handover(views::roles::Handover) => "handover.html",
    Freshness(views::freshness::Dashboard) => "freshness.html",
    Search(views::Search) => "search.html",
    Changes(views::changes::ChangesPage) => "changes.html",
}

impl Item {
    /// A copy whose serialised form went through `mask` (the redacted edition).
    pub fn masked(&self, mask: impl FnOnce(&mut serde_json::Value)) -> Item {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        mask(&mut value);
        Item::Masked {
            template: self.template(),
            value: match value {
                serde_json::Value::Object(map) => map,
                _ => serde_json::Map::new(),
            },
        }
    }
}
