#!/usr/bin/env python3
"""Adds to a ../shared/bench corpus the web pages and images its feeds link
to (the generator only writes the feeds), so that the offline copy (full
text from pages, images) has something real to fetch from the same nginx.

  bench/offline_assets.py /tmp/bench-corpus-1000-50-s1

Pages carry navigation, an advert, the article (paragraphs and a figure)
and a footer, like news pages do; images are real JPEGs of 8–40 KB, each
different (as they would be), so the content-addressed cache is not
flattered by duplicates. Deterministic: the same corpus gives the same
files."""
import io
import random
import re
import sys
from pathlib import Path

from PIL import Image


def base_jpeg():
    img = Image.new("RGB", (64, 48), (17, 94, 110))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()


def main():
    corpus = Path(sys.argv[1])
    port = re.search(r'"port": (\d+)', (corpus / "corpus.json").read_text()).group(1)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(1)
    jpeg = base_jpeg()
    urls = set()
    pattern = re.compile(re.escape(base) + r'(/(?:site|img)/[^"\'<>\s&]+)')
    for f in sorted((corpus / "feeds").iterdir()):
        urls.update(pattern.findall(f.read_text(encoding="utf-8", errors="replace")))
    pages = images = 0
    # A URL that is also the folder of others (/site/f1/2025/04/05 beside
    # /site/f1/2025/04/05/post-3) is served as that folder's index.html.
    folders = {p.rsplit("/", i)[0] for p in urls for i in range(1, p.count("/"))}
    for path in sorted(urls):
        target = corpus / path.lstrip("/")
        if path in folders or path.endswith("/"):
            target = target / "index.html"
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.startswith("/img/"):
            padding = rng.randbytes(rng.randint(8_000, 40_000))
            target.write_bytes(jpeg + padding)   # data after the end-of-image marker is ignored
            images += 1
        else:
            slug = path.split("/")[2]
            paras = "".join(
                f"<p>Paragraph {i} of the article, with enough words to read as an article body and not as "
                f"navigation: the project, its people, the numbers, what comes next. {rng.random():.6f}</p>"
                for i in range(rng.randint(6, 14)))
            fig = f'<figure><img src="/img/{slug}/page-{rng.randrange(10**6)}.jpg" alt="A figure"><figcaption>A caption</figcaption></figure>'
            target.write_text(
                f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{path}</title></head><body>"
                f"<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/tech'>Tech</a></nav></header>"
                f"<div class='advert'>Advertisement</div><main><article><h1>{path}</h1>{paras[:len(paras) // 2]}{fig}"
                f"{paras[len(paras) // 2:]}</article></main><aside>Most read</aside><footer>Privacy · Terms</footer></body></html>",
                encoding="utf-8")
            pages += 1
    # Images referenced by the pages themselves.
    for page in (corpus / "site").rglob("*"):
        if page.is_file():
            for src in re.findall(r'src="(/img/[^"]+)"', page.read_text(encoding="utf-8")):
                target = corpus / src.lstrip("/")
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jpeg + rng.randbytes(rng.randint(8_000, 40_000)))
                    images += 1
    print(f"{pages} pages, {images} images added under {corpus}")


if __name__ == "__main__":
    main()
