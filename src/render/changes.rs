//! The 更新履歴 as scripts below `site/assets/changes/`: `index.js` (the months,
//! the groups of the since-view, the newest commit's time) and one `YYYY-MM.js`
//! per month, read by the since-view of changes.html and by the navigation's
//! mark, each loading only the months it needs. Scripts, because a page opened
//! from file:// may load a script but not fetch a file.

use std::path::Path;

use serde_json::{Value, json};

use super::Sink;
use crate::error::Error;
use crate::project::Project;

/// Below the site root.
pub const DIR: &str = "assets/changes";

/// Writes the scripts from the 更新履歴 page's data; returns how many.
pub fn write(project: &Project, sink: &dyn Sink, site: &Path) -> Result<usize, Error> {
    let url = crate::views::changes::URL;
    let Some(page) = project.generated.iter().find(|p| p.url == url) else {
        return Ok(0);
    };
    let months = page.item["months"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let keys: Vec<&Value> = months.iter().map(|m| &m["key"]).collect();
    let index = json!({
        "months": keys,
        "groups": page.item["groups"],
        "newest": page.item["newest"],
    });
    let dir = site.join(DIR);
    sink.write(&dir.join("index.js"), script("index", &index).as_bytes())?;
    for month in months {
        let key = month["key"].as_str().unwrap_or_default();
        sink.write(
            &dir.join(format!("{key}.js")),
            script(key, month).as_bytes(),
        )?;
    }
    Ok(months.len() + 1)
}

/// `tebikiChanges.add("2027-04", {...});`: registers a part with the loader
/// (templates/static/changes-data.js). JSON is a JavaScript expression.
fn script(name: &str, data: &Value) -> String {
    format!(
        "window.tebikiChanges&&window.tebikiChanges.add({},{});\n",
        Value::from(name),
        data
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_calls_with_json_that_no_text_can_break_out_of() {
        let js = script("2027-04", &json!({"t": "\");alert(1);//</script>"}));
        assert_eq!(
            js,
            "window.tebikiChanges&&window.tebikiChanges.add(\"2027-04\",{\"t\":\"\\\");alert(1);//</script>\"});\n"
        );
    }
}
