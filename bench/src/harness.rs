//! Warm-up, interleaved samples and summary statistics.

use std::time::{Duration, Instant};

/// How many rounds to run: warm-up rounds are run and discarded.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub warmup_rounds: usize,
    pub samples: usize,
}

/// Order statistics of one contender's samples.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub median: f64,
    pub p25: f64,
    pub p75: f64,
    pub min: f64,
    pub max: f64,
}

impl Summary {
    /// Summarizes `values`, which must not be empty.
    pub fn of(values: &[f64]) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Summary {
            median: quantile(&sorted, 0.5),
            p25: quantile(&sorted, 0.25),
            p75: quantile(&sorted, 0.75),
            min: sorted[0],
            max: sorted[sorted.len() - 1],
        }
    }
}

/// Linear-interpolated quantile of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let lower = position.floor() as usize;
    let upper = position.ceil() as usize;
    let weight = position - lower as f64;
    sorted[lower] * (1.0 - weight) + sorted[upper] * weight
}

/// Runs each contender once per round and returns the samples of each, without the
/// warm-up rounds.
///
/// Interleaving spreads drift (CPU frequency, other load, page cache) evenly over the
/// contenders, so that the paired ratios of [`paired_ratios`] compare like with like.
/// Each round starts with the next contender, so none of them always runs first.
pub fn interleave<T>(plan: Plan, contenders: &mut [&mut dyn FnMut() -> T]) -> Vec<Vec<T>> {
    let count = contenders.len();
    let mut samples: Vec<Vec<T>> = (0..count)
        .map(|_| Vec::with_capacity(plan.samples))
        .collect();
    for round in 0..plan.warmup_rounds + plan.samples {
        for step in 0..count {
            let index = (round + step) % count;
            let value = contenders[index]();
            if round >= plan.warmup_rounds {
                samples[index].push(value);
            }
        }
    }
    samples
}

/// Returns `a[i] / b[i]` for each round.
pub fn paired_ratios(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter().zip(b).map(|(a, b)| a / b).collect()
}

/// Returns the CPU seconds that all live threads of this process have used, or `None`
/// where Linux's `/proc/self/task/*/schedstat` is not available.
///
/// NOTE: some kernels account this time in scheduler ticks (4 ms on the machine that
/// `BENCHMARKS.md` describes), so only sums over many requests are meaningful.
pub fn process_cpu_seconds() -> Option<f64> {
    let mut total = 0.0;
    for entry in std::fs::read_dir("/proc/self/task").ok()? {
        let path = entry.ok()?.path().join("schedstat");
        // A thread can exit between listing and reading; it no longer counts.
        total += schedstat_seconds(&path.to_string_lossy()).unwrap_or(0.0);
    }
    Some(total)
}

/// Reads the first field of a schedstat file: nanoseconds spent running on a CPU.
fn schedstat_seconds(path: &str) -> Option<f64> {
    let text = std::fs::read_to_string(path).ok()?;
    let nanoseconds: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

/// Runs `f` `iterations` times and returns the wall-clock seconds per call.
pub fn seconds_per_call<R>(iterations: usize, mut f: impl FnMut() -> R) -> f64 {
    let started = Instant::now();
    for _ in 0..iterations {
        std::hint::black_box(f());
    }
    started.elapsed().as_secs_f64() / iterations as f64
}

/// Formats seconds in s or ms with two decimals, or in µs with one.
pub fn format_seconds(seconds: f64) -> String {
    let duration = Duration::from_secs_f64(seconds.max(0.0));
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.1} µs", duration.as_nanos() as f64 / 1e3)
    }
}

/// Formats a paired-ratio summary as `median (p25–p75)`.
pub fn format_ratio(ratios: &[f64]) -> String {
    let summary = Summary::of(ratios);
    format!(
        "{:.3} ({:.3}–{:.3})",
        summary.median, summary.p25, summary.p75
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_odd_and_even_counts() {
        let odd = Summary::of(&[3.0, 1.0, 2.0]);
        assert_eq!(odd.median, 2.0);
        assert_eq!(odd.min, 1.0);
        assert_eq!(odd.max, 3.0);
        let even = Summary::of(&[4.0, 1.0, 2.0, 3.0]);
        assert_eq!(even.median, 2.5);
        assert_eq!(even.p25, 1.75);
    }

    #[test]
    fn interleave_discards_warmup() {
        let mut calls_a = 0.0;
        let mut calls_b = 100.0;
        let mut a = || {
            calls_a += 1.0;
            calls_a
        };
        let mut b = || {
            calls_b += 1.0;
            calls_b
        };
        let plan = Plan {
            warmup_rounds: 2,
            samples: 3,
        };
        let samples = interleave(plan, &mut [&mut a, &mut b]);
        assert_eq!(samples[0], [3.0, 4.0, 5.0]);
        assert_eq!(samples[1], [103.0, 104.0, 105.0]);
    }

    #[test]
    fn interleave_rotates_the_first_contender() {
        let order = std::cell::RefCell::new(Vec::new());
        let mut a = || order.borrow_mut().push('a');
        let mut b = || order.borrow_mut().push('b');
        let plan = Plan {
            warmup_rounds: 0,
            samples: 2,
        };
        interleave(plan, &mut [&mut a, &mut b]);
        assert_eq!(*order.borrow(), ['a', 'b', 'b', 'a']);
    }
}
