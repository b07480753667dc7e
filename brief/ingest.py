"""Local inputs -> clean Articles: .txt, .html/.htm, directories, .jsonl records, article URLs.

Everything goes through the same cleaner as fetched pages. Problems with one input (an
unreadable file, a bad JSONL line) are reported as :class:`InputProblem` and the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from brief.models import Article, CleanArticle

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
MAX_FILE_BYTES = 5 * 1024 * 1024  # as for a fetched page (brief.refresh)


@dataclass(frozen=True, slots=True)
class InputProblem:
    where: str  # a path, "path:line" or a URL
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputError(ValueError):
    """An input that cannot be used at all (missing path, unknown kind); one clear line."""


def parse_published(value: object) -> datetime | None:
    """An ISO-8601 (or common) date string from a record or option, as an aware datetime."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def expand_inputs(items: Iterable[str]) -> Iterator[str]:
    """Paths (directories walked recursively, in name order) and URLs; raises InputError."""
    for item in items:
        if is_url(item):
            yield item
            continue
        if "://" in item:
            raise InputError(f"{item}: only http(s) URLs can be ingested")
        path = Path(item)
        if not path.exists():
            raise InputError(f"{item}: no such file or directory")
        if path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            yield from found
        elif path.suffix.lower() in SUFFIXES:
            yield str(path)
        else:
            raise InputError(
                f"{item}: unsupported file type (use .txt, .html, .htm or .jsonl)"
            )


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"{path}: file too large ({size // 1_048_576} MB)")
    return path.read_bytes()


def clean_file(path: Path) -> CleanArticle:
    """Clean one .txt or .html file without storing it."""
    data = _read_bytes(path)
    if path.suffix.lower() in (".html", ".htm"):
        from brief.extract import extract_html

        return extract_html(data)
    from brief.clean import clean_plain_document

    return clean_plain_document(_decode_text(data), source_name=path.stem)


def _decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def article_from_clean(
    clean: CleanArticle, *, external_id: str | None, url: str | None = None,
    source: str | None = None, published: datetime | None = None,
) -> Article:
    return Article(
        id=None,
        external_id=external_id,
        title=clean.title or "(untitled)",
        text=clean.text,
        source=source or clean.site,
        url=url or clean.url or clean.canonical_url,
        canonical_url=clean.canonical_url,
        byline=clean.byline,
        published=published or clean.published,
        lang=clean.lang,
        removed=list(clean.removed),
        fetched_at=datetime.now(UTC),
    )


def record_article(record: dict[str, object], *, source: str | None,
                   published: datetime | None) -> Article:
    """One JSONL record (``id, url, title, text`` or ``html``, ``published``, ``source``)."""
    from brief.clean import clean_text, stamp_date

    rec_id = record.get("id")
    url = record.get("url")
    title = record.get("title")
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        from brief.extract import extract_html

        clean = extract_html(html, url=url if isinstance(url, str) else None)
        if isinstance(title, str) and title.strip():
            clean.title = title.strip()
    else:
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("record has neither text nor html")
        from brief.normalize import normalize_text

        body, removed = clean_text(text, title=title if isinstance(title, str) else None)
        clean = CleanArticle(
            text=body,
            title=normalize_text(title).strip() if isinstance(title, str) and title.strip() else None,
            removed=removed,
            # a record without a publish date is dated by the stamp its text carried, as a
            # local file is
            published=stamp_date(removed),
        )
        if clean.title is None:
            first = body.strip().split("\n", 1)[0]
            clean.title = first[:120]
    rec_source = record.get("source")
    return article_from_clean(
        clean,
        external_id=str(rec_id) if rec_id is not None else None,
        url=url if isinstance(url, str) and url else None,
        source=source or (rec_source if isinstance(rec_source, str) else None),
        published=published or parse_published(record.get("published")),
    )


def jsonl_articles(
    path: Path, *, source: str | None, published: datetime | None
) -> Iterator[Article | InputProblem]:
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except (ValueError, UnicodeDecodeError) as e:
                yield InputProblem(f"{path}:{n}", f"not valid JSON ({e})")
                continue
            except RecursionError:
                yield InputProblem(f"{path}:{n}", "not valid JSON (nested too deeply)")
                continue
            if not isinstance(record, dict):
                yield InputProblem(f"{path}:{n}", "not a JSON object")
                continue
            try:
                yield record_article(record, source=source, published=published)
            except (ValueError, TypeError) as e:
                yield InputProblem(f"{path}:{n}", str(e))


def load_inputs(
    items: Iterable[str], *, source: str | None = None, published: datetime | None = None,
    transport: object | None = None,
) -> Iterator[Article | InputProblem]:
    """Clean Articles for every input; problems are yielded, never raised (but InputError
    for a path that does not exist, raised before anything is read)."""
    expanded = list(expand_inputs(items))
    for item in expanded:
        if is_url(item):
            try:
                from brief.refresh import fetch_article

                clean = fetch_article(item, transport=transport)  # type: ignore[arg-type]
            except Exception as e:  # a failed download is a problem with this input only
                yield InputProblem(item, str(e) or e.__class__.__name__)
                continue
            yield article_from_clean(clean, external_id=item, url=item, source=source,
                                     published=published)
            continue
        path = Path(item)
        if path.suffix.lower() == ".jsonl":
            try:
                yield from jsonl_articles(path, source=source, published=published)
            except OSError as e:
                yield InputProblem(item, e.strerror or str(e))
            continue
        try:
            clean = clean_file(path)
        except (OSError, InputError) as e:
            msg = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            yield InputProblem(item, msg)
            continue
        if not clean.text.strip():
            yield InputProblem(item, "no article text found")
            continue
        yield article_from_clean(
            clean, external_id=path.name, url=None, source=source or clean.site,
            published=published or clean.published,
        )

