"""The real app through its real webview, found by BRIEF.md's roles and
names. Feeds come from a server on 127.0.0.1 that the tests start (and
stop, for offline reading). Every test leaves a screenshot in target/e2e/."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

SEED = "Record-breaking investments highlight growing potential of western China"

WORLD = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World News</title><link>https://news.example/</link>
<item><title>{SEED}</title><link>https://news.example/2024/05/west</link><guid>w1</guid>
  <author>desk@xinhua.example (Xinhua)</author><category>News</category>
  <comments>https://news.example/2024/05/west#comments</comments>
  <pubDate>Thu, 23 May 2024 10:00:00 GMT</pubDate>
  <description><![CDATA[<p>A record high of 196 major projects were signed at the 6th Western China International Fair for Investment and Trade.</p>
  <p>The four-day event in southwest China's Chongqing Municipality marks the first fair of its kind.</p>
  <blockquote>Opening up leads to mutual benefits.</blockquote>]]></description></item>
<item><title>Trade volume of western China reaches 3.7 trillion yuan</title><link>https://news.example/2024/05/trade</link><guid>w2</guid>
  <dc:creator>Xinhua</dc:creator><category>Economy</category><pubDate>Wed, 22 May 2024 10:00:00 GMT</pubDate>
  <description>Import and export volume grew 37 percent compared to 2019.</description></item>
<item><title>西部地区投资创新高</title><link>https://news.example/2024/05/cn</link><guid>w3</guid>
  <category>News</category><pubDate>Tue, 21 May 2024 10:00:00 GMT</pubDate>
  <description>在重庆举行的西部国际投资贸易洽谈会上，签约项目创下纪录。</description></item>
</channel></rss>"""

TECH = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tech Daily</title><link href="https://tech.example/"/>
<entry><id>urn:t1</id><title>Chip makers expand in Chongqing</title><link href="https://tech.example/1"/>
  <author><name>Ann Lee</name></author><category term="News"/><updated>2024-05-24T08:00:00Z</updated>
  <content type="html">&lt;p&gt;New plants open.&lt;/p&gt;</content></entry>
</feed>"""

HOSTILE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile</title><link>https://evil.example/</link>
<item><title>Totally harmless article</title><link>https://evil.example/1</link><guid>h1</guid>
<description><![CDATA[<p id="visible">Visible text stays.</p>
<script>parent.document.title='pwned'; window.__pwned = 1;</script>
<img src="x" onerror="parent.document.title='pwned'">
<svg onload="parent.document.title='pwned'"></svg>
<a id="jslink" href="javascript:parent.document.title='pwned'">click me</a>
<iframe src="javascript:parent.document.title='pwned'"></iframe>
<div style="background:url(javascript:parent.document.title='pwned')">styled</div>
<form action="https://evil.example/steal"><input name="q"></form>]]></description></item>
</channel></rss>"""


def add_feed_with_dialog(app, url):
    app.button("Add feed").click()
    dialog = app.wait_for("[role='dialog']")
    field = dialog.find_element(By.CSS_SELECTOR, "#add-feed-url")
    field.clear()
    field.send_keys(url)
    app.button("Subscribe").click()
    app.wait_until(lambda: not app.driver.find_elements(By.CSS_SELECTOR, "[role='dialog']"), message="dialog closes")


def add_feed(app, url, folder=None):
    result = app.invoke("add_feed", {"url": url, "folder": folder})
    assert "ok" in result, result
    # The UI re-queries on feeds-changed.
    app.wait_until(lambda: len(app.options()) > 0, message="articles listed")


def open_article(app, title):
    # The row may be redrawn between finding and clicking it: then find it again.
    app.wait_until(lambda: app.option(title).click() or True, message=f"click {title!r}")
    app.wait_until(lambda: app.article().text.strip() == title, message=f"reader shows {title!r}")


def reader_text(app):
    return app.js("const f = document.querySelector('article iframe'); return f && f.contentDocument ? f.contentDocument.body.innerText : '';") or ""


def test_first_start_shows_the_empty_state(app):
    assert app.button("Add feed")
    assert app.driver.find_element(By.CSS_SELECTOR, "input[type='search'][aria-label='Search articles']")
    body = app.driver.find_element(By.TAG_NAME, "body")
    # The welcome shows once the sidebar has found no feeds.
    app.wait_until(lambda: "Add your first feed" in body.text, message="welcome")
    assert "Import OPML" in body.text
    app.screenshot(os.environ.get("TIDINGS_SHOT_NAME", "empty-state"))


def test_subscribe_and_read_the_seed_article(app, feeds):
    feeds.route("/world.xml", WORLD)
    add_feed_with_dialog(app, feeds.url("/world.xml"))
    nav = app.driver.find_element(By.CSS_SELECTOR, "nav[aria-label='Subscriptions']")
    app.wait_until(lambda: "World News" in nav.text, message="feed in the sidebar")
    open_article(app, SEED)
    selected = app.option(SEED)
    assert selected.get_attribute("aria-selected") == "true"
    article = app.driver.find_element(By.TAG_NAME, "article")
    assert article.find_element(By.TAG_NAME, "h1").text == SEED
    assert app.link("Xinhua")
    assert app.link("News")
    bookmark = app.button("Bookmark")
    assert bookmark.get_attribute("aria-pressed") == "false"
    assert app.link("Open in browser").get_attribute("href") == "https://news.example/2024/05/west"
    assert app.link("Comments").get_attribute("href") == "https://news.example/2024/05/west#comments"
    assert app.link("Contact author").get_attribute("href") == "mailto:desk@xinhua.example"
    app.wait_until(lambda: "196 major projects" in reader_text(app), message="article body")
    app.screenshot("reader")

    # Other posts by the author.
    app.link("Xinhua").click()
    app.wait_until(lambda: len(app.options()) == 2, message="Xinhua's two posts")
    assert "Other posts by Xinhua" in app.driver.find_element(By.TAG_NAME, "body").text
    app.screenshot("author")


def test_a_category_across_feeds(app, feeds):
    feeds.route("/world.xml", WORLD)
    feeds.route("/tech.xml", TECH, "application/atom+xml")
    add_feed(app, feeds.url("/world.xml"))
    add_feed(app, feeds.url("/tech.xml"))
    app.wait_until(lambda: len(app.options()) == 4, message="four articles")
    open_article(app, "Chip makers expand in Chongqing")
    app.link("News").click()
    app.wait_until(lambda: len(app.options()) == 3, message="News from both feeds")
    titles = [o.text for o in app.options()]
    assert any("Chip makers" in t for t in titles) and any(SEED[:20] in t for t in titles)
    app.screenshot("category")


def test_a_bookmark_survives_a_restart(app, feeds):
    feeds.route("/world.xml", WORLD)
    add_feed(app, feeds.url("/world.xml"))
    open_article(app, SEED)
    app.button("Bookmark").click()
    app.wait_until(lambda: app.button("Bookmark").get_attribute("aria-pressed") == "true", message="bookmarked")
    app.restart()
    app.button("Bookmarks").click()
    app.wait_until(lambda: len(app.options()) == 1, message="one bookmark")
    open_article(app, SEED)
    assert app.button("Bookmark").get_attribute("aria-pressed") == "true"
    app.screenshot("bookmarks")


def test_search_finds_chinese_words(app, feeds):
    feeds.route("/world.xml", WORLD)
    add_feed(app, feeds.url("/world.xml"))
    box = app.driver.find_element(By.CSS_SELECTOR, "input[type='search'][aria-label='Search articles']")
    box.send_keys("西部")
    app.wait_until(lambda: [o.text for o in app.options()][:1] and "西部地区投资创新高" in app.options()[0].text,
                   message="the Chinese article first")
    marks = app.driver.find_elements(By.CSS_SELECTOR, "[role='option'] mark")
    assert any(m.text == "西部" for m in marks)
    app.screenshot("search")
    box.send_keys(Keys.ESCAPE)


def test_opml_import_with_the_dialogs_code(app, feeds, tmp_path):
    feeds.route("/world.xml", WORLD)
    feeds.route("/tech.xml", TECH, "application/atom+xml")
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(f"""<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="Reading"><outline text="World News" type="rss" xmlUrl="{feeds.url('/world.xml')}"/>
      <outline text="Tech Daily" type="rss" xmlUrl="{feeds.url('/tech.xml')}"/></outline></body></opml>""")
    # The Import OPML button asks the native dialog for a path and calls this.
    result = app.invoke("import_opml", {"path": str(opml)})
    assert len(result["ok"]["added"]) == 2
    nav = app.driver.find_element(By.CSS_SELECTOR, "nav[aria-label='Subscriptions']")
    app.wait_until(lambda: "Reading" in nav.text and "Tech Daily" in nav.text, message="folder and feeds listed")
    app.button("Refresh all").click()
    app.wait_until(lambda: len(app.options()) == 4, message="articles after refresh")
    app.screenshot("opml-import")


def test_reading_offline_after_a_restart(app, feeds):
    feeds.route("/world.xml", WORLD)
    add_feed(app, feeds.url("/world.xml"))
    feeds.stop()
    app.restart()
    open_article(app, SEED)
    app.wait_until(lambda: "196 major projects" in reader_text(app), message="cached body offline")
    app.button("Refresh all").click()
    app.wait_until(lambda: "Offline" in app.driver.find_element(By.TAG_NAME, "body").text, message="offline indicator")
    app.screenshot("offline")


def test_hostile_content_does_not_run(app, feeds):
    feeds.route("/hostile.xml", HOSTILE)
    add_feed(app, feeds.url("/hostile.xml"))
    title_before = app.driver.title
    open_article(app, "Totally harmless article")
    app.wait_until(lambda: "Visible text stays." in reader_text(app), message="safe text shown")
    frame_html = app.js("return document.querySelector('article iframe').contentDocument.body.innerHTML")
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "style=", "<form", "<input"):
        assert bad not in frame_html.lower(), bad
    sandbox = app.js("return document.querySelector('article iframe').getAttribute('sandbox')")
    assert "allow-scripts" not in sandbox
    # Clicking the former javascript: link must do nothing either.
    app.js("const a = document.querySelector('article iframe').contentDocument.querySelector('a'); if (a) a.click();")
    assert app.driver.title == title_before != "pwned"
    assert app.js("return document.querySelector('article iframe').contentWindow.__pwned === undefined")
    assert app.js("return typeof window.__pwned === 'undefined'")
    app.screenshot("hostile")


def test_keyboard_shortcuts(app, feeds):
    feeds.route("/world.xml", WORLD)
    add_feed(app, feeds.url("/world.xml"))
    body = app.driver.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    app.wait_until(lambda: any(o.get_attribute("aria-selected") == "true" for o in app.options()), message="j opens")
    first = [o.get_attribute("aria-selected") for o in app.options()].index("true")
    app.driver.switch_to.active_element.send_keys("j")
    app.wait_until(lambda: [o.get_attribute("aria-selected") for o in app.options()].index("true") == first + 1,
                   message="j moves on")
    app.driver.switch_to.active_element.send_keys("s")
    app.wait_until(lambda: app.button("Bookmark").get_attribute("aria-pressed") == "true", message="s bookmarks")
    app.driver.switch_to.active_element.send_keys("?")
    dialog = app.wait_for("[role='dialog']")
    for key in ("j", "k", "s", "m", "o", "r", "/"):
        assert key in dialog.text
    app.screenshot("shortcuts")


def test_dark_theme(app, feeds):
    feeds.route("/world.xml", WORLD)
    add_feed(app, feeds.url("/world.xml"))
    # The engine takes whole settings (the window always sends every field).
    settings = app.invoke("get_settings", {})["ok"]
    assert "ok" in app.invoke("set_settings", {"settings": {**settings, "theme": "dark"}})
    app.restart()
    open_article(app, SEED)
    app.wait_until(lambda: "196 major projects" in reader_text(app), message="body")
    app.screenshot("reader-dark")


def test_a_large_library_draws_only_the_feeds_in_view(app, tmp_path):
    folders = {"Alpha": 150, "Beta": 100, "Gamma": 50}
    outlines = "".join(
        f'<outline text="{name}">'
        + "".join(f'<outline text="{name} feed {i:03}" type="rss" xmlUrl="http://127.0.0.1:9/{name}/{i}.xml"/>'
                  for i in range(1, count + 1))
        + "</outline>"
        for name, count in folders.items())
    opml = tmp_path / "large.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>Many</title></head><body>{outlines}</body></opml>')
    result = app.invoke("import_opml", {"path": str(opml)})
    assert len(result["ok"]["added"]) == 300
    nav = app.driver.find_element(By.CSS_SELECTOR, "nav[aria-label='Subscriptions']")
    app.wait_until(lambda: "Alpha feed 001" in nav.text, message="first feeds listed")
    # Read in one step: the sidebar may redraw its rows between WebDriver calls.
    drawn, first = app.js("""const rows = arguments[0].querySelectorAll('li[aria-setsize]');
                             return [rows.length, [rows[0].getAttribute('aria-setsize'), rows[0].getAttribute('aria-posinset')]];""",
                          nav)
    assert 10 < drawn < 150, f"{drawn} feed rows drawn of 300"
    assert first == ["150", "1"]
    # Scrolled to the end, the last feed is there to be picked; the first is gone.
    app.js("""const nav = arguments[0];
              const box = [...nav.querySelectorAll('*')].find(e => e.scrollHeight > e.clientHeight + 50);
              box.scrollTop = box.scrollHeight;""", nav)
    app.wait_until(lambda: "Gamma feed 050" in nav.text and "Alpha feed 001" not in nav.text, message="scrolled to the end")
    app.button("Gamma feed 050").click()
    app.wait_until(lambda: app.button("Gamma feed 050").get_attribute("aria-current") == "true",
                   message="the last feed opened")
    app.screenshot("sidebar-large-library")
