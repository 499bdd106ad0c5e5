"""The app as users start it, without WebDriver: WebDriver changes how
WebKit draws (src-tauri/rendering.rs), so this checks the other path too.
With TIDINGS_PROBE=1 the app paints its window, reports and quits."""
import json
import os
import subprocess
import time
from pathlib import Path

from conftest import APP


def children(pid):
    out = []
    for p in Path("/proc").iterdir():
        try:
            if p.name.isdigit() and int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(p.name))
        except (OSError, ValueError, IndexError):
            pass
    return out


def test_the_app_starts_and_paints_without_webdriver(display, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("TAURI_WEBVIEW_AUTOMATION", "TAURI_AUTOMATION",
                                                            "WEBKIT_DISABLE_DMABUF_RENDERER")}
    env.update(TIDINGS_DB=str(tmp_path / "library.db"), TIDINGS_PROBE="1", TIDINGS_NO_AUTO_REFRESH="1",
               HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    app = subprocess.Popen([str(APP)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        # The web process inherits the app's choice of drawing path.
        gpu = any(p.name.startswith("renderD") for p in Path("/dev/dri").glob("*")) if Path("/dev/dri").exists() else False
        web = None
        deadline = time.time() + 60
        while web is None and time.time() < deadline and app.poll() is None:
            web = next((c for c in children(app.pid) if Path(f"/proc/{c}/comm").read_text().startswith("WebKitWebProces")),
                       None)
            time.sleep(0.1)
        assert web, "no WebKit web process started"
        environ = Path(f"/proc/{web}/environ").read_bytes().split(b"\0")
        assert (b"WEBKIT_DISABLE_DMABUF_RENDERER=1" in environ) == (not gpu)
        out, _ = app.communicate(timeout=120)
    finally:
        app.kill()
    assert app.returncode == 0
    line = next((l for l in out.splitlines() if l.startswith("TIDINGS_PROBE ")), None)
    assert line, f"no probe report; stdout: {out[-500:]}"
    report = json.loads(line.split(" ", 1)[1])
    assert report["process_ms"]["list_painted"] > 0
    assert report["ui"]["rows"] == 0
