//! Charts drawn by tebiki as inline SVG (no chart library, no CDN): a grouped bar
//! chart of percentages by month, with each month's target as a dashed mark.
//! Every text in the SVG is escaped; numbers are formatted here.

use std::fmt::Write;

use crate::escape::escape_html;

/// One series of bars: a name for the legend, a CSS class, a value per month.
pub struct Series<'a> {
    pub name: &'a str,
    pub class: &'a str,
    pub values: Vec<Option<f64>>,
}

pub struct BarChart<'a> {
    pub title: &'a str,
    /// Month labels along the x axis.
    pub labels: Vec<String>,
    pub series: Vec<Series<'a>>,
    /// The target of each month, drawn as a dashed line over its group.
    pub targets: Vec<Option<f64>>,
}

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

pub use crate::domain::sla::axis_floor;

/// The plot area and the value range mapped onto it (`lo`..100 % from bottom to top).
struct Scale {
    lo: f64,
    hi: f64,
    plot_w: f64,
    plot_h: f64,
}

impl Scale {
    /// The y coordinate of a percentage, clamped to the axis.
    fn y(&self, v: f64) -> f64 {
        TOP + self.plot_h * (1.0 - (v.clamp(self.lo, self.hi) - self.lo) / (self.hi - self.lo))
    }
}

/// Where one month's group of bars sits.
struct Group {
    gx: f64,
    start: f64,
    group_w: f64,
    bar_w: f64,
    bars: f64,
}

impl BarChart<'_> {
    pub fn to_svg(&self) -> String {
        let all = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
            .chain(self.targets.iter().flatten().copied());
        let scale = Scale {
            lo: axis_floor(all),
            hi: 100.0,
            plot_w: WIDTH - LEFT - RIGHT,
            plot_h: HEIGHT - TOP - BOTTOM,
        };
        let mut s = String::new();
        let title = escape_html(self.title);
        let _ = write!(
            s,
            r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-{id}"><title id="chart-{id}">{title}</title>"#,
            id = chart_id(self.title)
        );
        write_grid(&mut s, &scale);
        self.write_groups(&mut s, &scale);
        self.write_legend(&mut s);
        s
    }

    /// Each month: its bars (or a dash for a missing value), its target mark and its label.
    fn write_groups(&self, s: &mut String, scale: &Scale) {
        let groups = self.labels.len().max(1) as f64;
        let group_w = scale.plot_w / groups;
        let bars = self.series.len().max(1) as f64;
        let bar_w = (group_w * 0.7 / bars).min(36.0);
        for (g, label) in self.labels.iter().enumerate() {
            let gx = LEFT + group_w * g as f64;
            let group = Group {
                gx,
                start: gx + (group_w - bar_w * bars) / 2.0,
                group_w,
                bar_w,
                bars,
            };
            self.write_bars(s, scale, &group, g, label);
            if let Some(t) = self.targets.get(g).copied().flatten() {
                let _ = write!(
                    s,
                    r#"<line class="target" x1="{x1:.1}" x2="{x2:.1}" y1="{ty:.1}" y2="{ty:.1}"><title>目標 {t:.2}%</title></line>"#,
                    x1 = group.start - 4.0,
                    x2 = group.start + group.bar_w * group.bars + 2.0,
                    ty = scale.y(t),
                );
            }
            let _ = write!(
                s,
                r#"<text class="axis" x="{cx:.1}" y="{ly}" text-anchor="middle">{label}</text>"#,
                cx = group.gx + group.group_w / 2.0,
                ly = HEIGHT - BOTTOM + 16.0,
                label = escape_html(label),
            );
        }
    }

    /// One bar per series for month `g`, each with its value above it.
    fn write_bars(&self, s: &mut String, scale: &Scale, group: &Group, g: usize, label: &str) {
        let bar_w = group.bar_w;
        for (k, series) in self.series.iter().enumerate() {
            let x = group.start + bar_w * k as f64;
            match series.values.get(g).copied().flatten() {
                Some(v) => {
                    let top = scale.y(v);
                    let _ = write!(
                        s,
                        r#"<rect class="{class}" x="{x:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}"><title>{label} {name} {v:.2}%</title></rect><text class="value" x="{cx:.1}" y="{ty:.1}" text-anchor="middle">{short}</text>"#,
                        class = escape_html(series.class),
                        w = bar_w - 6.0,
                        h = (TOP + scale.plot_h - top).max(0.0),
                        label = escape_html(label),
                        name = escape_html(series.name),
                        cx = x + (bar_w - 6.0) / 2.0,
                        ty = top - 3.0,
                        short = short_value(v),
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        r#"<text class="value" x="{cx:.1}" y="{ty:.1}" text-anchor="middle">—</text>"#,
                        cx = x + (bar_w - 6.0) / 2.0,
                        ty = TOP + scale.plot_h - 3.0,
                    );
                }
            }
        }
    }

    /// The legend: a swatch per series, then the target mark; closes the SVG.
    fn write_legend(&self, s: &mut String) {
        let mut lx = LEFT;
        for series in &self.series {
            let _ = write!(
                s,
                r#"<rect class="{class}" x="{lx}" y="6" width="10" height="10"/><text class="legend" x="{tx}" y="15">{name}</text>"#,
                class = escape_html(series.class),
                tx = lx + 14.0,
                name = escape_html(series.name),
            );
            lx += 14.0 + 14.0 * series.name.chars().count() as f64 + 12.0;
        }
        let _ = write!(
            s,
            r#"<line class="target" x1="{lx}" x2="{lx2}" y1="11" y2="11"/><text class="legend" x="{tx}" y="15">目標</text></svg>"#,
            lx2 = lx + 14.0,
            tx = lx + 18.0,
        );
    }
}

/// Grid lines and y labels at five steps.
fn write_grid(s: &mut String, scale: &Scale) {
    for i in 0..=4 {
        let v = scale.lo + (scale.hi - scale.lo) * f64::from(i) / 4.0;
        let _ = write!(
            s,
            r#"<line class="grid" x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}"/><text class="axis" x="{tx}" y="{ty:.1}" text-anchor="end">{v:.1}%</text>"#,
            x2 = WIDTH - RIGHT,
            y = scale.y(v),
            tx = LEFT - 4.0,
            ty = scale.y(v) + 4.0,
        );
    }
}

/// A bar's label: `100` rather than `100.00`, so neighbouring labels fit.
fn short_value(v: f64) -> String {
    if (v - v.round()).abs() < 0.005 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// An id for the chart's `<title>` made only of ASCII hex, so it is safe anywhere.
fn chart_id(title: &str) -> String {
    let hash = title.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_starts_below_the_lowest_value_and_at_most_at_95() {
        assert_eq!(axis_floor([99.79, 99.5, 100.0].into_iter()), 95.0);
        assert_eq!(axis_floor([90.4].into_iter()), 89.0);
        assert_eq!(axis_floor([0.0].into_iter()), 0.0);
    }

    #[test]
    fn labels_are_escaped_and_missing_values_drawn_as_a_dash() {
        let chart = BarChart {
            title: "<b>率</b>",
            labels: vec!["1月".into(), "2月&".into()],
            series: vec![Series {
                name: "記録",
                class: "own",
                values: vec![Some(99.5), None],
            }],
            targets: vec![Some(99.0), None],
        };
        let svg = chart.to_svg();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("&lt;b&gt;率&lt;/b&gt;"));
        assert!(svg.contains("2月&amp;"));
        assert!(!svg.contains("<b>"));
        assert_eq!(
            svg.matches(r#"<rect class="own""#).count(),
            2,
            "one bar and the legend"
        );
        assert!(svg.contains(">—</text>"));
    }
}
