"""Who and where: people, organizations and places, ranked across a story's outlets."""

from __future__ import annotations

from brief.entities import SourcedText, find_entities, rank_entities


def test_titles_make_people_and_are_not_part_of_the_name() -> None:
    found = find_entities("Prime Minister Oskar Lind met Gen. Farah Osei in Lisbon on Monday.")
    assert ("Oskar Lind", "person") in found
    assert ("Farah Osei", "person") in found
    assert ("Lisbon", "place") in found


def test_organization_words_and_gazetteer_places() -> None:
    found = find_entities(
        "The Velmora Water Council blamed the Coastal Defence Force for the flooding in Norway."
    )
    assert ("Velmora Water Council", "org") in found
    assert ("Coastal Defence Force", "org") in found
    assert ("Norway", "place") in found


def test_sentence_boundaries_and_function_words_are_not_names() -> None:
    found = find_entities("Crews reached Oslo. However, The Harbour Board said nothing.")
    names = [n for n, _ in found]
    assert "Oslo" in names and "Harbour Board" in names
    assert not any("However" in n or "Oslo." in n for n in names)


def test_role_before_a_name_splits_org_and_person() -> None:
    found = find_entities("Harbour Authority Director Nadia Okafor resigned.")
    assert ("Nadia Okafor", "person") in found
    assert ("Harbour Authority", "org") in found


def test_headline_lines_are_skipped() -> None:
    text = "Storm Hits Coastal Towns Hard\nThe storm reached Velmora Bay on Monday night."
    names = [n for n, _ in find_entities(text)]
    assert "Storm Hits Coastal Towns Hard" not in names


def test_ranked_by_outlets_with_surnames_folded_into_full_names() -> None:
    texts = [
        SourcedText("Velmora Post", "a", "Mayor Ilse Varga visited Korsa. Varga promised aid."),
        SourcedText("Coast Daily", "b", "Varga said the Korsa dam would be rebuilt."),
        SourcedText("Harbour FM", "c", "Residents of Korsa met the Water Council in Oslo."),
    ]
    ranked = rank_entities(texts)
    names = [e.name for e in ranked]
    assert names[0] in ("Korsa", "Ilse Varga")
    varga = next(e for e in ranked if e.name == "Ilse Varga")
    assert varga.kind == "person"
    assert varga.mentions == 3
    assert varga.sources == ("Velmora Post", "Coast Daily")
    assert "Varga" not in names


def test_office_titles_with_of_are_not_part_of_the_name() -> None:
    found = find_entities(
        "Secretary of State Lena Ostrova met Minister of Foreign Affairs Tomas Iver Kask."
    )
    assert ("Lena Ostrova", "person") in found
    assert ("Tomas Iver Kask", "person") in found


def test_common_nouns_opening_a_sentence_are_not_entities() -> None:
    texts = [
        SourcedText("Velmora Post", "velmora", (
            "Library users packed the Korsa council chamber, many of them in T-shirts. "
            "Nurses from the Korsa General Hospital joined them. Police said the meeting was "
            "calm."
        ))
    ]
    names = {e.name for e in rank_entities(texts)}
    assert names >= {"Korsa General Hospital"}
    assert not names & {"Library", "Nurses", "Police", "T-shirts"}


def test_a_sports_role_before_a_name_makes_a_person() -> None:
    assert ("Mira Olsen", "person") in find_entities(
        "Korsa won 2-1 when substitute Mira Olsen scored in stoppage time."
    )


def test_words_after_the_are_those_of_a_full_scan() -> None:
    """``_after_the`` tries its pattern only at a "the" before a capital; it finds the words
    that ``findall`` over the whole text finds."""
    import random

    from brief.entities import _AFTER_THE, _after_the

    pieces = ["the", "The", "THE", "bathe", "The Hague", "the  Harriers", "the\nX", "Theo",
              "the T", "tithe The Big", "Reddy", "the-X", "the\tAl’s", "lathe", "he", "T"]
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(
            rng.choice(pieces) + rng.choice([" ", "  ", "\n", "", ","])
            for _ in range(rng.randint(1, 10))
        )
        assert _after_the(text) == set(_AFTER_THE.findall(text)), text


def test_last_words_before_a_name_are_those_findall_gives() -> None:
    import random

    from brief.entities import _PREV_WORDS, _last_words

    pieces = ["nurse", "said", " ", "  ", "Mr.", "x", "O'Neil", "-", ".", "’", "(", ",", "Ravi",
              "\n", "é", "__", "ab"]
    rng = random.Random(2)
    for _ in range(1000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        for s in range(len(text) + 1):
            w40 = _PREV_WORDS.findall(text[max(0, s - 40) : s])
            w30 = _PREV_WORDS.findall(text[max(0, s - 30) : s])
            expected = (w40[-1] if w40 else None, w30[-1] if w30 else None)
            assert _last_words(text, s) == expected, (text, s)


def test_one_word_runs_plan_as_the_general_rules_do() -> None:
    """``_word_plan`` (the fast path for a run of one word) gives what splitting the run and
    planning its segments gives."""
    import random

    from brief import entities as E

    def general(run: str) -> tuple:
        out: list = []
        for seg in E._segments(run):
            E._plan(seg, out)
        return tuple(out)

    rng = random.Random(1)
    letters = "ABCDEFGHIJKLMNOPSTUVWXYZabcdeghilmnorstuy.'’-_1é"
    pool = [*sorted(E.COMMON_CAPS)[:50], *sorted(E.PERSON_TITLES)[:60], "Iran", "NATO", "T-shirt"]
    for _ in range(5000):
        if rng.random() < 0.5:
            word = rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "".join(
                rng.choice(letters) for _ in range(rng.randint(0, 8))
            )
        else:
            word = rng.choice(pool) + rng.choice(["", ".", "'s", "’s", "-backed", "s", ".."])
        for m in E._NAME.finditer(word):
            run = m.group()
            if " " not in run and "\t" not in run:
                assert E._word_plan(run) == general(run), run


def test_one_word_name_kinds_match_the_general_rules() -> None:
    import random

    from brief import entities as E

    names = set(E.PLACES) | set(E.ORG_NAMES) | set(E.ORG_WORDS) | {"U.S.", "A.", "X-Y", "IRGC."}
    rng = random.Random(1)
    for _ in range(3000):
        names.add(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "".join(
            rng.choice("ABCDEFGHIJKLMNOPabcdefgh.-'’") for _ in range(rng.randint(0, 7))
        ))
    for name in names:
        words = name.replace("-", " ").split()
        if words:
            general = (E._head_kind(name, words), E._rest_kind(words))
            assert E._name_kinds.__wrapped__(name) == general, name
