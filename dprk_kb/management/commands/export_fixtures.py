from django.core.management.base import BaseCommand, CommandError

from dprk_kb.fixture_media import MediaError
from dprk_kb.fixtures import FIXTURES_DIR, image_fixture_file, stale_fixtures, write_fixtures


class Command(BaseCommand):
    help = (
        "Write the database back into the curated fixture files (natural keys, stable order), "
        "so that what editors added can be reviewed as a diff and committed. Uploaded images "
        f"go into {image_fixture_file()} (written only when there are images) and their files "
        "into media/ beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(FIXTURES_DIR), help="Directory to write (default: fixtures/).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with an error if the files in --output (with the images' files in "
            "its media/) differ from the database.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, check, database, **options):
        try:
            if check:
                stale, fixtures, media = stale_fixtures(output, database)
                if stale:
                    raise CommandError(f"Fixture files differ from the database: {', '.join(stale)}")
                files = f"{fixtures} fixture files" + (f" and {media} image files" if media else "")
                self.stdout.write(self.style.SUCCESS(f"All {files} match the database."))
                return
            written = write_fixtures(output, database)
        except MediaError as error:
            raise CommandError(str(error)) from error
        for path in written:
            self.stdout.write(f"wrote {path}")
