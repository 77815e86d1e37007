//! Synthetic applications for benchmarks and scale tests, varied from real templates.
//!
//! Each generated application is a template (a valid application of the programme) with a new
//! id, its money scaled, and its partners, events, shared resources, exchange activities and
//! municipalities thinned at random — every change keeps it valid, so the text stays realistic
//! and the scores vary. Deterministic for a seed on every machine: the generator is SplitMix64,
//! written out here rather than taken from a crate whose stream might change between versions.

use serde_json::Value;

/// SplitMix64: a small, fast generator with a fixed, documented output for every seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Calls `each` with `count` applications varied from `templates`, numbered from 1.
/// `templates` must be valid applications (validate them first): a variation of a valid
/// application is valid, of anything else not.
pub fn generate(templates: &[Value], count: u64, seed: u64, each: &mut dyn FnMut(Value)) {
    if templates.is_empty() {
        return;
    }
    let mut rng = Rng::new(seed);
    for n in 1..=count {
        let template = &templates[rng.below(templates.len() as u64) as usize];
        each(vary(template, &mut rng, seed, n));
    }
}

fn vary(template: &Value, rng: &mut Rng, seed: u64, n: u64) -> Value {
    let mut app = template.clone();
    app["id"] = Value::String(format!("GEN-{seed}-{n:07}"));

    // Money scaled by 50 % … 150 %, in whole thousands; the total stays the sum of its parts.
    let factor = 50 + rng.below(101);
    // Templates are valid applications (the caller validates them): every amount is a whole
    // number, and `own_resources`, which may be left out, is 0 then.
    let scale = |amount: &Value| -> u64 {
        let scaled = amount.as_u64().unwrap_or(0) * factor / 100;
        ((scaled + 500) / 1000 * 1000).max(1000)
    };
    if let Some(budget) = app.get_mut("budget") {
        let requested = scale(&budget["requested"]);
        let mut total = requested;
        budget["requested"] = requested.into();
        if let Some(sources) = budget.get_mut("co_funding").and_then(Value::as_array_mut) {
            for source in sources {
                let amount = scale(&source["amount"]);
                source["amount"] = amount.into();
                total += amount;
            }
        }
        let own = if budget["own_resources"].as_u64().unwrap_or(0) > 0 {
            scale(&budget["own_resources"])
        } else {
            0
        };
        budget["own_resources"] = own.into();
        budget["total"] = (total + own).into();
    }

    let likelihood = ["high", "medium", "medium", "low", "unknown"][rng.below(5) as usize];
    if let Some(continuation) = app.get_mut("continuation") {
        continuation["likelihood"] = likelihood.into();
    }
    for list in [
        "partners",
        "events",
        "shared_resources",
        "exchange_activities",
    ] {
        thin(&mut app, list, rng, 75);
    }
    if let Some(partners) = app.get_mut("partners").and_then(Value::as_array_mut) {
        for partner in partners {
            if rng.chance(25) {
                let new = partner["new_collaboration"].as_bool().unwrap_or(false);
                partner["new_collaboration"] = (!new).into();
            }
        }
    }
    if let Some(municipalities) = app.get_mut("municipalities").and_then(Value::as_array_mut) {
        let first = municipalities.first().cloned();
        municipalities.retain(|_| rng.chance(80));
        if municipalities.is_empty() {
            municipalities.extend(first);
        }
    }
    app
}

/// Keeps each item of the list `key` with probability `percent` / 100.
fn thin(app: &mut Value, key: &str, rng: &mut Rng, percent: u64) {
    if let Some(items) = app.get_mut(key).and_then(Value::as_array_mut) {
        items.retain(|_| rng.chance(percent));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_gives_its_published_sequence() {
        // The first outputs for seed 0, as published with the algorithm.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn the_same_seed_gives_the_same_applications() {
        let template = serde_json::json!({"id": "T", "budget": {"requested": 10_000, "total": 20_000, "own_resources": 10_000}});
        let run = |seed| {
            let mut out = Vec::new();
            generate(std::slice::from_ref(&template), 5, seed, &mut |v| {
                out.push(v)
            });
            out
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let first = &run(7)[0];
        assert_eq!(first["id"], "GEN-7-0000001");
        let b = &first["budget"];
        assert_eq!(
            b["total"].as_u64(),
            Some(b["requested"].as_u64().unwrap() + b["own_resources"].as_u64().unwrap())
        );
    }
}
