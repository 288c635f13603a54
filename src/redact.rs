//! The redacted edition (公開版): the same project with personal data replaced —
//! staff names, phones and e-mails (data/staff.yaml), every contact marked
//! `personal: true` and the git author names of the 改訂履歴 — so every renderer,
//! now and later (site, search index, Excel, PDF), produces an edition without
//! them by rendering
//! [`Project::redacted`]. [`GuardSink`] then refuses any output file that still
//! holds one of the values, as a second line of defence.

use std::path::Path;

use aho_corasick::AhoCorasick;

use crate::data::Data;
use crate::error::Error;
use crate::project::Project;
use crate::render::Sink;

pub use crate::data::{MASK, NAME_MASK};

/// A personal value and where it comes from (for messages, never the value itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalValue {
    pub value: String,
    pub origin: String,
}

/// Every personal value of the data, with the spellings it may take in output:
/// names with and without the space, phones with and without hyphens (`tel:` links).
pub fn personal_values(data: &Data) -> Vec<PersonalValue> {
    let mut out = Vec::new();
    let mut push = |value: &str, origin: String| {
        let value = value.trim();
        let mut variants = vec![value.to_string()];
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        variants.push(compact);
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let phone_like = value
            .chars()
            .all(|c| c.is_ascii_digit() || "-+() ".contains(c));
        if phone_like && digits.len() >= 6 {
            variants.push(digits);
        }
        for v in variants {
            if v.chars().count() >= 2 && !out.iter().any(|p: &PersonalValue| p.value == v) {
                out.push(PersonalValue {
                    value: v,
                    origin: origin.clone(),
                });
            }
        }
    };
    for person in &data.staff {
        push(
            &person.name,
            format!("data/staff.yaml の {} の name", person.id),
        );
        if let Some(phone) = &person.phone {
            push(phone, format!("data/staff.yaml の {} の phone", person.id));
        }
        if let Some(email) = &person.email {
            push(email, format!("data/staff.yaml の {} の email", person.id));
        }
    }
    for contact in data.contacts.iter().filter(|c| c.personal) {
        if let Some(address) = &contact.address {
            push(
                address,
                format!("data/contacts.yaml の {} の address", contact.id),
            );
        }
    }
    // Longest first, so a name is masked before a shorter value inside it.
    out.sort_by_key(|p| std::cmp::Reverse(p.value.len()));
    out
}

/// The personal values of the data and the git author names of the history
/// (shown in every page's 改訂履歴, so personal too).
pub fn project_personal_values(project: &Project) -> Vec<PersonalValue> {
    let mut out = personal_values(&project.data);
    for author in project.history.authors() {
        if author.chars().count() >= 2 && !out.iter().any(|p| p.value == author) {
            out.push(PersonalValue {
                value: author.to_string(),
                origin: "git のコミットの作成者名".to_string(),
            });
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.value.len()));
    out
}

/// `text` with every personal value masked.
pub fn mask(text: &str, values: &[PersonalValue]) -> String {
    let mut text = text.to_string();
    for p in values {
        if text.contains(&p.value) {
            text = text.replace(&p.value, MASK);
        }
    }
    text
}

fn mask_json(value: &mut serde_json::Value, values: &[PersonalValue]) {
    match value {
        serde_json::Value::String(s) => *s = mask(s, values),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| mask_json(v, values)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| mask_json(v, values)),
        _ => {}
    }
}

impl Project {
    /// This project without personal data: staff keep their role but lose name,
    /// phone and e-mail; personal contacts are dropped; any personal value
    /// written in a page is masked; generated pages are built again from the
    /// redacted data.
    pub fn redacted(&self) -> Project {
        let values = project_personal_values(self);
        let mut project = self.clone();
        project.redacted = true;
        project.history = self.history.redacted(&|s| mask(s, &values));
        for person in &mut project.data.staff {
            person.name = NAME_MASK.to_string();
            person.phone = None;
            person.email = None;
        }
        project.data.contacts.retain(|c| !c.personal);
        for page in &mut project.content.pages {
            let meta = &mut page.meta;
            meta.title = mask(&meta.title, &values);
            meta.summary = meta.summary.as_ref().map(|s| mask(s, &values));
            meta.tags = meta.tags.iter().map(|t| mask(t, &values)).collect();
            let body = mask(&page.body, &values);
            if body != page.body {
                page.scan = crate::content::markdown::scan(&body);
                page.body = body;
            }
        }
        project.generated = crate::project::generate_pages(&project);
        for page in &mut project.generated {
            page.title = mask(&page.title, &values);
            page.item = page.item.masked(|value| mask_json(value, &values));
        }
        project
    }
}

/// Wraps the output of a redacted build: a file that still contains a personal
/// value is an error, not a quiet leak.
pub struct GuardSink<'a> {
    inner: &'a dyn Sink,
    values: Vec<PersonalValue>,
    /// Finds any of the values in one pass over a file.
    matcher: Option<AhoCorasick>,
}

impl<'a> GuardSink<'a> {
    /// With no values the guard only passes writes through.
    pub fn new(inner: &'a dyn Sink, values: Vec<PersonalValue>) -> Self {
        let matcher = if values.is_empty() {
            None
        } else {
            AhoCorasick::new(values.iter().map(|p| p.value.as_bytes())).ok()
        };
        GuardSink {
            inner,
            values,
            matcher,
        }
    }
}

impl GuardSink<'_> {
    fn check(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        if let Some(found) = self.matcher.as_ref().and_then(|m| m.find(bytes)) {
            return Err(Error::Unsafe(format!(
                "公開版の出力 {} に個人情報（{}）が残っています",
                crate::diagnostics::display_path(rel),
                self.values[found.pattern().as_usize()].origin
            )));
        }
        Ok(())
    }

    fn salted(&self, key: crate::fingerprint::Fingerprint) -> crate::fingerprint::Fingerprint {
        if self.values.is_empty() {
            return key;
        }
        let mut f = crate::fingerprint::Fingerprinter::new();
        f.add_fingerprint(key);
        for v in &self.values {
            f.add_str(&v.value);
        }
        f.finish()
    }
}

impl Sink for GuardSink<'_> {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        self.check(rel, bytes)?;
        self.inner.write(rel, bytes)
    }

    fn write_keyed(
        &self,
        rel: &Path,
        key: crate::fingerprint::Fingerprint,
        bytes: &[u8],
    ) -> Result<(), Error> {
        self.check(rel, bytes)?;
        self.inner.write_keyed(rel, self.salted(key), bytes)
    }

    /// A file kept from the previous build passed this guard when it was written:
    /// keys are salted with the personal values, so a file of an unredacted
    /// build is never kept by a redacted one.
    fn keep(&self, rel: &Path, key: crate::fingerprint::Fingerprint) -> Result<bool, Error> {
        self.inner.keep(rel, self.salted(key))
    }

    fn read_previous(&self, rel: &Path) -> Option<Vec<u8>> {
        self.inner.read_previous(rel)
    }
}

/// A PDF is compressed, so [`GuardSink`] cannot read it: the guard reads what
/// each PDF is made from (its `main.typ` and data) before typst runs.
pub fn guard_documents(
    docs: &[crate::render::pdf::PdfDocument],
    values: &[PersonalValue],
) -> Result<(), Error> {
    if values.is_empty() {
        return Ok(());
    }
    let memory = crate::render::MemorySink::default();
    let guard = GuardSink::new(&memory, values.to_vec());
    for doc in docs {
        let mut bytes = doc.main_typ().into_bytes();
        bytes.extend(serde_json::to_vec(&doc.data).unwrap_or_default());
        guard.write(
            &Path::new(crate::render::pdf::PDF_DIR).join(&doc.name),
            &bytes,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_include_the_spellings_output_may_use() {
        let staff: Vec<crate::data::Staff> = serde_yaml::from_str(
            "- {id: a, name: 手引 太郎, actor: c, role: r, phone: 03-0000-0001, email: t@example.jp, fictional: true}",
        )
        .unwrap();
        let data = Data {
            staff,
            ..Data::default()
        };
        let values: Vec<String> = personal_values(&data)
            .into_iter()
            .map(|p| p.value)
            .collect();
        for v in [
            "手引 太郎",
            "手引太郎",
            "03-0000-0001",
            "0300000001",
            "t@example.jp",
        ] {
            assert!(
                values.contains(&v.to_string()),
                "{v} missing from {values:?}"
            );
        }
        assert_eq!(
            mask("担当は手引 太郎（03-0000-0001）", &personal_values(&data)),
            "担当は（非公開）（（非公開））"
        );
    }
}
