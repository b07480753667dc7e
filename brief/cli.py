"""The ``brief`` command line. With no command it opens the TUI.

Errors are one line on stderr and exit status 2; nothing here prints a traceback for bad
input, and no command writes to the database before its input has been checked.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

import click

from brief.terminal import printable, safe_json
from cache.store import StoreError, default_db_path

EXIT_USAGE = 2


class Fail(click.ClickException):
    """A clear, one-line error (exit status 2)."""

    exit_code = EXIT_USAGE


def fail(message: str) -> NoReturn:
    raise Fail(message)


def parse_duration(value: str) -> timedelta:
    """'90m', '12h', '2d', '1w' (or combinations like '1d12h') as a timedelta."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
    text = value.strip().lower()
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhdw])", text)
    if not parts or re.sub(r"(\d+(?:\.\d+)?)\s*([smhdw])", "", text).strip():
        fail(f"invalid duration {value!r} (examples: 90m, 12h, 2d, 1w)")
    return timedelta(seconds=sum(float(n) * units[u] for n, u in parts))


class DurationType(click.ParamType):
    name = "DURATION"

    def convert(self, value: Any, param: Any, ctx: Any) -> timedelta:
        if isinstance(value, timedelta):
            return value
        try:
            return parse_duration(str(value))
        except Fail as e:
            self.fail(e.message, param, ctx)


DURATION = DurationType()


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


# -- context -----------------------------------------------------------------------------------


class Context:
    def __init__(self, db: str | None) -> None:
        self.db_option = db

    @property
    def db_path(self) -> Path:
        return Path(self.db_option).expanduser() if self.db_option else default_db_path()

    @contextmanager
    def library(self) -> Iterator[Any]:
        from brief.services import Library

        try:
            lib = Library.open(self.db_path)
        except StoreError as e:
            fail(str(e))
        try:
            yield lib
        finally:
            lib.close()


pass_ctx = click.make_pass_decorator(Context)


def echo_json(value: Any) -> None:
    click.echo(safe_json(value))


# -- group ---------------------------------------------------------------------------------------


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", envvar="BRIEF_DB",
              help="Database file (default: the user data dir; env BRIEF_DB).")
@click.version_option("0.1.0", prog_name="brief")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """brief: a terminal news briefing tool. With no command, opens the reader."""
    ctx.obj = Context(db)
    if ctx.invoked_subcommand is None:
        with ctx.obj.library() as lib:
            _run_tui(lib)


def _run_tui(lib: Any) -> None:
    if not sys.stdout.isatty() and not os.environ.get("BRIEF_FORCE_TUI"):
        fail("the reader needs a terminal; use a command such as 'brief stories' on a pipe")
    from tui.app import create_app

    create_app(lib).run()


# -- demo ----------------------------------------------------------------------------------------


@cli.command()
@click.option("--no-tui", is_flag=True, help="Print the resulting stories instead of opening the reader.")
@click.option("--json", "as_json", is_flag=True, help="With --no-tui, print stories as JSON lines.")
@click.pass_context
def demo(ctx: click.Context, no_tui: bool, as_json: bool) -> None:
    """Load the bundled demo corpus into a fresh database and open it.

    Uses the --db path when given, else a demo database beside your own (never your own).
    """
    obj: Context = ctx.obj
    path = obj.db_path if obj.db_option else default_db_path().with_name("demo.db")
    _prepare_demo_db(path)
    from brief.demo_load import load_demo
    from brief.services import Library

    try:
        lib = Library.open(path)
    except StoreError as e:
        fail(str(e))
    try:
        summary = load_demo(lib)
        if no_tui:
            if not as_json:
                click.echo(f"demo database: {path}")
                click.echo(summary)
            _print_stories(lib, "all", None, as_json)
        else:
            _run_tui(lib)
    finally:
        lib.close()


def _prepare_demo_db(path: Path) -> None:
    """A fresh database: only an earlier demo database may be replaced."""
    if path.exists():
        from cache.store import open_store

        try:
            with open_store(path, create=False) as store:
                is_demo = store.get_meta("demo") == "1"
        except StoreError:
            is_demo = False
        if not is_demo:
            fail(f"{path} exists and is not a demo database; choose another --db path")
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)


# -- subscriptions -----------------------------------------------------------------------------


@cli.command()
@click.argument("url")
@click.option("--title", help="Title to show instead of the feed's own.")
@click.option("--folder", help="Folder (tag) to file the feed under.")
@pass_ctx
def add(obj: Context, url: str, title: str | None, folder: str | None) -> None:
    """Subscribe to a feed URL, or a site URL whose feed is discovered."""
    from brief.ingest import is_url

    if not is_url(url):
        fail(f"not an http(s) URL: {url}")
    with obj.library() as lib:
        from brief.subscribe import subscribe

        try:
            feed = subscribe(lib.store, url, title=title, folder=folder)
        except ValueError as e:
            fail(str(e))
        click.echo(f"subscribed: {printable(feed.title or feed.url, single_line=True)} <{feed.url}>")


@cli.command()
@click.argument("feed")
@pass_ctx
def remove(obj: Context, feed: str) -> None:
    """Unsubscribe from FEED (id, URL or title). Stored articles stay readable."""
    with obj.library() as lib:
        row = lib.store.find_feed(feed)
        if row is None:
            fail(f"no such feed: {feed}")
        lib.store.remove_feed(row["id"])
        click.echo(f"removed: {printable(row['title'] or row['url'], single_line=True)}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per feed.")
@pass_ctx
def feeds(obj: Context, as_json: bool) -> None:
    """List subscriptions with item counts, last fetch and errors."""
    import humanize

    with obj.library() as lib:
        for f in lib.feeds():
            if as_json:
                echo_json({
                    "id": f.id, "url": f.url, "title": f.title, "folder": f.folder,
                    "items": f.item_count, "unread": f.unread_count,
                    "last_fetched": _iso(f.last_fetched), "last_status": f.last_status,
                    "last_error": f.last_error, "failures": f.failures, "gone": f.gone,
                })
                continue
            when = humanize.naturaltime(datetime.now(f.last_fetched.tzinfo) - f.last_fetched) \
                if f.last_fetched else "never"
            status = f"error: {printable(f.last_error, single_line=True)}" if f.last_error else (
                str(f.last_status) if f.last_status else "-")
            title = printable(f.title or f.url, single_line=True)
            folder = f"[{printable(f.folder, single_line=True)}] " if f.folder else ""
            click.echo(f"{f.id:>4}  {folder}{title}  {f.item_count} items, {f.unread_count} unread,"
                       f" fetched {when}, {status}")


@cli.group()
def opml() -> None:
    """Import or export subscriptions as OPML."""


@opml.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@pass_ctx
def opml_import(obj: Context, file: str) -> None:
    """Subscribe to every feed in an OPML FILE (folders kept)."""
    from brief.opml import OpmlError, parse_opml

    try:
        data = Path(file).read_bytes()
    except OSError as e:
        fail(f"{file}: {e.strerror}")
    try:
        entries = parse_opml(data)
    except OpmlError as e:
        fail(f"{file}: {e}")
    with obj.library() as lib, lib.store.transaction():
        for entry in entries:
            lib.store.add_feed(entry.url, title=entry.title, folder=entry.folder)
    click.echo(f"imported {len(entries)} feeds")


@opml.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@pass_ctx
def opml_export(obj: Context, file: str | None) -> None:
    """Write subscriptions as OPML to FILE (or stdout)."""
    from brief.opml import OpmlFeed, render_opml

    with obj.library() as lib:
        text = render_opml([OpmlFeed(url=f.url, title=f.title, folder=f.folder)
                            for f in lib.feeds()])
    if file:
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as e:
            fail(f"{file}: {e.strerror}")
    else:
        click.echo(text, nl=False)


# -- fetch and ingest -------------------------------------------------------------------------


@cli.command()
@click.option("--no-articles", is_flag=True, help="Refresh feed entries only; no article pages.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@pass_ctx
def fetch(obj: Context, no_articles: bool, as_json: bool) -> None:
    """Refresh every subscription (concurrent, conditional GET, full articles)."""
    from brief.refresh import run_with_progress

    with obj.library() as lib:
        summary = run_with_progress(lib.store, articles=not no_articles,
                                    show_progress=sys.stderr.isatty() and not as_json,
                                    transport=lib.offline_transport())
        lib.record_refresh()
    if as_json:
        echo_json(summary.to_json())
    else:
        click.echo(str(summary))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--published", metavar="ISO8601", help="Publish date for inputs that do not say.")
@click.option("--source", metavar="NAME", help="Outlet name for inputs that do not say.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@pass_ctx
def ingest(obj: Context, inputs: tuple[str, ...], published: str | None, source: str | None,
           as_json: bool) -> None:
    """Clean, dedupe, cluster and store local files, directories, JSONL records or URLs."""
    from brief.ingest import InputError, InputProblem, expand_inputs, load_inputs, parse_published
    from brief.pipeline import Pipeline

    when = None
    if published:
        when = parse_published(published)
        if when is None:
            fail(f"invalid --published date {published!r} (use ISO 8601, e.g. 2026-11-20T09:00)")
    try:
        list(expand_inputs(inputs))
    except InputError as e:
        fail(str(e))
    problems: list[InputProblem] = []

    def articles() -> Iterator[Any]:
        for item in load_inputs(inputs, source=source, published=when):
            if isinstance(item, InputProblem):
                problems.append(item)
                click.echo(f"brief: skipped {printable(str(item), single_line=True)}", err=True)
            else:
                yield item

    with obj.library() as lib:
        report = Pipeline(lib.store).ingest(articles())
    if as_json:
        echo_json({"new": report.new, "duplicates": report.duplicates,
                   "near_duplicates": report.near_duplicates, "stories": len(report.stories),
                   "problems": [str(p) for p in problems]})
    else:
        click.echo(f"ingested {report.new} new articles ({report.duplicates} duplicates, "
                   f"{report.near_duplicates} near-copies) into {len(report.stories)} stories"
                   + (f"; {len(problems)} inputs skipped" if problems else ""))
    if problems and report.new == 0 and report.duplicates == 0:
        sys.exit(EXIT_USAGE)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input.")
def clean(paths: tuple[str, ...], as_json: bool) -> None:
    """Print cleaned articles without storing them."""
    from brief.ingest import InputError, clean_file, expand_inputs

    try:
        files = [p for p in expand_inputs(paths) if not p.startswith(("http://", "https://"))]
    except InputError as e:
        fail(str(e))
    status = 0
    for f in files:
        try:
            article = clean_file(Path(f))
        except (OSError, InputError) as e:
            click.echo(f"brief: {f}: {getattr(e, 'strerror', None) or e}", err=True)
            status = EXIT_USAGE
            continue
        if as_json:
            echo_json({
                "path": f, "title": article.title, "byline": article.byline,
                "published": _iso(article.published), "site": article.site,
                "lang": article.lang, "text": article.text,
                "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
            })
        else:
            click.echo(printable(article.title or f))
            click.echo()
            click.echo(printable(article.text))
            click.echo()
    sys.exit(status)


# -- reading ---------------------------------------------------------------------------------------


def _print_stories(lib: Any, filter: str, since: timedelta | None, as_json: bool) -> None:
    import humanize

    from brief.briefing import story_summary_json

    for s in lib.stories(filter, since=since):
        s.article_ids = lib.store.story_article_ids(s.id)
        if as_json:
            echo_json(story_summary_json(s))
        else:
            age = humanize.naturaltime(datetime.now(s.last_seen.tzinfo) - s.last_seen) \
                if s.last_seen else ""
            mark = "*" if s.unread else " "
            n_src, n_art = len(s.sources), s.size
            click.echo(f"{s.id:>5} {mark} {printable(s.headline, single_line=True)}  "
                       f"({n_src} source{'s' * (n_src != 1)}, "
                       f"{n_art} article{'s' * (n_art != 1)}, {age})")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@click.option("--since", type=DURATION, help="Only stories seen within DURATION (e.g. 2d).")
@click.option("--all", "show_all", is_flag=True, help="Include read stories.")
@pass_ctx
def stories(obj: Context, as_json: bool, since: timedelta | None, show_all: bool) -> None:
    """List stories, newest first (unread only unless --all)."""
    with obj.library() as lib:
        _print_stories(lib, "all" if show_all else "unread", since, as_json)


@cli.command()
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
@pass_ctx
def show(obj: Context, story_id: int, as_json: bool) -> None:
    """Show one story: summary, articles, facts, quotes, timeline and conflicts."""
    from brief.briefing import story_json

    with obj.library() as lib:
        if lib.story(story_id) is None:
            fail(f"no story {story_id}")
        data = story_json(lib, story_id)
    if as_json:
        echo_json(data)
        return
    from brief.briefing import story_markdown

    click.echo(printable(story_markdown(data)))


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@click.option("--limit", default=50, show_default=True, help="Most hits to show.")
@pass_ctx
def search(obj: Context, query: str, as_json: bool, limit: int) -> None:
    """Full-text search over titles and text (FTS5 syntax allowed)."""
    from brief.services import SearchError

    with obj.library() as lib:
        try:
            hits = lib.search(query, limit=limit)
        except SearchError as e:
            fail(str(e))
    for h in hits:
        a = h.article
        if as_json:
            echo_json({"id": a.id, "story_id": a.story_id, "title": a.title, "source": a.source,
                       "url": a.url, "published": _iso(a.published), "snippet": h.snippet})
        else:
            click.echo(f"{a.id:>6}  [{a.story_id}] {printable(a.title, single_line=True)} — "
                       f"{printable(a.source or '', single_line=True)}")
            click.echo(f"        {printable(h.snippet, single_line=True)}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@pass_ctx
def export(obj: Context, fmt: str) -> None:
    """Export every article, one JSON object per line."""
    from brief.convert import article_from_row

    with obj.library() as lib:
        feed_urls = {f.id: f.url for f in lib.feeds()}
        for row in lib.store.all_article_rows():
            a = article_from_row(row)
            echo_json({"id": a.id, "external_id": a.external_id, "url": a.url, "title": a.title,
                       "source": a.source, "published": _iso(a.published),
                       "story_id": a.story_id, "duplicate_of": a.duplicate_of,
                       "read": a.read, "starred": a.starred, "dismissed": a.dismissed,
                       "text": a.text, "byline": a.byline, "canonical_url": a.canonical_url,
                       "lang": a.lang, "fetched_at": _iso(a.fetched_at),
                       "feed": feed_urls.get(a.feed_id) if a.feed_id is not None else None})


@cli.command()
@click.option("--since", type=DURATION, help="Only stories seen within DURATION (e.g. 1d).")
@click.option("--format", "fmt", type=click.Choice(["md"]), default="md", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include read stories.")
@pass_ctx
def briefing(obj: Context, since: timedelta | None, fmt: str, show_all: bool) -> None:
    """A Markdown briefing: each story's summary, key facts, quotes and timeline."""
    from brief.briefing import briefing_markdown, story_json

    with obj.library() as lib:
        data = [story_json(lib, s.id) for s in
                lib.stories("all" if show_all else "unread", since=since)]
    click.echo(printable(briefing_markdown(data)))


# -- corrections ---------------------------------------------------------------------------------


@cli.group()
def story() -> None:
    """Correct the clustering: merge stories or move an article."""


@story.command("merge")
@click.argument("keep", type=int)
@click.argument("other", type=int)
@pass_ctx
def story_merge(obj: Context, keep: int, other: int) -> None:
    """Merge story OTHER into story KEEP."""
    with obj.library() as lib:
        for sid in (keep, other):
            if lib.story(sid) is None:
                fail(f"no story {sid}")
        lib.merge_stories(keep, other)
        click.echo(f"merged story {other} into {keep}")


@story.command("move")
@click.argument("article", type=int)
@click.argument("target")
@pass_ctx
def story_move(obj: Context, article: int, target: str) -> None:
    """Move ARTICLE to story TARGET, or to a story of its own with 'new'."""
    if target != "new" and not target.isdigit():
        fail(f"TARGET must be a story id or 'new', not {target!r}")
    with obj.library() as lib:
        if lib.article(article) is None:
            fail(f"no article {article}")
        if target != "new" and lib.story(int(target)) is None:
            fail(f"no story {target}")
        sid = lib.move_article(article, None if target == "new" else int(target))
        click.echo(f"moved article {article} to story {sid}")


# -- entry point ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: usage errors and bad input are one line on stderr with exit status 2."""
    try:
        rv = cli.main(args=argv, prog_name="brief", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("brief: aborted", err=True)
        sys.exit(130)
    except click.UsageError as e:
        click.echo(f"brief: {e.format_message()}", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as e:
        click.echo(f"brief: {e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except StoreError as e:
        click.echo(f"brief: {e}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("brief: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except sqlite3.DatabaseError as e:
        click.echo(f"brief: database error: {e}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":
    main()
