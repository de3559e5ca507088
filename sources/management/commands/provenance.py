from django.core.management.base import BaseCommand, CommandError

from sources.attributes import Attribute
from sources.kinds import kinds
from sources.provenance import CONTRADICTED, STATUSES, UNEXPLAINED, report


class Command(BaseCommand):
    help = (
        "Report, per kind of entry and field, how many stored values a citation vouches for, "
        "how many are an editor's reading, and how many are contradicted by their citations "
        "or explained by none (target: 0 and 0)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List every contradicted or unexplained value.")
        parser.add_argument(
            "--strict", action="store_true", help="Exit with an error if any value is contradicted or unexplained."
        )

    def handle(self, *args, list, strict, **options):
        counts, problems = report(kinds())
        columns = (*STATUSES, "passage")
        header = f"{'kind':<12} {'field':<22} " + " ".join(f"{status:>12}" for status in columns)
        self.stdout.write(header)
        totals = dict.fromkeys(columns, 0)
        for (kind, attribute), counted in counts.items():
            row = " ".join(f"{counted[status]:>12}" for status in columns)
            self.stdout.write(f"{kind:<12} {Attribute(attribute).label:<22} {row}")
            for status in columns:
                totals[status] += counted[status]
        self.stdout.write(f"{'all':<12} {'':<22} " + " ".join(f"{totals[s]:>12}" for s in columns))
        self.stdout.write('("passage": vouched by the paragraph a quote comes from, not by the quote itself)')
        if list:
            for finding in problems:
                cited = "; ".join(f"{c.value!r}" for c in finding.citations)
                self.stdout.write(
                    f"{finding.status}: {finding.kind} {getattr(finding.entry, 'slug', None) or finding.entry.pk} "
                    f"{finding.attribute} = {finding.value!r}" + (f" (cited: {cited})" if cited else "")
                )
        if strict and (totals[CONTRADICTED] or totals[UNEXPLAINED]):
            raise CommandError(
                f"{totals[CONTRADICTED]} contradicted and {totals[UNEXPLAINED]} unexplained values "
                "(manage.py provenance --list names them)."
            )
