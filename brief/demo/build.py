"""Regenerate the bundled demo corpus from ``brief/demo/source/*.txt``.

Run ``python -m brief.demo.build`` after editing a source article. It rewrites
``feeds/``, ``pages/``, ``files/``, ``manifest.json`` and ``README.md`` in this
directory; the output is deterministic (no clock, no randomness), so a rebuild
without source changes gives a clean ``git diff``.

A source article is a small header (``key: value`` lines), a blank line, then
paragraphs separated by blank lines. Every outlet, person, place and event in
the corpus is invented.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"


# --------------------------------------------------------------------------- outlets


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    home: str
    feed_url: str
    feed_file: str
    feed_kind: str  # rss2 | rss2-full | atom | rss1 | jsonfeed
    folder: str
    page_dir: str
    lang: str
    tagline: str
    extra_headlines: tuple[str, ...]


OUTLETS: dict[str, Outlet] = {
    o.key: o
    for o in (
        Outlet(
            "hg",
            "Harbour Gazette",
            "https://www.harbourgazette.example/",
            "https://www.harbourgazette.example/feed/",
            "feeds/harbourgazette.rss.xml",
            "rss2",
            "Port Alder",
            "harbourgazette",
            "en-US",
            "Port Alder's newspaper since 1898",
            (
                "Port Alder farmers' market named best in the region",
                "Harbour Road cycle lane plan goes back to the drawing board",
                "Obituary: Marguerite Fallon, lighthouse keeper and local historian",
                "Five places to eat chowder this winter",
            ),
        ),
        Outlet(
            "cr",
            "Coastline Radio News",
            "https://news.coastlineradio.example/",
            "https://news.coastlineradio.example/rss/news.xml",
            "feeds/coastlineradio.rss.xml",
            "rss2",
            "Port Alder",
            "coastlineradio",
            "en",
            "Coastline Radio 97.4 FM",
            (
                "Morning traffic: roadworks on the Coast Highway until Friday",
                "Coastline Radio's winter coat appeal passes 2,000 coats",
                "Podcast: the lighthouse keepers of Gull Island",
            ),
        ),
        Outlet(
            "nw",
            "Northwire",
            "https://northwire.example/",
            "https://northwire.example/rss/topstories.xml",
            "feeds/northwire.rss.xml",
            "rss2-full",
            "Wires",
            "northwire",
            "en",
            "Independent news agency",
            (
                "Regional shares edge higher ahead of rate decision",
                "Court clears the way for an offshore wind farm at Skerry Bank",
                "Exports rise for a third straight month",
            ),
        ),
        Outlet(
            "vc",
            "Valley Courier",
            "https://valleycourier.example/",
            "https://valleycourier.example/feeds/atom.xml",
            "feeds/valleycourier.atom.xml",
            "atom",
            "Regional",
            "valleycourier",
            "en",
            "Serving Kessford and the Ormery Valley",
            (
                "Valley apple harvest smaller but sweeter, growers say",
                "Kessford library book sale moves to December",
                "High school robotics team heads to national final",
            ),
        ),
        Outlet(
            "mp",
            "The Meridian Post",
            "https://www.meridianpost.example/",
            "https://www.meridianpost.example/rss/national.rdf",
            "feeds/meridianpost.rdf",
            "rss1",
            "National",
            "meridianpost",
            "en-GB",
            "Independent since 1871",
            (
                "Opinion: Our coastal towns deserve better than sandbags",
                "Interest rates held at 3.25% as inflation cools",
                "The long read: life on the last working canal",
            ),
        ),
        Outlet(
            "ll",
            "Lakeside Ledger",
            "https://lakesideledger.example/",
            "https://lakesideledger.example/feed.json",
            "feeds/lakesideledger.json",
            "jsonfeed",
            "Brenmoor",
            "lakesideledger",
            "en",
            "Brenmoor's independent daily",
            (
                "Lake Hollin ice-fishing season may start early",
                "Brenmoor's oldest bookshop to close after 88 years",
                "Review: the Civic Theatre's new Hamlet is a triumph",
            ),
        ),
    )
}

CONTENT_TYPES = {
    "rss2": "application/rss+xml; charset=utf-8",
    "rss2-full": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "rss1": "application/rdf+xml; charset=utf-8",
    "jsonfeed": "application/feed+json; charset=utf-8",
}

STORY_HEADLINES = {
    "port-alder-flood": "Tamsin River floods Port Alder's Lower Quay (Tue Nov 17)",
    "kessford-reservoir-flood": "Ormery Reservoir spills over; Kessford evacuated (Fri Nov 20)",
    "port-alder-ferry-strike": "Port Alder ferry crews strike (from Mon Nov 16)",
    "brenmoor-nurses-strike": "Brenmoor nurses' 48-hour strike (Thu Nov 19 - Sat Nov 21)",
    "brenmoor-budget": "Brenmoor council budget and the [bold] arts line (vote Tue Nov 17)",
    "lyrebird-launch": "Lyrebird-2 weather satellite: scrub, launch Sun Nov 22, first images",
    "coastal-cup-final": "Mariners beat Harriers 3-1 in the Coastal Cup final (Sat Nov 21)",
}

# Planted disagreements between outlets. Article ids are source file stems.
CONFLICTS: list[dict] = [
    {
        "kind": "figure",
        "story": "port-alder-flood",
        "subject": "homes flooded in the Lower Quay",
        "values": [
            {
                "value": "over 160 homes",
                "articles": ["s1-01-hg-tamsin-bursts", "s1-03-nw-cost"],
            },
            {"value": "nearly 170 homes", "articles": ["s1-02-cr-nearly-170"]},
        ],
    },
    {
        "kind": "figure",
        "story": "kessford-reservoir-flood",
        "subject": "residents evacuated from Kessford",
        "values": [
            {
                "value": "nearly 3,000 residents",
                "articles": ["s2-01-vc-evacuations", "s2-03-nw-dam-sound"],
            },
            {"value": "about 2,400 residents", "articles": ["s2-02-mp-2400"]},
        ],
    },
    {
        "kind": "date",
        "story": "port-alder-ferry-strike",
        "subject": "day the ferry strike began",
        "values": [
            {
                "value": "2026-11-16",
                "as_written": "on Monday (article published Mon Nov 16 / Tue Nov 17 / Thu Nov 19)",
                "articles": [
                    "s3-01-hg-walkout",
                    "s3-02-cr-second-day",
                    "s3-05-hg-talks",
                ],
            },
            {
                "value": "2026-11-17",
                "as_written": "began on Tuesday, Nov. 17",
                "articles": ["s3-03-vc-wire", "s3-04-ll-wire"],
            },
        ],
    },
    {
        "kind": "figure",
        "story": "brenmoor-nurses-strike",
        "subject": "nurses on strike",
        "values": [
            {
                "value": "about 1,200 nurses",
                "articles": ["s4-01-ll-strike-set", "s4-03-nw-surgeries"],
            },
            {"value": "more than 1,500 nurses", "articles": ["s4-02-mp-1500"]},
        ],
    },
    {
        "kind": "figure",
        "story": "brenmoor-budget",
        "subject": "Brenmoor budget shortfall",
        "values": [
            {
                "value": "$21.3 million",
                "articles": ["s5-01-ll-bold-line", "s5-03-ll-vote", "s5-04-nw-passes"],
            },
            {"value": "$23 million", "articles": ["s5-02-mp-23m"]},
        ],
    },
    {
        "kind": "date",
        "story": "lyrebird-launch",
        "subject": "day the Lyrebird-2 launch was scrubbed",
        "values": [
            {
                "value": "2026-11-18",
                "as_written": "called off on Wednesday (published Wed Nov 18)",
                "articles": ["s6-01-nw-scrubbed"],
            },
            {
                "value": "2026-11-19",
                "as_written": "Thursday's attempt ... was scrubbed (published Fri Nov 20)",
                "articles": ["s6-02-mp-weekend"],
            },
        ],
    },
]

# Key dated events per story (gold for dates and timelines): (date, precision, event, article
# ids that state the date, relatively or absolutely). "disputed" marks the two planted date
# conflicts: the same event appears once per date the outlets give.
TIMELINES: dict[str, list[tuple[str, str, str, list[str]]]] = {
    "port-alder-flood": [
        ("2023-10", "month", "Previous Tamsin flood on the same stretch of quay", ["s1-04-mp-aid"]),
        (
            "2026-11-03",
            "day",
            "Inspection notes moderate cracking in the quay wall",
            ["s1-01-hg-tamsin-bursts", "s1-05-hg-return"],
        ),
        (
            "2026-11-17",
            "day",
            "Tamsin River breaks through the quay wall and floods the Lower Quay",
            [
                "s1-01-hg-tamsin-bursts",
                "s1-02-cr-nearly-170",
                "s1-03-nw-cost",
                "s1-04-mp-aid",
                "s1-05-hg-return",
            ],
        ),
        ("2026-11-18", "day", "City puts the damage at $18.5 million", ["s1-03-nw-cost"]),
        (
            "2026-11-18",
            "day",
            "Mayor asks the Interior Ministry for $25 million in disaster aid",
            ["s1-04-mp-aid"],
        ),
        ("2026-11-27", "day", "Temporary barrier due to be finished", ["s1-05-hg-return"]),
    ],
    "kessford-reservoir-flood": [
        ("2019-03", "month", "Ormery spillway last used", ["s2-01-vc-evacuations"]),
        (
            "2026-11-20",
            "day",
            "Ormery Reservoir spills over and Kessford is evacuated",
            ["s2-01-vc-evacuations", "s2-02-mp-2400", "s2-05-file-shelter"],
        ),
        (
            "2026-11-20",
            "day",
            "Governor declares a state of emergency, releasing $6 million",
            ["s2-03-nw-dam-sound"],
        ),
        (
            "2026-11-21",
            "day",
            "Glass River crests at 5.1 metres; engineers find the dam sound",
            ["s2-03-nw-dam-sound"],
        ),
        (
            "2026-11-22",
            "day",
            "Evacuation order lifted for all but 14 streets",
            ["s2-04-vc-recedes"],
        ),
        ("2026-11-24", "day", "Inspection of the Carter's Ford bridge", ["s2-04-vc-recedes"]),
    ],
    "port-alder-ferry-strike": [
        ("2021-06", "month", "Previous Port Alder ferry strike (six days)", ["s3-01-hg-walkout"]),
        (
            "2026-11-16",
            "day",
            "Ferry crews walk out (disputed: Monday)",
            ["s3-01-hg-walkout", "s3-02-cr-second-day", "s3-05-hg-talks"],
        ),
        (
            "2026-11-17",
            "day",
            "Ferry crews walk out (disputed: Tuesday, Nov. 17)",
            ["s3-03-vc-wire", "s3-04-ll-wire"],
        ),
        ("2026-11-18", "day", "Harbour Authority raises its offer to 4.5%", ["s3-05-hg-talks"]),
        ("2026-11-20", "day", "Talks resume under a Concord mediator", ["s3-05-hg-talks"]),
    ],
    "brenmoor-nurses-strike": [
        ("2026-11-09", "day", "Nurses vote 91% for a strike", ["s4-01-ll-strike-set"]),
        ("2026-11-17", "day", "Talks break down after nine hours", ["s4-01-ll-strike-set"]),
        (
            "2026-11-19",
            "day",
            "48-hour strike begins at 7 a.m.",
            ["s4-01-ll-strike-set", "s4-02-mp-1500", "s4-03-nw-surgeries"],
        ),
        (
            "2026-11-21",
            "day",
            "Strike ends; nurses return to the wards",
            ["s4-03-nw-surgeries", "s4-04-ll-return"],
        ),
        ("2026-11-30", "day", "Talks resume with an independent chair", ["s4-04-ll-return"]),
        ("2026-12-14", "day", "Threatened five-day strike would begin", ["s4-04-ll-return"]),
    ],
    "brenmoor-budget": [
        ("2026-11-12", "day", "City treasurers' deficit survey published", ["s5-02-mp-23m"]),
        (
            "2026-11-17",
            "day",
            "Council meets to debate the 2027 budget",
            ["s5-01-ll-bold-line", "s5-02-mp-23m"],
        ),
        (
            "2026-11-18",
            "day",
            "Budget approved 9-4 shortly before 1 a.m.",
            ["s5-03-ll-vote", "s5-04-nw-passes"],
        ),
        ("2027-01-01", "day", "New budget takes effect", ["s5-03-ll-vote"]),
    ],
    "lyrebird-launch": [
        (
            "2019-05",
            "month",
            "Lyrebird-1 launched",
            ["s6-01-nw-scrubbed", "s6-04-hg-first-images"],
        ),
        (
            "2026-11-18",
            "day",
            "Lyrebird-2 launch scrubbed (disputed: Wednesday)",
            ["s6-01-nw-scrubbed"],
        ),
        (
            "2026-11-19",
            "day",
            "Lyrebird-2 launch scrubbed (disputed: Thursday)",
            ["s6-02-mp-weekend"],
        ),
        (
            "2026-11-22",
            "day",
            "Lyrebird-2 lifts off from Corrin Point at 3:58 p.m.",
            ["s6-02-mp-weekend", "s6-03-cr-liftoff", "s6-04-hg-first-images"],
        ),
        ("2026-11-23", "day", "First test images received", ["s6-04-hg-first-images"]),
    ],
    "coastal-cup-final": [
        ("2007", "year", "Mariners' previous Coastal Cup", ["s7-01-hg-mariners-win"]),
        (
            "2026-11-07",
            "day",
            "Harriers beat Fenwick Rovers in the semi-finals",
            ["s7-02-ll-harriers"],
        ),
        (
            "2026-11-21",
            "day",
            "Mariners beat Harriers 3-1 in the final",
            ["s7-01-hg-mariners-win", "s7-02-ll-harriers", "s7-03-cr-parade"],
        ),
        ("2026-11-24", "day", "Victory parade along Harbour Road", ["s7-03-cr-parade"]),
    ],
}

NEAR_COPIES = [("s3-03-vc-wire", "s3-04-ll-wire")]

FILE_SITE_DEFAULT = "Kessford Community Bulletin"


# --------------------------------------------------------------------------- articles


@dataclass
class Item:
    id: str
    outlet: str
    story: str
    published: datetime
    author: str
    section: str
    title: str
    paragraphs: list[str]
    byline: str = ""
    syndicated: str = ""
    file: str = ""
    site: str = ""
    slug: str = ""
    url: str = ""
    feed_link: str = ""
    page: str = ""
    number: int = 0
    teasers: list[tuple[str, str]] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.paragraphs[0]


def slugify(text: str, limit: int = 90) -> str:
    text = text.replace("'", "").replace("\u2019", "")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def parse_source(path: Path) -> Item:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    return Item(
        id=path.stem,
        outlet=meta["outlet"],
        story=meta["story"],
        published=datetime.fromisoformat(meta["published"]),
        author=meta["author"],
        section=meta.get("section", "News"),
        title=meta["title"],
        paragraphs=paragraphs,
        byline=meta.get("byline", ""),
        syndicated=meta.get("syndicated", ""),
        file=meta.get("file", ""),
        site=meta.get("site", ""),
    )


def assign_urls(items: list[Item]) -> None:
    for number, item in enumerate(items, start=48200):
        item.number = number
        if item.outlet == "file":
            item.page = f"files/{item.file}"
            continue
        outlet = OUTLETS[item.outlet]
        item.slug = slugify(item.title)
        d = item.published
        if item.outlet == "hg":
            item.url = f"{outlet.home}{d:%Y/%m/%d}/{item.slug}/"
        elif item.outlet == "cr":
            item.slug = slugify(item.title, 60)
            item.url = f"{outlet.home}stories/{item.slug}"
        elif item.outlet == "nw":
            item.url = f"{outlet.home}news/{d:%Y-%m-%d}/{slugify(item.title, 60)}"
        elif item.outlet == "vc":
            item.url = f"{outlet.home}news/local/{slugify(item.title, 50)}-{number}.html"
        elif item.outlet == "mp":
            section = slugify(item.section)
            item.url = f"{outlet.home}{section}/{d:%Y}/{d:%b}/{d:%d}/{item.slug}".lower()
        elif item.outlet == "ll":
            item.url = f"{outlet.home}articles/{item.slug}"
        item.feed_link = item.url
        if item.outlet == "cr":
            item.feed_link = f"{item.url}?utm_source=rss&utm_medium=feed&utm_campaign=news"
        item.page = f"pages/{outlet.page_dir}/{item.slug}.html"


def plan_links(items: list[Item]) -> None:
    """Pick "Read More" teasers and related-story blocks from the same outlet."""
    by_outlet: dict[str, list[Item]] = {}
    for item in items:
        by_outlet.setdefault(item.outlet, []).append(item)
    for outlet_key, group in by_outlet.items():
        if outlet_key == "file":
            continue
        outlet = OUTLETS[outlet_key]
        extras = [
            (title, f"{outlet.home}more/{slugify(title, 60)}") for title in outlet.extra_headlines
        ]
        for i, item in enumerate(group):
            others = [o for o in group[i + 1 :] + group[:i] if o.story != item.story]
            same = [o for o in group if o.story == item.story and o is not item]
            teasers = [(o.title, o.url) for o in others[:1]] + extras[
                i % len(extras) : i % len(extras) + 1
            ]
            item.teasers = teasers
            related = [(o.title, o.url) for o in same[:2]] + [(o.title, o.url) for o in others[1:3]]
            related += extras[(i + 1) % len(extras) : (i + 1) % len(extras) + 1]
            item.related = related[:4]


# --------------------------------------------------------------------------- HTML


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def curly(text: str) -> str:
    """The Meridian Post sets typographic quotes and apostrophes."""
    text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
    return text.replace("'", "\u2019")


def body_paragraphs(item: Item) -> list[str]:
    if item.outlet == "mp":
        return [curly(p) for p in item.paragraphs]
    return list(item.paragraphs)


def human_date(d: datetime, style: str) -> str:
    month = d.strftime("%B")
    hour = d.strftime("%I").lstrip("0")
    ampm = d.strftime("%p").lower()
    offset = d.utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0.0
    zone = {-5.0: "EST", -6.0: "CST", 0.0: "GMT"}.get(hours, d.strftime("%z"))
    if style == "hg":
        return f"{month} {d.day}, {d.year}"
    if style == "ll":
        short = d.strftime("%b")
        short = short if short == "May" else short + "."
        return (
            f"{short} {d.day}, {d.year} {hour}:{d:%M} {'a.m.' if ampm == 'am' else 'p.m.'} {zone}"
        )
    if style == "nw":
        return f"{month} {d.day}, {d.year} {hour}:{d:%M} {ampm.upper()} {zone}"
    if style == "vc":
        return f"Posted: {d:%A}, {month} {d.day}, {d.year} {hour}:{d:%M} {ampm}"
    if style == "mp":
        return f"{d:%a} {d.day} {d:%b} {d.year} {d:%H.%M} {zone}"
    if style == "cr":
        return f"{d.day} {month} {d.year}, {hour}:{d:%M}{ampm}"
    raise ValueError(style)


def json_ld(item: Item, outlet: Outlet) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "datePublished": item.published.isoformat(),
        "dateModified": item.published.isoformat(),
        "author": [{"@type": "Person", "name": item.author}],
        "publisher": {"@type": "Organization", "name": outlet.name, "url": outlet.home},
        "mainEntityOfPage": item.url,
        "articleSection": item.section,
        "inLanguage": outlet.lang,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("</", "<\\/")


def head(item: Item, outlet: Outlet, title_suffix: str, extra: str = "") -> str:
    iso = item.published.isoformat()
    lead = body_paragraphs(item)[0]
    feed_type = CONTENT_TYPES[outlet.feed_kind].split(";")[0]
    return f"""<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(item.title)}{title_suffix}</title>
<meta name="description" content="{esc(lead)}">
<link rel="canonical" href="{esc(item.url)}">
<link rel="alternate" type="{feed_type}" title="{esc(outlet.name)}" href="{esc(outlet.feed_url)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(outlet.name)}">
<meta property="og:title" content="{esc(item.title)}">
<meta property="og:description" content="{esc(lead)}">
<meta property="og:url" content="{esc(item.url)}">
<meta property="og:image" content="{outlet.home}images/{item.slug}.jpg">
<meta property="article:published_time" content="{iso}">
<meta property="article:modified_time" content="{iso}">
<meta property="article:section" content="{esc(item.section)}">
<meta property="article:author" content="{esc(item.author)}">
<meta name="author" content="{esc(item.author)}">
<meta name="twitter:card" content="summary_large_image">
<script type="application/ld+json">
{json_ld(item, outlet)}
</script>
{extra}</head>"""


def weave(paragraphs: list[str], inserts: dict[int, str], wrap: str = "<p>{}</p>") -> str:
    """Paragraph HTML with boilerplate blocks inserted after the given paragraph indexes."""
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        out.append(wrap.format(esc(para)))
        if i in inserts and i < len(paragraphs) - 1:
            out.append(inserts[i])
    return "\n".join(out)


def insert_points(item: Item) -> tuple[int, int]:
    n = len(item.paragraphs)
    return (1, 4) if n >= 7 else (1, max(2, n - 3))


def comment_time(published: datetime, minutes: int) -> str:
    """A WordPress comment timestamp some minutes after the article was published."""
    t = published + timedelta(minutes=minutes)
    hour = t.strftime("%I").lstrip("0")
    return (
        f'<time datetime="{t.isoformat()}">{human_date(t, "hg")} at {hour}:{t:%M}'
        f" {t.strftime('%p').lower()}</time>"
    )


def page_hg(item: Item, o: Outlet) -> str:
    teaser_a, teaser_b = item.teasers[0], item.teasers[-1]
    first, second = insert_points(item)
    body = weave(
        body_paragraphs(item),
        {
            first: f'<p><strong>Read More:</strong> <a href="{esc(teaser_a[1])}">{esc(teaser_a[0])}</a></p>',
            second: '<div class="code-block code-block-3 ad-slot"><span class="ad-label">Advertisement</span>'
            '<div id="div-gpt-ad-inarticle"></div></div>\n'
            f'<p><strong>Read More:</strong> <a href="{esc(teaser_b[1])}">{esc(teaser_b[0])}</a></p>',
        },
    )
    related = "\n".join(
        f'<li class="related-post"><a href="{esc(u)}"><img src="{o.home}wp-content/uploads/2026/11/'
        f'{slugify(t, 30)}-300x200.jpg" alt="" loading="lazy"><h3 class="related-title">{esc(t)}</h3></a></li>'
        for t, u in item.related
    )
    author_slug = slugify(item.author)
    return f"""<!DOCTYPE html>
<html lang="{o.lang}">
{head(item, o, " - Harbour Gazette", "<link rel='stylesheet' id='harbour-style-css' href='https://www.harbourgazette.example/wp-content/themes/harbour/style.css?ver=6.4.2' media='all'>" + chr(10))}
<body class="post-template-default single single-post postid-{item.number} single-format-standard">
<div id="cookie-notice" role="dialog" class="cookie-notice" aria-label="Cookie Notice">
<div class="cookie-notice-container"><span id="cn-notice-text">We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</span>
<a href="#" id="cn-accept-cookie" class="cn-button">Ok</a> <a href="{o.home}privacy-policy/" class="cn-more-info">Privacy policy</a></div>
</div>
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
<div class="top-bar"><span class="today">Monday, November 23, 2026</span>
<ul class="top-links"><li><a href="{o.home}subscribe/">Subscribe</a></li><li><a href="{o.home}e-edition/">E-Edition</a></li><li><a href="{o.home}my-account/">Log in</a></li></ul></div>
<div class="site-branding"><p class="site-title"><a href="{o.home}" rel="home">Harbour Gazette</a></p>
<p class="site-description">{esc(o.tagline)}</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary">
<ul id="primary-menu" class="menu">
<li><a href="{o.home}category/news/">News</a></li>
<li><a href="{o.home}category/local-news/">Local News</a></li>
<li><a href="{o.home}category/sport/">Sport</a></li>
<li><a href="{o.home}category/science/">Science</a></li>
<li><a href="{o.home}category/business/">Business</a></li>
<li><a href="{o.home}category/opinion/">Opinion</a></li>
<li><a href="{o.home}obituaries/">Obituaries</a></li>
<li><a href="{o.home}weather-and-tides/">Weather &amp; Tides</a></li>
</ul></nav>
<div class="trending-bar"><span class="trending-label">Trending:</span> <a href="{o.home}tag/ferry-strike/">Ferry strike</a> <a href="{o.home}tag/tamsin-flood/">Tamsin flood</a> <a href="{o.home}tag/coastal-cup/">Coastal Cup</a></div>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
<article id="post-{item.number}" class="post-{item.number} post type-post status-publish format-standard has-post-thumbnail hentry">
<header class="entry-header">
<span class="cat-links"><a href="{o.home}category/{slugify(item.section)}/" rel="category tag">{esc(item.section)}</a></span>
<h1 class="entry-title">{esc(item.title)}</h1>
<div class="entry-meta"><span class="byline">By <span class="author vcard"><a class="url fn n" href="{o.home}author/{author_slug}/">{esc(item.author)}</a></span></span>
<span class="posted-on"><time class="entry-date published" datetime="{item.published.isoformat()}">{human_date(item.published, "hg")}</time></span></div>
</header>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>
<ul><li><a class="share-facebook" href="#">Facebook</a></li><li><a class="share-x" href="#">X</a></li><li><a class="share-email" href="#">Email</a></li><li><a class="share-print" href="#">Print</a></li></ul></div>
<figure class="post-thumbnail"><img src="{o.home}wp-content/uploads/2026/11/{slugify(item.title, 30)}.jpg" alt=""><figcaption>Photo: Harbour Gazette staff</figcaption></figure>
<div class="entry-content">
{body}
</div>
<footer class="entry-footer"><span class="tags-links">Tagged <a href="{o.home}tag/{slugify(item.section)}/" rel="tag">{esc(item.section)}</a>, <a href="{o.home}tag/port-alder/" rel="tag">Port Alder</a></span></footer>
</article>
<div class="newsletter-signup">
<h3>Get the Gazette in your inbox</h3>
<p>Sign up for our free morning newsletter: the top Port Alder stories, weather and tide times, every weekday at 6 a.m.</p>
<form class="newsletter-form" action="{o.home}newsletter/" method="post"><input type="email" name="email" placeholder="Your email address" required> <button type="submit">Sign Up</button></form>
</div>
<section class="related-posts">
<h2 class="related-posts-title">You May Also Like</h2>
<ul class="related-list">
{related}
</ul>
</section>
<div id="comments" class="comments-area">
<h2 class="comments-title">2 thoughts on &ldquo;{esc(item.title)}&rdquo;</h2>
<ol class="comment-list">
<li id="comment-{item.number}1" class="comment even thread-even depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">DockRat77</b> <span class="says">says:</span></div>
<div class="comment-metadata">{comment_time(item.published, 72)}</div></footer>
<div class="comment-content"><p>Good to see the Gazette actually out on the streets reporting. Keep it up.</p></div>
<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-{item.number}1">Reply</a></div></article></li>
<li id="comment-{item.number}2" class="comment odd alt thread-odd depth-1"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Beatrix H.</b> <span class="says">says:</span></div>
<div class="comment-metadata">{comment_time(item.published, 157)}</div></footer>
<div class="comment-content"><p>When will anyone at City Hall listen to the people who actually live here? Same story every year.</p></div>
<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-{item.number}2">Reply</a></div></article></li>
</ol>
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Comment <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
<form action="{o.home}wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>
<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required></p>
<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" autocomplete="email" required></p>
<p class="comment-form-url"><label for="url">Website</label> <input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url"></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"> <input type="hidden" name="comment_post_ID" value="{item.number}" id="comment_post_ID"></p>
</form>
</div>
</div>
</main>
<aside id="secondary" class="widget-area">
<section class="widget widget_popular"><h2 class="widget-title">Most Read</h2>
<ol>{"".join(f'<li><a href="{esc(u)}">{esc(t)}</a></li>' for t, u in item.related[:3])}</ol></section>
<section class="widget widget_tides"><h2 class="widget-title">Tides at Bell Wharf</h2><p>High water 6:42 a.m. (4.1 m) and 7:05 p.m. (3.9 m)</p></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
<nav class="footer-navigation"><ul><li><a href="{o.home}about/">About Us</a></li><li><a href="{o.home}contact/">Contact</a></li><li><a href="{o.home}advertise/">Advertise</a></li><li><a href="{o.home}corrections/">Corrections</a></li><li><a href="{o.home}privacy-policy/">Privacy Policy</a></li><li><a href="{o.home}terms/">Terms of Use</a></li></ul></nav>
<div class="site-info"><p>&copy; 2026 Harbour Gazette Media Ltd. All rights reserved.</p><p>14 Custom House Quay, Port Alder</p></div>
</footer>
</body>
</html>
"""


def page_cr(item: Item, o: Outlet) -> str:
    teaser_a, teaser_b = item.teasers[0], item.teasers[-1]
    first, second = insert_points(item)
    body = weave(
        body_paragraphs(item),
        {
            first: f'<p class="read-more">READ MORE: <a href="{esc(teaser_a[1])}">{esc(teaser_a[0])}</a></p>',
            second: f'<p class="read-more">READ MORE: <a href="{esc(teaser_b[1])}">{esc(teaser_b[0])}</a></p>',
        },
    )
    related = "\n".join(
        f'<div class="card"><a href="{esc(u)}"><span class="card__tag">News</span><h3>{esc(t)}</h3></a></div>'
        for t, u in item.related
    )
    return f"""<!DOCTYPE html>
<html lang="{o.lang}">
{head(item, o, " | Coastline Radio News")}
<body class="news-article">
<div class="gdpr-banner" id="gdpr">
<p>Coastline Radio uses cookies and similar technologies to personalise content and ads and to analyse our traffic. You can change your choices at any time.</p>
<button class="gdpr-accept">Accept all</button> <button class="gdpr-reject">Reject all</button> <a href="{o.home}cookies">Cookie settings</a>
</div>
<header class="masthead">
<a class="brand" href="{o.home}">Coastline Radio <span>97.4 FM</span></a>
<div class="live-player"><button class="play">&#9654; Listen Live</button> <span class="now-playing">Now playing: Coastline Drive with Tess &amp; Marco</span></div>
<nav class="primary"><a href="{o.home}">News</a> <a href="{o.home}sport">Sport</a> <a href="{o.home}traffic">Traffic &amp; Travel</a> <a href="{o.home}weather">Weather</a> <a href="{o.home}podcasts">Podcasts</a> <a href="{o.home}schedule">Schedule</a> <a href="{o.home}competitions">Competitions</a></nav>
</header>
<main class="container">
<nav class="breadcrumbs"><a href="{o.home}">Home</a> &rsaquo; <a href="{o.home}{slugify(item.section)}">{esc(item.section)}</a></nav>
<article class="news-article">
<h1 class="news-article__title">{esc(item.title)}</h1>
<div class="news-article__meta"><span class="author">{esc(item.author)}</span> <time datetime="{item.published.isoformat()}">{human_date(item.published, "cr")}</time></div>
<div class="social-share"><span>Share this story</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">Copy link</a></div>
<div class="news-article__content">
{body}
</div>
<div class="audio-promo"><p>Hear the latest bulletins every hour on Coastline Radio 97.4 FM, on your smart speaker, or in the Coastline app.</p></div>
</article>
<section class="related-stories">
<h2>Related stories</h2>
{related}
</section>
<section class="newsletter">
<h2>Coastline News Briefing</h2>
<p>The biggest stories from across the coast, sent every evening at 6. Free.</p>
<form><input type="email" placeholder="Enter your email"><button>Subscribe</button></form>
</section>
</main>
<footer class="site-footer">
<p>Coastline Radio 97.4 FM &middot; Part of the Seaboard Audio Group</p>
<p><a href="{o.home}about">About</a> &middot; <a href="{o.home}contact">Contact the newsroom</a> &middot; <a href="{o.home}privacy">Privacy</a> &middot; <a href="{o.home}terms">Terms</a></p>
<p>&copy; 2026 Seaboard Audio Group. All rights reserved.</p>
</footer>
</body>
</html>
"""


def page_nw(item: Item, o: Outlet) -> str:
    first, _ = insert_points(item)
    teaser = item.teasers[-1]
    body = weave(
        body_paragraphs(item),
        {
            first: f'<div class="read-next-inline"><span>Read More:</span> <a href="{esc(teaser[1])}">{esc(teaser[0])}</a></div>'
        },
    )
    related = "\n".join(f'<li><a href="{esc(u)}">{esc(t)}</a></li>' for t, u in item.related)
    author_line = (
        item.author if item.author.startswith("Northwire") else f"{item.author}, Northwire"
    )
    return f"""<!DOCTYPE html>
<html lang="{o.lang}">
{head(item, o, " | Northwire")}
<body>
<div id="onetrust-banner" class="consent">
<p>We and our partners use cookies to store and access information on your device. Select &ldquo;Accept&rdquo; to agree, or manage your choices.</p>
<button>Accept</button> <button>Manage choices</button>
</div>
<header class="nw-header">
<a class="nw-logo" href="{o.home}">NORTHWIRE</a>
<nav><a href="{o.home}world">World</a> <a href="{o.home}regional">Regional</a> <a href="{o.home}politics">Politics</a> <a href="{o.home}business">Business</a> <a href="{o.home}health">Health</a> <a href="{o.home}science">Science</a> <a href="{o.home}sport">Sport</a></nav>
<div class="ticker">Markets: NW-100 4,812.6 +0.4% &middot; Brent $78.12 &middot; Gold $2,391</div>
</header>
<main>
<article class="nw-article">
<p class="section-label">{esc(item.section)}</p>
<h1>{esc(item.title)}</h1>
<p class="byline">By {esc(author_line)}</p>
<p class="dateline"><time datetime="{item.published.isoformat()}">{human_date(item.published, "nw")}</time> &middot; Updated 2 hours ago</p>
<div class="share"><a href="#">Share</a> <a href="#">Email</a> <a href="#">Print</a></div>
<div class="article-body">
{body}
</div>
<p class="credit">Reporting by {esc(item.author)}; editing by Gideon Hart</p>
<p class="standards"><a href="{o.home}trust-principles">Our Standards: The Northwire Trust Principles.</a></p>
</article>
<aside class="read-next"><h2>Read Next</h2><ul>
{related}
</ul></aside>
</main>
<footer><p>&copy; 2026 Northwire News Agency. All rights reserved. Republication or redistribution of Northwire content is prohibited without prior written consent.</p>
<p><a href="{o.home}about">About Northwire</a> | <a href="{o.home}careers">Careers</a> | <a href="{o.home}licensing">Licensing</a> | <a href="{o.home}privacy">Privacy</a></p></footer>
</body>
</html>
"""


def page_vc(item: Item, o: Outlet) -> str:
    teaser_a, teaser_b = item.teasers[0], item.teasers[-1]
    first, second = insert_points(item)
    body = weave(
        body_paragraphs(item),
        {
            first: f'<p class="readmore"><b>Read More:</b> <a href="{esc(teaser_a[1])}">{esc(teaser_a[0])}</a></p>',
            second: '<div class="advert"><small>ADVERTISEMENT</small><div class="adunit" data-slot="mid1"></div></div>\n'
            f'<p class="readmore"><b>Read More:</b> <a href="{esc(teaser_b[1])}">{esc(teaser_b[0])}</a></p>',
        },
    )
    related = "\n".join(
        f'<td class="teaser"><a href="{esc(u)}"><img src="{o.home}img/thumbs/{slugify(t, 30)}.jpg" alt=""><br>{esc(t)}</a></td>'
        for t, u in item.related[:3]
    )
    byline = item.byline or f"By {item.author}, Courier staff writer"
    return f"""<!DOCTYPE html>
<html lang="{o.lang}">
{head(item, o, " | Valley Courier")}
<body id="story-page">
<a href="#main" class="skip">Skip to main content</a>
<div id="top-strip"><span class="weather">Kessford 4&deg;C &middot; Rain</span> <span class="links"><a href="{o.home}subscribe">Subscribe</a> | <a href="{o.home}login">Sign In</a> | <a href="{o.home}eedition">Today's Paper</a></span></div>
<div id="header"><a href="{o.home}"><img src="{o.home}img/logo.png" alt="Valley Courier"></a><p class="slogan">{esc(o.tagline)}</p></div>
<div id="nav"><ul><li><a href="{o.home}news/local/">Local</a></li><li><a href="{o.home}news/region/">Region &amp; Nation</a></li><li><a href="{o.home}sports/">Sports</a></li><li><a href="{o.home}obits/">Obituaries</a></li><li><a href="{o.home}opinion/">Opinion</a></li><li><a href="{o.home}classifieds/">Classifieds</a></li><li><a href="{o.home}contact/">Contact Us</a></li></ul></div>
<div id="main">
<div id="breadcrumb"><a href="{o.home}">Home</a> &gt; <a href="{o.home}news/">News</a> &gt; {esc(item.section)}</div>
<div id="story">
<h1 class="headline">{esc(item.title)}</h1>
<div class="byline">{esc(byline)}</div>
<div class="timestamp">{human_date(item.published, "vc")}</div>
<div class="toolbar"><a href="#">Print</a> | <a href="#">Email</a> | <a href="#comments">Comment</a> | <a href="#">Share</a></div>
<div id="story-text">
{body}
</div>
<p class="copyright-note">Copyright 2026 Valley Courier. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p>
</div>
<div id="also-like"><h3>You May Also Like</h3><table><tr>
{related}
</tr></table></div>
<div id="newsletter-box"><h3>Sign up for Courier headlines</h3><p>Get Kessford and Ormery Valley news delivered to your inbox every morning.</p><form><input type="text" name="email" placeholder="Email Address"><input type="submit" value="Sign Up"></form></div>
<div id="comments">
<h3>Leave a Comment</h3>
<p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<form method="post" action="{o.home}comments/post"><p><label>Comment *</label><br><textarea name="comment" rows="6" cols="60"></textarea></p>
<p><label>Name *</label><br><input type="text" name="name"></p><p><label>Email *</label><br><input type="text" name="email"></p>
<p><input type="submit" value="Post Comment"></p></form>
<p class="policy">Comments are moderated. Please keep it civil and on topic.</p>
</div>
</div>
<div id="footer"><p><a href="{o.home}about">About Us</a> | <a href="{o.home}advertise">Advertise</a> | <a href="{o.home}privacy">Privacy Policy</a> | <a href="{o.home}terms">Terms of Service</a></p>
<p>Valley Courier &middot; 220 Station Road, Kessford &middot; &copy; 2026 Ormery Valley Media</p></div>
<div id="cookie-bar">This website uses cookies to improve your experience. <a href="#" class="accept">Got it!</a> <a href="{o.home}privacy">Learn more</a></div>
</body>
</html>
"""


def page_mp(item: Item, o: Outlet) -> str:
    first, _ = insert_points(item)
    links = "".join(f'<li><a href="{esc(u)}">{esc(t)}</a></li>' for t, u in item.teasers)
    body = weave(
        body_paragraphs(item),
        {
            first: f'<aside class="inline-related" data-component="rich-link"><h4>Read more</h4><ul>{links}</ul></aside>'
        },
    )
    related = "\n".join(
        f'<li class="onward"><a href="{esc(u)}"><span class="kicker">{esc(o.name)}</span> {esc(t)}</a></li>'
        for t, u in item.related
    )
    standfirst = curly(item.lead.split(",")[0]) + "."
    return f"""<!DOCTYPE html>
<html lang="{o.lang}">
{head(item, o, " | The Meridian Post")}
<body>
<div class="cmp-container" role="dialog"><h2>Your privacy</h2><p>We and our partners would like to use cookies and similar technologies on this site to help us and third parties improve your experience. Choose &ldquo;Yes, I&rsquo;m happy&rdquo; to accept or &ldquo;Manage or reject cookies&rdquo; to make more choices.</p><button>Yes, I&rsquo;m happy</button> <button>Manage or reject cookies</button></div>
<div class="support-banner"><p>Support the Meridian: independent journalism, no paywall. <a href="{o.home}support">Support us</a></p></div>
<header class="header"><a class="logo" href="{o.home}">The Meridian Post</a>
<nav><ul><li><a href="{o.home}national">National</a></li><li><a href="{o.home}world">World</a></li><li><a href="{o.home}business">Business</a></li><li><a href="{o.home}science">Science</a></li><li><a href="{o.home}opinion">Opinion</a></li><li><a href="{o.home}sport">Sport</a></li><li><a href="{o.home}culture">Culture</a></li></ul></nav></header>
<main>
<article class="content">
<div class="content__labels"><a href="{o.home}{slugify(item.section)}">{esc(item.section)}</a></div>
<h1 class="content__headline">{esc(item.title)}</h1>
<div class="content__standfirst"><p>{esc(standfirst)}</p></div>
<address class="byline">{esc(item.author)}</address>
<div class="content__dateline"><time datetime="{item.published.isoformat()}">{human_date(item.published, "mp")}</time></div>
<div class="share-icons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Share via Email</a></div>
<div class="article-body-commercial-selector">
{body}
</div>
<div class="submeta"><h2>Explore more on these topics</h2><ul><li><a href="{o.home}{slugify(item.section)}">{esc(item.section)}</a></li><li><a href="{o.home}news">News</a></li></ul><p><a href="{o.home}help/reuse">Reuse this content</a></p></div>
</article>
<div class="epic"><p>&hellip; there is a good reason why the Meridian is free to read. Readers like you, in 140 countries, chip in to keep it that way. <a href="{o.home}support">Support the Meridian from just $2</a></p></div>
<section class="newsletter-signup"><h2>Sign up to Morning Meridian</h2><p>Our morning email breaks down the key stories of the day, telling you what&rsquo;s happening and why it matters.</p><form><input type="email" aria-label="Enter your email address"><button>Sign up</button></form><p class="privacy">Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties.</p></section>
<section class="onwards"><h2>Most viewed</h2><ol>
{related}
</ol></section>
<section class="discussion"><h2>Comments (0)</h2><p>Sign in or create your Meridian account to join the discussion.</p></section>
</main>
<footer class="footer"><ul><li><a href="{o.home}about">About us</a></li><li><a href="{o.home}complaints">Complaints &amp; corrections</a></li><li><a href="{o.home}privacy">Privacy policy</a></li><li><a href="{o.home}cookies">Cookie policy</a></li></ul>
<p>&copy; 2026 Meridian News &amp; Media Limited or its affiliated companies. All rights reserved.</p></footer>
</body>
</html>
"""


def page_ll(item: Item, o: Outlet) -> str:
    teaser_a, teaser_b = item.teasers[0], item.teasers[-1]
    first, second = insert_points(item)
    body = weave(
        body_paragraphs(item),
        {
            first: f'<div class="inline-related"><strong>Read More:</strong> <a href="{esc(teaser_a[1])}">{esc(teaser_a[0])}</a></div>',
            second: '<div class="ad ad--inline" aria-hidden="true"><span>Advertisement</span></div>\n'
            f'<div class="inline-related"><strong>Read More:</strong> <a href="{esc(teaser_b[1])}">{esc(teaser_b[0])}</a></div>',
        },
    )
    related = "\n".join(
        f'<li class="story-card"><a href="{esc(u)}"><img src="{o.home}media/{slugify(t, 30)}.webp" alt=""><h3 class="story-card__title">{esc(t)}</h3></a></li>'
        for t, u in item.related
    )
    byline_html = (
        f'<span class="byline__agency">{esc(item.byline)}</span>'
        if item.byline
        else f'By <a rel="author" href="{o.home}staff/{slugify(item.author)}">{esc(item.author)}</a>'
    )
    return f"""<!DOCTYPE html>
<html lang="{o.lang}">
{head(item, o, " | Lakeside Ledger")}
<body class="layout-article">
<div id="consent-banner" class="consent-banner" role="region" aria-label="Cookie consent">
<p>This site uses cookies to improve your experience, measure audiences and show relevant ads. <a href="{o.home}privacy#cookies">Learn more</a></p>
<button class="btn btn--primary">Accept all</button> <button class="btn">Reject non-essential</button> <button class="btn btn--link">Cookie settings</button>
</div>
<header class="site-header">
<a class="site-header__logo" href="{o.home}">Lakeside Ledger</a>
<nav class="nav-primary" aria-label="Sections"><a href="{o.home}">Home</a> <a href="{o.home}city-hall">City Hall</a> <a href="{o.home}health">Health</a> <a href="{o.home}region">Region</a> <a href="{o.home}sport">Sport</a> <a href="{o.home}arts">Arts</a> <a href="{o.home}opinion">Opinion</a></nav>
<a class="btn btn--subscribe" href="{o.home}subscribe">Subscribe &mdash; $1 for 3 months</a>
</header>
<main id="main">
<article class="story">
<div class="story__kicker">{esc(item.section)}</div>
<h1 class="story__headline">{esc(item.title)}</h1>
<p class="story__byline">{byline_html} &middot; <time datetime="{item.published.isoformat()}">{human_date(item.published, "ll")}</time></p>
<div class="share-bar"><button class="share-bar__btn">Share</button> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">Email</a> <button>Copy link</button></div>
<div class="story__body">
{body}
</div>
<div class="story__topics">Topics: <a href="{o.home}topics/{slugify(item.section)}">{esc(item.section)}</a></div>
</article>
<aside class="newsletter-promo">
<h2>The Ledger Daily</h2>
<p>Brenmoor's news, in your inbox every morning. It's free.</p>
<form><label for="nl-email">Email address</label> <input id="nl-email" type="email"> <button>Subscribe</button></form>
<p class="fine-print">By signing up you agree to our Terms of Use and Privacy Policy.</p>
</aside>
<section class="related">
<h2>Related stories</h2>
<ul>
{related}
</ul>
</section>
<section class="comments" id="comments">
<h2>Leave a Comment</h2>
<p>Your email address will not be published. Required fields are marked *</p>
<form class="comment-form"><label>Comment *<textarea name="comment"></textarea></label>
<label>Name *<input type="text" name="author"></label>
<label>Email *<input type="email" name="email"></label>
<label><input type="checkbox"> Notify me of follow-up comments by email.</label>
<button type="submit">Post Comment</button></form>
</section>
</main>
<footer class="site-footer"><p>&copy; 2026 Lakeside Ledger Publishing Co., Brenmoor</p>
<nav><a href="{o.home}about">About</a> <a href="{o.home}contact">Contact</a> <a href="{o.home}careers">Careers</a> <a href="{o.home}privacy">Privacy</a> <a href="{o.home}terms">Terms</a> <a href="{o.home}accessibility">Accessibility</a></nav></footer>
</body>
</html>
"""


def site_page(outlet: Outlet, items: list[Item]) -> str:
    """The outlet's front page: headlines linking to the article pages, and the feed link."""
    feed_type = CONTENT_TYPES[outlet.feed_kind].split(";")[0]
    cards = "\n".join(
        f'<li class="headline-card"><a href="{esc(i.url)}"><h2>{esc(i.title)}</h2></a>'
        f"<p>{esc(body_paragraphs(i)[0])}</p>"
        f'<time datetime="{i.published.isoformat()}">{i.published:%b} {i.published.day}</time></li>'
        for i in items
    )
    more = "\n".join(
        f'<li><a href="{outlet.home}more/{slugify(t, 60)}">{esc(t)}</a></li>'
        for t in outlet.extra_headlines
    )
    return f"""<!DOCTYPE html>
<html lang="{outlet.lang}">
<head>
<meta charset="utf-8">
<title>{esc(outlet.name)} | {esc(outlet.tagline)}</title>
<link rel="canonical" href="{outlet.home}">
<link rel="alternate" type="{feed_type}" title="{esc(outlet.name)}" href="{esc(outlet.feed_url)}">
<meta property="og:site_name" content="{esc(outlet.name)}">
<meta property="og:type" content="website">
</head>
<body class="front-page">
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><a class="logo" href="{outlet.home}">{esc(outlet.name)}</a><p class="tagline">{esc(outlet.tagline)}</p>
<nav><a href="{outlet.home}">Home</a> <a href="{outlet.home}news">News</a> <a href="{outlet.home}sport">Sport</a> <a href="{esc(outlet.feed_url)}">RSS</a></nav></header>
<main>
<h1 class="visually-hidden">Latest news</h1>
<ul class="latest">
{cards}
</ul>
<aside class="more"><h2>More stories</h2><ul>
{more}
</ul></aside>
</main>
<footer><p>&copy; 2026 {esc(outlet.name)}. All rights reserved.</p></footer>
</body>
</html>
"""


#: Old feed addresses that answer ``301 Moved Permanently`` to the current feed URL.
REDIRECTS = {
    "https://www.harbourgazette.example/rss": "https://www.harbourgazette.example/feed/",
    "http://northwire.example/rss/topstories.xml": "https://northwire.example/rss/topstories.xml",
}


PAGE_BUILDERS = {
    "hg": page_hg,
    "cr": page_cr,
    "nw": page_nw,
    "vc": page_vc,
    "mp": page_mp,
    "ll": page_ll,
}


def text_file(item: Item) -> str:
    site = item.site or FILE_SITE_DEFAULT
    d = item.published
    paras = list(item.paragraphs)
    out = [
        item.title,
        "",
        f"{site} | {d:%A}, {d:%B} {d.day}, {d.year}",
        f"By {item.author}",
        "",
        "Share this article",
        "Facebook | X | WhatsApp | Email",
        "",
    ]
    for i, para in enumerate(paras):
        out += [para, ""]
        if i == 2:
            out += ["Read More: Kessford library book sale moves to December", ""]
    out += [
        "Share this article",
        "",
        "Read More: Upper Ormery bus timetable changes from Dec. 1",
        "",
        "Sign up for the Community Bulletin newsletter: local news, free, every Friday.",
        f"\u00a9 2026 {site}. All rights reserved.",
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- feeds


def rfc822(d: datetime) -> str:
    return format_datetime(d)


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def feed_rss2(outlet: Outlet, items: list[Item]) -> str:
    full = outlet.feed_kind == "rss2-full"
    newest = max(i.published for i in items)
    entries = []
    for item in items:
        if outlet.key == "hg":
            words = item.lead.split()
            short = " ".join(words[:40]) + (" [&#8230;]" if len(words) > 40 else "")
            description = cdata(
                f'<p>{short}</p>\n<p>The post <a href="{item.url}">{esc(item.title)}</a> appeared first on '
                f'<a href="{outlet.home}">Harbour Gazette</a>.</p>'
            )
            guid = f'<guid isPermaLink="false">{outlet.home}?p={item.number}</guid>'
        else:
            description = xml_escape(item.lead)
            guid = f'<guid isPermaLink="true">{xml_escape(item.url)}</guid>'
        extra = ""
        if full:
            body = "\n".join(f"<p>{esc(p)}</p>" for p in item.paragraphs)
            extra = f"\n      <content:encoded>{cdata(body)}</content:encoded>"
        if outlet.key == "hg":
            extra += f"\n      <comments>{xml_escape(item.url)}#respond</comments>\n      <slash:comments>2</slash:comments>"
        entries.append(
            f"""    <item>
      <title>{xml_escape(item.title)}</title>
      <link>{xml_escape(item.feed_link)}</link>
      <dc:creator>{cdata(item.author)}</dc:creator>
      <pubDate>{rfc822(item.published)}</pubDate>
      <category>{cdata(item.section)}</category>
      {guid}
      <description>{description}</description>{extra}
    </item>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
  <channel>
    <title>{xml_escape(outlet.name)}</title>
    <atom:link href="{xml_escape(outlet.feed_url)}" rel="self" type="application/rss+xml"/>
    <link>{xml_escape(outlet.home)}</link>
    <description>{xml_escape(outlet.tagline)}</description>
    <lastBuildDate>{rfc822(newest)}</lastBuildDate>
    <language>{outlet.lang.lower()}</language>
    <ttl>30</ttl>
{chr(10).join(entries)}
  </channel>
</rss>
"""


def feed_atom(outlet: Outlet, items: list[Item]) -> str:
    newest = max(i.published for i in items)
    host = outlet.home.split("//")[1].rstrip("/")
    entries = []
    for item in items:
        summary = esc(f"<p>{esc(item.lead)}</p>")
        entries.append(
            f"""  <entry>
    <title type="text">{xml_escape(item.title)}</title>
    <link rel="alternate" type="text/html" href={quoteattr(item.feed_link)}/>
    <id>tag:{host},{item.published:%Y-%m-%d}:story/{item.number}</id>
    <published>{item.published.isoformat()}</published>
    <updated>{item.published.isoformat()}</updated>
    <author><name>{xml_escape(item.author)}</name></author>
    <category term={quoteattr(item.section)}/>
    <summary type="html">{summary}</summary>
  </entry>"""
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{outlet.lang}">
  <title>{xml_escape(outlet.name)}</title>
  <subtitle>{xml_escape(outlet.tagline)}</subtitle>
  <link rel="self" type="application/atom+xml" href={quoteattr(outlet.feed_url)}/>
  <link rel="alternate" type="text/html" href={quoteattr(outlet.home)}/>
  <id>tag:{host},2026:feed</id>
  <updated>{newest.isoformat()}</updated>
  <generator>Courier CMS 4.2</generator>
{chr(10).join(entries)}
</feed>
"""


def feed_rss1(outlet: Outlet, items: list[Item]) -> str:
    seq = "\n".join(f"        <rdf:li rdf:resource={quoteattr(i.feed_link)}/>" for i in items)
    entries = []
    for item in items:
        entries.append(
            f"""  <item rdf:about={quoteattr(item.feed_link)}>
    <title>{xml_escape(item.title)}</title>
    <link>{xml_escape(item.feed_link)}</link>
    <description>{xml_escape(curly(item.lead))}</description>
    <dc:creator>{xml_escape(item.author)}</dc:creator>
    <dc:date>{item.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}</dc:date>
    <dc:subject>{xml_escape(item.section)}</dc:subject>
  </item>"""
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about={quoteattr(outlet.feed_url)}>
    <title>{xml_escape(outlet.name)}: National</title>
    <link>{xml_escape(outlet.home)}</link>
    <description>National news from {xml_escape(outlet.name)}</description>
    <dc:language>{outlet.lang.lower()}</dc:language>
    <dc:publisher>Meridian News &amp; Media Limited</dc:publisher>
    <items>
      <rdf:Seq>
{seq}
      </rdf:Seq>
    </items>
  </channel>
{chr(10).join(entries)}
</rdf:RDF>
"""


def feed_json(outlet: Outlet, items: list[Item]) -> str:
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet.name,
        "home_page_url": outlet.home,
        "feed_url": outlet.feed_url,
        "description": outlet.tagline,
        "language": outlet.lang,
        "icon": f"{outlet.home}media/icon-512.png",
        "authors": [{"name": outlet.name, "url": outlet.home}],
        "items": [
            {
                "id": f"ledger-{item.number}",
                "url": item.feed_link,
                "title": item.title,
                "summary": item.lead,
                "content_html": f'<p>{esc(item.lead)}</p>\n<p><a href="{esc(item.url)}">Continue reading</a></p>',
                "date_published": item.published.isoformat(),
                "authors": [{"name": item.byline or item.author}],
                "tags": [item.section],
                "language": outlet.lang,
            }
            for item in items
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FEED_BUILDERS = {
    "rss2": feed_rss2,
    "rss2-full": feed_rss2,
    "atom": feed_atom,
    "rss1": feed_rss1,
    "jsonfeed": feed_json,
}


# --------------------------------------------------------------------------- manifest + README


def article_ref(item: Item) -> str:
    """How the gold names an article: its canonical URL, or ``files/<name>`` for a local file."""
    return item.url or item.page


def outlet_name(item: Item) -> str:
    if item.outlet == "file":
        return item.site or FILE_SITE_DEFAULT
    return OUTLETS[item.outlet].name


def build_manifest(items: list[Item]) -> dict:
    by_id = {i.id: i for i in items}
    feeds = []
    for outlet in OUTLETS.values():
        feeds.append(
            {
                "url": outlet.feed_url,
                "file": outlet.feed_file,
                "title": outlet.name,
                "folder": outlet.folder,
                "format": outlet.feed_kind,
                "content_type": CONTENT_TYPES[outlet.feed_kind],
                "site_url": outlet.home,
            }
        )
    stories = []
    for story, headline in STORY_HEADLINES.items():
        stories.append(
            {
                "name": story,
                "headline": headline,
                "articles": [article_ref(i) for i in items if i.story == story],
                "timeline": [
                    {
                        "date": date,
                        "precision": precision,
                        "event": event,
                        "articles": [article_ref(by_id[a]) for a in ids],
                    }
                    for date, precision, event, ids in TIMELINES[story]
                ],
            }
        )
    conflicts = []
    for c in CONFLICTS:
        conflicts.append(
            {
                "kind": c["kind"],
                "story": c["story"],
                "subject": c["subject"],
                "values": [
                    {
                        "value": v["value"],
                        **({"as_written": v["as_written"]} if "as_written" in v else {}),
                        "sources": sorted({outlet_name(by_id[a]) for a in v["articles"]}),
                        "articles": [article_ref(by_id[a]) for a in v["articles"]],
                    }
                    for v in c["values"]
                ],
            }
        )
    return {
        "description": "brief demo corpus: invented outlets, people, places and events.",
        "feeds": feeds,
        "pages": {i.url: i.page for i in items if i.outlet != "file"},
        "sites": {o.home: f"sites/{o.page_dir}.html" for o in OUTLETS.values()},
        "redirects": dict(REDIRECTS),
        "files": [
            {"file": i.page, "source": outlet_name(i), "published": i.published.isoformat()}
            for i in items
            if i.outlet == "file"
        ],
        "articles": [
            {
                "id": i.id,
                "ref": article_ref(i),
                "url": i.url or None,
                "feed_link": i.feed_link or None,
                "file": i.page,
                "outlet": outlet_name(i),
                "feed": OUTLETS[i.outlet].feed_url if i.outlet != "file" else None,
                "title": i.title,
                "author": i.author,
                "published": i.published.isoformat(),
                "story": i.story,
                "words": sum(len(p.split()) for p in i.paragraphs),
            }
            for i in items
        ],
        "stories": stories,
        "near_copies": [[article_ref(by_id[a]), article_ref(by_id[b])] for a, b in NEAR_COPIES],
        "conflicts": conflicts,
    }


README_INTRO = """# The brief demo corpus

Everything here is invented and written for this project: the outlets, the people, the
places and the events. The domains use the reserved `.example` top-level domain, so no URL
in the corpus points at a real site. `brief demo` loads it offline through
`brief.demo.demo_transport()`, an `httpx.MockTransport` that serves the feeds and pages below.

Do not edit `feeds/`, `pages/`, `files/`, `manifest.json` or this README by hand: edit the
articles in `source/` (or the templates and gold data in `build.py`) and run

    python -m brief.demo.build

The build is deterministic, so a rebuild without source changes leaves `git diff` empty.

## Python API (`brief.demo`)

| function | returns |
|---|---|
| `demo_dir()` | `pathlib.Path` of this directory |
| `load_manifest()` | the parsed `manifest.json` (a dict) |
| `demo_feed_urls()` | the feed URLs, in manifest order |
| `demo_files()` | paths of the local plain-text articles (`files/*.txt`) |
| `demo_transport(log=None)` | `httpx.MockTransport` serving every feed and page URL; pass a list as `log` to record `(method, url, status)` of each request |
| `demo_articles()` | the manifest's article records (gold metadata, one per article) |

The transport answers `GET`/`HEAD` with the file's bytes and Content-Type
(`application/rss+xml`, `application/atom+xml`, `application/rdf+xml`,
`application/feed+json`, `text/html; charset=utf-8`), a strong `ETag` (a hash of the bytes) and
a fixed `Last-Modified`. A request whose `If-None-Match` matches the ETag (or whose
`If-Modified-Since` is not older than `Last-Modified`) gets `304 Not Modified`. A URL that
matches no feed or page gets `404`. Each outlet's front page (`sites`, e.g.
`https://www.harbourgazette.example/`) is served too, with a `<link rel="alternate">` to its
feed (for feed discovery), and two old feed addresses (`redirects`) answer `301` with a
`Location` to the current feed: `https://www.harbourgazette.example/rss` and
`http://northwire.example/rss/topstories.xml`. Query strings are ignored when matching pages (Coastline
Radio's feed links carry `utm_*` tracking parameters; the pages' canonical URLs do not).

## Outlets and feed formats

| outlet | feed URL | format | folder | items |
|---|---|---|---|---|
"""

README_GOLD_NOTES = """
## `manifest.json`

| key | content |
|---|---|
| `feeds` | `[{url, file, title, folder, format, content_type, site_url}]`; `format` is `rss2`, `rss2-full`, `atom`, `rss1` or `jsonfeed` |
| `pages` | `{canonical article URL: "pages/<outlet>/<slug>.html"}` |
| `sites` | `{outlet front-page URL: "sites/<outlet>.html"}` |
| `redirects` | `{old feed URL: current feed URL}` (answered with 301) |
| `files` | `[{file: "files/<name>.txt", source, published}]`: local plain-text articles, with the `--source` and `--published` to ingest them with |
| `articles` | one gold record per article: `id`, `ref`, `url`, `feed_link`, `file`, `outlet`, `feed`, `title`, `author`, `published`, `story`, `words` |
| `stories` | `[{name, headline, articles: [ref, ...], timeline: [{date, precision, event, articles}]}]`: the gold grouping and each story's key dates |
| `near_copies` | `[[ref_a, ref_b]]`: the syndicated pair |
| `conflicts` | `[{kind, story, subject, values: [{value, as_written?, sources, articles}]}]` |

## Scoring the pipeline against the gold

    python -m brief.demo.evaluate [--db PATH] [--json]

loads the demo into a temporary database (or reads `--db`) through the CLI's JSON contract and
prints coverage, cleaning (paragraph recall and boilerplate residue), dedupe (near-copy pair
found, false duplicates), clustering (pairwise and B-cubed F1 against the gold grouping) and how
many planted conflicts the facts pane reports.

## How articles are named in the gold

`manifest.json` names each article by its canonical URL (the page's `<link rel="canonical">`,
without query string), or, for the local text file, by its path relative to this directory
(`files/<name>.txt`; its `external_id` in the store is the bare file name). The `articles`
list in the manifest also gives each article's `feed_link` (the link exactly as it appears in
the feed), title, outlet, author, `published` (ISO 8601 with offset) and story.

## Traps planted on purpose

* **Same topic, different events.** Two floods (Port Alder, caused by a river breaching a quay
  wall on Tue Nov 17; Kessford, caused by a reservoir spillway on Fri Nov 20) and two strikes
  (Port Alder ferry crews from Mon Nov 16; Brenmoor nurses, Thu Nov 19 - Sat Nov 21). Each pair
  must end up as two stories.
* **Shared places and people across stories.** Harbour Authority spokeswoman Lena Brandt is
  quoted in both the flood and the ferry strike; Mayor Oskar Feld appears in the flood and the cup
  final; the Meridian Post's Kessford flood story mentions the Port Alder flood in one sentence;
  the ferry-strike stories mention the flood; Coastline Radio's parade story has the mayor
  mentioning "the flood and the ferries". None of this should merge stories.
* **"Read More:" teasers** inside every page body point at other stories' headlines (and a few
  non-corpus headlines); "You May Also Like" / "Related stories" / "Read Next" / "Most viewed"
  blocks, newsletter promos, cookie banners, share bars and comment forms surround the article.
  The Harbour Gazette pages also carry two reader comments.
* **Rich-markup-like text.** The Lakeside Ledger headline
  `Council debates [bold] budget line — café grants & "rainy-day" fund in play [/]`
  contains `[bold]` and a bare `[/]`, an em dash, an accented letter, `&` and double quotes; the
  budget story's bodies mention the programme `[bold]` many times. The TUI must show them
  literally.
* **Typography.** The Meridian Post uses curly quotes and apostrophes; the others use straight
  ones.
* **Time zones.** Outlets publish in -05:00 (Harbour Gazette, Coastline Radio, Lakeside Ledger),
  -06:00 (Valley Courier) and UTC (Northwire, The Meridian Post). Relative dates ("on Tuesday",
  "on Wednesday") are relative to the publishing outlet's local date. One article crosses midnight
  UTC on purpose: the Harbour Gazette's cup-final report is published 2026-11-21T19:30-05:00
  (00:30 UTC on Sunday) and says "on Saturday", meaning Nov 21. Every other article's local date
  is also its UTC date.
"""


def build_readme(items: list[Item], manifest: dict) -> str:
    lines = [README_INTRO.rstrip("\n")]
    for outlet in OUTLETS.values():
        n = sum(1 for i in items if i.outlet == outlet.key)
        lines.append(
            f"| {outlet.name} | `{outlet.feed_url}` | {outlet.feed_kind} | {outlet.folder} | {n} |"
        )
    n_files = sum(1 for i in items if i.outlet == "file")
    lines.append(f"| {FILE_SITE_DEFAULT} | (local file, `files/`) | plain text | - | {n_files} |")
    lines += [
        "",
        "Northwire's feed (`rss2-full`) carries each article's full text in `content:encoded`;"
        " every other feed carries only a summary and links to the article page. The Harbour"
        ' Gazette feed is WordPress-style (summary cut with `[…]` and an "appeared first on"'
        " line). Every feed item links to a page that the transport serves.",
        "",
        f"Totals: {len(items)} articles, {len(OUTLETS) + 1} outlets"
        f" ({len(OUTLETS)} with feeds, plus the local file's bulletin), {len(STORY_HEADLINES)} stories,"
        " published 2026-11-16 .. 2026-11-23.",
        "",
        "## Stories (the gold grouping)",
        "",
        "| story | what happened | articles |",
        "|---|---|---|",
    ]
    for story, headline in STORY_HEADLINES.items():
        n = sum(1 for i in items if i.story == story)
        lines.append(f"| `{story}` | {headline.replace('|', '/')} | {n} |")
    by_id = {i.id: i for i in items}
    for story in STORY_HEADLINES:
        lines += [
            "",
            f"### `{story}`",
            "",
            "| published | outlet | title | ref |",
            "|---|---|---|---|",
        ]
        for i in sorted((i for i in items if i.story == story), key=lambda i: i.published):
            title = i.title.replace("|", "\\|")
            lines.append(
                f"| {i.published.isoformat()} | {outlet_name(i)} | {title} | `{article_ref(i)}` |"
            )
        lines += [
            "",
            "Key dates (gold timeline):",
            "",
            "| date | event | stated by |",
            "|---|---|---|",
        ]
        for date, _precision, event, ids in TIMELINES[story]:
            who = "; ".join(f"{outlet_name(by_id[a])} ({by_id[a].published:%a %b %d})" for a in ids)
            lines.append(f"| {date} | {event} | {who} |")
    by_id = {i.id: i for i in items}
    lines += ["", "## Near-copies (syndicated wire story)", ""]
    for a, b in NEAR_COPIES:
        ia, ib = by_id[a], by_id[b]
        lines += [
            f'* `{article_ref(ia)}` ({outlet_name(ia)}, byline "{ia.byline}")',
            f'* `{article_ref(ib)}` ({outlet_name(ib)}, byline "{ib.byline}")',
            "",
            "The same Northwire article republished by two outlets with light edits: a different byline"
            ' line, a possessive added to the headline ("Port Alder\'s islands"), one sentence added'
            " by the Lakeside Ledger (about Brenmoor travellers' refunds) and the last paragraph"
            " (about the mediation service) trimmed. Northwire's own feed does not carry this"
            " article. Both belong to `port-alder-ferry-strike`; a deduper should mark one as a"
            " duplicate of the other and nothing else in the corpus as a duplicate.",
        ]
    lines += [
        "",
        "## Planted disagreements",
        "",
        "| story | kind | subject | value | said by |",
        "|---|---|---|---|---|",
    ]
    for c in CONFLICTS:
        for v in c["values"]:
            who = "; ".join(
                f"{outlet_name(by_id[a])} ({by_id[a].published:%a %b %d})" for a in v["articles"]
            )
            value = v["value"] + (f" — {v['as_written']}" if "as_written" in v else "")
            lines.append(f"| `{c['story']}` | {c['kind']} | {c['subject']} | {value} | {who} |")
    lines += [
        "",
        'Figure conflicts are phrased as written in the articles ("over 160 homes" vs "nearly 170'
        ' homes"). Date conflicts give the ISO date each outlet implies; the ferry-strike start is'
        ' written as a relative day by the Harbour Gazette and Coastline Radio ("on Monday") and'
        ' as an absolute date by the wire copy ("began on Tuesday, Nov. 17"); the launch scrub is'
        ' "on Wednesday" (Northwire, published Wed Nov 18) vs "Thursday\'s attempt" (Meridian Post,'
        " published Fri Nov 20). Other figures are consistent across outlets (damage $18.5 million,"
        " 42 families in the shelter, 380 crew members, 14,000 daily passengers, about 140 postponed"
        " operations, $412 million budget, 3.9% tax rise, 3-1, 18,400 fans, $240 million satellite).",
    ]
    return "\n".join(lines) + "\n" + README_GOLD_NOTES


# --------------------------------------------------------------------------- main


def load_items() -> list[Item]:
    items = [parse_source(p) for p in sorted(SOURCE.glob("*.txt"))]
    assign_urls(items)
    plan_links(items)
    return items


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def build(out: Path = HERE) -> dict:
    items = load_items()
    for sub in ("feeds", "pages", "files", "sites"):
        target = out / sub
        if target.exists():
            for old in sorted(target.rglob("*"), reverse=True):
                if old.is_file():
                    old.unlink()
                else:
                    old.rmdir()
    for item in items:
        if item.outlet == "file":
            write(out / item.page, text_file(item))
        else:
            write(out / item.page, PAGE_BUILDERS[item.outlet](item, OUTLETS[item.outlet]))
    for outlet in OUTLETS.values():
        group = sorted(
            (i for i in items if i.outlet == outlet.key), key=lambda i: i.published, reverse=True
        )
        write(out / outlet.feed_file, FEED_BUILDERS[outlet.feed_kind](outlet, group))
        write(out / f"sites/{outlet.page_dir}.html", site_page(outlet, group))
    manifest = build_manifest(items)
    write(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    write(out / "README.md", build_readme(items, manifest))
    return manifest


if __name__ == "__main__":
    result = build()
    print(
        f"{len(result['articles'])} articles, {len(result['feeds'])} feeds,"
        f" {len(result['stories'])} stories written to {HERE}"
    )
