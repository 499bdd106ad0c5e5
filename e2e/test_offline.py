"""Offline reading in the real app: the full text of a page and the images
an article shows survive the server going away and the app restarting."""
import base64

from test_app import open_article, reader_text

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAHUlEQVR4nGNkYPj/n4ECwESJ5lEDRg0YNWDUAAoBAC8AAx4oYmsMAAAAAElFTkSuQmCC")


def page(title):
    return f"""<!DOCTYPE html><html><head><title>{title}</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <div class="advert">ADVERTISEMENT: Buy the new phone today!</div>
    <article><h1>{title}</h1>
      <p>A record high of 196 major projects were signed at the 6th Western China International Fair for Investment and Trade.</p>
      <p>The four-day event in southwest China's Chongqing Municipality marks the first fair of its kind after the April symposium.</p>
      <figure><img src="/img/chart.png" alt="Chart of signed projects"><figcaption>Projects signed, by year</figcaption></figure>
      <p>The fair sees the participation of more than 1,700 enterprises from 40 countries and regions around the world.</p>
    </article><footer>Copyright News Corp. Privacy policy.</footer></body></html>"""


def test_full_text_and_images_survive_going_offline(app, feeds):
    feeds.route("/teasers.xml", f"""<rss version="2.0"><channel><title>Teasers</title><link>{feeds.url('/')}</link>
      <item><guid>t1</guid><title>Western fair</title><link>{feeds.url('/story/1')}</link>
      <description>Record investments. Read more…</description></item></channel></rss>""")
    feeds.route("/story/1", page("Western fair"), "text/html; charset=utf-8")
    feeds.route("/img/chart.png", PNG, "image/png")
    assert "ok" in app.invoke("add_feed", {"url": feeds.url("/teasers.xml"), "folder": None})
    # A refresh makes the offline copy (full text, images).
    assert "ok" in app.invoke("refresh_feeds", {"feedId": None})
    feeds.stop()
    app.restart()
    open_article(app, "Western fair")
    app.wait_until(lambda: "1,700 enterprises" in reader_text(app), message="full text offline")
    assert "ADVERTISEMENT" not in reader_text(app)
    app.wait_until(lambda: app.js(
        "const d = document.querySelector('article iframe').contentDocument;"
        "const img = d && d.querySelector('img');"
        "return !!img && img.complete && img.naturalWidth > 0 && img.src.includes('/image/');"), message="cached image shown")
    app.screenshot("offline-full-text")
