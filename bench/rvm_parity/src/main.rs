//! Evaluates every dumped fixture view with regorus's interpreter and with its compiled VM (RVM)
//! and prints the policies whose findings differ. Usage: rvm-parity DIR (written by dump.py).
use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::{Context, Result};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::vm::RegoVM;
use regorus::{Engine, Value};

const ENTRY: &str = "data.rvm_parity.all";

fn main() -> Result<()> {
    let dir = std::env::args().nth(1).context("usage: rvm-parity DIR")?;
    let show = std::env::var("SHOW").is_ok();
    let mut engine = Engine::new();
    engine.set_rego_v0(false);
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/modules"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.sort();
    for path in paths {
        engine.add_policy(path.display().to_string(), std::fs::read_to_string(&path)?)?;
    }
    let fixtures: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/fixtures.json"))?)?;
    let fixtures = fixtures.as_array().context("fixtures.json is not a list")?;

    let compiled = engine.compile_with_entrypoint(&ENTRY.into())?;
    let program = Compiler::compile_from_policy(&compiled, &[ENTRY])?;
    let mut vm = RegoVM::new_with_policy(compiled.clone());
    vm.load_program(program);
    vm.set_max_instructions(usize::MAX); // the default (25,000) stops a 10k-resource plan
    vm.set_data(Value::new_object())?;

    let (mut interpreter_s, mut vm_s, mut differing, mut errors) = (0.0, 0.0, 0, 0);
    let mut by_policy = BTreeMap::<String, usize>::new();
    for fixture in fixtures {
        let name = fixture["name"].as_str().unwrap_or("?");
        let input = Value::from_json_str(&fixture["input"].to_string())?;
        engine.set_input(input.clone());
        let started = Instant::now();
        let expected = engine.eval_rule(ENTRY.to_string())?;
        interpreter_s += started.elapsed().as_secs_f64();
        vm.set_input(input);
        let started = Instant::now();
        let got = vm.execute_entry_point_by_name(ENTRY);
        vm_s += started.elapsed().as_secs_f64();
        let got = match got {
            Ok(value) => value,
            Err(err) => {
                errors += 1;
                println!("{name}: RVM error: {}", err.to_string().lines().next().unwrap_or(""));
                continue;
            }
        };
        if got == expected {
            continue;
        }
        differing += 1;
        let (Ok(expected), Ok(got)) = (expected.as_object(), got.as_object()) else { continue };
        for (key, findings) in expected.iter() {
            if got.get(key) == Some(findings) {
                continue;
            }
            let policy = key.as_string().map(|s| s.to_string()).unwrap_or_default();
            if show {
                let rvm = got.get(key).map(|v| v.to_json_str().unwrap_or_default());
                println!("{name} {policy}\n  interpreter {}\n  rvm         {}", findings.to_json_str()?, rvm.unwrap_or_default());
            }
            *by_policy.entry(policy).or_default() += 1;
        }
    }
    println!(
        "{} fixtures: interpreter {interpreter_s:.3} s, RVM {vm_s:.3} s; RVM errors {errors}, differing {differing}",
        fixtures.len()
    );
    println!("policies that differ (fixtures): {by_policy:?}");
    Ok(())
}
