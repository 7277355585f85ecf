#!/usr/bin/env python3
"""Writes a synthetic news corpus for the scale-out checks and benchmarks (Spark, Hadoop Streaming, parallel).

Every sentence comes from a template written here, filled with facts read from the repository's own
gazetteers (people, countries, organizations, cities), so the corpus needs nothing outside a fresh clone and
the same seed always gives the same bytes. The text only has to look like news to the extractor: the checks
compare a cluster run with a direct run of `ner`, they do not score accuracy.

    make_sample.py --docs 1200 --jsonl sample.jsonl       one document per line: {"id": "doc-000001", "text": …}
    make_sample.py --docs 1200 --dir sample/              one text file per document (sample/00/doc-000001.txt)
    make_sample.py --mb 40 --jsonl big.jsonl              stop once the JSONL file holds about 40 MB
    make_sample.py --docs 1200 --jsonl s.jsonl --bad 2    also two records whose `text` is not a string

A few documents carry what tends to break pipelines: Windows line ends, a tab, characters outside the Basic
Multilingual Plane (code-point and byte offsets differ), a leading byte-order mark in text files, ids that are
numbers rather than strings. `--bad N` adds N records that `ner` must answer with an error record.
"""

import argparse
import csv
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.join(HERE, "..", "..", "gazetteers")

EN = [
    "{person}, the {role} of {country}, arrived in {city} on {day} for talks with {org}.",
    "{org} said on {day} that it would open an office in {city} next year.",
    "Speaking in {city}, {person} said {country} was ready to sign the agreement.",
    "Officials from {org} and {org2} met in {city} to discuss aid to {country}.",
    "The talks in {city} were the first since {person} took office.",
    "{country} and {country2} agreed to reopen their border, according to {org}.",
    "Shares in {org} fell by {n}% after the company cut its forecast.",
    "{person} told reporters that {org} had not been consulted.",
    "Floods near {city} forced {n} thousand people from their homes, {org} said.",
    "Analysts expect {country} to raise interest rates again in {month}.",
    "The vote was postponed until {month}, the spokesman said.",
    "Prices rose by {n} percent over the year, the fastest pace since {year}.",
    "{person} will travel to {country2} after the summit.",
]
FR = [
    "{person}, {role_fr} {de_country}, est arrivé à {city} {day_fr} pour des entretiens avec {org}.",
    "{org} a annoncé {day_fr} l'ouverture d'un bureau à {city} l'an prochain.",
    "À {city}, {person} a déclaré que {le_country} était prête à signer l'accord.",
    "Des représentants de {org} et de {org2} se sont réunis à {city} pour discuter de l'aide {a_country}.",
    "Les discussions de {city} sont les premières depuis l'entrée en fonction de {person}.",
    "{Le_country} et {le_country2} ont accepté de rouvrir leur frontière, selon {org}.",
    "L'action de {org} a reculé de {n} % après la révision de ses prévisions.",
    "{person} a indiqué aux journalistes que {org} n'avait pas été consulté.",
    "Des inondations près de {city} ont chassé {n}000 personnes de leurs foyers, selon {org}.",
    "Les analystes s'attendent à une nouvelle hausse des taux {a_country} en {month_fr}.",
    "Le vote a été reporté à {month_fr}, a précisé le porte-parole.",
    "Les prix ont augmenté de {n} % sur un an, un rythme inédit depuis {year}.",
    "{person} se rendra {a_country2} après le sommet.",
]
ROLES = ["president", "foreign minister", "prime minister", "finance minister", "defence minister"]
ROLES_FR = ["le président", "le ministre des Affaires étrangères", "le Premier ministre", "la ministre de la Santé"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
MONTHS_FR = ["janvier", "mars", "mai", "juillet", "septembre", "novembre"]
# what pipelines tend to mangle, put into a few documents
ODD = ["\U0001f30d", "\t", "\u00a0", "\u2019", "\u2028"]


def rows(name):
    """The data rows of one gazetteer as dicts (header row names the columns; `#` lines are comments)."""
    with open(os.path.join(GAZ, name + ".tsv"), encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def facts():
    """Names to put in the templates: unambiguous canonical forms only, so the sample reads as news."""

    def plain(r):
        return r["name"] == r["canonical"] and not r["flags"]

    people = [r["name"] for r in rows("people") if plain(r) and " " in r["name"]]
    orgs = [r["name"] for r in rows("organizations") if plain(r) and r["lang"] in ("en", "*")]
    cities = [r["name"] for r in rows("locations") if plain(r) and r["source"] == "geonames" and r["iso"]]
    countries_en, countries_fr = [], []
    for r in rows("countries"):
        if r["flags"]:
            continue
        if r["lang"] in ("en", "*") and r["name"] == r["canonical"]:
            countries_en.append(r["name"])
        arts = r.get("articles") or ""
        if r["lang"] == "fr" and arts.count("|") == 2:
            countries_fr.append((r["name"], arts.split("|")))
    for what, xs in [("people", people), ("organizations", orgs), ("cities", cities), ("countries", countries_en)]:
        if not xs:
            sys.exit(f"make_sample: no {what} found in {GAZ}")
    return people, orgs, cities, sorted(set(countries_en)), sorted(countries_fr)


def french_forms(name, arts):
    """`la France`, `de la France`, `en France` from the articles column (`la|de la|en`)."""
    le, de, a = arts

    def join(article):
        return article + name if article.endswith("'") else f"{article} {name}"

    return join(le), join(de), join(a)


def document(rng, lang, f):
    people, orgs, cities, countries_en, countries_fr = f
    templates = EN if lang == "en" else FR
    sentences = []
    for _ in range(rng.randint(4, 16)):
        c1, c2 = rng.choice(countries_fr), rng.choice(countries_fr)
        le1, de1, a1 = french_forms(*c1)
        le2, _, a2 = french_forms(*c2)
        slots = {
            "person": rng.choice(people),
            "org": rng.choice(orgs),
            "org2": rng.choice(orgs),
            "city": rng.choice(cities),
            "country": rng.choice(countries_en),
            "country2": rng.choice(countries_en),
            "role": rng.choice(ROLES),
            "role_fr": rng.choice(ROLES_FR),
            "day": rng.choice(DAYS),
            "day_fr": rng.choice(DAYS_FR),
            "month": rng.choice(MONTHS),
            "month_fr": rng.choice(MONTHS_FR),
            "n": rng.randint(2, 90),
            "year": rng.randint(1990, 2024),
            "le_country": le1,
            "Le_country": le1[:1].upper() + le1[1:],
            "de_country": de1,
            "a_country": a1,
            "le_country2": le2,
            "a_country2": a2,
        }
        sentences.append(rng.choice(templates).format(**slots))
    paragraphs, i = [], 0
    while i < len(sentences):
        k = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[i : i + k]))
        i += k
    return "\n\n".join(paragraphs) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, help="number of documents")
    ap.add_argument("--mb", type=float, help="stop at about this many megabytes of JSONL (instead of --docs)")
    ap.add_argument("--jsonl", help="write one JSON object per line to this file")
    ap.add_argument("--dir", help="write one text file per document under this folder")
    ap.add_argument("--bad", type=int, default=0, help="also write N JSONL records whose text is not a string")
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    if (a.docs is None) == (a.mb is None) or not (a.jsonl or a.dir):
        ap.error("give --docs or --mb, and --jsonl and/or --dir")
    rng = random.Random(a.seed)
    f = facts()
    if a.jsonl and os.path.dirname(a.jsonl):
        os.makedirs(os.path.dirname(a.jsonl), exist_ok=True)
    out = open(a.jsonl, "w", encoding="utf-8", newline="\n") if a.jsonl else None
    limit = int(a.mb * 1e6) if a.mb else None
    written, n = 0, 0
    while (a.docs is not None and n < a.docs) or (limit is not None and written < limit):
        n += 1
        text = document(rng, rng.choice(["en", "fr"]), f)
        if n % 97 == 0:
            text = text.replace("\n", "\r\n")
        if n % 89 == 0:
            odd = rng.choice(ODD)
            text = text.replace(" ", f" {odd}", 1)
        ident = f"doc-{n:06d}"
        if out:
            # a few numeric ids: `ner` copies the id as it is, whatever its JSON type
            rec = {"id": n if n % 101 == 0 else ident, "text": text}
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
        if a.dir:
            path = os.path.join(a.dir, f"{n // 1000:02d}", ident + ".txt")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            bom = "\ufeff" if n % 83 == 0 else ""
            with open(path, "w", encoding="utf-8", newline="") as t:
                t.write(bom + text)
    if out:
        for b in range(a.bad):
            out.write(json.dumps({"id": f"bad-{b + 1}", "text": [b]}) + "\n")
        out.close()
    print(f"make_sample: {n} documents{f', {a.bad} bad records' if a.bad else ''}", file=sys.stderr)


if __name__ == "__main__":
    main()
