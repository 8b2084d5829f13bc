//! Criterion benchmarks of the engine's stages on a realistic mix of synthetic requests
//! (`benches/synth_requests.py` logic, re-implemented here with a fixed seed so the bench
//! needs no files). Compare the stages with each other: parse vs evaluate vs render.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hoth::Ruleset;

/// A small deterministic generator (xorshift), so the bench input is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

fn requests(n: usize) -> Vec<Vec<u8>> {
    let ruleset = Ruleset::tees();
    let areas = ["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"];
    let mut rng = Rng(0x9e3779b97f4a7c15);
    (0..n)
        .map(|_| {
            let mut answer = |yes: u64, unknown: u64| {
                let x = rng.next() % 1000;
                if x < yes { "yes" } else if x < yes + unknown { "not_known" } else { "no" }
            };
            let indicators: Vec<String> =
                ruleset.file().indicators.iter().map(|i| format!("\"{}\":\"{}\"", i.id, answer(80, 100))).collect();
            let danger = answer(20, 30);
            let crime = answer(100, 100);
            let age = 8 + rng.next() % 14;
            let area = areas[(rng.next() % 4) as usize];
            let missing = rng.next() % 5;
            let judgement = if rng.pick(50) {
                r#","professional_judgement":{"direction":"raise","reason":"Synthetic reason","recorded_by_role":"social worker"}"#
            } else {
                ""
            };
            format!(
                r#"{{"local_authority":"{area}","child":{{"age_years":{age}}},"immediate_danger":"{danger}","crime_suspected":"{crime}","disclosure":"no","indicators":{{{}}},"history":{{"missing_episodes_last_90_days":{missing}}}{judgement}}}"#,
                indicators.join(",")
            )
            .into_bytes()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let ruleset = Ruleset::tees();
    let input = requests(1000);
    let screenings: Vec<hoth::Screening> = input.iter().map(|b| hoth::parse_request(ruleset, b).unwrap()).collect();
    let decisions: Vec<hoth::Decision> = screenings.iter().map(|s| hoth::evaluate(ruleset, s)).collect();
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(input.len() as u64));
    g.bench_function("evaluate (parsed request)", |b| {
        b.iter(|| {
            for s in &screenings {
                black_box(hoth::evaluate(ruleset, black_box(s)));
            }
        })
    });
    g.bench_function("parse", |b| {
        b.iter(|| {
            for bytes in &input {
                black_box(hoth::parse_request(ruleset, black_box(bytes)).unwrap());
            }
        })
    });
    let mut out = Vec::with_capacity(1 << 16);
    g.bench_function("render (write outcome JSON)", |b| {
        b.iter(|| {
            for (s, d) in screenings.iter().zip(&decisions) {
                out.clear();
                hoth::screen::render::write_outcome(ruleset, s, d, hoth::screen::Detail::Full, &mut out);
                black_box(&out);
            }
        })
    });
    g.bench_function("parse + evaluate + render", |b| {
        b.iter(|| {
            for bytes in &input {
                out.clear();
                hoth::screen_into(ruleset, black_box(bytes), &mut out).unwrap();
                black_box(&out);
            }
        })
    });
    g.finish();
    let text = hoth::ruleset::TEES_RULESET_JSON;
    c.bench_function("ruleset load + validate + compile", |b| b.iter(|| black_box(Ruleset::from_json(black_box(text)).unwrap())));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
