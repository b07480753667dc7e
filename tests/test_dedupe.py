"""Exact and near duplicates, as a reader of several feeds would notice them."""

from __future__ import annotations

import pytest

from brief.dedupe import NearDuplicateIndex, canonical_url, content_hash

# --------------------------------------------------------------------------- canonical URLs


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # tracking parameters from newsletters, social networks and ads
        ("https://news.example.org/world/flood?utm_source=rss&utm_medium=feed",
         "https://news.example.org/world/flood"),
        ("https://news.example.org/world/flood?fbclid=IwAR0abc", "https://news.example.org/world/flood"),
        ("https://news.example.org/world/flood?gclid=xyz&ref=homepage",
         "https://news.example.org/world/flood"),
        # scheme, host case, www, default port, fragment, trailing slash
        ("HTTP://WWW.News.Example.ORG:80/world/flood/#comments", "https://news.example.org/world/flood"),
        ("https://news.example.org:443/world/flood", "https://news.example.org/world/flood"),
        # parameter order does not matter, real parameters stay
        ("https://example.net/read?id=42&page=2", "https://example.net/read?page=2&id=42"),
    ],
)
def test_same_page_same_canonical_url(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


def test_meaningful_parameters_and_paths_are_kept() -> None:
    assert canonical_url("https://example.net/read?id=42") != canonical_url("https://example.net/read?id=43")
    assert canonical_url("https://example.net/a/story-1") != canonical_url("https://example.net/a/story-2")
    assert "id=42" in canonical_url("https://example.net/read?id=42&utm_campaign=x")


def test_odd_urls_do_not_raise() -> None:
    assert canonical_url("") == ""
    assert canonical_url("mailto:desk@example.org") == "mailto:desk@example.org"
    assert canonical_url("example.org/story") == "https://example.org/story"
    assert isinstance(canonical_url("http://[::1"), str)


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    a = "The harbour bridge reopened on Monday.\n\nTraffic was light!"
    b = "the harbour  bridge reopened on monday traffic was light"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("The harbour bridge closed on Monday. Traffic was light.")


# --------------------------------------------------------------------------- near duplicates

WIRE = """Firefighters in the hill town of Marrowdale spent the night battling a blaze that tore through the old textile mill on Canal Street, the county fire service said on Tuesday.
No one was hurt, but about forty residents of the terraced houses behind the mill were moved to the community hall as a precaution while crews kept the flames from spreading.
Station manager Orla Penhallow said the fire started shortly after ten in the evening in the disused weaving shed and spread quickly through the timber roof.
Six engines and an aerial ladder platform were sent from three neighbouring stations, and the canal towpath was closed to walkers until further notice.
The mill, built in the 1880s, had been empty for more than a decade and was due to be turned into flats next spring under a plan approved by the council last year.
Investigators will examine the site once the structure is judged safe, and the cause of the fire is not yet known, the service said in a short statement.
Residents described hearing a series of loud bangs before thick smoke drifted across the valley, and several said they had reported youths on the site in recent weeks.
The council said it would meet the developer later this week to discuss what remains of the building and whether the facade can be saved."""

SAME_TOPIC = """A century-old mill in Marrowdale was gutted by fire overnight, and the developer who planned to convert it into apartments says the project is now in doubt.
Speaking outside the cordon on Tuesday morning, the company's director Tomas Greaves said insurers had been informed and that the loss would run into millions.
Neighbours who had campaigned against the conversion said they were saddened to see a landmark of the valley destroyed, whatever their views on the flats.
The county fire service has not said what caused the blaze, and police have asked anyone who saw people near the building on Monday evening to come forward.
Local historian Bryn Ashdown said the mill had employed hundreds of weavers at its peak and that its chimney was one of the last of its kind in the district.
The canal towpath remains closed and engineers are expected to decide by the weekend whether the remaining walls must be pulled down."""


def edited_copy(text: str) -> str:
    """A lightly edited reprint: byline added, paragraphs reordered, ending trimmed."""
    paras = text.split("\n")
    reordered = [paras[0], paras[2], paras[1], *paras[3:6]]  # last two paragraphs dropped
    return "By a Valley Courier reporter\n" + "\n".join(reordered) + "\nCopyright Valley Courier."


def test_edited_reprint_is_found_as_near_copy() -> None:
    index = NearDuplicateIndex()
    index.add(1, WIRE)
    index.add(2, SAME_TOPIC)
    assert index.find(edited_copy(WIRE)) == 1


def test_different_article_on_same_event_is_not_a_near_copy() -> None:
    index = NearDuplicateIndex()
    index.add(1, WIRE)
    assert index.find(SAME_TOPIC) is None


def test_signature_rebuilds_index_without_text() -> None:
    first = NearDuplicateIndex()
    sig = first.signature(WIRE)
    assert isinstance(sig, bytes) and sig
    restarted = NearDuplicateIndex()
    restarted.add_signature(7, sig)
    assert restarted.find(edited_copy(WIRE)) == 7
    assert restarted.find(SAME_TOPIC) is None


def test_bad_input_never_raises() -> None:
    index = NearDuplicateIndex()
    index.add_signature(1, b"not a signature")
    index.add(2, "")
    assert index.find("") is None
    assert index.find("too short to judge") is None
    assert len(index) == 0
