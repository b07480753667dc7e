"""Exact and near duplicates: canonical URLs, normalized-text hashes, MinHash LSH.

- :func:`canonical_url` — one spelling per page: lower-case scheme and host, ``http`` -> ``https``,
  no ``www.``, no default port, no fragment, no trailing slash, tracking parameters (``utm_*``,
  ``fbclid``, ``gclid``, ``ref`` ...) dropped, the other parameters sorted.
- :func:`content_hash` — the same text however it was punctuated, cased or spaced.
- :class:`NearDuplicateIndex` — syndicated wire copy and lightly edited reprints (paragraphs
  reordered, a byline added, the ending trimmed): MinHash over word 3-gram shingles, candidates
  by shared MinHash values, then a check that most of the shorter text's shingles are in the
  other (estimated from the signatures, so a stored signature is all the index needs). A different article on the
  same topic shares words but few word sequences, so it is not a near-copy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import numpy as np

# --------------------------------------------------------------------------- canonical URLs

_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
        "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "hsctatracking", "ref", "ref_src", "ref_url",
        "referrer", "referer", "source", "src", "cmpid", "cmp", "campaign", "s_cid", "icid", "ito",
        "ns_mchannel", "ns_campaign", "ns_source", "ns_linkname", "ns_fee", "ocid", "smid", "smtyp",
        "sr_share", "spm", "share", "at_medium", "at_campaign", "at_custom1", "at_custom2",
        "at_custom3", "at_custom4", "rss", "rssfeed", "feature", "xtor", "wt_mc", "wtmc", "mbid",
        "__twitter_impression", "fb_action_ids", "fb_action_types", "fb_source", "action_object_map",
        "action_type_map", "action_ref_map", "soc_src", "soc_trk", "amp", "outputtype",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "vero_", "oly_", "__s", "_hs")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in _TRACKING_PARAMS or low.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """One spelling of ``url`` for duplicate checks (never raises; returns input if unparsable)."""
    try:
        return _canonical_url(url)
    except Exception:  # noqa: BLE001
        return (url or "").strip()


def _canonical_url(url: str) -> str:
    raw = (url or "").strip()
    if not raw:
        return ""
    if "://" not in raw and not raw.startswith("//"):
        if re.match(r"^[\w.-]+\.[a-z]{2,}(?:[:/?#]|$)", raw, re.IGNORECASE):
            raw = "https://" + raw
        else:
            return raw
    if raw.startswith("//"):
        raw = "https:" + raw
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return raw
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    if host.startswith("www."):
        host = host[4:]
    elif host.startswith("m.") and host.count(".") >= 2:
        host = host[2:]  # mobile mirror
    port = parts.port if parts.port is not None else None
    netloc = host
    if port is not None and str(port) != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    path = parts.path or "/"
    path = re.sub(r"/{2,}", "/", path)
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    for suffix in ("/index.html", "/index.htm", "/index.php", "/amp", "/amp/"):
        if path.endswith(suffix) and len(path) > len(suffix):
            path = path[: -len(suffix)] or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query.sort()
    qs = urlencode(query, doseq=True)
    fragment = parts.fragment if parts.fragment.startswith("!") else ""  # hashbang routes
    return urlunsplit(("https", netloc, path, qs, fragment))


# --------------------------------------------------------------------------- exact text hash

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


_last_normalized: tuple[str, str] = ("", "")  # (text, normalized text), replaced whole (one
# tuple, so threads never see half of one): an article's exact hash and its MinHash
# normalize the same text one after the other


def normalize_text(text: str) -> str:
    """Case-folded words separated by single spaces (punctuation and spacing ignored)."""
    global _last_normalized
    last = _last_normalized
    if text and text == last[0]:
        return last[1]
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    out = _NON_WORD.sub(" ", folded).strip()
    if text:
        _last_normalized = (text, out)
    return out


def content_hash(text: str) -> str:
    """Hex digest of the normalized text: equal for texts that differ only in case/punctuation."""
    try:
        return hashlib.blake2b(normalize_text(text).encode("utf-8"), digest_size=16).hexdigest()
    except Exception:  # noqa: BLE001
        return ""


# --------------------------------------------------------------------------- near duplicates

SHINGLE_WORDS = 3
NUM_PERM = 128
BANDS = 16  # MinHash values used as lookup keys (a shared one makes a candidate)
BUCKET_CAP = 50  # most recent articles kept per key
MIN_CONTAINMENT = 0.6  # share of the shorter text's shingles found in the other
MIN_JACCARD = 0.25  # and not a short text inside a much longer one (a digest, a round-up)
MIN_SHINGLES = 15  # texts shorter than this are only caught by the exact hash


def _shingles(text: str) -> set[bytes]:
    return {s.encode("utf-8") for s in _shingle_strs(text)}


def _shingle_strs(text: str) -> set[str]:
    """The word 3-grams of ``text`` (``_shingles`` before encoding; hashed as UTF-8)."""
    words = normalize_text(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)))


class NearDuplicateIndex:
    """MinHash over word shingles; finds the original a text is a near-copy of.

    Candidates: articles sharing at least one of the first ``BANDS`` MinHash values (a text
    that keeps half its shingles shares one with near certainty; a different article rarely
    does); each is then checked on all ``NUM_PERM`` values. Buckets keep the most recent
    ``BUCKET_CAP`` articles, so a shingle every article has (a boilerplate line) costs nothing.
    Memory is a few hundred bytes per article.

    Signatures are ``bytes`` (the MinHash values plus the shingle count); store them with the
    article and rebuild with :meth:`add_signature` at startup without rehashing any text.
    """

    def __init__(self, num_perm: int = NUM_PERM) -> None:
        self.num_perm = num_perm
        self._buckets: dict[int, int | list[int]] = {}
        self._sigs: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sigs

    def signature(self, text: str) -> bytes:
        """MinHash of ``text`` as bytes (4 bytes per permutation + 8 for the shingle count)."""
        try:
            values, count = self._minhash_values(text)
            return values.astype("<u4").tobytes() + int(count).to_bytes(8, "little")
        except Exception:  # noqa: BLE001
            return b""

    def add(self, article_id: int, text: str) -> None:
        self.add_signature(article_id, self.signature(text))

    def add_signature(self, article_id: int, sig: bytes) -> None:
        try:
            parsed = self._parse(sig)
            if parsed is None or parsed[1] < MIN_SHINGLES or article_id in self._sigs:
                return
            self._sigs[article_id] = bytes(sig)
            buckets = self._buckets
            for key in self._band_keys(parsed[0]):
                held = buckets.get(key)
                if held is None:
                    buckets[key] = article_id
                elif isinstance(held, int):
                    buckets[key] = [held, article_id]
                else:
                    held.append(article_id)
                    if len(held) > 2 * BUCKET_CAP:
                        del held[: len(held) - BUCKET_CAP]
        except Exception:  # noqa: BLE001
            return

    def remove(self, article_id: int) -> None:
        try:
            sig = self._sigs.pop(article_id, None)
            parsed = self._parse(sig) if sig else None
            if parsed is None:
                return
            for key in self._band_keys(parsed[0]):
                held = self._buckets.get(key)
                if held == article_id:
                    del self._buckets[key]
                elif isinstance(held, list) and article_id in held:
                    held.remove(article_id)
        except Exception:  # noqa: BLE001
            return

    def find(self, text: str) -> int | None:
        """Id of the earliest-added article ``text`` is a near-copy of, or None."""
        return self.find_signature(self.signature(text))

    def find_signature(self, sig: bytes) -> int | None:
        """Like :meth:`find`, from a signature (hash a new article once, find then add)."""
        try:
            parsed = self._parse(sig)
            if parsed is None or parsed[1] < MIN_SHINGLES:
                return None
            values, count = parsed
            seen: set[int] = set()
            best: tuple[float, int] | None = None
            for key in self._band_keys(values):
                held = self._buckets.get(key)
                if held is None:
                    continue
                for cand in (held,) if isinstance(held, int) else held[-BUCKET_CAP:]:
                    if cand in seen:
                        continue
                    seen.add(cand)
                    other = self._parse(self._sigs.get(cand, b""))
                    if other is None:
                        continue
                    c = _containment(values, count, other[0], other[1])
                    if c >= MIN_CONTAINMENT and (best is None or (c, -cand) > (best[0], -best[1])):
                        best = (c, cand)
            return best[1] if best else None
        except Exception:  # noqa: BLE001
            return None

    def _band_keys(self, values: np.ndarray) -> list[int]:
        # the band number is mixed in so equal values in different permutations do not collide
        return [(int(v) << 8) | i for i, v in enumerate(values[:BANDS])]

    # internals

    def _minhash_values(self, text: str) -> tuple[np.ndarray, int]:
        shingles = _shingle_strs(text)
        a, b = _affine32_permutations(self.num_perm)
        if not shingles:
            return np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32), 0
        # datasketch's affine32 MinHash, vectorized: sha1 (first 4 bytes, little-endian) of
        # each shingle, MurmurHash3's finalizer, then a * h + b mod 2**32 per permutation.
        # Whole digests joined and every fifth 4-byte word taken: no slice per shingle.
        sha1 = hashlib.sha1
        digests = b"".join([sha1(s.encode()).digest() for s in shingles])
        hv = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32)
        hv ^= hv >> np.uint32(16)
        hv *= np.uint32(0x85EBCA6B)
        hv ^= hv >> np.uint32(13)
        hv *= np.uint32(0xC2B2AE35)
        hv ^= hv >> np.uint32(16)
        m = np.multiply.outer(hv, a)
        m += b
        return m.min(axis=0), len(shingles)

    def _parse(self, sig: bytes) -> tuple[np.ndarray, int] | None:
        if not sig or len(sig) != 4 * self.num_perm + 8:
            return None
        values = np.frombuffer(sig[:-8], dtype="<u4").astype(np.uint32)
        return values, int.from_bytes(sig[-8:], "little")



_PERMUTATIONS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _affine32_permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters of datasketch's affine32 MinHash with seed 1, made once, as
    datasketch 2 makes them (without importing it: 0.5 s at start-up). Stored signatures
    depend on these values; a test checks them against datasketch."""
    perms = _PERMUTATIONS.get(num_perm)
    if perms is None:
        gen = np.random.RandomState(1)
        a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
        perms = _PERMUTATIONS[num_perm] = (a, b)
    return perms


def _containment(a: np.ndarray, na: int, b: np.ndarray, nb: int) -> float:
    """|A ∩ B| / min(|A|, |B|) from the MinHash Jaccard estimate and the set sizes."""
    j = float(np.count_nonzero(a == b)) / len(a)
    if j < MIN_JACCARD or na <= 0 or nb <= 0:
        return 0.0
    inter = j * (na + nb) / (1.0 + j)
    return min(1.0, inter / min(na, nb))
