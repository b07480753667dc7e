"""Boilerplate rules, as data: the phrases and patterns ``brief.clean`` acts on.

Every rule works on one normalized paragraph (a single line of text, quotes already ASCII),
lower-cased: write every phrase in lower case. To extend the cleaner, add a phrase to the right
table; regular-expression syntax is allowed in every phrase. Phrases are grouped by language
(ISO 639-1); ``"*"`` holds phrases common to many. Text whose own words read as English
(``STOPWORDS``) gets the ``"*"`` and ``"en"`` groups; any other text gets every group (a page's
declared language is often wrong, and pages in any language carry English widget text). The
language also decides whether capitalisation marks a headline (``TITLE_CASE_LANGUAGES``).

Kinds of rule:

``LINE``
    The whole paragraph matches (or, with ``search=True``, contains) a phrase -> removed with
    that rule's reason. Only paragraphs of at most ``max_words`` words are tested.
``BLOCK_HEADERS``
    A short paragraph that opens a block of teasers ("You may also like", "Most read"):
    it is removed together with the teaser lines under it (headlines, truncated leads ending in
    "...", bullet items), up to the first paragraph that reads like article prose; a short
    line right before that prose is kept as its subheading.
``NEWSLETTER_HEADER``
    "Pick Six Newsletter": a sign-up box, removed with the short promotional lines under it.
``INLINE_TEASER``
    "Read more: <headline>" on one line; removed, and bullet/ellipsis teasers right under it.
``PROMO`` / ``PROMO_OPENERS`` / ``PROMO_VERBS`` + ``PROMO_VOCAB``
    Calls to subscribe, follow, download, join a channel. A sentence is promotional when it
    contains a ``PROMO`` phrase, starts with a ``PROMO_OPENERS`` phrase, or starts with a
    ``PROMO_VERBS`` imperative and promotes the outlet's own channels (``PROMO_VOCAB``). A short
    paragraph made mostly of promotional sentences is removed; a sentence of reporting that
    merely mentions subscribers is not (it is neither imperative nor addressed to the reader).
``TAGGED_TEASER``
    A short line ending in a bracketed tag such as "[VIDEO]" or "[PICTURES]".
``RELATED_RUN_MIN`` / ``RELATED_ITEM_WORDS``
    A run of bullet items written as Title Case headlines is a list of links (only for
    ``TITLE_CASE_LANGUAGES``: German capitalises every noun).
``DATE_WORDS`` / ``TIMESTAMP_PREFIXES``
    A bare date/time stamp ("Tue., Nov. 19, 2019 5:31 PM EST") at the top or bottom, alone (a
    run of dated lines is a schedule), or "Updated: <date>" anywhere.
``BYLINE_STOPWORDS``
    "By <Name>" near the top is a byline unless the next word is one of these ("By the numbers").
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Whole-paragraph rules: (reason, max_words, {lang: [patterns]})
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineRule:
    reason: str
    max_words: int
    phrases: dict[str, tuple[str, ...]]
    search: bool = False  # True: a phrase anywhere in the paragraph; False: the whole of it
    # When set, the rule is tried only on paragraphs containing one of these strings (a cheap
    # filter in front of a costly search; every phrase must contain one of them).
    triggers: tuple[str, ...] = ()


_NUM = r"[\d.,]+[km]?"
_SOCIAL = (
    r"(?:facebook|twitter|x|instagram|linkedin|whatsapp|telegram|pinterest|reddit|tumblr|"
    r"youtube|tiktok|threads|bluesky|mastodon|flipboard|messenger|email|e-mail|mail|print|"
    r"copy link|copy|sms|vk|xing|line|google news|google\+|snapchat|viber|pocket)"
)

LINE: tuple[LineRule, ...] = (
    LineRule(
        "comments",
        20,
        {
            "*": (
                r"\d+\s+(?:comments?|replies|responses)",
                r"comments?(?:\s*\(\d+\))?",
                r"(?:leave|post|add|write|submit|view|show|hide|load|see|read|open|close)"
                r"(?: (?:a|all|the|your|more|\d+))? (?:comments?|reply|replies|responses)"
                r"(?: \(\d+\))?(?: (?:below|here))?[.!:]?",
                r"(?:\d+|no) comments?(?: so far| yet)?[.!:]?(?: (?:be the first|add yours)!?.*)?",
                r"(?:be the first to comment|join the (?:discussion|conversation))[.!]?",
                r"(?:sign|log) in to (?:comment|reply|join the (?:discussion|conversation))\W*",
                r"your email address will not be published\.?(?: required fields are marked \*)?",
                r"required fields are marked \*",
                r"(?:comment|name|e-?mail|website|url|message|your name|your email)\s*\*"
                r"(?:\s*(?:comment|name|e-?mail|website|url)\s*\*)*",
                r"save my name,? e-?mail,? and website in this browser.*",
                r"notify me of (?:follow-up comments|new posts|new comments).*",
                r"comments are closed\.?",
                r"you must be (?:logged in|signed in) to post a comment\.?",
                r"tell us what you think\W*",
                r"(?:cancel reply|post comment|submit comment|reply)",
                r"this site uses akismet to reduce spam.*",
                r"(?:comment|comments) (?:policy|guidelines)\.?",
            ),
            "de": (
                r"(?:\d+ )?kommentare?",
                r"(?:kommentar|antwort) (?:schreiben|verfassen|hinterlassen)",
                r"deine e-mail-adresse wird nicht veröffentlicht\..*",
                r"ihre e-mail-adresse wird nicht veröffentlicht\..*",
                r"erforderliche felder sind mit \* markiert\.?",
            ),
            "fr": (
                r"(?:\d+ )?commentaires?",
                r"(?:laisser|ajouter|écrire) un commentaire",
                r"votre adresse (?:e-?mail|de messagerie) ne sera pas publiée\.?.*",
                r"les champs obligatoires sont indiqués avec \*\.?",
            ),
            "es": (
                r"(?:\d+ )?comentarios?",
                r"(?:deja|dejar|escribe|añadir) (?:un|tu) comentario",
                r"tu (?:dirección de )?correo electrónico no será publicad[oa]\.?.*",
                r"los campos obligatorios están marcados con \*\.?",
            ),
            "pt": (
                r"(?:\d+ )?comentários?",
                r"deixe (?:um|seu) comentário",
                r"o seu endereço de e-?mail não será publicado\.?.*",
                r"atenção: comentários .*(?:moderador|aprovados).*",
            ),
        },
    ),
    LineRule(
        "share",
        16,
        {
            "*": (
                rf"(?:share|tweet|pin|email|e-mail|print|save|like|follow|comment|copy link)"
                rf"(?: (?:this|the|on|via|to))?(?: (?:article|story|post|page|link))?"
                rf"(?: (?:on|via|with|to))?(?: {_SOCIAL})?(?:\s*[|/,]?\s*{_SOCIAL})*[.!:]?",
                rf"{_SOCIAL}(?:\s*[|/,•·]?\s*{_SOCIAL})*",
                rf"{_NUM} (?:shares?|views?|likes?|reads?)",
                r"shares?",
                r"share (?:this|the|your) (?:article|story|post|page|link)(?: with .{1,40})?\W*",
                r"(?:click|tap) to share.*",
                r"(?:gift|bookmark|save) (?:this )?(?:article|story)\W*",
            ),
            "de": (r"(?:artikel |beitrag )?teilen(?: auf \w+)?", r"drucken|versenden"),
            "fr": (r"partager(?: (?:cet article|sur \w+))?", r"imprimer"),
            "es": (r"compartir(?: (?:en|este artículo).*)?", r"imprimir"),
            "pt": (r"compartilh(?:e|ar)(?: .*)?", r"imprimir"),
        },
    ),
    LineRule(
        "cookies",
        60,
        {
            "*": (
                r"\b(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b",
                r"\bby (?:continuing to (?:browse|use)|using) (?:this|our) (?:web)?site,? you "
                r"(?:agree|accept|consent)",
                r"^(?:accept|reject|allow|manage)(?: all)? cookies\.?$",
                r"^cookie (?:policy|settings|preferences|consent)\.?$",
            ),
            "de": (r"\bverwendet cookies\b", r"\bwir verwenden cookies\b"),
            "fr": (r"\butilise des cookies\b", r"\bnous utilisons des cookies\b"),
            "es": (r"\butiliza(?:mos)? cookies\b", r"^aceptar (?:todas las )?cookies$"),
        },
        search=True,
        triggers=("cookie",),
    ),
    LineRule(
        "advert",
        8,
        {
            "*": (
                r"advertisements?|advertising|ad|ads|sponsored(?: content| links?| stories)?",
                r"(?:story|article) continues (?:below|after)(?: (?:the )?(?:ad|advertisement|this ad))?\.?",
                r"continue reading (?:below|the main story|after the ad(?:vertisement)?)\.?",
                r"scroll (?:down )?to continue(?: with content| reading)?\.?",
                r"skip (?:the )?ad(?:vert(?:isement)?)?\.?",
                r"(?:this )?(?:article|story|content) (?:is )?sponsored by .{1,40}",
                r"paid (?:content|post|partnership)",
                r"promoted(?: stories| content| links?)?",
            ),
            "de": (r"anzeige|werbung", r"weiter nach der (?:anzeige|werbung)"),
            "fr": (r"publicité", r"la suite après (?:cette )?(?:publicité|la publicité)"),
            "es": (r"publicidad|anuncio", r"continúa (?:después de la|tras la) publicidad"),
            "pt": (r"publicidade", r"continua (?:depois|após) (?:da )?publicidade"),
        },
    ),
    LineRule(
        "media",
        25,
        {
            "*": (
                r"(?:loading|please wait)\W*",
                r".{0,60}\b(?:enable|turn on|activate) javascript\b.{0,100}",
                r"(?:your browser does not support|media playback is unsupported on your device)"
                r".{0,100}",
                r"(?:sorry, )?this (?:video|content|feature|media) (?:is|was) (?:not|no longer|currently "
                r"not|currently un)\s?available.{0,60}",
                r"(?:click|tap) to (?:play|watch|enlarge|expand)(?: video)?\W*",
                r"listen to (?:this|the) (?:article|story)(?: \d+ min(?:ute)?s?)?\W*",
                r"(?:play|watch|replay) video\W*",
                r"video(?: player)? (?:loading|unavailable)\W*",
            ),
        },
        triggers=(
            "loading", "please wait", "javascript", "browser", "playback", "available", "play",
            "watch", "enlarge", "expand", "video", "listen",
        ),
    ),
    LineRule(
        "navigation",
        4,
        {
            "*": (
                r"(?:skip to (?:main )?content|toggle navigation|main menu|menu|search|close|home|"
                r"back|next|previous|prev|show more|load more|back to (?:home|news|article))\W*",
            ),
        },
    ),
    LineRule(
        "timestamp",
        8,
        {
            "*": (
                r"(?:updated|published|posted)\s*:?\s*(?:\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?)"
                r"\s+ago|just now|today|yesterday)\.?",
                r"\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?) ago",
                r"\d+\s+min(?:ute)?s? read",
                r"(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura|"
                r"tempo de leitura|tempo di lettura)\s*:?\s*\d+.{0,20}",
            ),
        },
    ),
    LineRule(
        "promo",
        4,
        {
            "*": (
                r"(?:subscribe|sign up|sign in|log ?in|register|join now|subscribe now|get the app|"
                r"download the app|continue reading|read more|show more|load more|see more)[.!]?",
            ),
            "de": (r"(?:jetzt )?(?:abonnieren|anmelden|registrieren)",),
            "fr": (r"(?:s'abonner|abonnez-vous|se connecter|lire la suite)",),
            "es": (r"(?:suscríbete|suscribirse|iniciar sesión|leer más)",),
            "pt": (r"(?:assine|inscreva-se|entrar|leia mais)",),
        },
    ),
    LineRule(
        "footer",
        30,
        {
            "*": (
                r"(?:copyright\s*(?:©|\(c\))?\s*(?:\d{4}|©)|©|\(c\)\s*\d{4}).{0,120}",
                r"copyright\b[^.]{0,80}\b(?:19|20)\d{2}\b[^.]{0,60}",
                r"(?:terms of (?:use|service)|privacy policy|contact us|about us|sitemap)"
                r"(?:\s*[|•·/,]\s*(?:terms of (?:use|service)|privacy policy|contact us|about us|"
                r"sitemap|careers|advertise|help|faq))*",
                r"back to top\W*",
                r"our standards\s*:.{0,100}",
                r"(?:report an error|submit a correction|report a correction|suggest a correction)\W*",
                r"(?:top|related|more) (?:tags|topics)\s*:.{0,160}",
                r"(?:tags|topics|filed under|categories|category)\s*:.{0,160}",
            ),
            "de": (r"zurück nach oben",),
            "fr": (r"retour en haut",),
            "es": (r"volver arriba",),
            "pt": (r"voltar ao topo",),
        },
    ),
    LineRule(
        "footer",
        30,
        {
            "*": (r"\ball rights reserved\b",),
            "de": (r"\balle rechte vorbehalten\b",),
            "fr": (r"\btous droits réservés\b",),
            "es": (r"\btodos los derechos reservados\b",),
            "pt": (r"\btodos os direitos reservados\b",),
        },
        search=True,
        triggers=("rights", "rechte", "droits", "derechos", "direitos"),
    ),
    LineRule(
        "contact",
        45,
        {
            "*": (
                r"(?:got|have) a (?:news )?(?:tip|story)\?.*",
                r".{0,80}\b(?:can|may) be reached at \S+@\S+.{0,200}",
                r"(?:contact|email|e-mail|reach) (?:the (?:author|reporter|writer)|(?:him|her|them|us)) "
                r"at \S+@\S+.*",
                r"send (?:us )?(?:your )?(?:news )?tips to .*",
            ),
        },
        triggers=("tip", "story?", "reached", "@"),
    ),
    LineRule(
        "republished",
        30,
        {
            "*": (
                r"this (?:article|story|piece|post) (?:was|is|has been) (?:originally |first )?"
                r"(?:published|republished|posted) (?:on|by|in|at|from|with permission) .{1,120}",
                r"read the original (?:article|story|post)\W*",
            ),
        },
    ),
    LineRule(
        "disclosure",
        45,
        {
            "*": (
                r"\bif you (?:buy|purchase|click|shop) (?:something|anything|a product|through|from|on)"
                r"\b.{0,100}\b(?:commission|share of the sale|affiliate|compensat|earn)",
                r"\b(?:we|may) (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:affiliate )?"
                r"(?:commission|share of the sale|compensation)\b.{0,60}\b(?:links?|purchases?|buy)",
            ),
        },
        search=True,
        triggers=("commission", "share of the sale", "affiliate", "compensat", "earn"),
    ),
    LineRule(
        "markup",
        60,
        {"*": (r"\[(\w+)[^\]]*\].*\[/\1\]", r"\[/?\w+(?: \w+=[^\]]*)*\]")},
    ),
    LineRule(
        "credits",
        25,
        {
            "*": (
                r"[^.]{0,150}(?:©|\(c\) \d{4})[^.]{0,80}",
                r"sources?\s*:\s*[^.]{1,60}",
                r"(?:image|media|photo|picture) (?:copyright|source|credit)s?\b\s*:?\s*[^.]{0,80}",
                r"(?:image|photo|picture|video)s?\s*:\s*(?:getty(?: images)?|ap|afp|reuters|epa|"
                r"shutterstock|alamy|pa|supplied|handout|file|istock)\b[^.]{0,40}",
                r"\(?(?:ap|afp|reuters|epa|getty|getty images|dpa|xinhua|ani|pti) ?(?:photo|images?|"
                r"pictures?)?\s*/\s*[^.]{1,60}\)?",
                r"\(?(?:photo|photograph|image|picture|video)s? (?:by|courtesy of)\s+[^.]{1,60}\)?",
                r"\(?(?:photo|image|picture|video|graphic|illustration|photograph)s?"
                r"(?: credit)?\s*:?\s*(?:©|courtesy of|via)\s*[^.]{1,80}\)?",
            ),
        },
        triggers=(
            "©", "(c)", "source", "copyright", "credit", "/", "photo", "image", "picture", "video",
            "graphic", "illustration", "courtesy",
        ),
    ),
)

# ---------------------------------------------------------------------------------------------
# Headers that open a block of teasers (whole paragraph, at most BLOCK_HEADER_MAX_WORDS words).
# ---------------------------------------------------------------------------------------------

BLOCK_HEADER_MAX_WORDS = 9

BLOCK_HEADERS: dict[str, tuple[str, ...]] = {
    "*": (
        r"(?:you )?(?:may|might|will|could) (?:also )?(?:like|enjoy|be interested in)(?: these)?",
        r"you may have missed",
        r"(?:related|recommended|similar|popular|trending|latest|recent|more|top|other|further)"
        r"(?: (?:news|posts?|articles?|stories|reads?|content|links|coverage|videos?|items))"
        r"(?: (?:from|on|in|for|about) .{1,50})?",
        r"(?:related|recommended)(?: for you| reading)?",
        r"(?:read|see|watch|what to read) (?:next|more|also)",
        r"up next|next up|read next",
        r"more (?:from|on|in|about|by|stories from|news from) .{1,50}",
        r"more(?: (?:news|stories|headlines|videos?))?",
        r"discover more(?: from .{1,50})?",
        r"most (?:read|popular|viewed|shared|commented|recent|emailed)(?: (?:in|on|from|stories|articles|news)(?: .{1,40})?)?",
        r"(?:editor'?s?|editors') (?:picks?|choice)",
        r"(?:don'?t|do not) miss(?: (?:this|these|out))?",
        r"(?:must|also|recommended) (?:read|watch)s?",
        r"(?:around|from) the web",
        r"(?:trending|popular) (?:now|today|this week)",
        r"trending",
        r"explore (?:further|more)",
        r"in (?:other|case you missed|related) news",
        r"(?:in case you missed it|icymi)",
        r"elsewhere on .{1,40}",
        r"(?:more|other) (?:from|by) (?:this|the) (?:author|writer)",
        r"(?:top|latest|breaking) (?:headlines|stories|news)",
        r"(?:sponsored|promoted|partner) (?:stories|content|links|posts)",
    ),
    "de": (
        r"(?:das|dies) könnte sie (?:auch )?interessieren",
        r"mehr zum thema(?: .{1,40})?",
        r"(?:weitere|ähnliche|verwandte) (?:artikel|beiträge|nachrichten|themen)",
        r"meistgelesen(?:e artikel)?",
        r"(?:auch )?interessant",
        r"lesen sie (?:auch|mehr)",
    ),
    "fr": (
        r"(?:à|a) lire (?:aussi|également)",
        r"sur le même (?:sujet|thème)",
        r"(?:les )?plus (?:lus|populaires)",
        r"(?:articles|contenus) (?:liés|similaires|recommandés)",
        r"vous aimerez (?:aussi|peut-être)",
        r"(?:voir|lire) aussi",
    ),
    "es": (
        r"te puede interesar",
        r"(?:también )?te (?:puede|podría) (?:interesar|gustar)",
        r"(?:noticias|artículos) relacionad[oa]s",
        r"lo más (?:leído|visto|popular)",
        r"más (?:noticias|información|de .{1,40})",
        r"(?:lee|lea|leer) (?:también|más)",
    ),
    "pt": (
        r"(?:leia|veja) (?:também|mais)",
        r"(?:notícias|artigos|posts) relacionad[oa]s",
        r"(?:mais )?lidas",
        r"você (?:também )?pode gostar",
    ),
}

# ---------------------------------------------------------------------------------------------
# "Read more: <headline>" lines (marker, separator, a headline of at most 30 words).
# ---------------------------------------------------------------------------------------------

INLINE_TEASER_MAX_WORDS = 30

INLINE_TEASER: dict[str, tuple[str, ...]] = {
    "*": (
        r"read (?:more|also|next|this|the full story)",
        r"also read",
        r"must read",
        r"see (?:also|more)",
        r"related(?: (?:story|article|post|news|coverage|content|video|reading|link))?",
        r"recommended(?: (?:reading|video|article|story))?",
        r"(?:top|trending|popular) (?:news|stories)",
        r"(?:don'?t|do not) miss",
        r"(?:editor'?s?|editors') picks?",
        r"(?:in case you missed it|icymi)",
        r"you (?:may|might) (?:also )?like",
    ),
    "de": (r"lesen sie (?:auch|mehr|hier)", r"auch interessant", r"siehe auch"),
    "fr": (r"(?:à|a) lire (?:aussi|également)", r"lire (?:aussi|la suite)", r"voir aussi", r"sur le même sujet"),
    "es": (r"(?:lee|lea|leer) (?:también|más|además)", r"te puede interesar", r"ver (?:también|más)", r"relacionad[oa]s?"),
    "pt": (r"(?:leia|veja) (?:também|mais)", r"saiba mais"),
}
# Markers that also open ordinary sentences ("Also - and this matters - ..."): a teaser only
# with a colon-like separator, and only when the headline after it has no closing period.
INLINE_TEASER_WEAK: dict[str, tuple[str, ...]] = {
    "*": (
        r"also",
        r"more(?: (?:news|stories|coverage|on this story))?",
        r"watch(?: (?:more|also|video|now|the video))?",
        r"listen(?: (?:now|here|to the podcast))?",
        r"(?:check|click|tap) (?:out|here|this)",
        r"previously(?: on .{1,30})?",
        r"(?:video|photos?|gallery|podcast)",
    ),
    "de": (r"mehr(?: dazu| zum thema)?",),
}
INLINE_SEPARATORS = r"(?:\s*(?::|\||»|›|>>|->|\u2192)\s*|\s+[-\u2013\u2014]\s+)"
INLINE_SEPARATORS_WEAK = r"\s*(?::|\||»|›|>>|->|\u2192)\s*"

# ---------------------------------------------------------------------------------------------
# Promotional sentences.
# ---------------------------------------------------------------------------------------------

PROMO_MAX_WORDS = 70  # longer paragraphs are never removed as promotions

# Sentences that are promotional on their own.
PROMO: dict[str, tuple[str, ...]] = {
    "*": (
        r"\b(?:is|are) now on (?:whatsapp|telegram|google news|signal|threads|bluesky|youtube|instagram)\b",
        r"\b(?:join|follow) (?:us|our \w+(?: \w+)?) on (?:whatsapp|telegram|twitter|x|facebook|instagram|"
        r"linkedin|youtube|tiktok|threads|bluesky|google news|flipboard|signal)\b",
        r"\bfollow (?:us|him|her|them|me|the author)(?: on| at| via)? (?:twitter|x|facebook|instagram|"
        r"linkedin|youtube|tiktok|threads|bluesky|mastodon|@\w+)",
        r"\bfollow (?:us|him|her|them|me) @\w+",
        r"\bthanks? (?:you )?for (?:signing up|subscribing|registering)\b",
        r"\berror processing your (?:subscription|request|sign-?up)\b",
        r"\b(?:keep an eye on|check) your inbox\b",
        r"\b(?:delivered|sent) (?:straight |directly |right )?(?:to|into|in) your (?:inbox|email|mailbox|phone)\b",
        r"\bright (?:in|into|to) your inbox\b",
        r"\b(?:click|tap|press) here\b",
        r"\bby clicking (?:here|the link|this link|the button)\b",
        r"\bif you (?:enjoyed|liked|value|appreciate|appreciated) (?:this|our|reading this) "
        r"(?:article|story|post|piece|journalism|reporting|work|newsletter)\b",
        r"\bclick (?:the|this) (?:link|button)\b",
        r"\b(?:sign up|subscribe|register) (?:for|to) (?:our|my) (?:\w+ ){0,3}(?:newsletters?|"
        r"alerts|updates|email|mailing list|channel|podcast|digest|briefing)\b",
        r"\bsubscribe (?:today|now|here|for free|for (?:just|only) )",
        r"\b(?:download|get|install) our (?:\w+ ){0,3}app\b",
        r"\bsupport our journalism\b",
        r"\bexclusive(?:ly)? for (?:our )?subscribers\b",
        r"\balready (?:a subscriber|have an account)\b",
        r"\bnever miss (?:a|an|another) (?:story|update|post|article|episode|thing)\b",
        r"\b(?:discover|find) more from\b",
        r"\blike us on facebook\b",
    ),
    "de": (
        r"\b(?:abonnieren sie|jetzt abonnieren|newsletter abonnieren|melden sie sich .{0,30} an)\b",
        r"\bfolgen sie uns\b",
        r"\bklicken sie hier\b",
    ),
    "fr": (
        r"\b(?:abonnez-vous|inscrivez-vous|suivez-nous)\b",
        r"\bcliquez ici\b",
        r"\brecevez (?:notre|nos) newsletters?\b",
    ),
    "es": (
        r"\b(?:suscríbete|suscríbase|síguenos|síganos)\b",
        r"\b(?:haz|haga) clic aquí\b",
        r"\búnete a nuestro canal\b",
    ),
    "pt": (
        r"\b(?:assine|inscreva-se|siga-nos)\b",
        r"\bclique aqui\b",
    ),
}

# Patterns matched at the start of a sentence only.
PROMO_OPENERS: tuple[str, ...] = (
    r"follow [\w .'&@-]{1,40} on (?:instagram|facebook|twitter|x|youtube|tiktok|linkedin|threads|"
    r"bluesky|snapchat|mastodon)\b",
    r"(?:follow|read|see|get) (?:[\w'.]+ ){0,3}(?:full |complete |latest |live |more )?coverage "
    r"(?:of|on|at|here)\b",
    # Imperatives that reporting also uses in the third person ("residents can sign up for
    # the county's alerts"): promotional only at the start of a sentence.
    r"(?:sign up|subscribe|register) (?:for|to) (?:the|[\w.]+'s?) (?:[\w'.]+ ){0,3}(?:newsletters?|"
    r"alerts|updates|email|mailing list|channel|podcast|digest|briefing)\b",
    r"(?:download|get|install) the (?:\w+ ){0,3}app\b",
    r"support (?:independent|local|quality) journalism\b",
    r"become a (?:member|subscriber|patron)\b",
    r"(?:get|enjoy|unlock) unlimited (?:digital )?access\b",
    r"(?:this (?:article|story|content) is )?(?:for |available to )?subscribers? only\b",
    r"turn on (?:push )?notifications\b",
    r"stay (?:up to date|updated|informed|in the loop|connected|tuned) (?:with|on|by)\b",
)

# Imperatives that open a promotional sentence when PROMO_VOCAB is also present.
PROMO_VERBS: tuple[str, ...] = (
    "subscribe", "sign up", "signup", "register", "join", "follow", "like", "download", "get",
    "install", "click", "tap", "share", "listen", "watch", "check out", "don't forget",
    "do not forget", "stay", "never miss", "enjoy", "enjoyed", "discover", "support", "become",
    "grab", "exciting news", "be the first", "make sure", "tune in",
)
# What such an imperative must promote to count: the outlet's own channels and mailings.
PROMO_VOCAB: tuple[str, ...] = (
    r"newsletters?", r"subscri\w*", r"inbox", r"mailing list", r"whatsapp", r"telegram",
    r"(?:push )?notifications", r"(?:breaking news |email |news )?alerts",
    r"(?:our|the) (?:\w+ )?(?:app|channel|podcast|youtube|page|feed|site|website)",
    r"us on", r"@\w+",
)
# A short line like "Pick Six Newsletter" opens a sign-up box: it and the short promotional
# lines under it are removed.
NEWSLETTER_HEADER = r"(?:[\w'&.+-]+ ){0,5}(?:newsletters?|e-?mail (?:updates|alerts)|mailing list)"

# ---------------------------------------------------------------------------------------------
# Other patterns.
# ---------------------------------------------------------------------------------------------

TAGGED_TEASER_MAX_WORDS = 25
TAGGED_TEASER = (
    r".{3,}\s*\[(?:video|videos|pictures|pics|photos|gallery|insight|reveal|reaction|latest|"
    r"analysis|poll|live|watch|listen|podcast|opinion|exclusive|update|review|explained|"
    r"interview|quiz)\]\s*[|,.]?"
)

DATE_WORDS: tuple[str, ...] = (
    # English
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am",
    "pm", "a", "m", "p", "at", "on", "of", "the", "gmt", "utc", "est", "edt", "cst", "cdt", "mst",
    "mdt", "pst", "pdt", "et", "pt", "ct", "bst", "cet", "cest", "ist", "aest", "jst", "hkt",
    "sgt", "today", "yesterday", "st", "nd", "rd", "th", "h",
    # German
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "mo", "di",
    "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "um", "uhr", "am",
    # French
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "le", "à",
    # Spanish / Portuguese
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves",
    "viernes", "sábado", "domingo", "de", "del", "el", "janeiro", "fevereiro", "março", "maio",
    "junho", "julho", "setembro", "outubro", "novembro", "dezembro", "segunda", "terça", "quarta",
    "quinta", "sexta", "feira", "às", "as", "hs", "hrs",
)

# DATE_WORDS that do not name a month or weekday by themselves.
DATE_FILLERS: tuple[str, ...] = (
    "a", "m", "p", "am", "pm", "at", "on", "of", "the", "gmt", "utc", "est", "edt", "cst", "cdt",
    "mst", "mdt", "pst", "pdt", "et", "pt", "ct", "bst", "cet", "cest", "ist", "aest", "jst", "hkt",
    "sgt", "st", "nd", "rd", "th", "h", "um", "uhr", "mo", "di", "mi", "do", "fr", "sa", "so", "le",
    "à", "de", "del", "el", "às", "as", "hs", "hrs", "feira", "today", "yesterday",
)

# Words that open a publication stamp ("Updated: Nov. 19, 2019 5:31 p.m."); the rest of the line
# must read as a date/time (DATE_WORDS and numbers), optionally followed by "by <name>".
TIMESTAMP_PREFIXES: tuple[str, ...] = (
    r"(?:last )?(?:updated|published|posted|modified|created|edited|first published|"
    r"originally published|released|date)(?: on| at)?",
    r"(?:aktualisiert|veröffentlicht|erstellt|stand)(?: am)?",
    r"(?:mis à jour|publié|modifié)(?: le)?",
    r"(?:actualizado|publicado|modificado)(?: el)?",
    r"(?:atualizado|publicado)(?: em)?",
)

# Words that cannot follow "By" in a byline ("By the numbers" is a subheading).
BYLINE_STOPWORDS: tuple[str, ...] = (
    "the", "this", "that", "these", "those", "a", "an", "then", "now", "far", "contrast",
    "comparison", "way", "design", "default", "law", "night", "day", "noon", "midnight", "car",
    "train", "plane", "air", "sea", "land", "phone", "mail", "email", "hand", "chance", "all",
    "no", "means", "definition", "nature", "numbers", "most", "some", "any", "many", "much",
    "one", "two", "its", "his", "her", "their", "our", "my", "your", "who", "what", "how",
    "when", "where", "why", "contrast,", "itself", "themselves", "itself.",
)

# Weekday names (and abbreviations): a stamp may hold one weekday and one month name.
WEEKDAYS: tuple[str, ...] = (
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "segunda", "terça", "quarta", "quinta", "sexta",
)

# A run of at least this many bullet items written as headlines (Title Case, no closing
# period, RELATED_ITEM_WORDS words) is a list of links to other stories.
RELATED_RUN_MIN = 3
RELATED_ITEM_WORDS = (4, 16)

# Languages whose headlines are written in Title Case (the run rule above is used only for
# these, and when the language is unknown).
TITLE_CASE_LANGUAGES: tuple[str, ...] = ("en",)

# Very common words per language: a text's language is guessed from them when pages declare
# none or the wrong one (an English template around a German article, say).
STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": ("the", "and", "of", "to", "is", "that", "for", "with", "was", "on", "are", "it",
           "this", "have", "from", "they", "which", "been", "would", "their"),
    "de": ("der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "eine", "auf",
           "für", "sich", "dem", "des", "auch", "werden", "wird", "sind"),
    "fr": ("le", "la", "les", "et", "est", "des", "une", "pour", "dans", "que", "qui", "pas",
           "sur", "du", "au", "avec", "sont", "mais", "ce", "aux"),
    "es": ("el", "la", "los", "las", "y", "es", "que", "una", "para", "por", "con", "del",
           "se", "en", "al", "como", "pero", "más", "fue", "sus"),
    "pt": ("o", "os", "as", "e", "é", "que", "um", "uma", "para", "com", "não", "do", "da",
           "em", "no", "na", "dos", "das", "mais", "foi"),
    "it": ("il", "lo", "gli", "e", "è", "che", "una", "per", "con", "non", "del", "della",
           "di", "nel", "sono", "anche", "alla", "più", "dei", "come"),
    "nl": ("de", "het", "een", "en", "van", "is", "dat", "op", "te", "niet", "met", "voor",
           "zijn", "er", "ook", "aan", "bij", "wordt", "naar", "dit"),
}

# Languages that capitalise every noun: Title Case says nothing about headlines there.
NOUN_CAPITALISING: tuple[str, ...] = ("de",)
