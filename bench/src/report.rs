//! The Markdown report: printed line by line as the sections finish, with a summary of
//! the goals at the end.

/// One goal of the comparison and how the measurement compares with it.
pub struct Goal {
    pub name: String,
    pub measured: Option<f64>,
    pub target: String,
    /// `None` when nothing could be measured.
    pub met: Option<bool>,
    pub note: String,
}

impl Goal {
    /// Returns a goal for a ratio that should not exceed `limit`.
    pub fn at_most(name: String, ratio: f64, limit: f64, unit: &str) -> Self {
        Goal {
            name,
            measured: Some(ratio),
            target: format!("at most {limit} {unit}"),
            met: Some(ratio <= limit),
            note: String::new(),
        }
    }

    /// Returns a goal for a ratio that should reach at least `limit`.
    pub fn at_least(name: String, ratio: f64, limit: f64, unit: &str) -> Self {
        Goal {
            name,
            measured: Some(ratio),
            target: format!("at least {limit} {unit}"),
            met: Some(ratio >= limit),
            note: String::new(),
        }
    }

    /// Returns a measured ratio without a goal, shown for reference.
    pub fn reference(name: String, ratio: f64, note: &str) -> Self {
        Goal {
            name,
            measured: Some(ratio),
            target: "none".to_string(),
            met: None,
            note: note.to_string(),
        }
    }

    /// Returns a goal that this run could not measure, with the reason.
    pub fn unmeasured(name: String, target: &str, note: &str) -> Self {
        Goal {
            name,
            measured: None,
            target: target.to_string(),
            met: None,
            note: note.to_string(),
        }
    }
}

/// Collects the report and prints each line as it is added.
#[derive(Default)]
pub struct Report {
    goals: Vec<Goal>,
}

impl Report {
    pub fn section(&mut self, title: &str) {
        println!("\n## {title}\n");
    }

    pub fn line(&mut self, text: &str) {
        println!("{text}");
    }

    pub fn goal(&mut self, goal: Goal) {
        self.goals.push(goal);
    }

    /// Prints the table of goals; returns whether every measured goal was met.
    pub fn finish(&self) -> bool {
        println!("\n## Goals\n");
        println!("| Comparison | Measured | Goal | Met |");
        println!("| --- | --- | --- | --- |");
        for goal in &self.goals {
            let measured = goal
                .measured
                .map(|ratio| format!("{ratio:.3}"))
                .unwrap_or_else(|| "not measured".to_string());
            let met = match goal.met {
                Some(true) => "yes".to_string(),
                Some(false) => "no".to_string(),
                None => format!("n/a: {}", goal.note),
            };
            println!("| {} | {measured} | {} | {met} |", goal.name, goal.target);
        }
        self.goals.iter().all(|goal| goal.met != Some(false))
    }
}
