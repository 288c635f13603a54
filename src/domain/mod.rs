//! Calendar arithmetic of a Japanese municipality: national holidays, 和暦 and
//! fiscal years, weekday names, and the online operating schedule built on them.
//! Pure functions only: no files and no clock (callers pass "today").

pub mod deadline;
pub mod holidays;

pub mod rules;
pub mod schedule;
pub mod sla;
pub mod stamp;
pub mod time;
pub mod wareki;
pub mod weekday;
pub mod work_hours;
pub mod written;

pub use rules::Rules;
pub use schedule::{OperatingCalendar, OperatingDay};
pub use stamp::{Due, Stamp};
pub use time::ClockTime;
pub use wareki::FiscalYear;
