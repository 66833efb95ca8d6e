//! Mutates valid specs and runs the generator on each mutant: every case must return code
//! that parses as Rust or an error located by JSON pointer, and none may panic.
//!
//! `FUZZ_CASES` sets the number of cases (default 500) and `FUZZ_SEED` the first seed
//! (default 1). `FUZZ_TRACE=1` prints each case's mutations and each rejection. The full
//! run uses at least 10,000 cases, in release mode for speed:
//!
//! ```sh
//! FUZZ_CASES=10000 cargo test --release -p simsage-auth-codegen --test fuzz -- --nocapture
//! ```
//!
//! The random numbers come from a small xorshift generator seeded per case, so a failing
//! case is reproduced by its seed alone and no fuzzing crate is needed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_yaml::{Mapping, Value};
use simsage_auth_codegen::{Error, Settings};

const DEFAULT_CASES: u64 = 500;

/// Names that are hard to turn into Rust: keywords, `self`, digits first, symbols only,
/// names that collide after snake_case, and names the generated code itself uses.
const HOSTILE_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "fn",
    "gen",
    "r#type",
    "union",
    "1abc",
    "123",
    "9",
    "$$$",
    "-",
    "",
    " ",
    "a-b",
    "a_b",
    "aB",
    "A B",
    "ünïcode",
    "💥",
    "call",
    "body",
    "new",
    "clone",
    "Unknown",
    "UNKNOWN",
    "additionalProperties",
    "additional_properties",
    "_",
    "__",
    "Option",
    "String",
    "Vec",
    "Box",
    "Result",
    "Default",
    "V1",
    "x{y}",
    "a/b",
    "~0",
];

const TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "array", "object", "null", "file", "weird",
];

const FORMATS: &[&str] = &[
    "date-time",
    "date",
    "byte",
    "binary",
    "password",
    "int32",
    "int64",
    "float",
    "double",
    "int128",
    "uuid",
    "",
    "💥",
];

const MEDIA_TYPES: &[&str] = &[
    "application/json",
    "application/json;charset=UTF-8",
    "*/*",
    "text/plain",
    "text/html",
    "application/pdf",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "application/xml",
    "image/*",
    "bad\nvalue",
    "",
];

/// xorshift64*: small, fast and good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // Spread small seeds so that neighbouring cases differ from the first draw.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn base_specs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../openapi.yaml", "tests/fixtures/features.yaml"]
        .iter()
        .map(|relative| {
            let path = root.join(relative);
            std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
        })
        .collect()
}

/// Returns every node of the tree as a path of keys and indices from the root.
fn node_paths(value: &Value) -> Vec<Vec<Value>> {
    let mut paths = Vec::new();
    let mut stack: Vec<(Vec<Value>, &Value)> = vec![(Vec::new(), value)];
    while let Some((path, node)) = stack.pop() {
        match node {
            Value::Mapping(mapping) => {
                for (key, child) in mapping {
                    let mut child_path = path.clone();
                    child_path.push(key.clone());
                    stack.push((child_path, child));
                }
            }
            Value::Sequence(items) => {
                for (index, child) in items.iter().enumerate() {
                    let mut child_path = path.clone();
                    child_path.push(Value::from(index as u64));
                    stack.push((child_path, child));
                }
            }
            _ => {}
        }
        paths.push(path);
    }
    paths
}

fn node_mut<'a>(root: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    let mut node = root;
    for step in path {
        node = match (node, step) {
            (Value::Sequence(items), Value::Number(index)) => {
                items.get_mut(index.as_u64()? as usize)?
            }
            (Value::Mapping(mapping), key) => mapping.get_mut(key)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Returns the paths of the mapping nodes that have `key`.
fn mappings_with_key(root: &Value, key: &str) -> Vec<Vec<Value>> {
    node_paths(root)
        .into_iter()
        .filter(|path| {
            let mut node = root;
            for step in path {
                node = match (node, step) {
                    (Value::Sequence(items), Value::Number(index)) => {
                        &items[index.as_u64().unwrap_or(0) as usize]
                    }
                    (Value::Mapping(mapping), key) => &mapping[key],
                    _ => return false,
                };
            }
            matches!(node, Value::Mapping(mapping) if mapping.contains_key(key))
        })
        .collect()
}

fn random_scalar(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::from(rng.next() as i64),
        3 => Value::from(-0.5),
        4 => Value::String((*rng.pick(HOSTILE_NAMES)).to_string()),
        _ => Value::Sequence(Vec::new()),
    }
}

/// Applies one structural mutation and returns its name.
fn mutate(document: &mut Value, rng: &mut Rng) -> &'static str {
    let paths = node_paths(document);
    match rng.below(14) {
        0 => {
            // Drop a component schema, which leaves `$ref`s to it dangling.
            if let Some(Value::Mapping(schemas)) = node_mut(
                document,
                &[Value::from("components"), Value::from("schemas")],
            ) && !schemas.is_empty()
            {
                let index = rng.below(schemas.len());
                let key = schemas.keys().nth(index).cloned();
                if let Some(key) = key {
                    schemas.remove(&key);
                }
            }
            "drop a schema"
        }
        1 => {
            let targets = mappings_with_key(document, "$ref");
            if let Some(path) = targets.get(rng.below(targets.len()))
                && let Some(Value::Mapping(node)) = node_mut(document, path)
            {
                let reference = match rng.below(4) {
                    0 => "#/components/schemas/Missing".to_string(),
                    1 => "#/components/responses/X".to_string(),
                    2 => "other.yaml#/components/schemas/X".to_string(),
                    _ => format!("#/components/schemas/{}", rng.pick(HOSTILE_NAMES)),
                };
                node.insert(Value::from("$ref"), Value::from(reference));
            }
            "retarget a $ref"
        }
        2 => {
            let targets = mappings_with_key(document, "type");
            if let Some(path) = targets.get(rng.below(targets.len()))
                && let Some(Value::Mapping(node)) = node_mut(document, path)
            {
                node.insert(Value::from("type"), Value::from(*rng.pick(TYPES)));
            }
            "swap a type"
        }
        3 => {
            rename_key(document, rng, &["properties", "schemas", "paths"]);
            "rename a property, schema or path"
        }
        4 => {
            let targets = mappings_with_key(document, "name");
            if let Some(path) = targets.get(rng.below(targets.len()))
                && let Some(Value::Mapping(node)) = node_mut(document, path)
            {
                node.insert(Value::from("name"), Value::from(*rng.pick(HOSTILE_NAMES)));
            }
            "rename a parameter"
        }
        5 => {
            let targets = mappings_with_key(document, "operationId");
            let ids: Vec<Value> = targets
                .iter()
                .filter_map(|path| node_mut(document, path)?.get("operationId").cloned())
                .collect();
            if let Some(path) = targets.get(rng.below(targets.len()))
                && let Some(Value::Mapping(node)) = node_mut(document, path)
            {
                match rng.below(3) {
                    0 => {
                        node.remove("operationId");
                    }
                    1 => {
                        let id = ids
                            .get(rng.below(ids.len()))
                            .cloned()
                            .unwrap_or(Value::Null);
                        node.insert(Value::from("operationId"), id);
                    }
                    _ => {
                        node.insert(
                            Value::from("operationId"),
                            Value::from(*rng.pick(HOSTILE_NAMES)),
                        );
                    }
                }
            }
            "change an operationId"
        }
        6 => {
            nest(document, rng);
            "nest a schema deeply"
        }
        7 => {
            if let Some(path) = paths.get(rng.below(paths.len()))
                && let Some((last, parent)) = path.split_last()
                && let Some(node) = node_mut(document, parent)
            {
                match node {
                    Value::Mapping(mapping) => {
                        mapping.remove(last);
                    }
                    Value::Sequence(items) => {
                        let index = last.as_u64().unwrap_or(0) as usize;
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                    _ => {}
                }
            }
            "delete a node"
        }
        8 => {
            if let Some(path) = paths.get(rng.below(paths.len()))
                && let Some(node) = node_mut(document, path)
            {
                *node = random_scalar(rng);
            }
            "replace a node with a scalar"
        }
        9 => {
            let targets = mappings_with_key(document, "type");
            if let Some(path) = targets.get(rng.below(targets.len()))
                && let Some(Value::Mapping(node)) = node_mut(document, path)
            {
                node.insert(Value::from("format"), Value::from(*rng.pick(FORMATS)));
            }
            "change a format"
        }
        10 => {
            let targets = mappings_with_key(document, "type");
            if let Some(path) = targets.get(rng.below(targets.len()))
                && let Some(Value::Mapping(node)) = node_mut(document, path)
            {
                let values: Vec<Value> = (0..rng.below(4))
                    .map(|_| match rng.below(3) {
                        0 => Value::Null,
                        _ => Value::from(*rng.pick(HOSTILE_NAMES)),
                    })
                    .collect();
                node.insert(Value::from("enum"), Value::Sequence(values));
            }
            "add enum values"
        }
        11 => {
            let targets = mappings_with_key(document, "in");
            if let Some(path) = targets.get(rng.below(targets.len()))
                && let Some(Value::Mapping(node)) = node_mut(document, path)
            {
                let location = rng.pick(&["path", "query", "header", "cookie", "body"]);
                node.insert(Value::from("in"), Value::from(*location));
                if rng.chance(50) {
                    let style = rng.pick(&["form", "deepObject", "pipeDelimited", "simple"]);
                    node.insert(Value::from("style"), Value::from(*style));
                    node.insert(Value::from("explode"), Value::Bool(rng.chance(50)));
                }
            }
            "move a parameter"
        }
        12 => {
            compose(document, rng);
            "add allOf, oneOf, anyOf or a discriminator"
        }
        _ => {
            rename_key(document, rng, &["content"]);
            "change a media type"
        }
    }
}

/// Renames a random key of a random mapping stored under one of `parents`.
fn rename_key(document: &mut Value, rng: &mut Rng, parents: &[&str]) {
    let parent = *rng.pick(parents);
    let targets = mappings_with_key(document, parent);
    let Some(path) = targets.get(rng.below(targets.len())) else {
        return;
    };
    let Some(Value::Mapping(owner)) = node_mut(document, path) else {
        return;
    };
    let Some(Value::Mapping(mapping)) = owner.get_mut(parent) else {
        return;
    };
    if mapping.is_empty() {
        return;
    }
    let index = rng.below(mapping.len());
    let Some(key) = mapping.keys().nth(index).cloned() else {
        return;
    };
    let new_name = if parent == "content" {
        (*rng.pick(MEDIA_TYPES)).to_string()
    } else if rng.chance(30) {
        // A name that collides with the old one after snake_case.
        key.as_str().map(|k| k.to_uppercase()).unwrap_or_default()
    } else {
        (*rng.pick(HOSTILE_NAMES)).to_string()
    };
    if let Some(value) = mapping.remove(&key) {
        mapping.insert(Value::from(new_name), value);
    }
}

/// Wraps a random schema in many levels of arrays and inline objects.
fn nest(document: &mut Value, rng: &mut Rng) {
    let targets = mappings_with_key(document, "type");
    let Some(path) = targets.get(rng.below(targets.len())) else {
        return;
    };
    let Some(node) = node_mut(document, path) else {
        return;
    };
    let depth = 1 + rng.below(60);
    let mut schema = node.clone();
    for level in 0..depth {
        let mut wrapper = Mapping::new();
        if level % 2 == 0 {
            wrapper.insert(Value::from("type"), Value::from("array"));
            wrapper.insert(Value::from("items"), schema);
        } else {
            let mut properties = Mapping::new();
            properties.insert(Value::from("inner"), schema);
            wrapper.insert(Value::from("type"), Value::from("object"));
            wrapper.insert(Value::from("properties"), Value::Mapping(properties));
        }
        schema = Value::Mapping(wrapper);
    }
    *node = schema;
}

/// Turns a random schema into a composition of component schemas.
fn compose(document: &mut Value, rng: &mut Rng) {
    let names: Vec<String> = document
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping)
        .map(|schemas| {
            schemas
                .keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let targets = mappings_with_key(document, "type");
    let Some(path) = targets.get(rng.below(targets.len())) else {
        return;
    };
    let Some(Value::Mapping(node)) = node_mut(document, path) else {
        return;
    };
    let keyword = *rng.pick(&["allOf", "oneOf", "anyOf", "discriminator"]);
    if keyword == "discriminator" {
        let mut discriminator = Mapping::new();
        discriminator.insert(
            Value::from("propertyName"),
            Value::from(*rng.pick(HOSTILE_NAMES)),
        );
        node.insert(Value::from(keyword), Value::Mapping(discriminator));
        return;
    }
    let members: Vec<Value> = (0..1 + rng.below(3))
        .map(|_| {
            let mut member = Mapping::new();
            let name = names
                .get(rng.below(names.len()))
                .cloned()
                .unwrap_or_default();
            member.insert(
                Value::from("$ref"),
                Value::from(format!("#/components/schemas/{name}")),
            );
            Value::Mapping(member)
        })
        .collect();
    if rng.chance(50) {
        node.remove("type");
        node.remove("properties");
    }
    node.insert(Value::from(keyword), Value::Sequence(members));
}

/// Changes the text itself: truncation, inserted characters, invalid YAML.
fn mutate_text(text: &str, rng: &mut Rng) -> (String, &'static str) {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    match rng.below(6) {
        0 => (chars[..at].iter().collect(), "truncate"),
        1 => {
            let mut mutated: String = chars[..at].iter().collect();
            let inserted: &[&str] = &[
                "\t", "[", "{", ":", "\"", "- ", "&a *a", "!!binary", "\u{0}",
            ];
            let piece = *rng.pick(inserted);
            mutated.push_str(piece);
            mutated.extend(&chars[at..]);
            (mutated, "insert characters")
        }
        2 => (String::new(), "empty document"),
        3 => ("   \n\t\n".to_string(), "whitespace only"),
        4 => (
            rng.pick(&[
                "openapi: [",
                "{}",
                "[]",
                "null",
                "openapi: 3.0.1",
                "---\n---\n",
            ])
            .to_string(),
            "tiny document",
        ),
        _ => {
            let mut mutated: String = chars.iter().collect();
            let indentation: &[&str] = &[" ", "   ", "\t"];
            let replacement = *rng.pick(indentation);
            mutated = mutated.replace("  ", replacement);
            (mutated, "break indentation")
        }
    }
}

/// Builds case `seed`: a mutated spec and a description of what was done.
fn build_case(bases: &[String], seed: u64) -> (String, String) {
    let mut rng = Rng::new(seed);
    let base = rng.pick(bases);
    if rng.chance(15) {
        let (text, what) = mutate_text(base, &mut rng);
        return (text, what.to_string());
    }
    let mut document: Value = serde_yaml::from_str(base).expect("base spec is YAML");
    // Mostly single mutations, so that more mutants still generate and reach the emitters.
    let count = if rng.chance(60) { 1 } else { 2 + rng.below(3) };
    let mut done = Vec::with_capacity(count);
    for _ in 0..count {
        done.push(mutate(&mut document, &mut rng));
    }
    let text = serde_yaml::to_string(&document).expect("mutated spec serializes");
    (text, done.join(", "))
}

/// Checks one result: code that parses, or an error that names a location.
fn check(result: &Result<simsage_auth_codegen::Generated, Error>) -> Result<(), String> {
    match result {
        Ok(generated) => {
            for source in [&generated.types, &generated.client] {
                syn::parse_file(source)
                    .map_err(|error| format!("generated code does not parse: {error}"))?;
            }
            Ok(())
        }
        Err(Error::Internal { item, message }) => {
            Err(format!("internal error for {item}: {message}"))
        }
        Err(error) if !error.pointer().starts_with('#') || error.to_string().is_empty() => {
            Err(format!("error without a location: {error:?}"))
        }
        Err(_) => Ok(()),
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

#[test]
fn mutated_specs_never_panic() {
    let cases = env_number("FUZZ_CASES", DEFAULT_CASES);
    let first_seed = env_number("FUZZ_SEED", 1);
    let bases = base_specs();
    let settings = [
        Settings::default(),
        Settings::default()
            .with_runtime_path("::simsage_auth::__private")
            .with_skip_invalid_paths(true),
    ];

    // Panics are caught and counted; the default hook would print each one.
    let last_panic: Arc<Mutex<String>> = Arc::default();
    let recorder = Arc::clone(&last_panic);
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut message) = recorder.lock() {
            *message = info.to_string();
        }
    }));

    let started = Instant::now();
    let (mut generated, mut rejected, mut panics) = (0u64, 0u64, 0u64);
    let mut failures: Vec<String> = Vec::new();
    for seed in first_seed..first_seed + cases {
        let (text, what) = build_case(&bases, seed);
        if std::env::var_os("FUZZ_TRACE").is_some() {
            eprintln!("seed {seed}: {what}");
        }
        let settings = &settings[(seed % 2) as usize];
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            simsage_auth_codegen::generate_with(&text, settings)
        }));
        match outcome {
            Err(_) => {
                panics += 1;
                let message = last_panic.lock().map(|m| m.clone()).unwrap_or_default();
                failures.push(format!("seed {seed} ({what}) panicked: {message}"));
            }
            Ok(result) => {
                match &result {
                    Ok(_) => generated += 1,
                    Err(error) => {
                        rejected += 1;
                        if std::env::var_os("FUZZ_TRACE").is_some() {
                            eprintln!("rejected: {error}");
                        }
                    }
                }
                if let Err(problem) = check(&result) {
                    failures.push(format!("seed {seed} ({what}): {problem}"));
                }
            }
        }
    }
    std::panic::set_hook(previous_hook);

    println!(
        "fuzz: {cases} cases from seed {first_seed} in {:.1} s: {generated} generated, \
         {rejected} rejected with a located error, {panics} panics",
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} failing cases (rerun one with FUZZ_SEED=<seed> FUZZ_CASES=1):\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(panics, 0);
}

#[test]
fn rng_is_deterministic() {
    let mut a = Rng::new(7);
    let mut b = Rng::new(7);
    let first: Vec<u64> = (0..4).map(|_| a.next()).collect();
    let second: Vec<u64> = (0..4).map(|_| b.next()).collect();
    assert_eq!(first, second);
    assert_ne!(Rng::new(8).next(), first[0]);
}
