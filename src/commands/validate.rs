//! `kriterium validate`: checks every input and reports every problem of each.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;
use kriterium_engine::input;
use kriterium_engine::pack::RulePack;
use kriterium_engine::problem::Problem;

use crate::Status;

pub fn run(pack: &RulePack, paths: &[PathBuf]) -> Result<Status> {
    let validator = pack.validator();
    let (sources, mut problems) = input::expand(paths);
    let (mut valid, mut invalid) = (0usize, problems.len());
    // The first place each application id was seen: an id must name one application.
    let mut ids: BTreeMap<String, String> = BTreeMap::new();

    for source in &sources {
        input::read(source, &mut |read| {
            let found: Vec<Problem> = match read {
                Err(problem) => vec![problem],
                Ok(input) => {
                    let place = input::place(&input.source, input.line);
                    match validator.validate_text(&input.source, &input.text) {
                        Ok(app) => {
                            let id = app.application.id.clone();
                            if let Some(first) = ids.get(&id) {
                                vec![input.locate(Problem::at_pointer(
                                    &input.source,
                                    "/id",
                                    format!("the id `{id}` is already used by {first}"),
                                ))]
                            } else {
                                println!("{place}: ok ({id})");
                                ids.insert(id, place);
                                Vec::new()
                            }
                        }
                        Err(found) => found.into_iter().map(|p| input.locate(p)).collect(),
                    }
                }
            };
            if found.is_empty() {
                valid += 1;
            } else {
                invalid += 1;
                problems.extend(found);
            }
        });
    }
    for problem in &problems {
        println!("{problem}");
    }
    println!("{valid} valid, {invalid} invalid");
    Ok(if invalid == 0 {
        Status::Ok
    } else {
        Status::Rejected
    })
}
