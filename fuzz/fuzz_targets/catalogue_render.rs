//! Rendering question texts for any jurisdiction and date: never panics, and a
//! lax rendering leaves no placeholder unfilled.
#![no_main]

use chrono::{Days, NaiveDate};
use decentwork_catalogue::Question;
use decentwork_model::{Country, Jurisdiction};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, u16, u32, bool)| {
    let (q, j, days, subdivision) = input;
    let Some(question) = Question::at(usize::from(q) % Question::count()) else {
        return;
    };
    let countries: Vec<Country> = Country::all().collect();
    let country = countries[usize::from(j) % countries.len()];
    let jurisdiction: Jurisdiction = match (subdivision, country.subdivisions().next()) {
        (true, Some(s)) => s.into(),
        _ => country.into(),
    };
    let date = NaiveDate::from_ymd_opt(1990, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(u64::from(days % 30_000)))
        .unwrap();
    let _ = question.render(jurisdiction, date);
    let text = question.render_lax(jurisdiction, date);
    if question.applies_in(jurisdiction) {
        assert!(!text.contains('{'), "{text}");
    }
});
