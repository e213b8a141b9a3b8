//! Criterion benchmarks of each phase of a scan — parse, evaluate, evaluate and check, render
//! the JSON report — on terragoat's AWS folder and on the whole shared corpus, with throughput
//! in bytes of Terraform. Run with `cargo bench -p tfscan_bench` (scripts/bench runs it with
//! `--criterion`); the check phase alone is "evaluate and check" less "evaluate".

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use tfscan_bench::{evaluate, evaluate_and_check, parse, render_json, shared_folder, Tree};

fn phases(c: &mut Criterion) {
    let corpus = shared_folder().join("corpus");
    if !corpus.is_dir() {
        eprintln!(
            "SKIPPED: {} is absent (set TFSCAN_SHARED)",
            corpus.display()
        );
        return;
    }
    let targets = [
        ("terragoat-aws", corpus.join("terragoat/terraform/aws")),
        ("corpus", corpus),
    ];
    for (label, folder) in targets {
        let tree = match Tree::load(&folder) {
            Ok(tree) => tree,
            Err(error) => panic!("cannot read {}: {error}", folder.display()),
        };
        let (files, _) = parse(&tree);
        let report = evaluate_and_check(&files);
        let mut group = c.benchmark_group(label);
        group.throughput(Throughput::Bytes(tree.bytes()));
        if label == "corpus" {
            group.sample_size(20);
        }
        group.bench_function("parse", |b| b.iter(|| parse(black_box(&tree))));
        group.bench_function("evaluate", |b| b.iter(|| evaluate(black_box(&files))));
        group.bench_function("evaluate+check", |b| {
            b.iter(|| evaluate_and_check(black_box(&files)));
        });
        group.bench_function("render json", |b| {
            b.iter(|| render_json(black_box(&report)));
        });
        group.finish();
    }
}

criterion_group!(benches, phases);
criterion_main!(benches);
