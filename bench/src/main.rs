//! Runs the benchmark sections and prints a Markdown report on stdout; progress goes to
//! stderr.
//!
//! ```text
//! cargo run --release --manifest-path bench/Cargo.toml              # full run
//! cargo run --release --manifest-path bench/Cargo.toml -- --quick   # smoke run
//! cargo run --release --manifest-path bench/Cargo.toml -- --only decode --only throughput
//! ```
//!
//! `--quick` (or `SIMSAGE_BENCH_QUICK=1`) takes one or two samples of each measurement and
//! skips the rebuild timings; its figures only show that every section runs. The process
//! exits with status 1 when a measured goal is missed in a full run.

use std::path::PathBuf;
use std::process::ExitCode;

use simsage_auth_bench::alloc::CountingAllocator;
use simsage_auth_bench::harness::Plan;
use simsage_auth_bench::report::Report;
use simsage_auth_bench::{build_cost, codegen, decode, machine, throughput};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const SECTIONS: [&str; 4] = ["codegen", "throughput", "decode", "build"];

const USAGE: &str = "usage: simsage-auth-bench [--quick] [--only SECTION]...
       simsage-auth-bench --profile CONTENDER [--tasks N] [--per-task N]
  --quick         one or two samples per measurement, no rebuild timings (also SIMSAGE_BENCH_QUICK=1)
  --only SECTION  run only this section; repeatable. Sections: codegen, throughput, decode, build
  --profile CONTENDER
                  run one contender only, for a profiler (perf, valgrind): generated or
                  hand-written make --tasks concurrent tasks (default 64) of --per-task calls
                  (default 200); decode-generated, decode-hand-written, decode-defaulted and
                  decode-null-tolerant decode the 10,000-user body --per-task times";

struct Options {
    quick: bool,
    sections: Vec<String>,
    profile: Option<String>,
    tasks: usize,
    per_task: usize,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        quick: std::env::var("SIMSAGE_BENCH_QUICK").is_ok_and(|value| value == "1"),
        sections: Vec::new(),
        profile: None,
        tasks: throughput::CONCURRENCY,
        per_task: 200,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => options.quick = true,
            "--only" => {
                let section = args.next().ok_or("--only needs a section name")?;
                if !SECTIONS.contains(&section.as_str()) {
                    return Err(format!(
                        "unknown section {section:?}; use one of {}",
                        SECTIONS.join(", ")
                    ));
                }
                options.sections.push(section);
            }
            "--profile" => {
                options.profile = Some(args.next().ok_or("--profile needs a contender")?);
            }
            "--tasks" | "--per-task" => {
                let value = args.next().ok_or(format!("{arg} needs a number"))?;
                let number: usize = value
                    .parse()
                    .ok()
                    .filter(|number| *number > 0)
                    .ok_or(format!("{arg} {value:?} is not a positive number"))?;
                if arg == "--tasks" {
                    options.tasks = number;
                } else {
                    options.per_task = number;
                }
            }
            "--help" | "-h" => return Err(String::new()),
            // `cargo bench` passes this to every bench target.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if options.sections.is_empty() {
        options.sections = SECTIONS.iter().map(|section| section.to_string()).collect();
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(contender) = &options.profile {
        let result = match contender.strip_prefix("decode-") {
            Some(model) => decode::profile(model, options.per_task),
            None => throughput::profile(contender, options.tasks, options.per_task),
        };
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        };
    }
    let workspace_root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let runs = |section: &str| options.sections.iter().any(|chosen| chosen == section);

    let command: Vec<String> = std::env::args().skip(1).collect();
    println!("# simsage-auth benchmark report\n");
    let invocation = format!(
        "cargo run --release --manifest-path bench/Cargo.toml{}{}",
        if command.is_empty() { "" } else { " -- " },
        command.join(" ")
    );
    for line in machine::describe(&invocation) {
        println!("{line}");
    }
    if options.quick {
        println!("- Quick run: sample counts too small for the figures to mean anything");
    }

    let mut report = Report::default();
    let (sample_plan, codegen_plan) = if options.quick {
        (
            Plan {
                warmup_rounds: 1,
                samples: 2,
            },
            Plan {
                warmup_rounds: 1,
                samples: 2,
            },
        )
    } else {
        (
            Plan {
                warmup_rounds: 3,
                samples: 40,
            },
            Plan {
                warmup_rounds: 3,
                samples: 30,
            },
        )
    };

    if runs("codegen") {
        eprintln!("running: code generation");
        codegen::run(&workspace_root, codegen_plan, &mut report);
    }
    if runs("throughput") {
        eprintln!("running: throughput");
        let load = if options.quick {
            throughput::Load {
                sequential: 100,
                per_task: 4,
            }
        } else {
            throughput::Load {
                sequential: 500,
                per_task: 25,
            }
        };
        throughput::run(sample_plan, load, &mut report);
    }
    if runs("decode") {
        eprintln!("running: decode");
        let decodes_per_sample = 1;
        decode::run(sample_plan, decodes_per_sample, &mut report);
    }
    if runs("build") {
        eprintln!("running: build cost");
        let rounds = if options.quick { 0 } else { 5 };
        build_cost::run(&workspace_root, rounds, &mut report);
    }

    let all_met = report.finish();
    if all_met || options.quick {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
