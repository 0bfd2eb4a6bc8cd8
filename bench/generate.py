"""Generate a synthetic, claim-shaped corpus laid out like ``seeds/``, deterministic from a seed.

The articles look like the curated ones: actors with aliases (spelled differently from article to
article), operations with dates and agents, quantity claims with speakers and quotes, and values
that conflict or agree across outlets. Every annotation is anchored to a verbatim quote, so
``kg build --seeds DIR`` accepts the folder.

    python bench/generate.py --articles 10000 --out /tmp/corpus-10k [--seed 7]
    python bench/generate.py --articles 10000 --out /tmp/one-op-10k --same-operation

``--same-operation``: every article reports on one and the same operation (the same world and random
draws otherwise), the way a real corpus holds hundreds of reports about one event: its figures
fall into a few large claim groups.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

SYLLABLES = ["ka", "zha", "nur", "tal", "bek", "mir", "sul", "tan", "dar", "vo", "len", "ra", "ish", "go", "mas", "ul",
             "ber", "kov", "ash", "ti", "yer", "zhan", "om", "el", "sa", "rin", "dus", "ha"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
KINDS = {"people": "citizens", "children": "children", "women": "women", "adults": "adults"}
RELATIONS = ["thanked", "urged", "praised", "helped", "supports", "warned"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _variant(name: str) -> str:
    """A transliteration variant, as the seeds have (Kasym-Zhomart / Kassym-Jomart)."""
    return name.replace("zh", "j").replace("Zh", "J").replace("k", "kk", 1) if "zh" in name.lower() else name + "h"


class World:
    """The entities and operations the articles report on."""

    def __init__(self, rng: random.Random, n_articles: int) -> None:
        self.rng = rng
        n_countries = max(8, min(120, n_articles // 50))
        self.countries = [f"{_name(rng, 2)}stan" for _ in range(n_countries)]
        self.countries = list(dict.fromkeys(self.countries))
        self.places = [_name(rng, 3) for _ in range(max(6, n_countries // 2))]
        self.outlets = [f"The {_name(rng, 2)} {rng.choice(['Post', 'Times', 'Herald', 'Wire', 'Daily'])}"
                        for _ in range(max(5, min(80, n_articles // 100)))]  # fmt: skip
        self.outlets = list(dict.fromkeys(self.outlets))
        self.people = []
        for i in range(max(10, n_articles // 20)):
            first, last = _name(rng, 2), _name(rng, 3)
            self.people.append((f"p{i}", f"{first} {last}", last, rng.randrange(len(self.countries))))
        self.operations = []
        start = dt.date(2018, 1, 1)
        for i in range(max(4, n_articles // 8)):
            country = rng.randrange(len(self.countries))
            begin = start + dt.timedelta(days=rng.randrange(900))
            truth = {kind: rng.randrange(20, 400) for kind in KINDS}
            self.operations.append((f"op{i}", country, rng.randrange(len(self.places)), begin, truth))

    def registry(self) -> dict:
        entities: dict[str, dict] = {}
        for i, c in enumerate(self.countries):
            entities[f"c{i}"] = {"type": "Country", "label": c, "aliases": [c[:-4] + "i"]}
            entities[f"c{i}-mfa"] = {"type": "GovernmentBody", "label": f"Foreign Ministry of {c}",
                                     "aliases": [f"{c}'s Foreign Ministry", f"{c}'s Ministry of Foreign Affairs"]}  # fmt: skip
            entities[f"c{i}-sec"] = {"type": "GovernmentBody", "label": f"Security Service of {c}",
                                     "aliases": [f"{c}'s security service"]}  # fmt: skip
        for i, place in enumerate(self.places):
            entities[f"pl{i}"] = {"type": "Place", "label": place}
        for i, outlet in enumerate(self.outlets):
            entities[f"o{i}"] = {"type": "MediaOutlet", "label": outlet}
        for pid, full, last, _country in self.people:
            entities[pid] = {"type": "Person", "label": full, "aliases": [last, _variant(full)]}
        for oid, country, place, _begin, _truth in self.operations:
            entities[oid] = {"type": "Operation", "label": f"Operation {self.countries[country][:-4]} {oid[2:]}",
                             "description": f"A repatriation by {self.countries[country]} from {self.places[place]}."}  # fmt: skip
        kinds = {"people": {"label": "people"}, "adults": {"label": "adults", "broader": "people"},
                 "women": {"label": "women", "broader": "adults"}, "children": {"label": "children", "broader": "people"}}  # fmt: skip
        return {"kinds": kinds, "entities": entities}


def _article(world: World, rng: random.Random, n: int, same_operation: bool = False) -> tuple[str, dict]:
    operation = rng.choice(world.operations)  # drawn either way, so that the rest of the draws stay the same
    oid, country, place, begin, truth = world.operations[0] if same_operation else operation
    cname, pname = world.countries[country], world.places[place]
    outlet = rng.randrange(len(world.outlets))
    speakers = [p for p in world.people if p[3] == country] or world.people
    pid, full, _last, _ = rng.choice(speakers)
    spoken = full if rng.random() < 0.6 else _variant(full)
    kind = rng.choice(list(KINDS))
    value = truth[kind] if rng.random() < 0.8 else truth[kind] + rng.choice([-7, -4, -2, 3, 5, 11])
    approximate = rng.random() < 0.15
    number = f"about {value}" if approximate else str(value)
    published = begin + dt.timedelta(days=rng.randrange(1, 40))
    said = begin + dt.timedelta(days=rng.randrange(0, 3))
    end = begin + dt.timedelta(days=rng.randrange(1, 4))
    other = rng.randrange(len(world.countries))
    relation = rng.choice(RELATIONS)
    agent = rng.choice(["mfa", "sec"])
    agent_name = f"{cname}'s Foreign Ministry" if agent == "mfa" else f"{cname}'s security service"

    title = f"{cname} repatriates {number} {KINDS[kind]} from {pname}"
    s1 = (f"{spoken} said on {MONTHS[said.month - 1]} {said.day} that {number} {KINDS[kind]} "
          f"had been repatriated from {pname}.")  # fmt: skip
    s2 = (f"The operation took place between {MONTHS[begin.month - 1]} {begin.day} and "
          f"{MONTHS[end.month - 1]} {end.day}, carried out by {agent_name}.")  # fmt: skip
    s3 = f"{cname} {relation} {world.countries[other]} over the operation, officials said."
    text = "\n\n".join([title, s1, s2, s3]) + "\n"

    quantity = {"value": value, "counted": KINDS[kind], "kind": kind}
    if approximate:
        quantity["approximate"] = True
    annotations = {
        "article": {
            "title": title,
            "outlet": f"o{outlet}",
            "published": published.isoformat(),
            "language": "en",
        },
        "mentions": [
            {"quote": spoken, "entity": pid},
            {"quote": pname, "entity": f"pl{place}"},
            {"quote": agent_name, "entity": f"c{country}-{agent}"},
        ],
        "events": [
            {
                "event": oid,
                "quote": s2,
                "start": begin.isoformat(),
                "end": end.isoformat(),
                "agents": [f"c{country}-{agent}"],
            }
        ],
        "claims": [
            {
                "quote": s1,
                "speaker": pid,
                "date": said.isoformat(),
                "subject": f"c{country}",
                "predicate": "repatriated",
                "quantity": quantity,
                "about": oid,
            },
            {
                "quote": s3.split(" over")[0],
                "subject": f"c{country}",
                "predicate": relation,
                "object": f"c{other}",
            },
        ],
    }
    return f"a{n:06d}", {"text": text, "yaml": annotations}


def generate(articles: int, out: str | Path, seed: int = 0, same_operation: bool = False) -> Path:
    """Write ``articles`` synthetic articles and a registry into ``out`` (replaced if it exists).

    ``same_operation``: every article reports on the same operation.

    Returns
    -------
    Path
        The corpus folder.
    """
    rng = random.Random(seed)
    world = World(rng, articles)
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    dump = {"allow_unicode": True, "sort_keys": False, "width": 1000}
    (out / "registry.yaml").write_text(yaml.safe_dump(world.registry(), **dump), encoding="utf-8")
    for n in range(articles):
        name, article = _article(world, rng, n, same_operation)
        (out / f"{name}.txt").write_text(article["text"], encoding="utf-8")
        (out / f"{name}.yaml").write_text(yaml.safe_dump(article["yaml"], **dump), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same corpus)")
    parser.add_argument("--same-operation", action="store_true", help="every article reports on one operation")
    args = parser.parse_args(argv)
    folder = generate(args.articles, args.out, args.seed, args.same_operation)
    print(f"wrote {args.articles} articles to {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
