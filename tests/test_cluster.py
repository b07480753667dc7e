"""Story clustering as a reader sees it: one story per event, explainable, correctable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from brief.cluster import StoryIndex
from brief.features import Features, article_features

T0 = datetime(2031, 3, 4, 9, 0, tzinfo=UTC)

# Two earthquakes: same topic, different events (place, magnitude, people, day).
QUAKE_A = [
    ("Magnitude 6.8 earthquake shakes Port Tesselin, dozens injured",
     "A magnitude 6.8 earthquake struck near Port Tesselin on the Orvane coast early on Tuesday, "
     "injuring at least 40 people and cutting power to the harbour district. Mayor Ilse Varnholt "
     "said rescue teams were searching two collapsed warehouses. The Orvane Seismic Institute "
     "said the quake was centred 12 kilometres offshore at a depth of 30 kilometres."),
    ("Port Tesselin counts damage after 6.8 quake",
     "Residents of Port Tesselin spent the night outdoors after Tuesday's 6.8 magnitude quake. "
     "Mayor Ilse Varnholt said 40 people were treated in hospital and two warehouses in the harbour "
     "district collapsed. The Orvane Seismic Institute recorded more than twenty aftershocks."),
    ("Aftershocks rattle Port Tesselin as harbour reopens",
     "Aftershocks continued to rattle Port Tesselin on Wednesday, a day after the 6.8 earthquake. "
     "The harbour reopened to fishing boats, Mayor Ilse Varnholt said, while engineers from the "
     "Orvane Seismic Institute inspected the collapsed warehouses and the sea wall."),
]
QUAKE_B = [
    ("Moderate 5.1 quake hits Kelby Valley farms, no injuries",
     "A moderate earthquake of magnitude 5.1 hit the Kelby Valley farming region on Thursday, "
     "cracking barns and a grain silo near the village of Ardmoss. Police chief Rafe Tolland said "
     "no injuries had been reported. The quake was felt as far away as Lenmouth, the Kelby Valley "
     "geological survey said."),
    ("Ardmoss farmers inspect silos after Kelby Valley tremor",
     "Farmers around Ardmoss inspected grain silos and barns on Friday after Thursday's magnitude "
     "5.1 earthquake in the Kelby Valley. Police chief Rafe Tolland said there were no injuries. "
     "The geological survey said the tremor was felt in Lenmouth."),
    ("Kelby Valley quake: survey confirms 5.1 magnitude",
     "The Kelby Valley geological survey confirmed the magnitude 5.1 reading of Thursday's "
     "earthquake near Ardmoss. Cracked barns and a damaged silo were the worst of it, police chief "
     "Rafe Tolland said, and no one was hurt."),
]
TRANSFER = [
    ("Holloway Rovers sign striker Dario Quennel",
     "Holloway Rovers have signed striker Dario Quennel from Estmere Athletic on a four-year "
     "contract, the club announced. Manager Petra Lund said Quennel would add pace to the attack."),
    ("Quennel completes move to Holloway Rovers",
     "Striker Dario Quennel completed his move from Estmere Athletic to Holloway Rovers. Manager "
     "Petra Lund called the forward a player with pace who fits the attack."),
]
BACKGROUND = [
    ("City council approves new cycle lanes",
     "The city council approved a network of protected cycle lanes along the river on Monday."),
    ("Bakery chain opens its hundredth shop",
     "The bakery chain Crumb and Crust opened its hundredth shop, in the old post office building."),
    ("Library extends opening hours for exams",
     "The central library will stay open until midnight during the exam season, the trust said."),
    ("Storm warning issued for the northern isles",
     "Forecasters issued a storm warning for the northern isles with gusts expected on Saturday."),
    ("Museum returns carved panels to island community",
     "The national museum returned three carved panels to the island community that made them."),
    ("Rail operator promises faster trains next year",
     "The rail operator promised faster trains on the coastal line from next year after upgrades."),
]


def feats(article: tuple[str, str]) -> Features:
    return article_features(*article)


def fill(index: StoryIndex, start: int = 1000) -> None:
    for n, art in enumerate(BACKGROUND):
        index.assign(start + n, feats(art), T0 - timedelta(days=1))


def test_story_forms_incrementally_with_reasons() -> None:
    index = StoryIndex()
    fill(index)
    first = index.assign(1, feats(QUAKE_A[0]), T0)
    assert first.is_new
    second = index.assign(2, feats(QUAKE_A[1]), T0 + timedelta(hours=3))
    third = index.assign(3, feats(QUAKE_A[2]), T0 + timedelta(days=1))
    assert not second.is_new and not third.is_new
    assert second.story_key == third.story_key == first.story_key
    assert index.members(first.story_key) == [1, 2, 3]
    why = " ".join(index.why(first.story_key)).casefold()
    assert "tesselin" in why
    assert "tesselin" in " ".join(third.why).casefold()
    assert index.central_article(first.story_key) in {1, 2, 3}


def test_two_events_in_one_topic_stay_apart() -> None:
    index = StoryIndex()
    fill(index)
    keys_a, keys_b = set(), set()
    for n, (a, b) in enumerate(zip(QUAKE_A, QUAKE_B, strict=True)):
        keys_a.add(index.assign(10 + n, feats(a), T0 + timedelta(hours=n)).story_key)
        keys_b.add(index.assign(20 + n, feats(b), T0 + timedelta(days=2, hours=n)).story_key)
    assert len(keys_a) == 1 and len(keys_b) == 1
    assert keys_a != keys_b


def test_unrelated_story_and_far_apart_dates_start_new_stories() -> None:
    index = StoryIndex()
    fill(index)
    quake = index.assign(1, feats(QUAKE_A[0]), T0).story_key
    transfer = index.assign(2, feats(TRANSFER[0]), T0)
    assert transfer.is_new and transfer.story_key != quake
    # the same kind of report a year later is a different event
    later = index.assign(3, feats(QUAKE_A[1]), T0 + timedelta(days=365))
    assert later.is_new
    # unknown dates are not held against an article
    undated = index.assign(4, feats(QUAKE_A[2]), None)
    assert undated.story_key in {quake, later.story_key}


def test_serialization_round_trip_gives_same_assignments() -> None:
    index = StoryIndex()
    fill(index)
    for n, art in enumerate(QUAKE_A[:2] + TRANSFER[:1]):
        index.assign(n + 1, feats(art), T0 + timedelta(hours=n))
    states = index.story_states()
    df = index.df_updates()
    meta = index.meta_state()
    assert index.story_states() == {} and index.df_updates() == {}  # only changes are returned

    restored = StoryIndex.from_states(states.items(), df=df, meta=meta)
    assert restored.stories() and sorted(restored.stories()) == sorted(index.stories())
    for n, art in [(50, QUAKE_A[2]), (51, TRANSFER[1]), (52, QUAKE_B[0])]:
        a = index.assign(n, feats(art), T0 + timedelta(hours=5))
        b = restored.assign(n, feats(art), T0 + timedelta(hours=5))
        assert (a.story_key, a.is_new) == (b.story_key, b.is_new)
        assert abs(a.score - b.score) < 0.05


def test_move_and_merge_corrections_survive_later_assignments() -> None:
    index = StoryIndex()
    fill(index)
    a1 = index.assign(1, feats(QUAKE_A[0]), T0).story_key
    index.assign(2, feats(QUAKE_A[1]), T0)
    b1 = index.assign(3, feats(QUAKE_B[0]), T0).story_key
    assert a1 != b1

    # the user moves article 2 out to a story of its own
    own = index.move(2, feats(QUAKE_A[1]), None)
    assert own not in {a1, b1} and index.story_of(2) == own
    # later articles and re-assigning the same article do not undo it
    index.assign(4, feats(QUAKE_A[2]), T0)
    assert index.assign(2, feats(QUAKE_A[1]), T0).story_key == own
    index.repair(index.stories())
    assert index.story_of(2) == own and index.story_of(1) == a1

    # the user merges the two earthquakes into one story
    kept = index.merge(a1, b1)
    assert kept == a1 and index.resolve(b1) == a1
    assert set(index.members(a1)) >= {1, 3}
    late_b = index.assign(5, feats(QUAKE_B[1]), T0)
    assert late_b.story_key == a1
    assert index.story_of(3) == a1

    # the correction is in the persisted state too
    restored = StoryIndex.from_states(index.story_states().items(), meta=index.meta_state())
    assert restored.story_of(3) == a1 and restored.story_of(2) == own
    assert restored.resolve(b1) == a1


def test_move_to_existing_story_and_remove() -> None:
    index = StoryIndex()
    fill(index)
    a = index.assign(1, feats(QUAKE_A[0]), T0).story_key
    t = index.assign(2, feats(TRANSFER[0]), T0).story_key
    assert index.move(2, feats(TRANSFER[0]), a) == a
    assert index.story_of(2) == a and t not in index.stories()  # emptied story is gone
    states = index.story_states()
    assert states[t] == ""  # tells the store to delete the row
    index.remove(2, feats(TRANSFER[0]))
    assert index.story_of(2) is None and index.members(a) == [1]


def test_features_round_trip_and_bad_input() -> None:
    f = feats(QUAKE_A[0])
    assert Features.from_json(f.to_json()) == f
    assert "6.8" in f.numbers
    assert any("tesselin" in e for e in f.entities)
    assert Features.from_json("{not json") == Features()
    empty = article_features("", "")
    index = StoryIndex()
    assert index.assign(1, empty, None).is_new
    assert index.why(999) == [] and index.central_article(999) is None


def test_early_article_of_second_event_moves_out_when_its_event_arrives() -> None:
    index = StoryIndex()
    fill(index)
    for n, art in enumerate(QUAKE_A):
        index.assign(n + 1, feats(art), T0)
    # the first report of the valley quake recalls the coast quake two days earlier
    bridge = (
        "Second earthquake in a week: 5.1 tremor hits Kelby Valley",
        "A magnitude 5.1 earthquake hit the Kelby Valley near Ardmoss on Thursday, two days after "
        "the 6.8 quake near Port Tesselin injured 40 people and collapsed warehouses in the "
        "harbour district. Police chief Rafe Tolland said there were no injuries this time.",
    )
    first = index.assign(10, feats(bridge), T0 + timedelta(days=2))
    index.reassigned()
    for n, art in enumerate(QUAKE_B):
        index.assign(11 + n, feats(art), T0 + timedelta(days=2, hours=n + 1))
    valley = index.story_of(11)
    assert index.story_of(12) == index.story_of(13) == valley
    assert index.story_of(10) == valley  # the bridging report ends up with its own event
    assert index.story_of(1) != valley
    if first.story_key != valley:  # it had gone with the coast quake at first
        assert index.reassigned().get(10) == valley


def _check_consistent(index: StoryIndex) -> None:
    for key in index.stories():
        members = index.members(key)
        assert members, "no empty stories are kept"
        for aid in members:
            assert index.story_of(aid) == key


def test_random_corrections_keep_the_index_consistent() -> None:
    import random

    rng = random.Random(5)
    pool = QUAKE_A + QUAKE_B + TRANSFER + BACKGROUND
    for _round in range(5):
        index = StoryIndex()
        known: dict[int, Features] = {}
        for step in range(60):
            op = rng.random()
            if op < 0.6 or not known:
                aid = step + 1
                f = feats(rng.choice(pool))
                known[aid] = f
                when = T0 + timedelta(hours=rng.randint(0, 200)) if rng.random() < 0.8 else None
                index.assign(aid, f, when)
            elif op < 0.75:
                aid = rng.choice(sorted(known))
                target = rng.choice([None, *index.stories()])
                index.move(aid, known[aid], target)
            elif op < 0.9 and len(index.stories()) > 1:
                a, b = rng.sample(index.stories(), 2)
                assert index.merge(a, b) == a and index.resolve(b) == a
            else:
                aid = rng.choice(sorted(known))
                index.remove(aid, known.pop(aid))
            _check_consistent(index)
        restored = StoryIndex.from_states(
            index.story_states().items(), df=index.df_updates(), meta=index.meta_state()
        )
        _check_consistent(restored)
        assert {a: restored.story_of(a) for a in known} == {a: index.story_of(a) for a in known}


def _drifting_pair() -> StoryIndex:
    """Two articles that share one key among six when the second arrives (cosine 0.13, a near
    miss under the link threshold), then 40 articles that use all their other keys: those
    keys' document frequencies rise, so the shared key is what is left of the pair's
    similarity."""
    index = StoryIndex()
    index.assign(1, Features(terms={"ferry": 1.0, **{f"a{i}": 1.0 for i in range(5)}}), T0)
    index.assign(2, Features(terms={"ferry": 1.0, **{f"b{i}": 1.0 for i in range(5)}}),
                 T0 + timedelta(hours=3))
    common = {**{f"a{i}": 1.0 for i in range(5)}, **{f"b{i}": 1.0 for i in range(5)}}
    for n in range(40):  # each dominated by words of its own, so it links to neither
        index.assign(100 + n, Features(terms={**common, f"u{n}": 12.0, f"v{n}": 12.0}),
                     T0 + timedelta(hours=5 + n))
    return index


def test_repair_pass_links_articles_whose_similarity_rose_after_they_were_assigned() -> None:
    index = _drifting_pair()
    assert index.story_of(1) != index.story_of(2)  # the online pass never looked again
    assert index.relink(range(100, 140)) == 1
    assert index.story_of(1) == index.story_of(2)
    assert index.reassigned() == {2: index.story_of(1)}
    assert index.relink(range(100, 140)) == 0  # nothing new arrived: nothing looked at twice


def test_repair_pass_skips_articles_with_no_near_miss() -> None:
    index = StoryIndex()
    index.assign(1, Features(terms={"ferry": 1.0, **{f"a{i}": 1.0 for i in range(9)}}), T0)
    index.assign(2, Features(terms={"ferry": 1.0, **{f"b{i}": 1.0 for i in range(9)}}), T0)
    common = {**{f"a{i}": 1.0 for i in range(9)}, **{f"b{i}": 1.0 for i in range(9)}}
    for n in range(40):
        index.assign(100 + n, Features(terms={**common, f"u{n}": 12.0, f"v{n}": 12.0}), T0)
    assert index.relink(range(100, 140)) == 0  # cosine 0.08 at first: not looked at again
    assert index.story_of(1) != index.story_of(2)


def test_near_misses_survive_a_reload() -> None:
    index = _drifting_pair()
    restored = StoryIndex.from_states(
        index.story_states().items(), df=index.df_updates(), meta=index.meta_state())
    restored.assign(200, Features(terms={"unrelated": 1.0}), T0 + timedelta(days=2))
    assert restored.relink([200]) == 1
    assert restored.story_of(1) == restored.story_of(2)


def test_repair_pass_leaves_corrections_alone() -> None:
    index = _drifting_pair()
    index.move(2, Features(terms={"ferry": 1.0, **{f"b{i}": 1.0 for i in range(5)}}), None)
    apart = index.story_of(2)
    index.relink(range(100, 140))
    assert index.story_of(2) == apart != index.story_of(1)


def test_article_linking_a_lone_article_and_a_story_puts_all_in_one_story() -> None:
    # A follow-up report (the flood's cost) arrives first and stays alone; a later one is
    # nearest to it but also links, more weakly, to the flood story: a story of one article
    # is absorbed by such a link whichever side the strongest link is on.
    def terms(*words: str, extra: dict[str, float] | None = None) -> Features:
        return Features(terms={w: 1.0 for w in words} | (extra or {}))

    index = StoryIndex()
    flood = ["flood", "quay", "river", "wall", "homes", "tamsin"]
    for n, own in enumerate(["rain", "pumps", "boats"]):
        index.assign(1 + n, terms(*flood, own), T0)
    story = index.story_of(1)
    assert index.story_of(2) == index.story_of(3) == story
    cost = index.assign(4, terms("damage", "million", "repair", "insurer", "claims"), T0)
    assert cost.is_new and cost.story_key != story
    aid = index.assign(5, terms("damage", "million", "repair", "insurer", "aid",
                                extra={"flood": 0.7, "quay": 0.7}), T0)
    sims = {j: index._sim_docs(index._docs[5], index._docs[j]) for j in (1, 4)}
    threshold, bridge = index.config.link_threshold, index.config.bridge_threshold
    assert sims[4] > sims[1] >= threshold and sims[1] < bridge  # nearest the lone article
    assert index.story_of(4) == index.story_of(5) == index.story_of(1)
    assert len(index.members(aid.story_key)) == 5
