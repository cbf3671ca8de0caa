//! `cargo xtask gen-export --factories N --seed S [--awkward] [--out PATH]`:
//! writes a synthetic export with the `decentwork-synth` crate.

use std::io::Write;

pub(crate) fn run(args: &[&str]) -> Result<(), String> {
    let mut factories = 100_u64;
    let mut seed = 1_u64;
    let mut out: Option<String> = None;
    let mut awkward = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if *arg == "--awkward" {
            awkward = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match *arg {
            "--factories" => {
                factories = value
                    .parse()
                    .map_err(|e| format!("--factories {value}: {e}"))?;
            }
            "--seed" => seed = value.parse().map_err(|e| format!("--seed {value}: {e}"))?,
            "--out" => out = Some((*value).to_owned()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let sink: Box<dyn Write> = match &out {
        Some(path) => Box::new(std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = std::io::BufWriter::new(sink);
    decentwork_synth::write_export(&mut w, factories, seed, awkward).map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())
}
