"""End-to-end fixtures: a feed server on 127.0.0.1, Xvfb, and the real app
driven through tauri-driver (WebKitWebDriver) with Selenium.

Each `app` starts the real `tidings-desktop` binary on its own library file
(TIDINGS_DB), so tests are independent; `app.restart()` quits and starts it
again on the same library (for "survives a restart" and offline tests).
"""
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parent.parent
APP = Path(os.environ.get("TIDINGS_APP", REPO / "target" / "debug" / "tidings-desktop"))
SHOTS = REPO / "target" / "e2e"
WAIT = 20


class FeedServer:
    """Serves whatever the test put at a path; can stop and start again on
    the same port (to test offline reading)."""

    def __init__(self):
        self.routes = {}
        self.port = _free_port()
        self._httpd = None
        self.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path, body, content_type="application/rss+xml; charset=utf-8"):
        self.routes[path] = (content_type, body.encode("utf-8") if isinstance(body, str) else body)

    def start(self):
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                found = routes.get(self.path)
                if not found:
                    self.send_response(404)
                    self.end_headers()
                    return
                ctype, body = found
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None


def _wait_for_port(port, timeout=WAIT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def display():
    """An X display: the caller's, or an Xvfb of our own."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    number = 90 + os.getpid() % 9
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = f":{number}"
    time.sleep(0.5)
    yield os.environ["DISPLAY"]
    xvfb.terminate()
    xvfb.wait()
    del os.environ["DISPLAY"]


@pytest.fixture
def feeds():
    server = FeedServer()
    yield server
    server.stop()


class App:
    """The running app, through WebDriver."""

    def __init__(self, db, extra_env=None):
        self.db = db
        self.extra_env = extra_env or {}
        self.driver = None
        self._tauri_driver = None
        self.start()

    def start(self):
        port = _free_port()
        native = _free_port()
        env = dict(os.environ, TIDINGS_DB=str(self.db), TIDINGS_NO_AUTO_REFRESH="1", **self.extra_env)
        self._tauri_driver = subprocess.Popen(
            ["tauri-driver", "--port", str(port), "--native-port", str(native)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_port(port)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(APP)})
        deadline = time.time() + WAIT
        while True:
            try:
                self.driver = webdriver.Remote(f"http://127.0.0.1:{port}", options=options)
                break
            except Exception:  # tauri-driver not listening yet, or closing on us
                if time.time() > deadline:
                    raise
                time.sleep(0.3)
        self.wait_for("nav[aria-label='Subscriptions']")

    def quit(self):
        if self.driver:
            try:
                self.driver.quit()
            except WebDriverException:
                pass
            self.driver = None
        if self._tauri_driver:
            self._tauri_driver.terminate()
            try:
                self._tauri_driver.wait(5)
            except subprocess.TimeoutExpired:
                self._tauri_driver.kill()
            self._tauri_driver = None

    def restart(self, **extra_env):
        self.quit()
        self.extra_env.update(extra_env)
        self.start()

    # ---- finding things by role and name (BRIEF.md's contract) ----------

    def wait_for(self, css, timeout=WAIT):
        return WebDriverWait(self.driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def wait_until(self, predicate, timeout=WAIT, message=""):
        # A row redrawn while the predicate looks at it (the list re-queried) is looked for again.
        return WebDriverWait(self.driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: predicate(), message)

    def button(self, name):
        return self.wait_until(lambda: _named(self.driver, "button", name), message=f"button {name!r}")

    def link(self, name):
        return self.wait_until(lambda: _named(self.driver, "a", name), message=f"link {name!r}")

    def options(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "[role='listbox'][aria-label='Articles'] [role='option']")

    def option(self, title):
        return self.wait_until(lambda: next((o for o in self.options() if o.text.strip().startswith(title)), None),
                               message=f"article {title!r} in the list")

    def article(self):
        return self.wait_for("article h1")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def invoke(self, command, args):
        """Calls an IPC command the way the UI's own code does."""
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])"
            ".then(r => done({ok: r}), e => done({err: e}));", command, args)

    def screenshot(self, name):
        # Two animation frames: an earlier frame can be stale.
        self.driver.execute_async_script(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));")
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(SHOTS / f"{name}.png"))


def _named(driver, tag, name):
    for el in driver.find_elements(By.TAG_NAME, tag):
        try:
            label = (el.get_attribute("aria-label") or el.text or "").strip()
            if label == name and el.is_displayed():
                return el
        except StaleElementReferenceException:
            # Redrawn while we looked (a windowed list scrolling): the next look finds the new one.
            continue
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets the `app` fixture see whether its test failed.
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.call_failed = report.failed


@pytest.fixture
def app(request, display, tmp_path):
    if not shutil.which("tauri-driver"):
        pytest.fail("tauri-driver is not installed (cargo install tauri-driver --locked)")
    if not APP.exists():
        pytest.fail(f"{APP} is missing: cargo build -p tidings-desktop")
    a = App(tmp_path / "library.db")
    yield a
    if getattr(request.node, "call_failed", False):
        # What the window showed when the test failed, for a failure seen only in CI.
        try:
            a.screenshot(f"FAILED-{request.node.name}")
            print("window text at failure:\n" + (a.js("return document.body.innerText") or "")[:3000])
        except WebDriverException as e:
            print(f"no screenshot of the failure: {e}")
    a.quit()
