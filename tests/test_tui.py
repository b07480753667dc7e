"""The Textual app, driven by key presses on a small invented library (Pilot tests)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from brief.convert import article_to_row, story_facts_to_rows
from brief.models import (
    Article,
    Conflict,
    ConflictValue,
    Entity,
    Fact,
    Quote,
    Removal,
    StoryFacts,
    TimelineEvent,
)
from brief.services import Library

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HOSTILE_TITLE = "[bold]Quarry[/bold] strike \x1b[31menters\x1b[0m second week\x07"


def _article(title: str, source: str, hours_ago: float, text: str, **kw: object) -> Article:
    slug = title.lower().replace(" ", "-")[:40]
    return Article(
        id=None, external_id=slug, title=title, text=text, source=source,
        url=f"https://{source.lower().replace(' ', '')}.example/{slug}",
        published=NOW - timedelta(hours=hours_ago), fetched_at=NOW - timedelta(hours=hours_ago),
        **kw,  # type: ignore[arg-type]
    )


def build_library(path: Path) -> Library:
    """Six invented stories, written directly into the store (no pipeline needed)."""
    lib = Library.open(path)
    store = lib.store
    store.add_feed("https://velmoracourier.example/feed.xml", "Velmora Courier")

    def story(headline: str, summary: str, articles: list[Article],
              facts: StoryFacts | None = None, copies: dict[int, int] | None = None) -> int:
        sid = store.new_story_id()
        ids = []
        for a in articles:
            aid = store.insert_article(article_to_row(a))
            store.set_story(aid, sid)
            ids.append(aid)
        for copy, original in (copies or {}).items():
            store.update_article(ids[copy], duplicate_of=ids[original])
        store.update_story(sid, headline=headline, summary=summary)
        store.refresh_story_stats([sid])
        if facts:
            store.replace_story_details(sid, story_facts_to_rows(facts))
        return sid

    bridge_text = (
        "The Velmora harbour bridge will close to traffic for fourteen days from Monday.\n\n"
        "Engineers found corroded cables during an inspection last week, the city said.\n\n"
        "Ferries will run every twenty minutes while the bridge is shut."
    )
    story(
        "Velmora harbour bridge closes for cable repairs",
        "The harbour bridge shuts for 14 days after an inspection found corroded cables; "
        "outlets disagree on the repair bill.",
        [
            _article("Harbour bridge to shut for two weeks", "Velmora Courier", 3, bridge_text,
                     byline="Petra Lind",
                     removed=[Removal("Sign up for our morning newsletter", "newsletter promo"),
                              Removal("Read more: Ferry timetables explained", "teaser link")]),
            _article("Bridge closure: what drivers need to know", "Northern Ledger", 5,
                     "Drivers face detours as the harbour bridge closes.\n\n"
                     "The repair bill is put at 4 million crowns."),
            _article("Harbour bridge to shut for two weeks", "Coastline Daily", 2, bridge_text),
        ],
        StoryFacts(
            facts=[Fact("closed for 14 days", 14, "days", sources=("Velmora Courier",
                                                                   "Northern Ledger")),
                   Fact("repair cost 3.2 million crowns", 3.2e6, "crowns",
                        sources=("Velmora Courier",))],
            quotes=[Quote("Ilse Brandt", "We will not take risks with the cables", "mayor",
                          sources=("Velmora Courier",))],
            entities=[Entity("Ilse Brandt", "person", 3), Entity("Velmora", "place", 5)],
            timeline=[TimelineEvent("2026-03-02", "day", "Inspection finds corroded cables",
                                    sources=("Velmora Courier",)),
                      TimelineEvent("2026-03-09", "day", "Bridge closes to traffic",
                                    sources=("Northern Ledger",))],
            conflicts=[Conflict("figure", "repair cost", (
                ConflictValue("3.2 million crowns", ("Velmora Courier",)),
                ConflictValue("4 million crowns", ("Northern Ledger",))))],
        ),
        copies={2: 0},
    )
    story(
        "Tallow Valley orchards report record pear harvest",
        "Growers picked more pears than in any year on record.",
        [
            _article("Record pear harvest in Tallow Valley", "Northern Ledger", 20,
                     "Growers in Tallow Valley picked 12,000 tonnes of pears."),
            _article("Pear growers celebrate bumper year", "Orchard Weekly", 26,
                     "A bumper year: 12,000 tonnes, say the growers."),
        ],
        StoryFacts(facts=[Fact("12,000 tonnes of pears", 12000, "tonnes",
                               sources=("Northern Ledger", "Orchard Weekly"))]),
    )
    story(HOSTILE_TITLE, "[red]Workers[/red] walked out \x1b]0;pwned\x07 again.",
          [_article(HOSTILE_TITLE, "Stonegate [i]Post[/i]", 30,
                    "Quarry workers stayed out for an eighth day. [link=x]click[/link]")])
    sid = story("Observatory on Mount Keld spots a new comet",
                "Astronomers at Mount Keld found a faint comet.",
                [_article("Mount Keld astronomers find comet", "Skyline Review", 50,
                          "The comet is faint but growing brighter.")])
    lib.set_story_starred(sid, True)
    sid = story("City council approves night-tram trial",
                "Night trams will run on Fridays for six months.",
                [_article("Night trams approved", "Velmora Courier", 80,
                          "The council voted for a six-month trial.")])
    lib.set_story_read(sid, True)
    sid = story("Lost parrot flies home after a month",
                "A parrot returned to its owner.",
                [_article("Parrot comes home", "Coastline Daily", 90, "It knocked on the window.")])
    lib.set_story_dismissed(sid, True)
    return lib


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = build_library(tmp_path / "brief.db")
    yield lib
    lib.close()
