//! Code generation time: simsage-auth-codegen against progenitor-impl on the same text.
//!
//! Both sides start from the specification text and end with formatted Rust source, as
//! their build scripts do. Ours parses, builds its model, emits and formats with
//! prettyplease. Progenitor's side parses with openapiv3, generates tokens and formats them
//! with syn and prettyplease, as progenitor's `example-build` does.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::harness::{self, Plan, Summary};
use crate::report::{Goal, Report};

/// One specification to generate from.
pub struct Input {
    pub name: String,
    pub text: String,
    pub is_json: bool,
}

/// Loads `openapi.yaml` and, when present, SimSage's whole published description.
///
/// Returns the inputs and a note for each one that is absent.
pub fn load_inputs(workspace_root: &Path) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut notes = Vec::new();
    let candidates = [
        (
            "openapi.yaml (23 operations)",
            workspace_root.join("openapi.yaml"),
        ),
        (
            "SimSage 7.14.12, whole description",
            workspace_root.join("../shared/upstream/simsage-api-docs-7.14.12.json"),
        ),
    ];
    for (name, path) in candidates {
        match std::fs::read_to_string(&path) {
            Ok(text) => inputs.push(Input {
                name: name.to_string(),
                is_json: path.extension().is_some_and(|ext| ext == "json"),
                text,
            }),
            Err(error) => notes.push(format!("{name}: skipped, {} ({error})", path.display())),
        }
    }
    (inputs, notes)
}

/// Runs our generator and returns the types and client source, the part that progenitor's
/// output covers. The generator also emits session, blocking and mock files, and their
/// time is included.
pub fn generate_ours(text: &str) -> Result<String, String> {
    let generated = simsage_auth_codegen::generate(text).map_err(|error| error.to_string())?;
    Ok(format!("{}\n{}", generated.types, generated.client))
}

/// Parses the text as progenitor's build scripts do.
fn parse_for_progenitor(input: &Input) -> Result<openapiv3::OpenAPI, String> {
    if input.is_json {
        serde_json::from_str(&input.text).map_err(|error| format!("invalid document: {error}"))
    } else {
        serde_yaml::from_str(&input.text).map_err(|error| format!("invalid document: {error}"))
    }
}

/// Runs progenitor up to tokens; `format` also formats them into source text.
pub fn generate_progenitor(input: &Input, format: bool) -> Result<String, String> {
    let spec = parse_for_progenitor(input)?;
    let mut generator =
        progenitor_impl::Generator::new(&progenitor_impl::GenerationSettings::default());
    let tokens = generator
        .generate_tokens(&spec)
        .map_err(|error| format!("progenitor error: {error}"))?;
    if !format {
        return Ok(String::new());
    }
    let file = syn::parse2::<syn::File>(tokens)
        .map_err(|error| format!("progenitor output does not parse: {error}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Runs `f`, turning a panic into an error that carries the panic message.
///
/// The default panic hook is replaced for the duration, so an expected panic does not
/// print a backtrace into the report.
pub fn catch_panic<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let message = Arc::new(Mutex::new(None::<String>));
    let previous = panic::take_hook();
    {
        let message = Arc::clone(&message);
        panic::set_hook(Box::new(move |info| {
            let location = info
                .location()
                .map(|location| format!(" at {}:{}", location.file(), location.line()))
                .unwrap_or_default();
            let text = info
                .payload()
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_string());
            *message.lock().unwrap_or_else(|poison| poison.into_inner()) =
                Some(format!("panicked{location}: {text}"));
        }));
    }
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    panic::set_hook(previous);
    match result {
        Ok(result) => result,
        Err(_) => Err(message
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .take()
            .unwrap_or_else(|| "panicked".to_string())),
    }
}

/// Counts the non-empty lines of generated source.
pub fn count_lines(source: &str) -> usize {
    source
        .lines()
        .filter(|line| !line.trim().is_empty())
        .count()
}

/// Measures and reports generation time for every input.
pub fn run(workspace_root: &Path, plan: Plan, report: &mut Report) {
    report.section("1. Code generation time");
    report.line(
        "Specification text in, formatted Rust source out, in this process. Progenitor runs \
         with default settings (positional methods, merged tags).",
    );
    report.line("");
    let (inputs, notes) = load_inputs(workspace_root);
    report.line(
        "| Input | simsage-auth-codegen | progenitor-impl 0.15, formatted | progenitor, tokens only | ours / progenitor |",
    );
    report.line("| --- | --- | --- | --- | --- |");

    for input in &inputs {
        let ours_check = catch_panic(|| generate_ours(&input.text));
        let progenitor_check = catch_panic(|| generate_progenitor(input, true));
        let samples = sample_generators(input, plan, ours_check.is_ok(), progenitor_check.is_ok());

        let cell = |check: &Result<String, String>, samples: &[f64]| match check {
            Ok(_) => median_cell(samples),
            Err(error) => format!("fails: {}", table_safe(error)),
        };
        let name = format!("Generation time, {}", input.name);
        let ratio = if samples.ours.is_empty() || samples.progenitor.is_empty() {
            report.goal(Goal::unmeasured(
                name,
                "at most 0.5 of progenitor's time",
                "a generator fails on this input; see section 1",
            ));
            "n/a".to_string()
        } else {
            let ratios = harness::paired_ratios(&samples.ours, &samples.progenitor);
            report.goal(Goal::at_most(
                name,
                Summary::of(&ratios).median,
                0.5,
                "of progenitor's time",
            ));
            harness::format_ratio(&ratios)
        };
        let tokens_cell = if samples.tokens.is_empty() {
            "n/a".to_string()
        } else {
            median_cell(&samples.tokens)
        };
        report.line(&format!(
            "| {} | {} | {} | {} | {} |",
            input.name,
            cell(&ours_check, &samples.ours),
            cell(&progenitor_check, &samples.progenitor),
            tokens_cell,
            ratio,
        ));
    }
    for note in notes {
        report.line("");
        report.line(&note);
    }
    report.line("");
    report.line(
        "Times are medians with the interquartile range in brackets; ratios are the median of \
         per-round ratios, rounds interleaved.",
    );
}

/// Samples per generator; a generator that fails on the input has none.
struct GeneratorSamples {
    ours: Vec<f64>,
    progenitor: Vec<f64>,
    tokens: Vec<f64>,
}

fn sample_generators(
    input: &Input,
    plan: Plan,
    ours_works: bool,
    progenitor_works: bool,
) -> GeneratorSamples {
    let mut ours = || harness::seconds_per_call(1, || generate_ours(&input.text));
    let mut progenitor = || harness::seconds_per_call(1, || generate_progenitor(input, true));
    let mut tokens = || harness::seconds_per_call(1, || generate_progenitor(input, false));
    let mut samples = GeneratorSamples {
        ours: Vec::new(),
        progenitor: Vec::new(),
        tokens: Vec::new(),
    };
    match (ours_works, progenitor_works) {
        (true, true) => {
            let [a, b, c] =
                harness::interleave(plan, &mut [&mut ours, &mut progenitor, &mut tokens])
                    .try_into()
                    .expect("three contenders");
            (samples.ours, samples.progenitor, samples.tokens) = (a, b, c);
        }
        (true, false) => samples.ours = harness::interleave(plan, &mut [&mut ours]).remove(0),
        (false, true) => {
            let [b, c] = harness::interleave(plan, &mut [&mut progenitor, &mut tokens])
                .try_into()
                .expect("two contenders");
            (samples.progenitor, samples.tokens) = (b, c);
        }
        (false, false) => {}
    }
    samples
}

fn median_cell(samples: &[f64]) -> String {
    let summary = Summary::of(samples);
    format!(
        "{} ({}–{})",
        harness::format_seconds(summary.median),
        harness::format_seconds(summary.p25),
        harness::format_seconds(summary.p75)
    )
}

/// Keeps an error message on one table row: no line breaks or pipes, at most 300 chars.
pub fn table_safe(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            '|' => '/',
            other => other,
        })
        .collect();
    if flat.chars().count() > 300 {
        let cut: String = flat.chars().take(300).collect();
        format!("{cut}…")
    } else {
        flat
    }
}
