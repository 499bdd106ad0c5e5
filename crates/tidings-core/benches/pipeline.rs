//! Throughput of the CPU-bound steps of a refresh, in MB/s of input:
//! parsing (decode + XML + mapping), sanitizing article HTML, preparing
//! entries (sanitize + text + hash) and the search tokenizer.
//! Inputs are generated here, shaped like `../shared/bench`'s corpus
//! (50 items of 1–8 KB HTML per feed).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use tidings_core::parse::parse_feed;
use tidings_core::prepare::prepare_entries;
use tidings_core::sanitize::sanitize_html;

const WORDS: &[&str] = &[
    "the",
    "database",
    "kernel",
    "release",
    "performance",
    "security",
    "network",
    "update",
    "market",
    "report",
    "new",
    "system",
    "data",
    "engine",
    "open",
    "source",
    "community",
    "policy",
    "energy",
    "region",
];

fn paragraph(seed: usize, words: usize) -> String {
    (0..words).map(|i| WORDS[(seed * 7 + i * 13) % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

fn article_html(seed: usize, bytes: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "<p>{} <a href=\"/post/{seed}/{i}\">link</a> <em>{}</em></p>\n<ul><li>{}</li></ul><img src=\"/img/{i}.png\" alt=\"x\">\n",
            paragraph(seed + i, 40),
            paragraph(seed + i + 1, 5),
            paragraph(seed + i + 2, 8)
        ));
        i += 1;
    }
    s
}

fn rss(items: usize, cjk: bool) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Bench</title><link>https://bench.example/</link>\n");
    for i in 0..items {
        let body = if cjk {
            format!("<p>{}</p>", "西部地区投资创新高，重庆举行国际投资贸易洽谈会。".repeat(40 + i % 100))
        } else {
            article_html(i, 1000 + (i * 137) % 7000)
        };
        s.push_str(&format!(
            "<item><guid>https://bench.example/{i}</guid><title>Item {i}: {}</title><link>https://bench.example/{i}</link>\
             <dc:creator>Author {}</dc:creator><category>Cat {}</category><pubDate>Thu, 23 May 2024 10:{:02}:00 GMT</pubDate>\
             <description><![CDATA[{body}]]></description></item>\n",
            paragraph(i, 6),
            i % 5,
            i % 7,
            i % 60
        ));
    }
    s.push_str("</channel></rss>");
    s
}

fn atom(items: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench</title><link href=\"https://bench.example/\"/>\n");
    for i in 0..items {
        s.push_str(&format!(
            "<entry><id>urn:bench:{i}</id><title>Entry {i}</title><link href=\"https://bench.example/{i}\"/><updated>2024-05-23T10:00:00Z</updated>\
             <author><name>Author</name></author><content type=\"html\">{}</content></entry>\n",
            tidings_core::parse::html_escape(&article_html(i, 1000 + (i * 137) % 7000))
        ));
    }
    s.push_str("</feed>");
    s
}

fn bench_parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    let chinese = rss(50, true).replace("utf-8", "gb2312");
    let (gbk, _, _) = encoding_rs::GBK.encode(&chinese);
    let inputs: Vec<(&str, Vec<u8>)> =
        vec![("rss2", rss(50, false).into_bytes()), ("atom", atom(50).into_bytes()), ("rss2-gbk", gbk.into_owned())];
    for (name, bytes) in &inputs {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| parse_feed(black_box(bytes), None, None).expect("a feed"))
        });
    }
    g.finish();
}

fn bench_sanitize(c: &mut Criterion) {
    let mut g = c.benchmark_group("sanitize");
    let base = url::Url::parse("https://bench.example/post/").ok();
    let html = article_html(3, 8000);
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("article-8k", |b| b.iter(|| sanitize_html(black_box(&html), base.as_ref())));
    g.finish();
}

fn bench_prepare(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse+prepare");
    let doc = rss(50, false).into_bytes();
    let base = url::Url::parse("https://bench.example/feed.xml").ok();
    g.throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("rss2-50-items", |b| {
        b.iter(|| {
            let feed = parse_feed(black_box(&doc), None, base.as_ref()).expect("a feed");
            prepare_entries(&feed, base.as_ref())
        })
    });
    g.finish();
}

fn bench_tokenize(c: &mut Criterion) {
    let mut g = c.benchmark_group("tokenize");
    let latin = paragraph(1, 2000);
    let cjk = "西部地区投资创新高，重庆举行国际投资贸易洽谈会。".repeat(200);
    for (name, text) in [("latin", &latin), ("cjk", &cjk)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                tidings_core::store::fts::tokenize(black_box(text), false, |_| {
                    n += 1;
                    true
                });
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_parse, bench_sanitize, bench_prepare, bench_tokenize);
criterion_main!(benches);
