from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from common.history import record_base_history
from dprk_kb.fixtures import FIXTURES_DIR, fixture_files
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Load the curated fixtures (the same as `loaddata fixtures/*.json`), and give every loaded "
        "entry its first historical record, so that its first edit can be compared and reverted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database that holds no sources yet, so local edits survive `make run`.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, if_empty, database, **options):
        if if_empty and Source.objects.using(database).exists():
            self.stdout.write("The database already holds the knowledge base; fixtures not reloaded.")
            return
        paths = [str(FIXTURES_DIR / name) for name in fixture_files()]
        with transaction.atomic(using=database):
            call_command("loaddata", *paths, database=database, verbosity=options["verbosity"])
            written = record_base_history(using=database)
        if options["verbosity"]:
            self.stdout.write(f"Recorded the first version of {written} entries in their history.")
