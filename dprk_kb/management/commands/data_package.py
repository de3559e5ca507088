import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dprk_kb.datapackage import dictionary_markdown, write_package


class Command(BaseCommand):
    help = (
        "Write the whole knowledge base as a Frictionless Data Package (the zip /data/ serves), "
        "or write (or check) the data dictionary in Markdown, docs/data-dictionary.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Write the package's zip to this file.")
        parser.add_argument("--dictionary", help="Write the data dictionary (Markdown) to this file.")
        parser.add_argument(
            "--check", action="store_true", help="With --dictionary: only say whether the file is current."
        )

    def handle(self, *args, output, dictionary, check, **options):
        if not output and not dictionary:
            raise CommandError("Give --output, --dictionary, or both.")
        if dictionary:
            path, text = Path(dictionary), dictionary_markdown()
            if check:
                if not path.is_file() or path.read_text(encoding="utf-8") != text:
                    raise CommandError(f"{path} is not current: run `manage.py data_package --dictionary {path}`.")
                self.stdout.write(f"{path} is current.")
            else:
                path.write_text(text, encoding="utf-8")
                self.stdout.write(f"Wrote {path}.")
        if output:
            started = time.perf_counter()
            with Path(output).open("wb") as file:
                version, package = write_package(file)
            rows = sum(resource["rows"] for resource in package["resources"])
            self.stdout.write(
                f"Wrote {output}: version {version}, {len(package['resources'])} tables, {rows} rows, "
                f"{Path(output).stat().st_size:,} bytes, in {time.perf_counter() - started:.2f} s."
            )
