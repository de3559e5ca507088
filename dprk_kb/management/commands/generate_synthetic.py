"""Fill the database with realistic synthetic data, for measuring at scale.

Events with actors, equipment, places and citations to synthetic sources, transfers,
designations and disputes, in the proportions of the curated knowledge base. The same
``--seed`` gives the same data. Every synthetic slug starts with ``syn-``, so the
curated entries are untouched and ``--clear`` removes only what this command made.
"""

import datetime
import random
import sys
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from common.dates import DatePrecision, period_start
from equipment.models import Category, Designation, Equipment, Scheme, Status, Transfer
from events.models import Actor, ActorKind, Event, EventKind, Place
from sources.models import Citation, Source, SourceKind

PREFIX = "syn-"
BATCH = 5000
WORDS = (
    "armoured",
    "brigade",
    "regiment",
    "artillery",
    "tank",
    "howitzer",
    "rocket",
    "launcher",
    "parade",
    "border",
    "skirmish",
    "offensive",
    "delivery",
    "shells",
    "factory",
    "production",
    "licence",
    "northern",
    "southern",
    "coastal",
    "mountain",
    "river",
    "railway",
    "battalion",
    "division",
    "corps",
    "reserve",
    "training",
    "exercise",
    "inspection",
    "treaty",
    "agreement",
    "incident",
    "raid",
    "volunteers",
    "commandos",
    "convoy",
    "airfield",
    "harbour",
    "depot",
    "plant",
    "tunnel",
    "crossing",
    "bridge",
    "village",
)
SYLLABLES = (
    "kim",
    "pak",
    "choe",
    "song",
    "hyon",
    "chon",
    "ma",
    "ho",
    "kok",
    "san",
    "tok",
    "chon",
    "sin",
    "hung",
    "ku",
    "ong",
    "pyong",
    "yang",
    "won",
    "san",
)


class Command(BaseCommand):
    help = "Fill the configured database with deterministic synthetic events and everything they refer to."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=100_000, help="How many events to make.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed makes the same data.")
        parser.add_argument("--clear", action="store_true", help="Remove earlier synthetic data first.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be made, make nothing.")

    def handle(self, *args, events, seed, clear, dry_run, **options):
        plan = self.plan(events)
        self.stdout.write("Will make: " + ", ".join(f"{count:,} {name}" for name, count in plan.items()))
        if dry_run:
            return
        started = time.perf_counter()
        if clear:
            self.clear()
        with transaction.atomic():
            self.make(plan, random.Random(seed))
        # Fresh statistics (and, on PostgreSQL, the visibility map for index-only scans),
        # so that the planner knows the new sizes at once rather than after autovacuum.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f}s."))

    @staticmethod
    def plan(events):
        return {
            "events": events,
            "sources": max(5, events // 500),
            "actors": max(10, events // 50),
            "places": max(5, events // 200),
            "equipment": max(10, events // 100),
            "transfers": max(5, events // 20),
        }

    def clear(self):
        for model, field in [
            (Citation, "source__slug"),
            (Transfer, "slug"),
            (Event, "slug"),
            (Designation, "equipment__slug"),
            (Equipment, "slug"),
            (Place, "slug"),
            (Actor, "slug"),
            (Source, "slug"),
        ]:
            model.objects.filter(**{f"{field}__startswith": PREFIX}).delete()

    # -- making ------------------------------------------------------------------------

    def progress(self, label, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(f"\r{label:<12} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,}", ending="")
        if done >= total:
            self.stdout.write("")
        sys.stdout.flush()

    def bulk(self, label, model, objects, total):
        """Insert ``objects`` (an iterable) in batches, with a progress bar; return them."""
        made, batch = [], []
        for obj in objects:
            batch.append(obj)
            if len(batch) == BATCH:
                made += model.objects.bulk_create(batch)
                batch = []
                self.progress(label, len(made), total)
        if batch:
            made += model.objects.bulk_create(batch)
        self.progress(label, len(made), total)
        return made

    def name(self, rng, words=2):
        return " ".join(rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES) for _ in range(words))

    def text(self, rng, words):
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def make(self, plan, rng):
        sources = self.bulk(
            "sources",
            Source,
            (
                Source(
                    slug=f"{PREFIX}source-{i}",
                    title=f"Synthetic report {i}: {self.text(rng, 4)}",
                    kind=rng.choice(SourceKind.values),
                    publisher=self.name(rng, 1),
                    text="",
                )
                for i in range(plan["sources"])
            ),
            plan["sources"],
        )
        states = list(Actor.objects.filter(kind=ActorKind.STATE)) or []
        actors = self.bulk(
            "actors",
            Actor,
            (
                Actor(
                    slug=f"{PREFIX}actor-{i}",
                    name=self.name(rng, 2),
                    aliases=self.name(rng, 1),
                    kind=rng.choice(ActorKind.values),
                    country=rng.choice(states) if states and rng.random() < 0.7 else None,
                    summary=self.text(rng, 12),
                )
                for i in range(plan["actors"])
            ),
            plan["actors"],
        )
        places = self.bulk(
            "places",
            Place,
            (Place(slug=f"{PREFIX}place-{i}", name=self.name(rng, 1)) for i in range(plan["places"])),
            plan["places"],
        )
        equipment = self.bulk(
            "equipment",
            Equipment,
            (
                Equipment(
                    slug=f"{PREFIX}equipment-{i}",
                    name=f"{self.name(rng, 1)}-{rng.randint(1, 99)}",
                    category=rng.choice(Category.values),
                    origin=rng.choice(states) if states else None,
                    caliber_mm=rng.choice([None, 14.5, 122, 130, 152, 170]),
                    first_observed=rng.randint(1940, 2024),
                    summary=self.text(rng, 15),
                )
                for i in range(plan["equipment"])
            ),
            plan["equipment"],
        )
        self.bulk(
            "designations",
            Designation,
            (
                Designation(code=f"M{rng.randint(1970, 2024)}", scheme=rng.choice(Scheme.values), equipment=item)
                for item in equipment
            ),
            len(equipment),
        )
        events = self.bulk("events", Event, (self.event(rng, i, places) for i in range(plan["events"])), plan["events"])
        self.links(rng, events, actors, equipment)
        self.citations(rng, events, sources)
        transfers = self.bulk(
            "transfers",
            Transfer,
            (self.transfer(rng, i, actors, equipment) for i in range(plan["transfers"])),
            plan["transfers"],
        )
        self.bulk(
            "citations+",
            Citation,
            (
                Citation(transfer=t, source=rng.choice(sources), quote=self.text(rng, 10), locator="synthetic")
                for t in transfers
            ),
            len(transfers),
        )

    def event(self, rng, i, places):
        precision = rng.choices(DatePrecision.values, weights=[60, 20, 15, 5])[0]
        start = period_start(datetime.date(1910, 1, 1) + datetime.timedelta(days=rng.randint(0, 41000)), precision)
        end = None
        if rng.random() < 0.2:
            end = period_start(start + datetime.timedelta(days=rng.randint(1, 900)), precision)
            end = end if end >= start else None
        return Event(
            slug=f"{PREFIX}event-{i}",
            title=f"{self.text(rng, 3)[:-1]} at {self.name(rng, 1)}",
            date_start=start,
            date_end=end,
            date_precision=precision,
            circa=rng.random() < 0.1,
            kind=rng.choice(EventKind.values),
            place=rng.choice(places) if rng.random() < 0.6 else None,
            summary=self.text(rng, 25),
        )

    def links(self, rng, events, actors, equipment):
        actor_links = (
            Event.actors.through(event_id=event.pk, actor_id=actor.pk)
            for event in events
            for actor in rng.sample(actors, rng.randint(1, 3))
        )
        self.bulk("event-actors", Event.actors.through, actor_links, len(events) * 2)
        equipment_links = (
            Event.equipment.through(event_id=event.pk, equipment_id=item.pk)
            for event in events
            if rng.random() < 0.6
            for item in rng.sample(equipment, rng.randint(1, 2))
        )
        self.bulk("event-equip", Event.equipment.through, equipment_links, int(len(events) * 0.9))

    def citations(self, rng, events, sources):
        def make():
            for event in events:
                for _ in range(rng.randint(1, 2)):
                    yield Citation(event=event, source=rng.choice(sources), quote=self.text(rng, 10), locator="¶1")
                if rng.random() < 0.02:  # a dispute: two sources, two figures
                    for value in (f"{rng.randint(1, 99) * 100:,}", f"{rng.randint(100, 199) * 100:,}"):
                        yield Citation(
                            event=event,
                            source=rng.choice(sources),
                            quote=self.text(rng, 8),
                            attribute="troops",
                            value=value,
                        )

        self.bulk("citations", Citation, make(), int(len(events) * 1.54))

    def transfer(self, rng, i, actors, equipment):
        supplier, recipient = rng.sample(actors, 2)
        low = rng.randint(1, 500)
        order_year = rng.randint(1945, 2024)
        return Transfer(
            slug=f"{PREFIX}transfer-{i}",
            supplier=supplier,
            recipient=recipient,
            equipment=rng.choice(equipment),
            quantity_low=low,
            quantity_high=low + rng.choice([0, 0, 20, 100]),
            order_year=order_year,
            delivery_start=order_year + rng.randint(0, 2),
            status=rng.choice(Status.values),
            comments=self.text(rng, 8),
        )
