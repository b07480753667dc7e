"""People, organizations and places named in news text (rule-based, no model).

- capitalized sequences (joined by "of", "al-", "bin"...) are candidate names;
- a title before the name ("President", "Gen.", "spokesman") makes it a person;
- an organization word in it ("Ministry", "Council", "Corps", "Hezbollah") makes it an org;
- a small gazetteer of countries, regions and major cities makes it a place;
- across a story, a surname alone ("Kirby") is folded into the full name ("John Kirby").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from brief.models import Entity

# patterns used in function bodies, compiled once
_LINE = re.compile(r"[^\n]+")

COUNTRIES = """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia
Bosnia Botswana Brazil Brunei Bulgaria Burkina_Faso Burundi Cambodia Cameroon Canada Chad Chile
China Colombia Comoros Congo Costa_Rica Croatia Cuba Cyprus Czechia Czech_Republic Denmark
Djibouti Dominica Dominican_Republic Ecuador Egypt El_Salvador Eritrea Estonia Eswatini Ethiopia
Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana
Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Ivory_Coast
Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho
Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Mauritania Mauritius Mexico Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia
Nepal Netherlands New_Zealand Nicaragua Niger Nigeria North_Korea North_Macedonia Norway Oman
Pakistan Palestine Panama Papua_New_Guinea Paraguay Peru Philippines Poland Portugal Qatar
Romania Russia Rwanda Saudi_Arabia Senegal Serbia Seychelles Sierra_Leone Singapore Slovakia
Slovenia Somalia South_Africa South_Korea South_Sudan Spain Sri_Lanka Sudan Suriname Sweden
Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tunisia Turkey Turkmenistan Uganda
Ukraine United_Arab_Emirates United_Kingdom Britain Great_Britain England Scotland Wales
United_States America U.S. US USA U.K. UK Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia
Zimbabwe"""
REGIONS = """Middle_East Gaza Gaza_Strip West_Bank Red_Sea Persian_Gulf Gulf Europe Asia Africa
Latin_America North_America South_America Balkans Caucasus Arctic Antarctica Crimea Donbas
Kashmir Sahel Horn_of_Africa Golan_Heights Sinai Kurdistan Mediterranean Black_Sea Baltic
Scandinavia Pacific Atlantic Indian_Ocean South_China_Sea Strait_of_Hormuz Siberia"""
CITIES = """Baghdad Damascus Tehran Beirut Amman Jerusalem Tel_Aviv Cairo Riyadh Doha Dubai
Abu_Dhabi Ankara Istanbul Kabul Islamabad Karachi Delhi New_Delhi Mumbai Beijing Shanghai
Hong_Kong Tokyo Seoul Pyongyang Taipei Manila Jakarta Bangkok Hanoi Singapore Sydney Melbourne
Moscow Kyiv Kiev Minsk Warsaw Berlin Paris London Madrid Rome Lisbon Brussels Amsterdam Vienna
Geneva Zurich Stockholm Oslo Copenhagen Helsinki Dublin Athens Prague Budapest Bucharest
Washington New_York Los_Angeles Chicago Houston Miami Boston San_Francisco Seattle Atlanta
Toronto Ottawa Montreal Vancouver Mexico_City Havana Caracas Bogota Lima Santiago Buenos_Aires
Brasilia Rio_de_Janeiro Sao_Paulo Nairobi Lagos Johannesburg Cape_Town Addis_Ababa Khartoum
Tripoli Tunis Algiers Rabat Mosul Basra Erbil Kirkuk Aleppo Homs Idlib Sanaa Aden Rafah
Khan_Younis Haifa Ramallah Hebron Gaza_City Kharkiv Odesa Mariupol Donetsk Luhansk Crimea"""
PLACES = frozenset(w.replace("_", " ") for w in (COUNTRIES + " " + REGIONS + " " + CITIES).split())

CANONICAL_PLACES = {
    "U.S.": "United States", "US": "United States", "USA": "United States",
    "America": "United States", "U.K.": "United Kingdom", "UK": "United Kingdom",
    "Britain": "United Kingdom", "Great Britain": "United Kingdom",
}  # fmt: skip
_PLACE_WORDS = frozenset(w for p in PLACES for w in p.split())
_CAP_RUN = re.compile(r"[A-Z][\w.'’-]*(?:[ ](?:of[ ]|de[ ]|the[ ])?[A-Z][\w.'’-]*)*")


@lru_cache(maxsize=2048)
def places_in(text: str) -> frozenset[str]:
    """Gazetteer places named in ``text`` (fast: looks up runs of capitalized words)."""
    found: set[str] = set()
    for m in _CAP_RUN.finditer(text):
        words = m.group().split(" ")
        for i in range(len(words)):
            if words[i].rstrip(".,’'s") not in _PLACE_WORDS and words[i] not in _PLACE_WORDS:
                continue
            for j in range(min(len(words), i + 5), i, -1):
                cand = " ".join(words[i:j])
                for c in (cand, cand.rstrip("."), cand.removesuffix("’s").removesuffix("'s")):
                    if c in PLACES:
                        found.add(c)
    return frozenset(found)


PERSON_TITLES = frozenset(
    [
        "President", "Vice", "Prime", "Minister", "Secretary", "General", "Gen", "Gen.", "Lt.",
        "Lieutenant", "Colonel", "Col.", "Col", "Major", "Maj.", "Brigadier", "Brig.",
        "Admiral", "Adm.", "Sergeant", "Sgt.", "Captain", "Capt.", "Commander", "Cmdr.",
        "Senator", "Sen.", "Sen", "Representative", "Rep.", "Rep", "Governor", "Gov.", "Mayor",
        "Chancellor", "King", "Queen", "Prince", "Princess", "Pope", "Sheikh", "Ayatollah",
        "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Judge", "Justice", "Ambassador",
        "Chief", "Director", "Spokesman", "Spokeswoman", "Spokesperson", "Premier", "Emir",
        "Crown", "Speaker", "Leader", "Chairman", "Chairwoman", "Chair", "CEO", "Founder",
        "Cardinal", "Bishop", "Rabbi", "Imam", "Professor", "Prof.", "Deputy", "Foreign",
        "Defense", "Defence", "Interior", "Attorney", "Sir", "Dame", "Lord", "Lady", "Coach",
        "Farmer", "Chef", "Engineer", "Auditor", "Nurse", "Officer", "Detective", "Inspector",
        "Constable", "Pastor", "Councillor", "Councilor", "Commissioner", "Economist", "Analyst",
        "Lawyer", "Activist", "Superintendent", "Sheriff", "Trooper", "Passenger", "Resident",
        "Canon", "Reverend", "Rev.", "Father", "Vicar", "Archdeacon"
    ]
)
LOWER_TITLES = frozenset(
    [
        "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "president",
        "general", "commander", "director", "chief", "leader", "official", "officer", "adviser",
        "advisor", "ambassador", "envoy", "analyst", "professor", "chairman", "chairwoman",
        "founder", "lawyer", "attorney", "mayor", "governor", "senator", "lawmaker", "editor",
        "correspondent", "reporter", "researcher", "economist"
    ]
)
ORG_WORDS = frozenset(
    [
        "Ministry", "Department", "Force", "Forces", "Council", "Corps", "Command", "Army",
        "Navy", "Air", "Guard", "Guards", "Party", "Agency", "Committee", "Commission", "Court",
        "Bank", "Company", "Corporation", "Corp", "Inc", "Ltd", "Group", "Movement",
        "Organization", "Organisation", "University", "Institute", "Foundation", "Association",
        "Union", "Federation", "Office", "Service", "Services", "Administration", "Authority",
        "Parliament", "Senate", "Congress", "Assembly", "Cabinet", "Government", "Brigade",
        "Brigades", "Division", "Battalion", "Regiment", "Militia", "Front", "Alliance",
        "Coalition", "Network", "News", "Press", "Times", "Post", "Journal", "Agency", "Police",
        "Hezbollah", "Hamas", "Taliban", "Houthis", "Houthi", "Pentagon", "NATO", "CENTCOM",
        "IRGC", "Kremlin", "Bureau", "Fund", "Tribunal", "Chiefs", "Commandos", "Resistance",
        "Jihad", "Brotherhood", "Board", "Club", "Team", "Airlines", "Airways", "Affairs",
        "Trust", "Hospital", "Hospitals", "Centre", "Center", "School", "Clinic", "Church",
        "Airport", "Station", "Museum", "Library", "Society", "Academy", "College", "Aerospace",
        "Radio", "Gazette", "Ledger", "Courier", "Herald", "Tribune", "Mutual", "Insurance",
        "Partners", "Holdings", "Industries", "Labs", "Systems", "Media", "Television", "TV",
        "Nurses", "Workers", "Crews", "Rovers", "United", "City FC", "FC", "Mariners"
    ]
)
# last words that make a name a place
PLACE_SUFFIXES = frozenset(
    {
        "Road", "Street", "St", "Avenue", "Ave", "Lane", "Row", "Way", "Drive", "Boulevard",
        "Bay", "River", "Lake", "Mount", "Mountain", "Mountains", "Island", "Islands", "Key",
        "Beach", "Valley", "Square", "Park", "Bridge", "Quay", "Harbour", "Harbor", "Port",
        "Point", "Coast", "County", "Province", "District", "Region", "Town", "Village",
        "Strait", "Sea", "Ocean", "Gulf", "Peninsula", "Hill", "Hills", "Creek", "Canyon",
        "Forest", "Estuary", "Dunes", "Heights", "Plain", "Plains", "Falls", "Reservoir", "Dam",
        "Canal", "Wharf", "Pier", "Border", "Crossing", "Terminal", "Field", "Stadium", "Arena",
    }
)  # fmt: skip
ORG_NAMES = frozenset(
    """White_House State_Department Pentagon Kremlin NATO UN U.N. EU European_Union
    United_Nations CENTCOM IRGC Hamas Hezbollah Taliban Houthis Islamic_State ISIS ISIL
    Associated_Press Reuters AFP BBC CNN Al_Jazeera Quds_Force Kataib_Hezbollah
    Revolutionary_Guards Congress Senate Parliament FBI CIA WHO IMF World_Bank""".replace(
        "_", " "
    ).split()
)
ORG_NAMES_MULTI = frozenset(
    n.replace("_", " ")
    for n in [
        "White_House",
        "State_Department",
        "European_Union",
        "United_Nations",
        "Islamic_State",
        "Associated_Press",
        "Al_Jazeera",
        "Quds_Force",
        "Kataib_Hezbollah",
        "Revolutionary_Guards",
        "World_Bank",
    ]
)
# Capitalized words that do not start a name on their own.
COMMON_CAPS = frozenset(
    [
        "The", "A", "An", "In", "On", "At", "To", "For", "From", "With", "By", "And", "Or",
        "But", "As", "If", "When", "While", "After", "Before", "Since", "During", "Until",
        "This", "That", "These", "Those", "It", "Its", "Their", "His", "Her", "Our", "We",
        "They", "He", "She", "I", "You", "There", "Here", "What", "Which", "Who", "Whom",
        "Whose", "Why", "How", "Where", "Meanwhile", "However", "Although", "Though", "Despite",
        "Also", "Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Last", "Next", "Now",
        "Then", "Still", "Yet", "Many", "Most", "Some", "Several", "Other", "Others", "Another",
        "Both", "Each", "Every", "All", "No", "Not", "Only", "Just", "Even", "According",
        "Read", "More", "Show", "Leave", "Subscribe", "Click", "Discover", "Exciting", "Upon",
        "Speaking", "Outraged", "Shielding", "Thus", "Since", "Such", "Initially", "Following",
        "Regional", "Reports", "Political", "Potential", "Conclusion", "Introduction", "FAQs",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "Mr", "Mrs", "Ms", "Dr", "Sir", "Let", "Our", "My", "Your",
        "Please", "Note", "Photo", "Image", "Video", "Watch", "Listen", "Sign", "Share",
        "Follow", "Advertisement", "Related", "Top", "Breaking", "Live", "Update", "Updated",
        "Editor", "Nearly", "Almost", "About", "Around", "Over", "Under", "Roughly",
        "Approximately", "Senior", "Former", "Top", "Local", "Year", "Christmas", "Easter",
        "Ramadan", "Eid"
    ]
)
DEMONYMS = re.compile(
    r"^(American|Iranian|Iraqi|Syrian|Israeli|Palestinian|Jordanian|Russian|Ukrainian|Chinese|"
    r"British|French|German|Turkish|Egyptian|Saudi|Yemeni|Lebanese|Afghan|Pakistani|Indian|"
    r"European|Western|Arab|Kurdish|Iran-backed|Iranian-backed|U\.S\.-led|US-led)$"
)
_CONNECT = r"(?:of|al|el|bin|ibn|de|del|da|di|van|von|der|la|le)"
_CAPWORD = r"(?:[A-Z][\w’'.-]*[\w.]|[A-Z])"
_NAME = re.compile(
    rf"{_CAPWORD}(?:(?:(?<=s)['’])?(?:[ \t]+|-)(?:{_CONNECT}(?:[ \t]+|-))*{_CAPWORD})*"
)
_ABBREV_DOT = re.compile(
    r"^(?:[A-Z]\.)+$|^(?:[A-Z]\.){1,3}[A-Z]\.?$|^(?:Gen|Lt|Col|Dr|Mr|Mrs|Ms|St|Jr|Sr|Sen|"
    r"Rep|Gov|Brig|Maj|Adm|Capt|Sgt|Mt|Prof|Cmdr)\.$"
)
_NUMBER_CAPS = frozenset(
    [
        "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
        "Twelve", "Dozens", "Hundreds", "Thousands"
    ]
)
# words that start a title but do not end one ("Foreign" in "Foreign Minister")
_TITLE_MODIFIERS = frozenset(
    ["Vice", "Deputy", "Foreign", "Defense", "Defence", "Interior", "Press", "Crown"]
)


_PREV_WORDS = re.compile(r"[\w.’'-]+")
_NONSPACE = re.compile(r"[^ \t]+")
_AFFIX_ADJ = re.compile(r"-(?:backed|linked|led|based)$", re.IGNORECASE)
_INITIAL = re.compile(r"(?:^|[.!?:]\s*[\"”’]?|\n)[\s\"“‘]*$")
# what an office is "of": "Secretary of State", "Minister for Foreign Affairs"
_OFFICE_WORDS = frozenset(
    """State Defense Defence Foreign Affairs Health Education Justice Finance Interior Home
    Agriculture Commerce Energy Labor Labour Transportation Transport Treasury Homeland
    Security Economy Environment Culture Trade Industry Housing Veterans War the and
    Public Works Tourism Sport Sports Science Technology Communications Immigration
    International Development Social Welfare Family Women Youth Information""".split()
)
_NOT_NAMES = frozenset({"New Year", "New Year’s", "Christmas Eve", "Christmas Day", "Year"})


@dataclass(frozen=True, slots=True)
class EntityMention:
    name: str
    kind: str
    start: int
    end: int
    title: str | None = None  # "President", "Brigadier General" when written before the name


def classify(name: str, before: str = "") -> str:
    """'person', 'org', 'place' or 'other' for a capitalized name (``before``: text preceding).

    May return 'person?' for a two-to-four word name with no evidence either way; callers
    decide with more context (``find_entities`` and ``rank_entities`` do).
    """
    head, rest = _name_kinds(name)
    if head is not None:
        return head
    return "person" if _titled_before(before) else rest


def _titled_before(before: str) -> bool:
    """Whether the word right before a name is a title or a role ("President", "nurse")."""
    prev = _PREV_WORDS.findall(before[-40:])
    return bool(prev) and (prev[-1] in PERSON_TITLES or prev[-1].lower() in ROLE_WORDS)


@lru_cache(maxsize=8192)
def _name_kinds(name: str) -> tuple[str | None, str]:
    """What :func:`classify` makes of ``name`` alone: the kind the name itself settles (or
    None, when a title before it would make it a person), and the kind otherwise."""
    words = name.replace("-", " ").split()
    if len(words) == 1:  # what the two below make of one word, without their loops
        w = words[0]
        head: str | None = None
        if name in PLACES:
            head = "place"
        elif (
            name in ORG_NAMES
            or name in ORG_NAMES_MULTI
            or w.strip(".") in ORG_WORDS
            or w in ORG_WORDS
            or (name.replace(".", "").isalpha() and name.isupper() and len(name) <= 6)
        ):
            head = "org"
        return head, "place" if w in PLACES else "other"
    return _head_kind(name, words), _rest_kind(words)


def _head_kind(name: str, words: list[str]) -> str | None:
    if name in PLACES:
        return "place"
    if name in ORG_NAMES or name in ORG_NAMES_MULTI:
        return "org"
    if any(w.strip(".") in ORG_WORDS or w in ORG_WORDS for w in words):
        return "org"
    if name.replace(".", "").isalpha() and name.isupper() and len(name) <= 6:
        return "org"  # acronyms: NATO, IRGC
    if len(words) >= 2 and words[-1] in PLACE_SUFFIXES:
        return "place"  # "Harlow Bay", "Lakeshore Road"
    if words[0] in ("Port", "Mount", "Lake", "Fort", "Cape", "Saint", "St.") and len(words) >= 2:
        return "place"
    return None


def _rest_kind(words: list[str]) -> str:
    if all(w in PLACES for w in words):
        return "place"
    if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words if w not in ("al", "bin")):
        return "person?"  # decided across the story
    return "other"


ROLE_WORDS = LOWER_TITLES | frozenset(
    """nurse sister brother resident farmer fisherman fishermen passenger driver worker teacher
    student coach captain chef owner shopkeeper volunteer engineer inspector detective
    constable pilot skipper manager councillor councilor commissioner mp lawmaker candidate
    striker midfielder defender goalkeeper winger forward player singer actor artist writer
    photographer journalist columnist scientist doctor surgeon paramedic firefighter
    coordinator organiser organizer physician pastor priest imam rabbi mother father son
    daughter wife husband widow neighbour neighbor friend colleague survivor witness
    victim landlord tenant trader vendor baker grandmother grandfather substitute centre-back
    full-back scorer referee umpire jockey rider runner swimmer""".split()
)
_SPEECH_AFTER = re.compile(
    r"[ \t]+(?:said|says|told|added|explained|warned|wrote|asked|replied|insisted|argued|"
    r"recalled|noted|stated|announced|confirmed)\b"
)
_APPOSITION_AFTER = re.compile(r",[ \t]+(?:\d{1,3},|(?:a|an|the|who|whose)\b)")


def _last_words(text: str, s: int) -> tuple[str | None, str | None]:
    """The last ``_PREV_WORDS`` word in the 40 and in the 30 characters before ``s`` (what
    ``findall(...)[-1]`` gives for each, with one findall: the 30 are the end of the 40)."""
    lo = max(0, s - 40)
    window = text[lo:s]
    words = _PREV_WORDS.findall(window)
    if not words:
        return None, None
    last = words[-1]
    lo30 = max(0, s - 30)
    if lo30 == lo:
        return last, last
    end = lo + window.rfind(last) + len(last)  # only non-word characters follow it
    if end <= lo30:
        return last, None
    return last, text[max(end - len(last), lo30) : end]


def _is_title(word: str) -> bool:
    return word in PERSON_TITLES or word.rstrip(".") in PERSON_TITLES


def _segments(run: str) -> list[list[tuple[str, int]]]:
    """Split a capitalized run into words with offsets (in the run), cutting after
    sentence-final periods and possessives ("Iran's Foreign Ministry" -> "Iran" | "Foreign
    Ministry"), except inside a name that goes on with an organization or place word ("St.
    Brigid's School")."""
    segs: list[list[tuple[str, int]]] = [[]]
    words = list(_NONSPACE.finditer(run))
    for k, w in enumerate(words):
        word, pos = w.group(), w.start()
        ends_sentence = word.endswith(".") and not _ABBREV_DOT.match(word)
        if ends_sentence:
            word = word.rstrip(".")
        possessive = word.endswith(("’s", "'s"))
        if possessive:
            nxt = words[k + 1].group().rstrip(".,") if k + 1 < len(words) else ""
            if nxt in ORG_WORDS or nxt in PLACE_SUFFIXES:
                possessive = False  # part of the name
            else:
                word = word[:-2]
        if word:
            segs[-1].append((word, pos))
        if ends_sentence or possessive:
            segs.append([])
    return [s for s in segs if s]


# One name a capitalized run gives: its offset in the run, the name, its number of words, its
# kind when the run settles it (a titled person) else None, the title, and the kinds of
# :func:`_name_kinds` for the rest to decide in the text.
_Planned = tuple[int, str, int, str | None, str | None, str | None, str]


@lru_cache(maxsize=8192)
def _run_plan(run: str) -> tuple[_Planned, ...]:
    """What a capitalized run (a ``_NAME`` match) gives, as far as the run alone tells (cached:
    names repeat within a text and across a story's texts)."""
    if " " not in run and "\t" not in run:
        return _word_plan(run)
    out: list[_Planned] = []
    for seg in _segments(run):
        _plan(seg, out)
    return tuple(out)


def _word_plan(word: str) -> tuple[_Planned, ...]:
    """:func:`_run_plan` of a run of one word (the commonest run: a sentence's first word):
    what :func:`_segments` and :func:`_plan` make of it, without their loops."""
    if word.endswith(".") and not _ABBREV_DOT.match(word):
        word = word.rstrip(".")
    if word.endswith(("’s", "'s")):  # a possessive (no word follows to make it part of a name)
        word = word[:-2]
    if (
        not word
        or word in COMMON_CAPS
        or word in _NUMBER_CAPS
        or word in ("of", "al", "de")
        or _AFFIX_ADJ.search(word)
        or word.islower()
        or (_is_title(word) and word not in _TITLE_MODIFIERS)  # a title with no name after it
        or len(word) < 2
        or DEMONYMS.match(word)
        or word.lower() == word
        or word in _NOT_NAMES
        or _HYPHEN_WORD.match(word)
    ):
        return ()
    head, rest = _name_kinds(word)
    return ((0, word, 1, None, None, head, rest),)


def _plan(words: list[tuple[str, int]], out: list[_Planned]) -> None:
    while words and (
        words[0][0] in COMMON_CAPS
        or words[0][0] in _NUMBER_CAPS
        or words[0][0] in ("of", "al", "de")
        or _AFFIX_ADJ.search(words[0][0])
    ):
        words = words[1:]
    while words and (words[-1][0] in COMMON_CAPS or words[-1][0].islower()):
        words = words[:-1]
    if not words:
        return
    # split at the last title: "Pentagon Press Secretary Brigadier General Patrick Ryder"
    t_last = max(
        (i for i, (w, _) in enumerate(words) if _is_title(w) and w not in _TITLE_MODIFIERS),
        default=-1,
    )
    after_title = [w for w, _ in words[t_last + 1 :]]
    if after_title and after_title[0] in ("of", "for"):  # the office: "of Foreign Affairs"
        after_title = [w for w in after_title[1:] if w not in _OFFICE_WORDS]
    if t_last >= 0 and any(w in ORG_WORDS for w in after_title):
        t_last = -1  # "Coastal Defence Force": an organization, not a titled person
    if t_last >= 0:
        t_first = t_last
        while t_first > 0 and (
            _is_title(words[t_first - 1][0]) or words[t_first - 1][0] in _TITLE_MODIFIERS
        ):
            t_first -= 1
        person = words[t_last + 1 :]
        # "Secretary of State Mike Pompeo", "Minister of Foreign Affairs Ana Ruiz"
        while person and person[0][0] in ("of", "for", "the") and len(person) > 2:
            person = person[1:]
            while len(person) > 2 and person[0][0] in _OFFICE_WORDS:
                person = person[1:]
        prefix = words[:t_first]
        if prefix:
            _plan(prefix, out)
        if person and words[t_last][0] not in _TITLE_MODIFIERS:
            name = " ".join(w for w, _ in person)
            kind = classify(name)
            if kind in ("person?", "other"):
                kind = "person"
            title = " ".join(w for w, _ in words[t_first : t_last + 1])
            out.append((person[0][1], name, len(person), kind, title, None, "other"))
        return
    name = " ".join(w for w, _ in words)
    if len(name) < 2 or DEMONYMS.match(name) or name.lower() == name or name in _NOT_NAMES:
        return
    if len(words) == 1 and _HYPHEN_WORD.match(name):
        return
    head, rest = _name_kinds(name)
    out.append((words[0][1], name, len(words), None, None, head, rest))


def _emit(
    text: str, at: int, planned: tuple[_Planned, ...], out: list[EntityMention]
) -> None:
    """The mentions of the capitalized run at ``text[at:]``, deciding with the text around
    each name what the run alone leaves open."""
    for rel, name, n_words, fixed, title, head, rest in planned:
        s = at + rel
        if fixed is not None:
            out.append(EntityMention(name, fixed, s, s + len(name), title))
            continue
        word30 = None
        if head is not None:
            kind = head  # a place or an organization
        else:
            word40, word30 = _last_words(text, s)
            titled = word40 is not None and (
                word40 in PERSON_TITLES or word40.lower() in ROLE_WORDS
            )  # what _titled_before says
            kind = "person" if titled else rest
        # a capitalized name used as people are in news: after a role noun ("nurse Olu
        # Benning"), before "said", or followed by an age or apposition ("Bryn Tolliver, 9,")
        if kind in ("person?", "other") and (
            (word30 is not None and word30.lower() in ROLE_WORDS)
            or _SPEECH_AFTER.match(text, s + len(name))
            or _APPOSITION_AFTER.match(text, s + len(name))
        ):
            kind = "person" if n_words <= 4 else kind
        elif n_words == 1 and _sentence_initial(text, s) and (
            kind in ("other", "person?") or name in _GENERIC_ORG
        ):
            kind = "initial"  # "Militia groups ...", "Library users...": a capitalized common noun
        out.append(EntityMention(name, kind, s, s + len(name)))


# organization words that alone, opening a sentence, are common nouns ("Nurses in two other
# cities…", "Police said…")
_GENERIC_ORG = frozenset(
    """Library Hospital Hospitals Nurses Crews Workers Police School Clinic Council Court
    Government Army Navy University College Museum Church Bank Board Union Team Club Station
    Airport Company Committee Department Ministry Office Agency Authority Bureau Trust Group
    Party Press Media News Service Services Militia Forces Force Guard Guards Insurance
    Television Radio""".split()
)
_HYPHEN_WORD = re.compile(r"[A-Z]-[a-z]")  # "T-shirts", "X-rays", "U-turn": not names


def _sentence_initial(text: str, pos: int) -> bool:
    return bool(_INITIAL.search(text[max(0, pos - 4) : pos]))


def _is_headline_line(line: str) -> bool:
    line = line.strip()
    if not line or line[-1] in ".!?\"”:’'":
        return False
    words = line.split()
    caps = sum(1 for w in words if w[0].isupper())
    return caps * 2 > len(words) or len(words) <= 3


def find_entity_mentions(text: str, skip_headlines: bool = True) -> list[EntityMention]:
    """Entity mentions; lines that look like headlines/crossheads are skipped unless told."""
    return list(_entity_mentions(text, skip_headlines))


@lru_cache(maxsize=512)
def _entity_mentions(text: str, skip_headlines: bool) -> tuple[EntityMention, ...]:
    out: list[EntityMention] = []
    skip: list[tuple[int, int]] = []
    for lm in _LINE.finditer(text):
        if skip_headlines and _is_headline_line(lm.group()):
            skip.append((lm.start(), lm.end()))
    k = 0  # the first headline line that does not end before the run
    for m in _NAME.finditer(text):
        at = m.start()
        while k < len(skip) and skip[k][1] <= at:
            k += 1
        if k < len(skip) and skip[k][0] <= at:
            continue
        _emit(text, at, _run_plan(m.group()), out)
    return tuple(out)


def resolved_mentions(text: str) -> list[tuple[EntityMention, str]]:
    """Entity mentions with their kind decided from the whole text (person/org/place/other).

    A lone capitalized word at the start of a sentence only counts when it is the surname of a
    person named in full elsewhere in the text ("Varga said ...")."""
    mentions = find_entity_mentions(text)
    known_people = {m.name for m in mentions if m.kind == "person"}
    singles = _bare_singles(mentions, [text])
    surnames = {n.split()[-1]: n for n in known_people if " " in n}
    out = []
    for m in mentions:
        kind = m.kind
        if kind == "initial":
            if m.name not in surnames:
                continue
            kind = "person"
        elif kind == "person?":
            kind = "person" if _is_person_like(m.name, known_people, singles) else "other"
        out.append((m, kind))
    return out


def find_entities(text: str) -> list[tuple[str, str]]:
    """(name, kind) for each entity mention in order; kind is person/org/place/other."""
    return [(m.name, kind) for m, kind in resolved_mentions(text)]


_AFTER_THE = re.compile(r"\b[Tt]he\s+([A-Z][\w’'-]*)")
# the "he" of a "the" before a capital: where an _AFTER_THE match can start, one character
# before (a pattern opening with a literal is searched for as fast as str.find)
_HE = re.compile(r"he(?=\s+[A-Z])")


def _bare_singles(mentions: Sequence[EntityMention], texts: Sequence[str]) -> set[str]:
    """One-word names that the texts use alone, never after "the" (people are "Reddy", teams
    and bodies are "the Harriers")."""
    singles = {m.name for m in mentions if " " not in m.name}
    after_the: set[str] = set()
    for t in texts:
        after_the |= _after_the(t)
    return singles - after_the


@lru_cache(maxsize=256)
def _after_the(text: str) -> frozenset[str]:
    """The words of ``_AFTER_THE.findall(text)``, trying the pattern only at a "the" before a
    capital (cached: the quotes and the entities of a story read each text)."""
    out = set()
    end = 0
    for c in _HE.finditer(text, 1):
        at = c.start() - 1
        if at < end or text[at] not in "Tt":
            continue
        m = _AFTER_THE.match(text, at)
        if m is not None:
            out.add(m.group(1))
            end = m.end()
    return frozenset(out)


def _is_person_like(name: str, known_people: set[str], singles: set[str]) -> bool:
    """A two- or three-word capitalized name with no title counts as a person when the
    text also calls it by its last word alone ("Colm Reddy" ... "Reddy"), as news does."""
    if name in known_people:
        return True
    words = name.split()
    if not (2 <= len(words) <= 3) or any(w in PLACES for w in words):
        return False
    if not all(
        w[0].isupper() and w.replace("-", "").replace("’", "").replace("'", "").isalpha()
        for w in words
    ):
        return False
    last = words[-1]
    return last in singles or last.split("-")[-1] in singles


def _commonest(counts: dict[str, int]) -> str:
    """The key with the highest count, the first one among equals (as
    ``Counter.most_common(1)``)."""
    return max(counts.items(), key=itemgetter(1))[0]


@dataclass(frozen=True, slots=True)
class SourcedText:
    source: str
    independent: str
    text: str


def rank_entities(texts: Sequence[SourcedText], limit: int = 25) -> list[Entity]:
    """Entities across a story's articles, ranked by outlets naming them, then mentions."""
    mentions: list[tuple[SourcedText, EntityMention]] = []
    for t in texts:
        for m in find_entity_mentions(t.text):
            mentions.append((t, m))
    people = {m.name for _, m in mentions if m.kind == "person"}
    singles = _bare_singles([m for _, m in mentions], [t.text for t in texts])
    # Resolve "person?" with story-wide evidence.
    kinds: dict[str, dict[str, int]] = {}  # name -> kind -> mentions, in order of first mention
    person_like: dict[str, bool] = {}
    for _, m in mentions:
        kind = m.kind
        if kind == "person?":
            like = person_like.get(m.name)
            if like is None:
                like = person_like[m.name] = _is_person_like(m.name, people, singles)
            kind = "person" if like else "other"
        elif kind == "initial":
            kind = "other"
        by_kind = kinds.setdefault(m.name, {})
        by_kind[kind] = by_kind.get(kind, 0) + 1
    top = {n: _commonest(k) for n, k in kinds.items()}  # each name's commonest kind
    full_names = [n for n in kinds if top[n] == "person" and len(n.split()) >= 2]
    # the full names whose first or last word is a given word, in order, each once
    by_end: dict[str, list[str]] = defaultdict(list)
    for f in full_names:
        parts = f.split()
        by_end[parts[0]].append(f)
        if parts[-1] != parts[0]:
            by_end[parts[-1]].append(f)
    alias: dict[str, str] = {}
    for n in kinds:
        if len(n.split()) == 1:
            matches = by_end.get(n, [])
            if len(matches) == 1:
                alias[n] = matches[0]
        else:
            longer = [f for f in full_names if f != n and f.endswith(" " + n)]
            if len(longer) == 1 and top[n] == "person":
                alias[n] = longer[0]
    for n in kinds:
        if n in CANONICAL_PLACES:
            alias[n] = CANONICAL_PLACES[n]
    counts: dict[str, int] = {}
    outlets: dict[str, dict[str, None]] = defaultdict(dict)
    indep: dict[str, set[str]] = defaultdict(set)
    final_kind: dict[str, dict[str, int]] = {}
    for t, m in mentions:
        if m.name in alias:
            name = alias[m.name]
            kind = "place" if name in PLACES else "person"
        elif m.kind == "initial":
            continue  # a capitalized word opening a sentence, not known as a name
        else:
            name, kind = m.name, top[m.name]
        counts[name] = counts.get(name, 0) + 1
        outlets[name][t.source] = None
        indep[name].add(t.independent)
        by_kind = final_kind.setdefault(name, {})
        by_kind[kind] = by_kind.get(kind, 0) + 1
    ranked = sorted(counts, key=lambda n: (-len(indep[n]), -counts[n], n))
    out = []
    for n in ranked:
        kind = _commonest(final_kind[n])
        if kind == "other" and counts[n] < 2:
            continue
        out.append(Entity(name=n, kind=kind, mentions=counts[n], sources=tuple(outlets[n])))
        if len(out) >= limit:
            break
    return out
