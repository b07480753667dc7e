"""TUI benchmark: first paint, selection and opening latency, and memory on 100,000 articles.

Usage::

    python tests/bench/bench_tui.py [--db PATH] [--articles N] [--runs N] [--rebuild]

Builds (once; reused while it has the right size) a database of invented articles written
straight into the store with SQL (25,000 stories of 4 articles from 40 outlets, with figures,
quotes and timeline rows), so no pipeline stage runs. Then measures:

* first paint: wall time from spawning ``python`` to the first frame of the app on that
  database (headless; the app exits right after), against a minimal Textual app (one Static)
  timed the same way in the same run; medians of ``--runs`` alternating runs. The child also
  reports its resident memory (VmRSS) at first paint.
* latency: in-process with Textual's Pilot at 120x40 (headless), from posting a key to the
  first and to the last screen update it caused (frames handed to the driver; Pilot's own
  idle-waiting afterwards is not counted), and the process CPU time to the last frame. For
  ``j`` the first frame is the list's moved selection, the last one the brief and facts
  panes refilled. Keys: ``j`` (move the selection, brief and facts panes
  reloaded), ``enter`` (open the story), ``enter`` (open the reader), ``escape``x2, ``G`` and
  ``g`` (jump to the bottom and top: the deepest page load).
* Children run with bytecode caching on (``PYTHONPYCACHEPREFIX`` under /tmp), as an
  installed brief would, even when the environment sets ``PYTHONDONTWRITEBYTECODE``.
* memory: VmRSS of the Pilot process after all of that.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PER_STORY = 4
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

SYLLABLES = ["ka", "lor", "ven", "tis", "mar", "dol", "ne", "ru", "sa", "bel", "qua", "fen",
             "tor", "li", "ost", "ra", "mi", "dun", "ef", "gal", "hy", "jo", "ul", "pra"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def _sentence(rng: random.Random, n: int) -> str:
    words = [_word(rng) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build(path: Path, articles: int) -> None:
    from brief.services import Library

    if path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    lib = Library.open(path)
    store = lib.store
    rng = random.Random(7)
    outlets = [f"{_word(rng).capitalize()} {rng.choice(['Times', 'Post', 'Courier', 'Ledger'])}"
               for _ in range(40)]
    stories = articles // PER_STORY
    started = time.perf_counter()
    with store.transaction():
        conn = store.conn
        article_rows = []
        story_rows = []
        fact_rows = []
        quote_rows = []
        timeline_rows = []
        aid = 0
        for sid in range(1, stories + 1):
            last = NOW - timedelta(minutes=7 * sid)
            headline = _sentence(rng, rng.randint(6, 12))[:-1]
            srcs = sorted(set(rng.sample(outlets, PER_STORY)))
            unread = 0
            for k in range(PER_STORY):
                aid += 1
                published = last - timedelta(hours=k)
                read = int(rng.random() < 0.5)
                unread += 1 - read
                text = "\n\n".join(_sentence(rng, rng.randint(10, 25)) + " "
                                   + _sentence(rng, rng.randint(8, 20))
                                   for _ in range(rng.randint(4, 8)))
                article_rows.append((
                    aid, f"item-{aid}", f"https://{srcs[k % len(srcs)].split()[0].lower()}"
                    f".example/{aid}", srcs[k % len(srcs)],
                    headline if k == 0 else _sentence(rng, rng.randint(6, 12))[:-1],
                    "By " + _word(rng).capitalize(), published.isoformat(),
                    published.isoformat(), text, read, sid,
                ))
            story_rows.append((
                sid, headline, _sentence(rng, 20), json.dumps(srcs), PER_STORY, unread,
                int(rng.random() < 0.02), 0, (last - timedelta(hours=PER_STORY - 1)).isoformat(),
                last.isoformat(),
            ))
            for r in range(2):
                fact_rows.append((sid, r, f"{rng.randint(2, 900)} {_word(rng)}",
                                  rng.randint(2, 900), _word(rng), json.dumps(srcs[:2])))
            quote_rows.append((sid, 0, _word(rng).capitalize(), _sentence(rng, 12),
                               json.dumps(srcs[:1])))
            timeline_rows.append((sid, 0, (last - timedelta(days=3)).date().isoformat(), "day",
                                  _sentence(rng, 8), json.dumps(srcs[:1])))
        conn.executemany(
            "INSERT INTO stories(id, headline, summary, sources, size, unread, starred, "
            "dismissed, first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?,?,?)", story_rows)
        conn.executemany(
            "INSERT INTO articles(id, external_id, url, source, title, byline, published, "
            "fetched_at, text, read, story_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", article_rows)
        conn.executemany(
            "INSERT INTO article_sources(article_id, url, external_id, source) "
            "SELECT id, url, external_id, source FROM articles WHERE id = ?",
            [(r[0],) for r in article_rows])
        conn.executemany("INSERT INTO facts(story_id, rank, text, value, unit, sources) "
                         "VALUES (?,?,?,?,?,?)", fact_rows)
        conn.executemany("INSERT INTO quotes(story_id, rank, speaker, text, sources) "
                         "VALUES (?,?,?,?,?)", quote_rows)
        conn.executemany("INSERT INTO timeline_events(story_id, rank, date, precision, text, "
                         "sources) VALUES (?,?,?,?,?,?)", timeline_rows)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lib.close()
    print(f"built {path}: {articles:,} articles, {stories:,} stories in "
          f"{time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")


CHILD_APP = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from brief.services import Library
from tui.app import create_app
from tui.config import Settings
from tui.main_screen import MainScreen

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

class Timed(MainScreen):
    def on_mount(self):  # Textual runs MainScreen.on_mount too (handlers follow the MRO)
        self.call_after_refresh(self.painted)
    def painted(self):
        print(time.time(), rss(), self.stories.count, flush=True)
        self.app.exit()

app = create_app(Library.open({db!r}), Settings())
import tui.app
tui.app.MainScreen = Timed
app.run(headless=True, size=(120, 40))
"""

CHILD_MINIMAL = r"""
import time
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.painted)
    def painted(self):
        print(time.time(), 0, 0, flush=True)
        self.exit()

Minimal().run(headless=True, size=(120, 40))
"""


def child_env() -> dict[str, str]:
    """Bytecode cached (in a prefix under /tmp), as for an installed brief."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / "brief-bench-pyc")
    return env


IMPORTS = r"""
import sys, time
t = time.perf_counter()
import textual.app
a = time.perf_counter()
import brief.services
b = time.perf_counter()
import tui.app
c = time.perf_counter()
heavy = sum(m in sys.modules for m in ("numpy", "sqlite_utils", "trafilatura", "dateparser"))
print(f"{(a - t) * 1000:.0f} {(b - a) * 1000:.0f} {(c - b) * 1000:.0f} {heavy}")
"""


def import_costs(runs: int) -> None:
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True,
                             timeout=60, cwd=ROOT, env=child_env())
        rows.append([float(x) for x in out.stdout.split()])
    med = [statistics.median(col) for col in zip(*rows, strict=True)]
    print(f"imports (median of {runs}): textual.app {med[0]:.0f} ms, then brief.services "
          f"{med[1]:.0f} ms, tui.app {med[2]:.0f} ms; heavy modules loaded at start "
          f"(numpy, sqlite_utils, trafilatura, dateparser): {med[3]:.0f}")


CPU: list[float] = []  # user+sys seconds of each child, in spawn order


def spawn(code: str) -> tuple[float, float, int]:
    """(seconds from spawn to first paint, RSS MB, stories listed); CPU time into CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, env=child_env())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    line = [ln for ln in out.stdout.splitlines() if ln.strip()][-1]
    painted, rss, count = line.split()
    return float(painted) - started, float(rss), int(count)


async def latencies(db: Path, presses: int) -> dict[str, list[float]]:
    """Per key: from posting the key to the last screen update it caused (ms)."""
    from brief.services import Library
    from tui.ages import fixed_clock
    from tui.app import create_app
    from tui.config import Settings

    app = create_app(Library.open(db), Settings(), clock=fixed_clock(NOW))
    shown: list[tuple[float, float]] = []
    display = app._display

    def timed_display(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None:
            shown.append((time.perf_counter(), time.process_time()))

    app._display = timed_display  # type: ignore[method-assign]
    out: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def timed(name: str, key: str) -> None:
            shown.clear()
            t, cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()
            if shown:
                out.setdefault(name + ": first frame", []).append((shown[0][0] - t) * 1000)
                out.setdefault(name + ": last frame", []).append((shown[-1][0] - t) * 1000)
                out.setdefault(name + ": cpu to last", []).append((shown[-1][1] - cpu) * 1000)

        for _ in range(presses):
            await timed("move (j)", "j")
        for _ in range(presses // 4):
            await timed("open story (enter)", "enter")
            await timed("open reader (enter)", "enter")
            await timed("back (escape)", "escape")
            await timed("back (escape)", "escape")
            await timed("move (j)", "j")
        for _ in range(3):
            await timed("bottom (G)", "G")
            await timed("top (g)", "g")
        out["rss_mb"] = [rss_mb()]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/brief-bench-tui.db"))
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--presses", type=int, default=40)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--latency-only", action="store_true", help="skip the first-paint runs")
    args = ap.parse_args()

    from brief.services import Library

    if args.rebuild or not args.db.exists():
        build(args.db, args.articles)
    lib = Library.open(args.db)
    n = lib.store.article_count()
    lib.close()
    if n != args.articles:
        build(args.db, args.articles)
    print(f"database: {args.db} ({n:,} articles)")

    if not args.latency_only:
        first_paint(args.db, n, args.runs)
    latency(args.db, args.presses)


def first_paint(db: Path, n: int, runs: int) -> None:
    app_code = CHILD_APP.format(root=str(ROOT), db=str(db))
    spawn(app_code)  # warm the page cache and .pyc files
    spawn(CHILD_MINIMAL)
    app_times, minimal_times, rss, app_cpu, minimal_cpu = [], [], [], [], []
    for _ in range(runs):
        t, r, count = spawn(app_code)
        app_times.append(t)
        app_cpu.append(CPU[-1])
        rss.append(r)
        minimal_times.append(spawn(CHILD_MINIMAL)[0])
        minimal_cpu.append(CPU[-1])
    a, m = statistics.median(app_times), statistics.median(minimal_times)
    print(f"first paint, brief on {n:,} articles ({count:,} stories on screen/first page): median {a * 1000:.0f} ms "
          f"(min {min(app_times) * 1000:.0f}, max {max(app_times) * 1000:.0f})")
    print(f"first paint, minimal Textual app: median {m * 1000:.0f} ms "
          f"(min {min(minimal_times) * 1000:.0f}, max {max(minimal_times) * 1000:.0f})")
    print(f"ratio of the fastest runs (best of {runs}, least disturbed by other load): "
          f"{min(app_times) / min(minimal_times):.2f}x")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"ratio: {a / m:.2f}x  (target <= 1.5x and <= 1000 ms: "
          f"{'PASS' if a / m <= 1.5 and a <= 1.0 else 'FAIL'})")
    ac, mc = statistics.median(app_cpu), statistics.median(minimal_cpu)
    print(f"whole-process CPU (user+sys, the child runs to exit right after its first paint): "
          f"brief {ac * 1000:.0f} ms, minimal {mc * 1000:.0f} ms, ratio {ac / mc:.2f}x")
    print(f"resident memory at first paint: median {statistics.median(rss):.0f} MB")
    import_costs(runs)



def latency(db: Path, presses: int) -> None:
    results = asyncio.run(latencies(db, presses))
    worst = 0.0
    for name, values in results.items():
        if name == "rss_mb":
            continue
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        worst = max(worst, p95)
        print(f"{name:<36} n={len(values):>3}  median {statistics.median(values):6.1f} ms  "
              f"p95 {p95:6.1f} ms  max {max(values):6.1f} ms")
    print(f"latency target p95 <= 50 ms: {'PASS' if worst <= 50 else 'FAIL'} (worst p95 "
          f"{worst:.1f} ms); load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"resident memory after the Pilot session: {results['rss_mb'][0]:.0f} MB "
          f"(target < 250 MB: {'PASS' if results['rss_mb'][0] < 250 else 'FAIL'})")


if __name__ == "__main__":
    main()
