//! The 更新履歴 as scripts below `site/assets/changes/`: `index.js` (the months,
//! the groups of the since-view, the newest commit's time) and one `YYYY-MM.js`
//! per month with every entry, read by the since-view of changes.html and by the
//! navigation's mark, each loading only the months it needs. Scripts, because a
//! page opened from file:// may load a script but not fetch a file.
//!
//! They are made from the whole history, so they are keyed by what they show
//! (the history's fingerprint, the pages' titles and places, the records'
//! pages): a rebuild with nothing changed keeps them without working them out.

use std::path::Path;

use serde::Serialize;

use super::Sink;
use crate::error::Error;
use crate::fingerprint::{self, Fingerprint, Fingerprinter};
use crate::pages::views::ViewInput;
use crate::pages::views::changes::{self, Group};
use crate::project::Project;

/// Below the site root.
pub const DIR: &str = "assets/changes";

/// What `index.js` registers.
#[derive(Serialize)]
struct Index<'a> {
    months: Vec<&'a str>,
    groups: &'a [Group],
    newest: i64,
}

/// Writes (or keeps) the scripts; returns how many there are.
pub fn write(project: &Project, sink: &dyn Sink, site: &Path) -> Result<usize, Error> {
    let input = ViewInput {
        config: &project.config,
        data: &project.data,
        content: &project.content,
        history: &project.history,
        today: project.today,
        generated: &project.generated,
    };
    let dir = site.join(DIR);
    let key = parts_key(project);
    let mut names = vec!["index".to_string()];
    names.extend(changes::month_keys(&input));
    let mut kept = true;
    for name in &names {
        let rel = dir.join(format!("{name}.js"));
        kept &= sink.keep(&rel, part_key(key, name))?;
    }
    if kept {
        return Ok(names.len());
    }
    let all = changes::changes(&input, None);
    let index = Index {
        months: all.months.iter().map(|m| m.key.as_str()).collect(),
        groups: &all.groups,
        newest: all.newest,
    };
    let write = |name: &str, script: String| {
        let rel = dir.join(format!("{name}.js"));
        sink.write_keyed(&rel, part_key(key, name), script.as_bytes())
    };
    write("index", part_script("index", &index))?;
    for month in &all.months {
        write(&month.key, part_script(&month.key, month))?;
    }
    Ok(all.months.len() + 1)
}

/// Everything the scripts show: the history, and the titles, URLs and sections
/// of the pages their entries name.
fn parts_key(project: &Project) -> Fingerprint {
    let mut f = Fingerprinter::new();
    f.add_fingerprint(fingerprint::of_binary())
        .add_fingerprint(project.history.fingerprint())
        .add(&[u8::from(project.redacted)]);
    let content = &project.content;
    for page in &content.pages {
        f.add_str(&page.rel)
            .add_str(&page.url)
            .add_str(&page.meta.title)
            .add(&(page.section as u64).to_le_bytes());
    }
    for s in &content.sections {
        f.add_str(&s.dir).add(&(s.index as u64).to_le_bytes());
    }
    for &i in &content.reading_order {
        f.add(&(i as u64).to_le_bytes());
    }
    for g in &project.generated {
        f.add_str(&g.url).add_str(&g.title).add_str(&g.parent);
    }
    f.finish()
}

fn part_key(key: Fingerprint, name: &str) -> Fingerprint {
    Fingerprinter::new()
        .add_fingerprint(key)
        .add_str(name)
        .finish()
}

/// `tebikiChanges.add("2027-04", {...});`: registers a part with the loader
/// (templates/static/changes-data.js). JSON is a JavaScript expression.
fn part_script(name: &str, data: &impl Serialize) -> String {
    format!(
        "window.tebikiChanges&&window.tebikiChanges.add({},{});\n",
        serde_json::Value::from(name),
        serde_json::to_string(data).unwrap_or_else(|_| "null".to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_calls_with_json_that_no_text_can_break_out_of() {
        let js = part_script(
            "2027-04",
            &serde_json::json!({"t": "\");alert(1);//</script>"}),
        );
        assert_eq!(
            js,
            "window.tebikiChanges&&window.tebikiChanges.add(\"2027-04\",{\"t\":\"\\\");alert(1);//</script>\"});\n"
        );
    }
}
