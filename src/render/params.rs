//! ② 外部パラメータファイル (§4.4, §5): one file per parameter period, laid out by
//! a Tera template in `templates/` (so the ward can match the exact layout the
//! parameter-file tool expects) and written in the configured encoding and line
//! ending. A character the encoding cannot hold is an error at the place it was
//! written, never a silent `?`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Renderer, Sink, Summary};
use crate::data::batches::config::LineEnding;
use crate::data::batches::{Job, NightlyRun, Period, RunValue};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::encoding::Encoding;
use crate::error::Error;
use crate::project::Project;

/// The folder below `output/`.
pub const PARAMS_DIR: &str = "params";

pub struct ParamFiles;

impl Renderer for ParamFiles {
    fn name(&self) -> &'static str {
        "params"
    }

    fn render(&self, project: &Project, sink: &dyn Sink) -> Result<Summary, Error> {
        let periods = &project.batches.periods;
        if periods.is_empty() {
            return Ok(Summary::default());
        }
        let template = Template::load(project)?;
        let mut diags = Diagnostics::new();
        let mut files = 0;
        for period in periods {
            match template.render(project, period) {
                Ok(bytes) => {
                    let name = project.config.batches.file_name(&period.code);
                    sink.write(&PathBuf::from(PARAMS_DIR).join(name), &bytes)?;
                    files += 1;
                }
                Err(d) => diags.push(d),
            }
        }
        if diags.is_empty() {
            Ok(Summary { files })
        } else {
            Err(Error::Problems(diags))
        }
    }
}

/// The rows of a period as the template and the setting sheet see them.
#[derive(Debug, Serialize)]
pub struct RunView<'a> {
    /// 1, 2, … through the whole period.
    pub seq: usize,
    /// `20270104`.
    pub date: String,
    /// `2027-01-04`.
    pub date_iso: String,
    /// 月.
    pub weekday: &'static str,
    pub job: JobView<'a>,
    pub values: &'a [RunValue],
    /// Name → value, for templates that place each parameter in its own column.
    pub params: HashMap<&'a str, &'a str>,
}

#[derive(Debug, Serialize)]
pub struct JobView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub business: &'a str,
    pub section: &'a str,
}

/// Every nightly run of a period in order, with its job.
pub fn runs<'a>(
    project: &'a Project,
    period: &'a Period,
) -> Vec<(&'a NightlyRun, Option<&'a Job>)> {
    let batches = &project.data.batches;
    period
        .months
        .iter()
        .flat_map(|m| m.runs.iter())
        .map(|r| (r, batches.job(&r.job)))
        .collect()
}

fn run_views<'a>(project: &'a Project, period: &'a Period) -> Vec<RunView<'a>> {
    let batches = &project.data.batches;
    runs(project, period)
        .into_iter()
        .enumerate()
        .map(|(i, (run, job))| {
            let section = job.and_then(|j| batches.section(&j.section));
            RunView {
                seq: i + 1,
                date: run.date.format("%Y%m%d").to_string(),
                date_iso: run.date.to_string(),
                weekday: crate::domain::weekday::short_name(run.date.weekday()),
                job: JobView {
                    id: &run.job,
                    name: job.map_or("", |j| j.name.as_str()),
                    business: section.map_or("", |s| s.business.as_str()),
                    section: section.map_or("", |s| s.name.as_str()),
                },
                values: &run.values,
                params: run
                    .values
                    .iter()
                    .map(|v| (v.name.as_str(), v.value.as_str()))
                    .collect(),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct PeriodView<'a> {
    code: &'a str,
    /// `202701` for a month, `2027` for a fiscal year.
    code_compact: String,
    label: &'a str,
    yearly: bool,
    fixed: String,
    uploaded: String,
    deadline: String,
    first_date: String,
    last_date: String,
}

fn ymd(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y%m%d").to_string())
        .unwrap_or_default()
}

struct Template {
    tera: tera::Tera,
    name: String,
    shown: PathBuf,
    text: String,
    encoding: Encoding,
    line_ending: LineEnding,
}

impl Template {
    fn load(project: &Project) -> Result<Template, Error> {
        let config = &project.config.batches.param_file;
        let shown = Path::new(super::html::TEMPLATES_DIR).join(&config.template);
        let text = crate::fs::read_text(&project.root.join(&shown), &shown).map_err(|d| {
            Diagnostic::global(format!(
                "外部パラメータファイルのテンプレート {} を読めません（tebiki.yaml の batches.param_file.template）: {}",
                display_path(&shown),
                d.message
            ))
        });
        let text = text.map_err(|d| Error::Problems(d.into()))?;
        let mut tera = tera::Tera::default();
        // The file is plain text for a tool, not HTML: nothing is escaped.
        tera.autoescape_on(Vec::new());
        tera.register_filter("pad", PadFilter(config.encoding));
        tera.register_filter("csv", csv_filter);
        tera.add_raw_template(&config.template, &text)
            .map_err(|e| Error::Problems(template_error(&shown, &e).into()))?;
        Ok(Template {
            tera,
            name: config.template.clone(),
            shown,
            text,
            encoding: config.encoding,
            line_ending: config.line_ending,
        })
    }

    fn render(&self, project: &Project, period: &Period) -> Result<Vec<u8>, Diagnostic> {
        let runs = run_views(project, period);
        let dates: Vec<NaiveDate> = period
            .months
            .iter()
            .flat_map(|m| m.runs.iter().map(|r| r.date))
            .collect();
        let view = PeriodView {
            code: &period.code,
            code_compact: period.code.replace('-', ""),
            label: &period.label,
            yearly: period.yearly,
            fixed: ymd(period.fixed),
            uploaded: ymd(period.uploaded),
            deadline: ymd(Some(period.deadline)),
            first_date: ymd(dates.iter().min().copied()),
            last_date: ymd(dates.iter().max().copied()),
        };
        let mut context = tera::Context::new();
        context.insert("period", &view);
        context.insert("runs", &runs);
        context.insert("organisation", &project.config.organisation);
        context.insert("generated", &ymd(Some(project.today)));
        let text = self
            .tera
            .render(&self.name, &context)
            .map_err(|e| template_error(&self.shown, &e))?;
        let text = text.replace("\r\n", "\n");
        let text = match self.line_ending {
            LineEnding::Lf => text,
            LineEnding::Crlf => text.replace('\n', "\r\n"),
        };
        let file = project.config.batches.file_name(&period.code);
        self.encoding.encode(&text).map_err(|u| {
            let line = text[..u.offset].matches('\n').count() + 1;
            let at = self.origin_of(project, period, u.ch);
            Diagnostic::error(
                at,
                format!(
                    "外部パラメータファイル {file} の {line} 行目に {} で書けない文字 {}があります（tebiki.yaml の batches.param_file.encoding を確認するか、文字を置き換えてください）",
                    self.encoding,
                    u.describe()
                ),
            )
        })
    }

    /// Where an unencodable character came from: the period's file, the catalog,
    /// or the template itself.
    fn origin_of(&self, project: &Project, period: &Period, ch: char) -> Location {
        let batches = &project.data.batches;
        let param_file = batches.params.iter().find(|f| f.scope == period.scope);
        let texts = param_file
            .map(|f| (f.path.as_path(), f.text.as_str()))
            .into_iter()
            .chain(
                batches
                    .catalog_sources
                    .iter()
                    .map(|s| (s.path.as_path(), s.text.as_str())),
            )
            .chain(std::iter::once((self.shown.as_path(), self.text.as_str())));
        for (path, text) in texts {
            if let Some(offset) = text.find(ch) {
                let (line, col) = crate::diagnostics::line_col(text, offset);
                return Location::new(path, line, col);
            }
        }
        Location::file(&self.shown)
    }
}

fn template_error(shown: &Path, err: &tera::Error) -> Diagnostic {
    let message = super::html::error_chain(err);
    let place = message.split("--> ").nth(1).and_then(|rest| {
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let (line, col) = digits.split_once(':')?;
        Some(Location::new(shown, line.parse().ok()?, col.parse().ok()?))
    });
    Diagnostic::error(
        place.unwrap_or_else(|| Location::file(shown)),
        format!("外部パラメータファイルのテンプレートで書き出せません: {message}"),
    )
}

/// `{{ value | pad(width=8) }}`: a fixed-width field, `width` counted in bytes of
/// the file's encoding; `align="right"` and `fill="0"` for numbers. A value that
/// does not fit is an error, never cut.
struct PadFilter(Encoding);

impl tera::Filter for PadFilter {
    fn filter(
        &self,
        value: &tera::Value,
        args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = match value {
            tera::Value::String(s) => s.clone(),
            tera::Value::Null => String::new(),
            other => other.to_string(),
        };
        let width = args
            .get("width")
            .and_then(tera::Value::as_u64)
            .ok_or_else(|| tera::Error::msg("pad には width=<バイト数> を指定してください"))?
            as usize;
        let right = match args.get("align").and_then(tera::Value::as_str) {
            None | Some("left") => false,
            Some("right") => true,
            Some(other) => {
                return Err(tera::Error::msg(format!(
                    "pad の align は left か right です（{other} は使えません）"
                )));
            }
        };
        let fill = args
            .get("fill")
            .and_then(tera::Value::as_str)
            .unwrap_or(" ");
        let mut fill_chars = fill.chars();
        let (Some(fill), None) = (fill_chars.next(), fill_chars.next()) else {
            return Err(tera::Error::msg(
                "pad の fill は 1 文字（半角）にしてください",
            ));
        };
        if !fill.is_ascii() {
            return Err(tera::Error::msg(
                "pad の fill は半角の 1 文字にしてください",
            ));
        }
        let used = self.0.width(&text);
        if used > width {
            return Err(tera::Error::msg(format!(
                "`{text}` は {used} バイトで、幅 {width} バイトに収まりません"
            )));
        }
        let padding: String = std::iter::repeat_n(fill, width - used).collect();
        Ok(tera::Value::String(if right {
            padding + &text
        } else {
            text + &padding
        }))
    }
}

/// `{{ value | csv }}`: quotes a CSV field that holds a comma, a quote or a line
/// break (RFC 4180), and leaves every other value as it is.
fn csv_filter(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(s) => s.clone(),
        tera::Value::Null => String::new(),
        other => other.to_string(),
    };
    let quoted = if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    };
    Ok(tera::Value::String(quoted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pad(enc: Encoding, value: &str, args: &[(&str, tera::Value)]) -> tera::Result<tera::Value> {
        let args = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        tera::Filter::filter(&PadFilter(enc), &tera::Value::String(value.into()), &args)
    }

    #[test]
    fn pad_counts_bytes_of_the_encoding() {
        let w = |n: u64| ("width", tera::Value::from(n));
        assert_eq!(pad(Encoding::Cp932, "資格", &[w(6)]).unwrap(), "資格  ");
        assert_eq!(pad(Encoding::Utf8, "資格", &[w(8)]).unwrap(), "資格  ");
        let right = [w(5), ("align", "right".into()), ("fill", "0".into())];
        assert_eq!(pad(Encoding::Cp932, "42", &right).unwrap(), "00042");
        let err = pad(Encoding::Cp932, "資格異動", &[w(6)]).unwrap_err();
        assert!(err.to_string().contains("8 バイト"), "{err}");
    }

    #[test]
    fn csv_quotes_only_fields_that_need_it() {
        let q = |s: &str| csv_filter(&tera::Value::String(s.into()), &HashMap::new()).unwrap();
        assert_eq!(q("通常"), "通常");
        assert_eq!(q("a,b"), "\"a,b\"");
        assert_eq!(q("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
