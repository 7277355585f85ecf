//! Criterion benchmarks: the tokenizer, the gazetteer lookup and the whole pipeline, plus start-up.
//!
//!     cargo bench --bench pipeline                 # all of them
//!     cargo bench --bench pipeline -- tokenize     # one group
//!
//! The text is `$NER_BENCH_TEXT` if set, else the French corpus of `scripts/bench.sh`
//! (`target/bench/fr.txt`) if it was built, else a French news paragraph repeated; 1 MiB of it is used.
//! `scripts/bench.sh` measures the binary end to end (process start, reading, JSON, threads).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ner::emit::{encode, Format, Record};
use ner::gazetteer::{self, GazetteerConfig};
use ner::{tokenize, Extractor, ExtractorConfig};
use std::hint::black_box;

const SAMPLE: &str = "PARIS — Le ministre des Affaires étrangères, Sergueï Lavrov, est arrivé mardi à Bamako, \
au Mali, pour une visite de deux jours, a annoncé l’Agence France-Presse (AFP). M. Lavrov doit rencontrer le \
président de la transition, Assimi Goïta, et son homologue Abdoulaye Diop. Selon le Conseil de sécurité de \
l’ONU, la Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali (Minusma) a \
quitté le pays fin 2023. Le groupe Wagner, rebaptisé Africa Corps, y compterait 1 500 hommes. « Nous \
travaillons avec nos partenaires russes », a déclaré Mme Diop à l’issue d’un entretien à Koulouba. \
Washington et l’Union européenne s’inquiètent ; la Commission européenne a réuni ses experts à Bruxelles. \
Jean-Pierre Bemba, vice-premier ministre de la République démocratique du Congo, était aussi à Kinshasa.\n\n";

/// About `limit` bytes of French news text, cut on a character boundary.
fn text(limit: usize) -> String {
    let from_file = std::env::var("NER_BENCH_TEXT")
        .ok()
        .or_else(|| Some(concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench/fr.txt").to_string()))
        .and_then(|p| std::fs::read_to_string(p).ok());
    let mut t = from_file.unwrap_or_else(|| SAMPLE.repeat(limit / SAMPLE.len() + 1));
    let mut end = limit.min(t.len());
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    t.truncate(end);
    t
}

/// The text cut into documents of about `size` bytes, on paragraph boundaries.
fn documents(text: &str, size: usize) -> Vec<&str> {
    let mut docs = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        end = text[end..].find("\n\n").map_or(text.len(), |i| end + i + 2);
        docs.push(&text[start..end]);
        start = end;
    }
    docs
}

fn benches(c: &mut Criterion) {
    let big = text(1 << 20);
    let docs = documents(&big, 8 << 10);
    let ex = Extractor::new(&ExtractorConfig::default()).expect("built-in gazetteers");
    let m = ex.matcher();

    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("fr-1MiB", |b| b.iter(|| tokenize::tokenize(black_box(&big)).tokens.len()));
    g.finish();

    let mut g = c.benchmark_group("gazetteer");
    g.throughput(Throughput::Bytes(big.len() as u64));
    let doc = tokenize::tokenize(&big);
    g.bench_function("token_ids", |b| b.iter(|| m.token_ids(black_box(&doc)).len()));
    let ids = m.token_ids(&doc);
    g.bench_function("matches", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for i in 0..ids.len() {
                if ids[i].exact.is_some() || ids[i].caseless.is_some() {
                    m.matches_at(&ids, i, &mut out);
                }
            }
            out.len()
        })
    });
    g.bench_function("lookup-form", |b| b.iter(|| m.lookup(black_box("Conseil de sécurité")).len()));
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(20);
    g.bench_function("extract-8KiB-docs", |b| {
        b.iter(|| docs.iter().map(|d| ex.extract(black_box(d)).entities.len()).sum::<usize>())
    });
    g.bench_function("extract+json-8KiB-docs", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| encode(Format::Jsonl, false, &Record::document("-", None, ex.extract(black_box(d)))).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.bench_function("embedded-gazetteers", |b| {
        b.iter_batched(GazetteerConfig::default, |cfg| gazetteer::compile(&cfg).map(|m| m.len()), BatchSize::SmallInput)
    });
    g.sample_size(10);
    g.bench_function("runtime-built-gazetteers", |b| {
        b.iter(|| gazetteer::compile_at_runtime(&GazetteerConfig::default()).map(|m| m.len()))
    });
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
