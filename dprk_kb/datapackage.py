"""The whole knowledge base as one Frictionless Data Package (/data/dprk-kb.zip), and the
table schemas its data dictionary (/data/) is read from.

The tables and their columns are read from the models, never listed by hand: a table per
fixture file (``dprk_kb.fixtures``, the same fields), a link table per many-to-many field,
each column's type from its model field, its description from the field's ``help_text``,
a choice's codes as the column's ``enum`` (and, with their labels, its ``categories``).
An entry is keyed by its slug (a designation by its code, scheme and equipment; a citation
by its number) and refers to another by that key, declared as a foreign key.

The zip is built once per version of the data (``dprk_kb.version``), streamed table by
table through the exports' writer in one read-only snapshot, and kept under
``settings.DATA_PACKAGE_DIR``: every download of the same version is the same file.
"""

import datetime
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import models, router
from django.utils import timezone
from django.utils.text import capfirst

from common.exports import MULTI_VALUE_SEPARATOR, Column, Export, consistent_snapshot, csv_lines
from common.models import aliases_list
from dprk_kb.fixtures import fixture_files, knowledge_fields
from dprk_kb.version import TITLE, current_version
from sources.models import Source

FILENAME = "dprk-kb.zip"
DESCRIPTOR = "datapackage.json"
LICENSE = {
    "name": "ODC-By-1.0",
    "path": "https://opendatacommons.org/licenses/by/1-0/",
    "title": "Open Data Commons Attribution License 1.0",
}
LICENSE_NOTE = (
    "The knowledge base, as a compilation, may be used, shared and adapted freely, naming the "
    "DPRK Military History knowledge base as its source. The passages quoted from the sources "
    "remain their authors' and are quoted for citation."
)
DESCRIPTION = (
    "A sourced knowledge base of North Korean military history: events, actors, places, eras, "
    "equipment, designations, transfers, the sources cited and every citation, with the exact "
    "words of its source. Cells hold codes and slugs; the labels of the codes are in each "
    "column's categories. Empty cells are missing values."
)
# Left out of the package: the sources' archived texts are their authors' (only the quoted
# passages are given, in the citations).
LEFT_OUT = {Source: {"text"}}
# Text fields holding one item per line, given in the package joined by "; ".
LINE_LISTS = {"aliases"}

TYPES = {
    "CharField": "string",
    "TextField": "string",
    "SlugField": "string",
    "URLField": "string",
    "DateField": "date",
    "BooleanField": "boolean",
    "DecimalField": "number",
    "IntegerField": "integer",
    "SmallIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "AutoField": "integer",
    "BigAutoField": "integer",
}


@dataclass(frozen=True)
class TableField:
    """One column of a table: its name, the lookup its value is read by, its schema."""

    name: str
    lookup: str
    type: str
    description: str
    title: str = ""
    required: bool = False
    choices: tuple = ()  # (code, label), the empty code included when a field allows it
    format: str = ""
    joined: bool = False  # a text of lines, joined by "; "
    refers_to: str = ""  # the table whose key it holds

    @property
    def codes(self):
        """The codes a cell may hold (an empty cell is a missing value)."""
        return [code for code, _label in self.choices if code != ""]

    def column(self):
        if self.joined:
            return Column(
                self.name, self.lookup, compute=lambda row: MULTI_VALUE_SEPARATOR.join(aliases_list(row[self.lookup]))
            )
        return Column(self.name, self.lookup)

    def schema(self):
        schema = {"name": self.name, "type": self.type, "description": self.description}
        if self.title:
            schema["title"] = self.title
        if self.format:
            schema["format"] = self.format
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.codes:
            constraints["enum"] = self.codes
            schema["categories"] = [{"value": code, "label": str(label)} for code, label in self.choices if code]
        if self.type == "boolean":
            schema.update(trueValues=["true"], falseValues=["false"])
        if constraints:
            schema["constraints"] = constraints
        return schema


@dataclass(frozen=True)
class Table:
    """One CSV of the package: the rows of ``model`` in ``order``."""

    name: str
    title: str
    description: str
    model: type
    fields: list
    primary_key: list
    foreign_keys: list = field(default_factory=list)  # (columns, table, its key columns)
    order: tuple = ()

    @property
    def path(self):
        return f"{self.name}.csv"

    def schema(self):
        schema = {
            "fields": [f.schema() for f in self.fields],
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": columns, "reference": {"resource": table, "fields": key}}
                for columns, table, key in self.foreign_keys
            ]
        return schema

    def export(self, using):
        queryset = self.model._default_manager.using(using).order_by(*self.order)
        return Export(queryset, [f.column() for f in self.fields])


def table_name(model):
    return str(model._meta.verbose_name_plural).replace(" ", "_")


def key_of(model):
    """The fields that name an entry: its slug, or the fields of its first unique
    constraint (a designation: code, scheme, equipment), or its number."""
    names = {f.name for f in model._meta.fields}
    if "slug" in names:
        return ["slug"]
    unique = [c for c in model._meta.constraints if isinstance(c, models.UniqueConstraint) and c.fields]
    return list(unique[0].fields) if unique else ["id"]


def key_columns(model):
    """(column, lookup, model field) of the key of ``model``, foreign keys followed to
    their own key: a designation's equipment is its slug."""
    columns = []
    for name in key_of(model):
        model_field = model._meta.get_field(name)
        if model_field.is_relation:
            for _column, lookup, target in key_columns(model_field.related_model):
                columns.append((name, f"{name}__{lookup}", target))
        else:
            columns.append((name, name, model_field))
    return columns


def _described(model_field, name, lookup, description=None, required=None, kind=None, refers_to=""):
    internal = (kind or model_field).get_internal_type()
    joined = model_field.name in LINE_LISTS
    description = description or str(model_field.help_text)
    if joined:
        description += " Here they are separated by “; ”."
    return TableField(
        name=name,
        lookup=lookup,
        type=TYPES.get(internal, "string"),
        description=description,
        title=capfirst(str(model_field.verbose_name)),
        required=(not model_field.blank and not model_field.null) if required is None else required,
        choices=tuple(dict(model_field.flatchoices).items()),  # grouped choices flattened, once each
        format="uri" if internal == "URLField" else "",
        joined=joined,
        refers_to=refers_to,
    )


def _referring(help_text, target, column):
    """A reference's description: its help text, and which key of which entry it holds."""
    return f"{str(help_text).rstrip('.')} (the {target._meta.verbose_name}'s {column})."


NUMBER_DESCRIPTION = "The citation's number: its key here, in the citations export and on the site."


def entry_table(model):
    """The table of one model: its key first, then every field its fixture holds."""
    key = key_of(model)
    fields, foreign_keys, primary_key = [], [], []
    if key == ["id"]:
        fields.append(_described(model._meta.pk, "id", "pk", NUMBER_DESCRIPTION, required=True))
        primary_key.append("id")
    names = [n for n in knowledge_fields(model) if n not in LEFT_OUT.get(model, set())]
    for name in sorted(names, key=lambda n: (n not in key, names.index(n))):
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            continue
        if not model_field.is_relation:
            fields.append(_described(model_field, name, name, required=True if name in key else None))
            primary_key.extend([name] if name in key else [])
            continue
        # A reference: the key of the entry referred to, in one column or several
        # (a citation's designation is its code, scheme and equipment).
        target = model_field.related_model
        targets = key_columns(target)
        own = []
        for column, lookup, target_field in targets:
            own_name = name if len(targets) == 1 else f"{name}_{column}"
            description = _referring(model_field.help_text, target, column)
            fields.append(
                _described(
                    model_field,
                    own_name,
                    f"{name}__{lookup}",
                    description,
                    required=name in key or not model_field.null,
                    kind=target_field,
                    refers_to=table_name(target),
                )
            )
            own.append(own_name)
        foreign_keys.append((own, table_name(target), [column for column, _lookup, _field in targets]))
        primary_key.extend(own if name in key else [])
    return Table(
        name=table_name(model),
        title=capfirst(str(model._meta.verbose_name_plural)),
        description=" ".join((model.__doc__ or "").split("\n\n")[0].split()),
        model=model,
        fields=fields,
        primary_key=primary_key,
        foreign_keys=foreign_keys,
        order=(*model.fixture_order, "pk"),
    )


def link_table(model, m2m):
    """The table of a many-to-many field: one row per link, keyed by both ends."""
    through = m2m.remote_field.through
    first, second = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    own = model._meta.model_name
    other = m2m.related_model._meta.model_name
    names = (own, other if other != own else m2m.name)
    key_first, key_second = key_of(model)[0], key_of(m2m.related_model)[0]
    fields = [
        TableField(
            names[0],
            f"{first}__{key_first}",
            "string",
            f"The {own} (its {key_first}).",
            title=capfirst(own),
            required=True,
            refers_to=table_name(model),
        ),
        TableField(
            names[1],
            f"{second}__{key_second}",
            "string",
            _referring(m2m.help_text, m2m.related_model, key_second),
            title=capfirst(str(m2m.verbose_name)),
            required=True,
            refers_to=table_name(m2m.related_model),
        ),
    ]
    return Table(
        name=f"{own}_{m2m.name}",
        title=f"{capfirst(own)} {m2m.verbose_name}",
        description=f"{m2m.help_text} One row per link.",
        model=through,
        fields=fields,
        primary_key=list(names),
        foreign_keys=[
            ([names[0]], table_name(model), [key_first]),
            ([names[1]], table_name(m2m.related_model), [key_second]),
        ],
        order=(f"{first}__{key_first}", f"{second}__{key_second}"),
    )


def tables():
    """Every table of the package, in the fixture files' order, each followed by its links."""
    found = []
    for model in fixture_files().values():
        found.append(entry_table(model))
        found.extend(link_table(model, m2m) for m2m in model._meta.local_many_to_many)
    return found


def descriptor(version, created, resources, sources):
    """The package's datapackage.json (``resources``: each table's written bytes, hash and rows)."""
    return {
        "profile": "tabular-data-package",
        "name": "dprk-kb",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version.number,
        "created": _utc(created),
        "licenses": [LICENSE],
        "rights": LICENSE_NOTE,
        # When the data last changed (the version's date), beside when the package was built.
        "dataChanged": _utc(version.changed) if version.changed else None,
        "sources": sources,
        "keywords": ["North Korea", "DPRK", "military history", "Korean War", "arms transfers"],
        "resources": [
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "title": table.title,
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **resources[table.name],
                "schema": table.schema(),
            }
            for table in tables()
        ],
    }


def _utc(moment):
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def package_sources(using):
    """The documents the knowledge base was built from, as the package's ``sources``."""
    found = []
    for title, url in Source.objects.using(using).order_by("title", "slug").values_list("title", "url"):
        found.append({"title": title, "path": url} if url else {"title": title})
    return found


class Counted:
    """An export that counts the rows it gives."""

    def __init__(self, export):
        self.header = export.header
        self.export = export
        self.count = 0

    def rows(self):
        for row in self.export.rows():
            self.count += 1
            yield row


def write_package(target):
    """Write the whole knowledge base as a zip to the binary file ``target``, in one
    read-only snapshot; returns the version it holds and its descriptor."""
    alias = router.db_for_read(Source)
    with consistent_snapshot(alias):
        version = current_version(alias)
        created = timezone.now()
        written = {}
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in tables():
                digest, size = hashlib.sha256(), 0
                export = Counted(table.export(alias))
                with archive.open(table.path, "w") as member:
                    for chunk in csv_lines(export):
                        data = chunk.encode("utf-8")
                        digest.update(data)
                        size += len(data)
                        member.write(data)
                written[table.name] = {"bytes": size, "hash": f"sha256:{digest.hexdigest()}", "rows": export.count}
            package = descriptor(version, created, written, package_sources(alias))
            archive.writestr(DESCRIPTOR, json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    return version, package


@dataclass(frozen=True)
class Built:
    """A package file built for one version, and its descriptor."""

    path: Path
    package: dict

    @property
    def size(self):
        return self.path.stat().st_size


def package_path(version):
    return Path(settings.DATA_PACKAGE_DIR) / f"dprk-kb-{version.key}.zip"


def cached_package(version=None):
    """The package of the current version: the file kept for it, or built now, once (the
    files of older versions are then removed)."""
    path = package_path(version or current_version())
    if not path.exists():
        directory = path.parent
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".building-", suffix=".zip", delete=False) as file:
            try:
                built, _package = write_package(file)
            except BaseException:
                os.unlink(file.name)
                raise
        # Built in one snapshot, it may hold a newer version than the one asked for.
        path = package_path(built)
        os.replace(file.name, path)
        for old in directory.glob("dprk-kb-*.zip"):
            if old != path:
                old.unlink(missing_ok=True)
    return Built(path, read_descriptor(path))


def read_descriptor(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(DESCRIPTOR))


def dictionary_markdown():
    """The data dictionary as Markdown (docs/data-dictionary.md): every table, every column
    and every code, from the same tables as the package and the data page."""
    lines = [
        "# The data dictionary",
        "",
        "<!-- Written by `manage.py data_package --dictionary docs/data-dictionary.md`; "
        "the test suite checks it is current. -->",
        "",
        f"The tables of the data package (`/data/{FILENAME}`, a Frictionless Data Package) and of "
        "the data page (`/data/`), read from the models. Every file is UTF-8 CSV with one header "
        "row; an empty cell is a missing value; `true` and `false` are yes and no; dates are "
        "year-month-day, beside the column giving their precision. A column that refers to "
        "another table holds that row's key.",
        "",
        f"Licence: {LICENSE['title']} ({LICENSE['name']}, {LICENSE['path']}). {LICENSE_NOTE}",
    ]
    for table in tables():
        key = ", ".join(f"`{name}`" for name in table.primary_key)
        lines += ["", f"## {table.path}", "", f"{table.description} Keyed by {key}.", ""]
        lines += ["| column | type | meaning |", "| --- | --- | --- |"]
        for column in table.fields:
            kind = column.type + (", required" if column.required else "")
            meaning = column.description
            if column.refers_to:
                meaning += f" Refers to `{column.refers_to}.csv`."
            if column.choices:
                codes = "; ".join(f"`{code}` {label}" if code else f"empty: {label}" for code, label in column.choices)
                meaning += f" Codes: {codes}."
            lines.append(f"| `{column.name}` | {kind} | {meaning.replace('|', '/')} |")
    return "\n".join(lines) + "\n"
