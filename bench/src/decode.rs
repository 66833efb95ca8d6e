//! Decoding a 10,000-user `CMUserList` body: the generated model against hand-written
//! serde structs with the same fields.
//!
//! Each contender runs `serde_json::from_slice`, the call that simsage-auth's runtime makes
//! for a JSON response. Two extra hand-written variants add one of the generated model's
//! serde attributes each, to show which of them costs time.

use simsage_auth::types::CmUserList;

use crate::alloc::{self, Usage};
use crate::fixtures::{self, defaulted, null_tolerant, plain};
use crate::harness::{self, Plan, Summary};
use crate::report::{Goal, Report};

pub const USERS: usize = 10_000;

fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> T {
    serde_json::from_slice(body).expect("fixture decodes")
}

pub fn run(plan: Plan, decodes_per_sample: usize, report: &mut Report) {
    report.section("3. Decoding a 10,000-user CMUserList");
    let body = fixtures::user_list_json(USERS).into_bytes();
    report.line(&format!(
        "Body: {USERS} users, {:.2} MB of JSON. Each sample is the mean of \
         {decodes_per_sample} decode(s).",
        body.len() as f64 / 1e6
    ));
    report.line("");

    let samples = {
        let mut generated =
            || harness::seconds_per_call(decodes_per_sample, || decode::<CmUserList>(&body));
        let mut hand_written =
            || harness::seconds_per_call(decodes_per_sample, || decode::<plain::UserList>(&body));
        let mut with_default = || {
            harness::seconds_per_call(decodes_per_sample, || decode::<defaulted::UserList>(&body))
        };
        let mut with_null = || {
            harness::seconds_per_call(decodes_per_sample, || {
                decode::<null_tolerant::UserList>(&body)
            })
        };
        harness::interleave(
            plan,
            &mut [
                &mut generated,
                &mut hand_written,
                &mut with_default,
                &mut with_null,
            ],
        )
    };

    let usage = [
        alloc::measure_peak(|| decode::<CmUserList>(&body)),
        alloc::measure_peak(|| decode::<plain::UserList>(&body)),
        alloc::measure_peak(|| decode::<defaulted::UserList>(&body)),
        alloc::measure_peak(|| decode::<null_tolerant::UserList>(&body)),
    ];

    report.line("| Model | Time per decode | Time / hand-written | Peak heap / retained | Peak / hand-written | Allocations |");
    report.line("| --- | --- | --- | --- | --- | --- |");
    let names = [
        "generated `CmUserList`",
        "hand-written, plain derives",
        "hand-written + container `#[serde(default)]`",
        "hand-written + per-field `null` handling",
    ];
    for (index, name) in names.iter().enumerate() {
        let summary = Summary::of(&samples[index]);
        report.line(&format!(
            "| {name} | {} ({}–{}) | {} | {} | {:.3} | {} |",
            harness::format_seconds(summary.median),
            harness::format_seconds(summary.p25),
            harness::format_seconds(summary.p75),
            harness::format_ratio(&harness::paired_ratios(&samples[index], &samples[1])),
            format_megabytes(usage[index]),
            usage[index].peak_bytes as f64 / usage[1].peak_bytes as f64,
            usage[index].allocations,
        ));
    }
    report.line("");
    report.line(
        "Time per decode: median (interquartile range); ratios are the median of per-round \
         ratios, rounds interleaved. Peak heap is the largest number of bytes live at once \
         during one decode, counted by a global allocator that counts a `realloc` as the \
         change in size; retained is what the decoded value holds.",
    );

    let time_ratio = Summary::of(&harness::paired_ratios(&samples[0], &samples[1])).median;
    report.goal(Goal::at_most(
        "Decode time, 10,000 users".to_string(),
        time_ratio,
        1.05,
        "of the hand-written time",
    ));
    report.goal(Goal::at_most(
        "Decode peak memory, 10,000 users".to_string(),
        usage[0].peak_bytes as f64 / usage[1].peak_bytes as f64,
        1.2,
        "of the hand-written peak",
    ));
}

fn format_megabytes(usage: Usage) -> String {
    format!(
        "{:.2} MB / {:.2} MB",
        usage.peak_bytes as f64 / 1e6,
        usage.retained_bytes as f64 / 1e6
    )
}

/// Decodes the 10,000-user body `count` times with one model only, for a profiler.
/// `model` is `generated`, `hand-written`, `defaulted` or `null-tolerant`.
pub fn profile(model: &str, count: usize) -> Result<(), String> {
    let body = fixtures::user_list_json(USERS).into_bytes();
    let seconds = match model {
        "generated" => harness::seconds_per_call(count, || decode::<CmUserList>(&body)),
        "hand-written" => harness::seconds_per_call(count, || decode::<plain::UserList>(&body)),
        "defaulted" => harness::seconds_per_call(count, || decode::<defaulted::UserList>(&body)),
        "null-tolerant" => {
            harness::seconds_per_call(count, || decode::<null_tolerant::UserList>(&body))
        }
        other => {
            return Err(format!(
                "unknown model {other:?}; use generated, hand-written, defaulted or null-tolerant"
            ));
        }
    };
    eprintln!(
        "decode {model}: {count} decodes, {} per decode",
        harness::format_seconds(seconds)
    );
    Ok(())
}
