#!/usr/bin/env python3
"""Desktop benchmarks of Tidings (docs/PERFORMANCE.md):

  startup  launch → article list painted, with a library of 100,000 articles;
           opening an article (list selection → body painted), same library.
           The app runs with TIDINGS_PROBE=1: the page measures itself (no
           WebDriver in the loop) and the shell prints one TIDINGS_PROBE line.
  memory   total PSS of the app and its WebKit processes while it refreshes
           the same 1,000 feeds as ../shared/bench (the method of
           ../shared/bench/DESKTOP-PEERS.md: sum of Pss from smaps_rollup over
           the process tree, sampled every 0.25 s; "settled" = 15 s after the
           tree's CPU time stops growing).

Usage (as root, Xvfb and nginx installed by scripts/setup.sh and
../shared/bench/setup.sh):
  bench/desktop.py startup [--runs 5]
  bench/desktop.py memory
Needs release builds: cargo build --release -p tidings-desktop -p tidings-cli
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HARNESS = Path(os.environ.get("TIDINGS_BENCH_HARNESS", REPO.parent / "shared" / "bench"))
APP = REPO / "target" / "release" / "tidings-desktop"
CLI = REPO / "target" / "release" / "tidings"
PORT = 8089


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def corpus(feeds):
    path = Path(f"/tmp/bench-corpus-{feeds}-50-s1")
    if not (path / "feeds.opml").exists():
        log(f"generating {feeds} feeds x 50 items")
        subprocess.run([sys.executable, HARNESS / "gen_feeds.py", "--feeds", str(feeds), "--items", "50",
                        "--out", path, "--seed", "1", "--port", str(PORT)], check=True)
    return path


def serve(path, action):
    subprocess.run(["bash", HARNESS / "serve.sh", str(path), str(PORT), action], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def library(feeds):
    """A library holding `feeds` × 50 articles, built once and kept."""
    db = Path(f"/tmp/tidings-bench-library-{feeds}.db")
    if db.exists():
        return db
    src = corpus(feeds)
    serve(src, "restart")
    try:
        tmp = db.with_suffix(".tmp")
        for suffix in ("", "-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        subprocess.run([CLI, "--db", tmp, "import", src / "feeds.opml"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([CLI, "--db", tmp, "refresh"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["sqlite3", tmp, "PRAGMA wal_checkpoint(TRUNCATE)"], check=True, stdout=subprocess.DEVNULL)
        tmp.rename(db)
    finally:
        serve(src, "stop")
    return db


class Display:
    def __enter__(self):
        self.proc = None
        if not os.environ.get("DISPLAY"):
            self.proc = subprocess.Popen(["Xvfb", ":97", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.environ["DISPLAY"] = ":97"
            # Ready when its socket is there (a fixed wait lost the race on a loaded box).
            deadline = time.monotonic() + 10
            while not Path("/tmp/.X11-unix/X97").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        if self.proc:
            self.proc.terminate()
            self.proc.wait()
            del os.environ["DISPLAY"]


def startup(args):
    db = library(2000)
    rows = subprocess.run(["sqlite3", db, "select count(*) from articles"], capture_output=True, text=True).stdout.strip()
    log(f"library {db}: {rows} articles")
    results = []
    with Display():
        for run in range(args.runs):
            work = Path("/tmp/tidings-bench-startup")
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            shutil.copy(db, work / "library.db")
            env = dict(os.environ, TIDINGS_DB=str(work / "library.db"), TIDINGS_PROBE="1", TIDINGS_NO_AUTO_REFRESH="1",
                       HOME=str(work), XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"))
            t0 = time.monotonic()
            out = subprocess.run([APP], env=env, capture_output=True, text=True, timeout=120).stdout
            wall = time.monotonic() - t0
            line = next((l for l in out.splitlines() if l.startswith("TIDINGS_PROBE ")), None)
            if not line:
                raise SystemExit(f"run {run}: no probe line; stdout: {out[-500:]}")
            r = json.loads(line.split(" ", 1)[1])
            r["wall_s"] = round(wall, 2)
            results.append(r)
            # The whole report (phases, every frame until the list was painted) for a closer look.
            Path(f"/tmp/tidings-probe-run{run + 1}.json").write_text(json.dumps(r, indent=1))
            log(f"run {run + 1}: list painted at {r['process_ms']['list_painted']} ms after launch; "
                f"open median {r['ui']['open_median_ms']:.1f} ms, max {r['ui']['open_max_ms']:.1f} ms "
                f"(meta and body in {r['ui']['loaded_median_ms']:.1f} ms)")
    painted = [r["process_ms"]["list_painted"] for r in results]
    opens = [x for r in results for x in r["ui"]["open_ms"]]
    summary = {
        "articles": int(rows),
        "runs": len(results),
        "list_painted_ms_median": statistics.median(painted),
        "list_painted_ms_max": max(painted),
        "open_article_ms_median": statistics.median(opens),
        "open_article_ms_p95": sorted(opens)[int(len(opens) * 0.95) - 1],
        "open_article_ms_max": max(opens),
        "article_loaded_ms_median": statistics.median(x for r in results for x in r["ui"]["loaded_ms"]),
        "load1": os.getloadavg()[0],
    }
    print(json.dumps(summary, indent=2))


def tree(pid):
    """pid and all its descendants."""
    out = [pid]
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid:
            out.extend(tree(int(p.name)))
    return out


def pss_kib(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def per_process(pids):
    """Settled PSS and anonymous memory of each process, in MiB, by name."""
    out = {}
    for pid in pids:
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            fields = dict(l.split(":", 1) for l in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
        except OSError:
            continue
        mib = lambda k: round(int(fields.get(k, "0 kB").split()[0]) / 1024, 1)
        out[f"{name} ({pid})"] = {"pss": mib("Pss"), "anon": mib("Pss_Anon")}
    return out


def cpu_s(pids):
    hz = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(f[11]) + int(f[12])
        except (OSError, IndexError):
            pass
    return total / hz


def memory(args):
    src = corpus(1000)
    serve(src, "restart")
    work = Path("/tmp/tidings-bench-memory")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    db = work / "library.db"
    subprocess.run([CLI, "--db", db, "import", src / "feeds.opml"], check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, TIDINGS_DB=str(db), HOME=str(work), XDG_DATA_HOME=str(work / "data"),
               XDG_CONFIG_HOME=str(work / "config"))
    env.pop("TIDINGS_NO_AUTO_REFRESH", None)
    samples = []
    try:
        with Display():
            t0 = time.monotonic()
            app = subprocess.Popen([APP], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            idle_since = None
            last_cpu, last_t = 0.0, t0
            while time.monotonic() - t0 < args.timeout:
                time.sleep(0.25)
                pids = tree(app.pid)
                now = time.monotonic()
                samples.append((now - t0, pss_kib(pids), len(pids)))
                if now - last_t >= 3:
                    c = cpu_s(pids)
                    stored = subprocess.run(["sqlite3", db, "select count(*) from articles"], capture_output=True,
                                            text=True).stdout.strip()
                    busy = c - last_cpu > 0.05
                    log(f"{now - t0:6.1f} s  PSS {samples[-1][1] / 1024:6.1f} MiB  {len(pids)} processes  "
                        f"articles {stored}  cpu +{c - last_cpu:.2f}s")
                    if not busy and stored not in ("", "0") and idle_since is None:
                        idle_since = now
                    if busy:
                        idle_since = None
                    last_cpu, last_t = c, now
                if idle_since and now - idle_since >= 15:
                    break
            breakdown = per_process(tree(app.pid))
            app.terminate()
            app.wait(10)
    finally:
        serve(src, "stop")
    peak = max(s[1] for s in samples)
    settled = samples[-1][1]
    stored = subprocess.run(["sqlite3", db, "select count(*) from articles"], capture_output=True, text=True).stdout.strip()
    print(json.dumps({"feeds": 1000, "articles_stored": int(stored or 0), "peak_pss_mib": round(peak / 1024, 1),
                      "settled_pss_mib": round(settled / 1024, 1), "seconds": round(samples[-1][0], 1),
                      "settled_by_process": breakdown,
                      "load1": os.getloadavg()[0]}, indent=2))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    s = sub.add_parser("startup")
    s.add_argument("--runs", type=int, default=5)
    m = sub.add_parser("memory")
    m.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    for binary in (APP, CLI):
        if not binary.exists():
            raise SystemExit(f"{binary} is missing: cargo build --release -p tidings-desktop -p tidings-cli")
    {"startup": startup, "memory": memory}[args.what](args)


if __name__ == "__main__":
    main()
