#!/usr/bin/env python3
"""Writes the test feeds that the sync servers subscribe to, into DIR.

Item n is dated n minutes after an anchor set on the first run (a day before
it), so every item is inside a "last 30 days" window, later items are newer,
and writing the feeds again with more items (--items) adds items and changes
none (guids and dates are stable). Served by feeds.sh at
http://[::1]/ (Tiny Tiny RSS refuses 127.x and ports other than 80/443).
"""
import argparse
import datetime as dt
import os
from email.utils import format_datetime
from xml.sax.saxutils import escape

BASE = "http://[::1]"


ANCHOR = None  # set by main() from DIR/.anchor


def when(i):
    return ANCHOR + dt.timedelta(minutes=i + 1)


def load_anchor(folder):
    path = os.path.join(folder, ".anchor")
    try:
        with open(path) as f:
            return dt.datetime.fromisoformat(f.read().strip())
    except FileNotFoundError:
        now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
        anchor = now - dt.timedelta(days=1)
        with open(path, "w") as f:
            f.write(anchor.isoformat())
        return anchor


def rss(name, title, lang, items):
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>{BASE}/{name}/</link>",
        f"<description>{escape(title)}</description><language>{lang}</language>",
    ]
    for n, (t, body) in enumerate(items):
        link = f"{BASE}/{name}/{n + 1}.html"
        out.append(
            f"<item><title>{escape(t)}</title><link>{link}</link>"
            f'<guid isPermaLink="false">tidings-test-{name}-{n + 1}</guid>'
            f"<pubDate>{format_datetime(when(n))}</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out)


def atom(name, title, items):
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>urn:tidings-test:{name}</id>",
        f'<link rel="alternate" href="{BASE}/{name}/"/>',
        f'<link rel="self" href="{BASE}/{name}.xml"/>',
        f"<updated>{when(len(items)).isoformat()}</updated>",
    ]
    for n, (t, body) in enumerate(items):
        out.append(
            f"<entry><title>{escape(t)}</title><id>urn:tidings-test:{name}:{n + 1}</id>"
            f'<link rel="alternate" href="{BASE}/{name}/{n + 1}.html"/>'
            f"<updated>{when(n).isoformat()}</updated><author><name>Tidings</name></author>"
            f'<content type="html">{escape(body)}</content></entry>'
        )
    out.append("</feed>")
    return "\n".join(out)


def english(prefix, count):
    return [
        (
            f"{prefix} item {n}",
            f"<p>Body of {prefix.lower()} item {n}, with <b>markup</b>.</p>"
            f'<p><img src="{BASE}/pixel.gif" alt="a pixel"></p>',
        )
        for n in range(1, count + 1)
    ]


ZH = [
    ("北京今天天氣晴朗", "<p>北京今天天氣晴朗，氣溫攝氏二十度。</p>"),
    ("上海舉行科技博覽會", "<p>上海國際科技博覽會今天開幕，展出人工智能新產品。</p>"),
    ("新版閱讀器支援同步", "<p>新聞閱讀器現在可以與伺服器同步已讀和星標狀態。</p>"),
    ("颱風接近東南沿海", "<p>氣象局發出颱風警報，提醒市民注意安全。</p>"),
]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--items", type=int, default=5, help="items in each English feed")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    global ANCHOR
    ANCHOR = load_anchor(a.dir)
    zh = ZH + [(f"第{n}條新聞", f"<p>第{n}條新聞的內容。</p>") for n in range(len(ZH) + 1, a.items)]
    files = {
        "rss.xml": rss("rss", "Tidings Test RSS", "en", english("RSS", a.items)),
        "atom.xml": atom("atom", "Tidings Test Atom", english("Atom", a.items)),
        "zh.xml": rss("zh", "同步測試新聞", "zh-TW", zh),
        # Not subscribed by check.sh: for subscribe/unsubscribe tests.
        "extra.xml": rss("extra", "Tidings Test Extra", "en", english("Extra", 3)),
        # A page whose feed must be discovered (quickadd, subscribeToFeed of a site).
        "site/index.html": (
            '<!doctype html><html><head><meta charset="utf-8"><title>Tidings test site</title>'
            f'<link rel="alternate" type="application/rss+xml" title="Extra" href="{BASE}/extra.xml">'
            "</head><body><p>A site with a feed.</p></body></html>"
        ),
    }
    for rel, text in files.items():
        path = os.path.join(a.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)  # a server fetching mid-write never sees half a feed
    # A 1x1 transparent GIF, for the image cache.
    with open(os.path.join(a.dir, "pixel.gif"), "wb") as f:
        f.write(bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"))


if __name__ == "__main__":
    main()
