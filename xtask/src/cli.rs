//! Command-line parsing for `cargo xtask`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::fetch::DEFAULT_TIMEOUT;
use crate::regen::{Mode, RegenOptions};
use crate::select::Selection;

pub const USAGE: &str = "\
Usage: cargo xtask regen --from <PATH|URL> [OPTIONS]

Regenerates openapi.yaml from a SimSage OpenAPI 3.0 description (JSON or YAML), keeping the
project's own descriptions, and prints what changed for callers of simsage-auth.

Options:
  --from <PATH|URL>    Upstream description: a file path or an http(s) URL (required)
  --spec <PATH>        Spec to update [default: openapi.yaml at the workspace root]
  --prefix <PREFIX>    Select operations whose path starts with PREFIX [default: /api/auth/]
  --tag <TAG>          Select operations tagged TAG; without --prefix, on any path
  --dry-run            Print the report; write nothing
  --check              Print the report; write nothing; exit with status 1 when the spec's
                       structure differs from upstream
  --timeout <SECONDS>  Time limit for fetching a URL, in seconds [default: 30]
  -h, --help           Print this help

Exit status: 0 on success, 1 when --check finds differences, 2 on any error.
";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Regen(RegenOptions),
}

/// Returns the default spec path, `openapi.yaml` in the workspace root (the parent of this
/// crate's directory).
pub fn default_spec_path() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .unwrap_or(manifest_dir)
        .join("openapi.yaml")
}

/// Parses the arguments that follow the program name.
pub fn parse<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut args = args.into_iter();
    match args.next().as_deref() {
        None => Err("missing command".to_owned()),
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("regen") => parse_regen(args),
        Some(other) => Err(format!("unknown command `{other}`")),
    }
}

#[derive(Default)]
struct RegenArgs {
    from: Option<String>,
    spec: Option<String>,
    prefix: Option<String>,
    tag: Option<String>,
    timeout: Option<String>,
    dry_run: bool,
    check: bool,
}

fn parse_regen(args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut parsed = RegenArgs::default();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let slot = match name.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--dry-run" | "--check" if inline_value.is_some() => {
                return Err(format!("{name} takes no value"));
            }
            "--dry-run" => {
                parsed.dry_run = true;
                continue;
            }
            "--check" => {
                parsed.check = true;
                continue;
            }
            "--from" => &mut parsed.from,
            "--spec" => &mut parsed.spec,
            "--prefix" => &mut parsed.prefix,
            "--tag" => &mut parsed.tag,
            "--timeout" => &mut parsed.timeout,
            _ => return Err(format!("unexpected argument `{arg}`")),
        };
        if slot.is_some() {
            return Err(format!("{name} is given more than once"));
        }
        let value = match inline_value {
            Some(value) => value,
            None => args.next().ok_or_else(|| format!("{name} needs a value"))?,
        };
        *slot = Some(value);
    }
    regen_options(parsed).map(Command::Regen)
}

fn regen_options(args: RegenArgs) -> Result<RegenOptions, String> {
    let from = args
        .from
        .filter(|from| !from.is_empty())
        .ok_or("missing --from <PATH|URL>")?;
    let selection = match (args.prefix, args.tag) {
        (None, None) => Selection::default(),
        (prefix, tag) => Selection { prefix, tag },
    };
    let mode = if args.check {
        Mode::Check
    } else if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Write
    };
    Ok(RegenOptions {
        from,
        spec: args.spec.map_or_else(default_spec_path, PathBuf::from),
        selection,
        mode,
        timeout: args
            .timeout
            .as_deref()
            .map_or(Ok(DEFAULT_TIMEOUT), parse_timeout)?,
    })
}

fn parse_timeout(text: &str) -> Result<Duration, String> {
    let invalid = || format!("invalid --timeout `{text}`: expected a positive number of seconds");
    let seconds: f64 = text.parse().map_err(|_| invalid())?;
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err(invalid());
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::DEFAULT_PREFIX;

    fn parse_args(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|arg| (*arg).to_owned()))
    }

    fn options(args: &[&str]) -> RegenOptions {
        match parse_args(args) {
            Ok(Command::Regen(options)) => options,
            other => panic!("expected regen options, got {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let parsed = options(&["regen", "--from", "api.json"]);
        assert_eq!(parsed.from, "api.json");
        assert_eq!(parsed.spec, default_spec_path());
        assert_eq!(parsed.selection.prefix.as_deref(), Some(DEFAULT_PREFIX));
        assert_eq!(parsed.selection.tag, None);
        assert_eq!(parsed.mode, Mode::Write);
        assert_eq!(parsed.timeout, DEFAULT_TIMEOUT);
    }

    #[test]
    fn default_spec_is_in_workspace_root() {
        let expected = Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi.yaml");
        assert_eq!(
            default_spec_path().canonicalize().ok(),
            expected.canonicalize().ok()
        );
        assert!(default_spec_path().ends_with("openapi.yaml"));
    }

    #[test]
    fn all_options() {
        let parsed = options(&[
            "regen",
            "--from=u.yaml",
            "--spec",
            "out.yaml",
            "--tag",
            "auth",
            "--dry-run",
            "--timeout",
            "2.5",
        ]);
        assert_eq!(parsed.spec, PathBuf::from("out.yaml"));
        assert_eq!(
            parsed.selection,
            Selection {
                prefix: None,
                tag: Some("auth".to_owned())
            }
        );
        assert_eq!(parsed.mode, Mode::DryRun);
        assert_eq!(parsed.timeout, Duration::from_millis(2500));
    }

    #[test]
    fn check_wins_over_dry_run() {
        let parsed = options(&["regen", "--from", "a", "--dry-run", "--check"]);
        assert_eq!(parsed.mode, Mode::Check);
    }

    #[test]
    fn prefix_and_tag_combine() {
        let parsed = options(&["regen", "--from", "a", "--prefix", "/x/", "--tag", "t"]);
        let expected = Selection {
            prefix: Some("/x/".to_owned()),
            tag: Some("t".to_owned()),
        };
        assert_eq!(parsed.selection, expected);
    }

    #[test]
    fn usage_errors() {
        let cases: &[(&[&str], &str)] = &[
            (&[], "missing command"),
            (&["build"], "unknown command `build`"),
            (&["regen"], "missing --from <PATH|URL>"),
            (&["regen", "--from"], "--from needs a value"),
            (
                &["regen", "--from", "a", "--from", "b"],
                "--from is given more than once",
            ),
            (
                &["regen", "--from", "a", "--bogus"],
                "unexpected argument `--bogus`",
            ),
            (
                &["regen", "--from", "a", "--check=yes"],
                "--check takes no value",
            ),
            (
                &["regen", "--from", "a", "--timeout", "0"],
                "invalid --timeout `0`: expected a positive number of seconds",
            ),
            (
                &["regen", "--from", "a", "--timeout", "soon"],
                "invalid --timeout `soon`: expected a positive number of seconds",
            ),
        ];
        for (args, expected) in cases {
            assert_eq!(parse_args(args).unwrap_err(), *expected, "args {args:?}");
        }
    }

    #[test]
    fn help() {
        assert_eq!(parse_args(&["--help"]), Ok(Command::Help));
        assert_eq!(parse_args(&["regen", "-h"]), Ok(Command::Help));
    }
}
