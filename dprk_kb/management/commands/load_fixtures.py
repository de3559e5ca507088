from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common.history import history_paused, record_base_history
from dprk_kb import fixture_media
from dprk_kb.fixtures import FIXTURES_DIR, fixture_files, image_fixture_file
from sources.models import Source


class Command(BaseCommand):
    help = (
        "Load the curated fixtures (the same as `loaddata fixtures/*.json`), or a backup, and give "
        "every loaded entry its first historical record, so that its first edit can be compared and "
        "reverted. The images' files in the directory's media/ are restored into media storage."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(FIXTURES_DIR),
            help="The fixture files to load: fixtures/ (the default) or a backup written by `make backup`.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database that holds no sources yet, so local edits survive `make run`.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, directory, if_empty, database, **options):
        if if_empty and Source.objects.using(database).exists():
            self.stdout.write("The database already holds the knowledge base; fixtures not reloaded.")
            return
        directory = Path(directory)
        paths = [directory / name for name in fixture_files()]
        missing = [path.name for path in paths if not path.is_file()]
        if missing:
            raise CommandError(f"{directory} lacks fixture files: {', '.join(missing)}")
        media_names = []
        images = directory / image_fixture_file()
        if images.is_file():
            paths.append(images)
            media_names = fixture_media.names_in_file(images)
            missing = fixture_media.missing_copies(directory, media_names)
            if missing:
                raise CommandError(
                    f"{images.name} names files that {directory / fixture_media.MEDIA_DIR} lacks: {', '.join(missing)}"
                )
        # The files go into media storage first, inside the transaction: an image row without
        # its dimensions reads them from its file as it is loaded, and if a file cannot be
        # written no row is loaded (the files written before it stay, named by no row).
        with transaction.atomic(using=database):
            try:
                restored = fixture_media.restore(directory, media_names)
            except fixture_media.MediaError as error:
                raise CommandError(str(error)) from error
            with history_paused():
                call_command("loaddata", *map(str, paths), database=database, verbosity=options["verbosity"])
            written = record_base_history(using=database)
        if options["verbosity"]:
            self.stdout.write(f"Recorded the first version of {written} entries in their history.")
            if media_names:
                self.stdout.write(f"Restored {restored} image files into media storage ({len(media_names)} named).")
