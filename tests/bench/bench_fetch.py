"""Fetcher benchmarks on a loopback HTTP server (run by hand; prints what it measured).

    python tests/bench/bench_fetch.py newsboat   # brief --no-articles vs newsboat, 200x20 feeds
    python tests/bench/bench_fetch.py fulltext   # full-text throughput vs raw trafilatura on 2 cores
    python tests/bench/bench_fetch.py all

The server runs in its own process (so it does not compete with brief for the GIL) and adds
``--latency`` seconds to every response. Feeds are spread over ``--hosts`` loopback addresses
(127.0.0.1, 127.0.0.2, ...), ``--feeds / --hosts`` per address, as a real subscription list
spans many sites; ``--hosts 1`` puts every feed on one host, where brief's per-host limit
(politeness) caps concurrency. All generated text is invented (random words).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SYLLABLES = ("ka", "lo", "mer", "dun", "vi", "sal", "tor", "en", "ar", "bel", "quin", "ro",
             "sta", "mil", "ho", "neth", "pra", "gul", "ith", "wen")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random, n: int | None = None) -> str:
    words = [word(rng) for _ in range(n or rng.randint(8, 22))]
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), str(rng.randint(2, 900)))
    return " ".join(words).capitalize() + "."


def make_site(n_feeds: int, n_items: int, hosts: list[str], seed: int = 7
              ) -> tuple[dict[str, dict[str, bytes]], list[str]]:
    """Per host: path -> body. Returns (routes by host, feed URLs)."""
    rng = random.Random(seed)
    routes: dict[str, dict[str, bytes]] = {h: {} for h in hosts}
    feed_urls = []
    # Boilerplate sized like real news pages (tens of KB of markup around the article).
    nav = "".join(f"<li class='nav-item'><a class='nav-link' href='/section/{i}'>"
                  f"{word(rng).title()}</a></li>" for i in range(150))
    footer = " ".join(sentence(rng) for _ in range(12))
    script = "<script>" + ";".join(
        f"var {word(rng)}{i}={{id:{i},name:'{word(rng)}',track:function(){{return {i}}}}}"
        for i in range(400)) + "</script>"
    for f in range(n_feeds):
        host = hosts[f % len(hosts)]
        items = []
        for i in range(n_items):
            slug = f"/f{f}/story-{i}"
            title = sentence(rng, 7)[:-1]
            paras = "".join(f"<p>{' '.join(sentence(rng) for _ in range(4))}</p>"
                            for _ in range(rng.randint(6, 12)))
            related = "".join(f"<li><a href='/x/{rng.randint(1, 9999)}'>{sentence(rng, 6)}</a></li>"
                              for _ in range(20))
            comments = "".join(f"<div class='comment'><b>{word(rng)}</b><p>{sentence(rng)}</p></div>"
                               for _ in range(15))
            routes[host][slug] = (
                "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                f"<title>{title} | The {word(rng).title()} Courier</title>"
                f"<meta property='og:title' content='{title}'>"
                "<script>window.dataLayer=[];function track(){return 1}</script>"
                f"{script}<style>body{{font-family:serif}}.nav li{{display:inline}}</style></head><body>"
                f"<header><div class='logo'>Courier</div><ul class='nav'>{nav}</ul>"
                "<a href='/subscribe'>Subscribe for 1 dollar a week</a></header>"
                f"<main><article><h1>{title}</h1><p class='byline'>By {word(rng).title()} "
                f"{word(rng).title()}</p><time datetime='2026-11-0{1 + i % 9}'>Nov 2026</time>"
                f"{paras}</article><aside><h3>Related</h3><ul>{related}</ul></aside>"
                f"<section class='comments'><h3>Comments</h3>{comments}</section></main>"
                f"<footer><p>{footer}</p><p>Copyright 2026. All rights reserved.</p></footer>"
                "</body></html>"
            ).encode()
            items.append(
                f"<item><title>{title}</title><link>http://{host}:{{port}}{slug}</link>"
                f"<guid isPermaLink='false'>f{f}-i{i}</guid><description>{sentence(rng)}"
                f"</description><pubDate>Mon, 0{1 + i % 9} Nov 2026 0{i % 10}:00:00 GMT</pubDate>"
                "</item>"
            )
        routes[host][f"/feed{f}.xml"] = (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Bench feed {f}</title><link>http://{host}:{{port}}/</link>"
            f"<description>generated</description>{''.join(items)}</channel></rss>"
        ).encode()
        feed_urls.append(f"http://{host}:{{port}}/feed{f}.xml")
    return routes, feed_urls


def _serve(routes: dict[str, dict[str, bytes]], latency: float, q: Any) -> None:
    servers = []
    ports = {}
    for host, table in routes.items():
        handler = _handler(table, latency)
        srv = ThreadingHTTPServer((host, 0), handler)
        srv.daemon_threads = True
        srv.request_queue_size = 1024
        ports[host] = srv.server_address[1]
        servers.append(srv)
    # fill in the ports now that they are known
    for host, table in routes.items():
        for path in list(table):
            table[path] = table[path].replace(b"{port}", str(ports[host]).encode())
    for srv in servers:
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1},
                         daemon=True).start()
    q.put(ports)
    threading.Event().wait()


def _handler(table: dict[str, bytes], latency: float) -> type[BaseHTTPRequestHandler]:
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            time.sleep(latency)
            body = table.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            ctype = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_header("Content-Type", ctype + "; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Mon, 02 Nov 2026 10:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return H


class Site:
    def __init__(self, n_feeds: int, n_items: int, n_hosts: int, latency: float) -> None:
        hosts = [f"127.0.0.{i + 1}" for i in range(n_hosts)]
        routes, urls = make_site(n_feeds, n_items, hosts)
        self.pages = [(h, p, b) for h, t in routes.items() for p, b in t.items()
                      if not p.endswith(".xml")]
        q: Any = mp.get_context("fork").Queue()
        self.proc = mp.get_context("fork").Process(target=_serve, args=(routes, latency, q),
                                                   daemon=True)
        self.proc.start()
        ports = q.get(timeout=60)
        self.feed_urls = [u.replace("{port}", str(ports[u.split("/")[2].split(":")[0]]))
                          for u in urls]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.join()


def peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


# -- brief vs newsboat, summaries only --------------------------------------------------------------


def run_newsboat(urls: list[str], threads: int) -> tuple[float, float]:
    """Wall time of ``newsboat -x reload`` on an empty cache, then again (unchanged feeds)."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "urls").write_text("\n".join(urls) + "\n")
        (t / "config").write_text(f"reload-threads {threads}\n")
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
        times = []
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run(
                ["newsboat", "-u", str(t / "urls"), "-c", str(t / "cache.db"), "-C",
                 str(t / "config"), "-x", "reload"],
                env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - start)
        print(f"  newsboat reload-threads {threads}: cold {times[0]:.3f} s, "
              f"again {times[1]:.3f} s")
        return times[0], times[1]


def subscribed(path: Path, urls: list[str]) -> Any:
    """A new store at ``path`` subscribed to ``urls``."""
    from cache.store import open_store

    store = open_store(path)
    with store.transaction():
        for u in urls:
            store.add_feed(u)
    return store


def run_brief_api(urls: list[str]) -> tuple[float, float, Any]:
    from brief.refresh import refresh

    with tempfile.TemporaryDirectory() as tmp:
        store = subscribed(Path(tmp) / "b.db", urls)
        start = time.perf_counter()
        first = refresh(store, articles=False)
        cold = time.perf_counter() - start
        stale = store.scalar("SELECT count(*) FROM stories WHERE facts_stale = 1")
        changes = store.conn.total_changes
        start = time.perf_counter()
        second = refresh(store, articles=False)
        warm = time.perf_counter() - start
        wrote = store.conn.total_changes - changes
        store.close()
    print(f"  brief refresh() cold: {cold:.3f} s  ({first}); feeds fetched and parsed after "
          f"{first.fetch_seconds:.3f} s, the rest is Pipeline.ingest; stories left with stale "
          f"facts: {stale}")
    print(f"  brief refresh() again: {warm:.3f} s ({second}); rows written: {wrote}")
    return cold, warm, second


def run_brief_cli(urls: list[str]) -> tuple[float, float] | None:
    """Wall time of ``brief fetch --no-articles`` on an empty database, then again."""
    exe = shutil.which("brief") or str(Path(sys.executable).parent / "brief")
    if not Path(exe).exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        opml = Path(tmp) / "subs.opml"
        from brief.opml import OpmlFeed, render_opml

        opml.write_text(render_opml([OpmlFeed(u) for u in urls]))
        db = str(Path(tmp) / "cli.db")
        # this checkout's brief, whatever the installed script points at
        env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp,
                   PYTHONPATH=str(ROOT))
        r = subprocess.run([exe, "--db", db, "opml", "import", str(opml)], env=env,
                           capture_output=True, text=True)
        if r.returncode:
            print(f"  brief CLI: opml import failed: {r.stderr.strip()[:200]}")
            return None
        times = []
        for label in ("cold", "again"):
            start = time.perf_counter()
            r = subprocess.run([exe, "--db", db, "fetch", "--no-articles"], env=env,
                               capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            said = (r.stdout or r.stderr).strip()
            print(f"  brief fetch --no-articles (CLI, {label}): {times[-1]:.3f} s "
                  f"[{said.splitlines()[-1][:120] if said else r.returncode}]")
            if r.returncode:
                return None
        return times[0], times[1]


def bench_newsboat(args: argparse.Namespace) -> dict[str, Any]:
    site = Site(args.feeds, args.items, args.hosts, args.latency)
    try:
        print(f"brief vs newsboat: {args.feeds} feeds x {args.items} items on {args.hosts} "
              f"loopback hosts, {args.latency * 1000:.0f} ms latency per response")
        nb, api, cli = [], [], []
        for _ in range(args.runs):  # side by side: each run is newsboat, then brief twice
            if shutil.which("newsboat"):
                nb.append(run_newsboat(site.feed_urls, 32))
            api.append(run_brief_api(site.feed_urls))
            cli.append(run_brief_cli(site.feed_urls))
            if nb:
                c = cli[-1]
                print(f"  this run: brief refresh() / newsboat {api[-1][0] / nb[-1][0]:.2f}, "
                      f"brief fetch (CLI) / newsboat "
                      f"{(c[0] / nb[-1][0]) if c else float('nan'):.2f}")
    finally:
        site.stop()
    best_nb = min(n[0] for n in nb) if nb else None
    best_nb_warm = min(n[1] for n in nb) if nb else None
    best_cold = min(a[0] for a in api)
    best_warm = min(a[1] for a in api)
    cli_ok = [c[0] for c in cli if c is not None]
    cli_again = [c[1] for c in cli if c is not None]
    out = {
        "newsboat_best_s": best_nb, "newsboat_unchanged_best_s": best_nb_warm,
        "brief_api_cold_s": best_cold,
        "brief_api_unchanged_s": best_warm, "brief_cli_cold_s": min(cli_ok) if cli_ok else None,
        "second_refresh_all_304": all(a[2].feeds_unchanged == args.feeds for a in api),
    }
    if best_nb:
        out["ratio_api_cold"] = round(best_cold / best_nb, 3)
        if cli_ok:
            out["ratio_cli_cold"] = round(min(cli_ok) / best_nb, 3)
    if best_nb_warm:
        out["ratio_api_unchanged"] = round(best_warm / best_nb_warm, 3)
        if cli_again:
            out["brief_cli_unchanged_s"] = min(cli_again)
            out["ratio_cli_unchanged"] = round(min(cli_again) / best_nb_warm, 3)
    print(json.dumps(out, indent=1))
    return out


# -- full text throughput -------------------------------------------------------------------------


def _extract_one(html: bytes) -> int:
    import trafilatura

    return len(trafilatura.extract(html.decode("utf-8")) or "")


def _raw_extract(pages: list[bytes]) -> float:
    """Seconds for raw ``trafilatura.extract`` of every page in 2 worker processes."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=mp.get_context("fork")) as pool:
        list(pool.map(_extract_one, pages[:4]))  # warm the workers
        start = time.perf_counter()
        list(pool.map(_extract_one, pages, chunksize=8))
        return time.perf_counter() - start


def _brief_fulltext(urls: list[str], q: Any) -> None:
    """One full-text refresh on an empty database, in a process of its own (forked), so its
    peak memory and that of its worker processes are its own."""
    from brief.refresh import refresh

    with tempfile.TemporaryDirectory() as tmp:
        store = subscribed(Path(tmp) / "ft.db", urls)
        start = time.perf_counter()
        summary = refresh(store, articles=True)
        elapsed = time.perf_counter() - start
        stories = store.scalar("SELECT count(DISTINCT story_id) FROM articles")
        stale = store.scalar("SELECT count(*) FROM stories WHERE facts_stale = 1")
        with_facts = store.scalar("SELECT count(DISTINCT story_id) FROM facts")
        avg_words = store.scalar(
            "SELECT avg(length(text) - length(replace(text, ' ', '')) + 1) FROM articles")
        store.close()
    me, kids = peak_mb()
    q.put({"seconds": elapsed, "summary": str(summary), "new": summary.new_articles,
           "pages": summary.pages_fetched, "fetch_seconds": summary.fetch_seconds,
           "stories": stories, "stale_stories": stale, "stories_with_facts": with_facts,
           "avg_words": avg_words, "peak_rss_main_mb": me, "peak_rss_worker_mb": kids})


def bench_fulltext(args: argparse.Namespace) -> dict[str, Any]:
    site = Site(args.ft_feeds, args.items, args.hosts, args.latency)
    raws: list[float] = []
    runs: list[dict[str, Any]] = []
    try:
        pages = [b for _h, _p, b in site.pages]
        print(f"full text: {len(pages)} pages ({sum(map(len, pages)) // len(pages) // 1024} KB "
              f"average) from {args.ft_feeds} feeds, {args.latency * 1000:.0f} ms latency; "
              f"{args.runs} runs, each raw trafilatura then brief")
        ctx = mp.get_context("fork")
        for n in range(args.runs):
            raws.append(_raw_extract(pages))
            q: Any = ctx.Queue()
            proc = ctx.Process(target=_brief_fulltext, args=(site.feed_urls, q))
            proc.start()
            run = q.get(timeout=600)
            proc.join()
            runs.append(run)
            raw_rate = len(pages) / raws[-1]
            rate = run["new"] / run["seconds"]
            print(f"  run {n + 1}: raw trafilatura.extract, 2 processes: {raws[-1]:.2f} s = "
                  f"{raw_rate:.1f} pages/s; brief refresh(articles=True): {run['seconds']:.2f} s"
                  f" = {rate:.1f} articles/s ({run['summary']}; pages fetched and cleaned after"
                  f" {run['fetch_seconds']:.2f} s); ratio {rate / raw_rate:.3f}; peak RSS "
                  f"{run['peak_rss_main_mb']:.0f} MB main, {run['peak_rss_worker_mb']:.0f} MB "
                  "largest worker")
    finally:
        site.stop()
    best_raw = min(raws)
    best = min(runs, key=lambda r: r["seconds"])
    raw_rate = len(pages) / best_raw
    rate = best["new"] / best["seconds"]
    out = {
        "pages": len(pages), "runs": args.runs,
        "raw_trafilatura_pages_per_s_best": round(raw_rate, 1),
        "brief_articles_per_s_best": round(rate, 1), "ratio_of_bests": round(rate / raw_rate, 3),
        "ratio_per_run": [round((r["new"] / r["seconds"]) / (len(pages) / w), 3)
                          for r, w in zip(runs, raws, strict=True)],
        "brief_seconds_best": round(best["seconds"], 2), "new_articles": best["new"],
        "pages_fetched": best["pages"], "stories": best["stories"],
        "stories_with_facts": best["stories_with_facts"],
        "stories_left_stale": best["stale_stories"], "avg_words": round(best["avg_words"] or 0),
        "peak_rss_main_mb": round(max(r["peak_rss_main_mb"] for r in runs)),
        "peak_rss_worker_mb": round(max(r["peak_rss_worker_mb"] for r in runs)),
    }
    print(json.dumps(out, indent=1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", choices=["newsboat", "fulltext", "all"], nargs="?", default="all")
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--ft-feeds", type=int, default=30, help="feeds for the full-text run")
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if args.part in ("newsboat", "all"):
        bench_newsboat(args)
    if args.part in ("fulltext", "all"):
        bench_fulltext(args)


if __name__ == "__main__":
    main()
