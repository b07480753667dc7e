"""The pipeline: dedupe, near-copies, clustering, corrections and all-or-nothing batches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from brief.models import Article
from brief.pipeline import Pipeline
from brief.services import Library
from cache.store import Store, open_store

T0 = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)

WIRE = (
    "Rescue teams in the mountain town of Ostrava Vale pulled four climbers from a collapsed "
    "ice cave on Sunday after a night-long operation, the regional mountain service said. "
    "The climbers, all members of a university club from Brenn, were trapped when part of the "
    "cave roof gave way during a guided descent.\n\n"
    "\"They were cold and frightened but talking to us the whole time,\" said rescue leader "
    "Marta Kovel. Two of the climbers were taken to hospital in Brenn with leg injuries.\n\n"
    "The mountain service said 38 rescuers and two helicopters took part, and warned that warm "
    "weather had weakened ice formations across the range this month."
)

OTHER = (
    "The city of Brenn opened its new tram line on Monday, linking the university district "
    "to the central station in twelve minutes. Mayor Josef Hald said the 90 million crown "
    "project finished three weeks early and within budget.\n\n"
    "\"This line will carry twenty thousand people a day,\" Hald said at the opening, where "
    "hundreds of residents rode the first trams for free.\n\n"
    "Transport officials expect ticket sales to cover running costs within four years."
)


def art(ext: str, title: str, text: str, source: str, hours: float = 0,
        url: str | None = None) -> Article:
    return Article(id=None, external_id=ext, title=title, text=text, source=source,
                   published=T0 + timedelta(hours=hours), url=url)


def test_exact_duplicates_are_stored_once_with_every_source(store: Store) -> None:
    p = Pipeline(store)
    r = p.ingest([
        art("a", "Climbers rescued", WIRE, "Mountain Post", url="https://post.example/c?utm_source=x"),
        art("b", "Climbers rescued", WIRE, "Mountain Post", url="https://post.example/c"),
    ])
    assert (r.new, r.duplicates) == (1, 1)
    assert store.article_count() == 1
    urls = {s["url"] for s in store.article_source_rows(r.article_ids[0])}
    assert "https://post.example/c?utm_source=x" in urls


def test_near_copy_is_kept_marked_and_shown_as_also_in(store: Store, library: Library) -> None:
    p = Pipeline(store)
    reprint = ("By Staff Reporter\n\n" + WIRE.rsplit("\n\n", 1)[0]
               + "\n\nThe service asked hikers to check conditions before setting out.")
    r = p.ingest([
        art("w1", "Four climbers rescued from ice cave", WIRE, "Wire Service"),
        art("w2", "Four climbers saved after cave collapse", reprint, "Valley Daily", hours=2),
        art("o1", "Brenn opens tram line", OTHER, "Brenn Courier", hours=3),
    ])
    assert r.new == 3 and r.near_duplicates == 1
    rows = {row["external_id"]: row for row in store.all_article_rows()}
    assert rows["w2"]["duplicate_of"] == rows["w1"]["id"]
    assert rows["w2"]["story_id"] == rows["w1"]["story_id"] != rows["o1"]["story_id"]
    views = library.story_articles(rows["w1"]["story_id"])
    assert [v.article.external_id for v in views] == ["w1"]
    assert views[0].also_in == ["Valley Daily"]
    # reading one marks its copies read
    library.set_article_read(rows["w1"]["id"])
    assert (store.article_row(rows["w2"]["id"]) or {})["read"] == 1


def test_a_failed_batch_leaves_the_database_as_it_was(store: Store,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    p = Pipeline(store)
    p.ingest([art("o1", "Brenn opens tram line", OTHER, "Brenn Courier")])
    before = store.article_count(), store.story_count()

    def boom(*a: object, **k: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(p, "update_stories", boom)
    with pytest.raises(RuntimeError):
        p.ingest([art("w1", "Climbers rescued", WIRE, "Wire Service")])
    assert (store.article_count(), store.story_count()) == before
    assert store.integrity_ok()
    monkeypatch.undo()
    r = p.ingest([art("w1", "Climbers rescued", WIRE, "Wire Service")])
    assert r.new == 1


def test_restart_reloads_index_instead_of_reclustering(db_path: object) -> None:
    with open_store(db_path) as s:  # type: ignore[arg-type]
        Pipeline(s).ingest([art("w1", "Four climbers rescued from ice cave", WIRE, "Wire")])
    with open_store(db_path) as s:  # type: ignore[arg-type]
        follow = WIRE.replace("four climbers", "the four climbers").replace(
            "Sunday", "Sunday morning")
        r = Pipeline(s).ingest([art("w9", "Ice cave rescue: climbers recovering in Brenn",
                                    follow + "\n\nKovel said all four are expected home soon.",
                                    "Brenn Courier", hours=20)])
        rows = {row["external_id"]: row for row in s.all_article_rows()}
        assert rows["w9"]["story_id"] == rows["w1"]["story_id"]
        assert r.new == 1


def test_story_gets_headline_summary_and_facts(store: Store, library: Library) -> None:
    Pipeline(store).ingest([art("w1", "Four climbers rescued from ice cave", WIRE, "Wire")])
    [story] = library.stories("all")
    assert story.headline == "Four climbers rescued from ice cave"
    facts = library.story_facts(story.id)
    assert facts.summary
    assert any(f.value == 38 for f in facts.facts)
    assert any(q.speaker and "Kovel" in q.speaker for q in facts.quotes)


def test_undated_article_gets_an_inferred_date_and_never_an_invented_year(store: Store) -> None:
    dated = ("The regional water board confirmed on March 3, 2025 that the Loma dam inspection "
             "had found two cracked spillway gates. Engineers began repairs on Monday, the board "
             "said, and expect the work to last six weeks.\n\n\"The dam is safe,\" said board "
             "chair Ilse Marrow. Residents downstream were told no evacuation is needed.")
    p = Pipeline(store)
    p.ingest([Article(id=None, external_id="d1", title="Loma dam gates cracked", text=dated,
                      source="Loma Times")])
    row = next(store.all_article_rows())
    assert row["published"] is not None and row["published_inferred"] == 1
    assert row["published"].startswith("2025-03")
    other = Pipeline(store)
    other.ingest([Article(id=None, external_id="d2", title="Marsh festival returns",
                          text="The marsh festival returns on Saturday with music and boat "
                               "races, organisers said. Tickets cost less than last year and "
                               "the boat race starts at noon by the old mill.",
                          source="Loma Times")])
    rows = {r["external_id"]: r for r in store.all_article_rows()}
    assert rows["d2"]["published"] is None and rows["d2"]["published_inferred"] == 0


def test_an_enormous_article_is_cut_and_the_cut_recorded(store: Store) -> None:
    from brief.pipeline import MAX_TEXT_CHARS

    para = "The harbour board met again to discuss the seawall and its repair costs. " * 20
    huge = "\n\n".join([para] * (MAX_TEXT_CHARS // len(para) + 50))
    Pipeline(store).ingest([art("big", "Seawall saga", huge, "Harbour Post")])
    row = next(store.all_article_rows())
    assert len(row["text"]) <= MAX_TEXT_CHARS
    assert "longer than" in row["removed"]


def test_signatures_match_the_ones_datasketch_made_for_articles_stored_earlier() -> None:
    """Near-copies of articles stored by earlier versions (signatures made with datasketch's
    MinHash) are still found: the vectorized signature is the same bytes."""
    import numpy as np
    from datasketch import MinHash

    from brief.dedupe import NearDuplicateIndex, _shingles

    def _new_minhash(cls: type, num_perm: int) -> MinHash:
        return cls(seed=1, scheme="affine32", num_perm=num_perm)

    index = NearDuplicateIndex()
    for text in (WIRE, OTHER, "Too short", "", WIRE.upper() + " " + OTHER):
        m = _new_minhash(MinHash, num_perm=index.num_perm)
        shingles = _shingles(text)
        if shingles:
            m.update_batch(list(shingles))
        earlier = (np.asarray(m.hashvalues, dtype=np.uint32).astype("<u4").tobytes()
                   + len(shingles).to_bytes(8, "little"))
        assert index.signature(text) == earlier
    old = NearDuplicateIndex()
    m = _new_minhash(MinHash, num_perm=old.num_perm)
    m.update_batch(list(_shingles(WIRE)))
    old.add_signature(1, np.asarray(m.hashvalues, dtype=np.uint32).astype("<u4").tobytes()
                      + len(_shingles(WIRE)).to_bytes(8, "little"))
    reprint = "By Staff Reporter\n\n" + WIRE.rsplit("\n\n", 1)[0]
    assert old.find(reprint) == 1


def test_facts_computed_in_worker_processes_are_the_ones_computed_here(tmp_path: object) -> None:
    """A refresh computes story facts in its worker processes: every story ends with the
    same summary, facts, quotes, timeline and inferred dates as when computed in-thread."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from pathlib import Path

    undated = ("The regional water board confirmed on March 3, 2025 that the Loma dam "
               "inspection had found two cracked spillway gates. \"The dam is safe,\" said "
               "board chair Ilse Marrow.")
    batch = [
        art("w1", "Four climbers rescued from ice cave", WIRE, "Wire Service"),
        art("o1", "Brenn opens tram line", OTHER, "Brenn Courier", hours=3),
        Article(id=None, external_id="d1", title="Loma dam gates cracked", text=undated,
                source="Loma Times"),
    ]
    seen = []
    for name, pool in (("here", None), ("pool", ProcessPoolExecutor(
            2, mp_context=multiprocessing.get_context("fork")))):
        with open_store(Path(str(tmp_path)) / f"{name}.db") as s:
            p = Pipeline(s)
            p.ingest([Article(**{f: getattr(a, f) for f in a.__slots__}) for a in batch],
                     facts=False)
            assert p.update_stale_facts(executor=pool) == 3
            if pool is not None:
                pool.shutdown()
            assert s.stale_story_ids() == []
            lib = Library(s)
            stories = sorted(lib.stories("all"), key=lambda st: st.headline)
            seen.append([(st.headline, lib.story_facts(st.id)) for st in stories]
                        + [[(r["external_id"], r["published"], r["published_inferred"])
                            for r in s.all_article_rows()]])
    assert seen[0] == seen[1]
    assert any(f.value == 38 for _h, facts in seen[1][:-1] for f in facts.facts)
    assert ("d1", "2025-03-03T12:00:00+00:00", 1) in seen[1][-1]


def test_facts_made_ahead_are_made_again_when_the_story_changed_meanwhile(tmp_path: object) -> None:
    """Facts computed in a worker while another writer adds an article to the story are not
    stored as the story's facts: the story's facts count the new article's figure."""
    from concurrent.futures import Executor, Future
    from pathlib import Path

    from brief.convert import article_to_row

    class Meanwhile(Executor):
        """Runs each job at once; before its result is read, another writer adds an article."""

        def __init__(self, store: object, story_id: int) -> None:
            self.store, self.story_id, self.done = store, story_id, False

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
            future: Future = Future()
            result = fn(*args, **kwargs)
            if not self.done:
                self.done = True
                late = art("o2", "Brenn tram line draws crowds", OTHER + " About 9,400 riders "
                           "took the tram on its first day.", "Brenn Post", hours=4)
                row = article_to_row(late)
                row["story_id"] = self.story_id
                aid = self.store.insert_article(row)  # type: ignore[attr-defined]
                self.store.set_story(aid, self.story_id)  # type: ignore[attr-defined]
            future.set_result(result)
            return future

    with open_store(Path(str(tmp_path)) / "b.db") as s:
        p = Pipeline(s)
        p.ingest([art("o1", "Brenn opens tram line", OTHER, "Brenn Courier", hours=3)],
                 facts=False)
        (sid,) = s.stale_story_ids()
        p.update_stale_facts(executor=Meanwhile(s, sid))
        facts = Library(s).story_facts(sid)
        assert any(f.value == 9400 for f in facts.facts)
        assert s.stale_story_ids() == []
