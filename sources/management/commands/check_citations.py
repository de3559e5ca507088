from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from sources.models import TARGET_FIELDS, Citation
from sources.quotes import in_text

# Every kind of entry that must carry at least one citation.
CITED_MODELS = [
    "events.Event",
    "events.Actor",
    "events.Place",
    "equipment.Equipment",
    "equipment.Designation",
    "equipment.Transfer",
]


class Command(BaseCommand):
    help = (
        "Check the knowledge base against its sources: every quote must be in its source's "
        "archived text (up to whitespace), and every entry must cite at least one source."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lenient",
            action="store_true",
            help="Also forgive differences in the style of quote marks, as the admin does.",
        )

    def handle(self, *args, lenient, **options):
        problems = []
        for citation in Citation.objects.select_related("source").order_by("pk"):
            if not citation.source.text:
                continue
            if not in_text(citation.quote, citation.source.text, strict=not lenient):
                problems.append(
                    f"citation {citation.pk} ({citation.target_field}): quote not in {citation.source.slug}: "
                    f"{citation.quote[:100]!r}"
                )
        for label in CITED_MODELS:
            model = apps.get_model(label)
            uncited = model.objects.filter(citations__isnull=True).order_by("pk")
            for entry in uncited:
                problems.append(f"{label} {entry.pk} ({entry}) has no citation")
        for problem in problems:
            self.stdout.write(problem)
        counts = {name: Citation.objects.filter(**{f"{name}__isnull": False}).count() for name in TARGET_FIELDS}
        self.stdout.write(f"citations per kind of entry: {counts}")
        if problems:
            raise CommandError(f"{len(problems)} problem(s)")
        self.stdout.write(self.style.SUCCESS("Every quote is in its source and every entry is cited."))
