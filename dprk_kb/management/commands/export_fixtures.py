from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dprk_kb.fixtures import FIXTURES_DIR, fixture_files, serialize_fixture, write_fixtures


class Command(BaseCommand):
    help = (
        "Write the database back into the curated fixture files (natural keys, stable order), "
        "so that what editors added can be reviewed as a diff and committed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(FIXTURES_DIR), help="Directory to write (default: fixtures/).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with an error if the files in --output differ from the database.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, check, database, **options):
        if check:
            stale = [
                name
                for name in fixture_files()
                if not (Path(output) / name).exists()
                or (Path(output) / name).read_text(encoding="utf-8") != serialize_fixture(name, database)
            ]
            if stale:
                raise CommandError(f"Fixture files differ from the database: {', '.join(stale)}")
            self.stdout.write(self.style.SUCCESS(f"All {len(fixture_files())} fixture files match the database."))
            return
        for path in write_fixtures(output, database):
            self.stdout.write(f"wrote {path}")
