//! Schema pieces for the value types that parse their own strings (dates,
//! clock times, date-times). A leaf module, so the types in `domain/` and
//! `data/` can describe themselves without depending on the list of schemas.

use schemars::Schema;

/// The schema of a value written as a string of a given form (a date-time, a
/// clock time), for types that parse their own strings.
pub fn pattern_string(pattern: &str, description: &str) -> Schema {
    schemars::json_schema!({
        "type": "string",
        "pattern": pattern,
        "description": description,
    })
}
