"""The data package (/data/dprk-kb.zip): what a researcher downloads is a valid Frictionless
Data Package holding the whole knowledge base, typed and described from the models, built
once per version of the data, and the data page lists every column and every code."""

import csv
import datetime
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from frictionless import Package, validate

from dprk_kb.datapackage import (
    DESCRIPTOR,
    LEFT_OUT,
    TYPES,
    dictionary_markdown,
    entry_table,
    tables,
    write_package,
)
from dprk_kb.fixtures import fixture_files, knowledge_fields
from dprk_kb.version import RELEASE, current_version
from events.models import Event
from tests.conftest import body, make_equipment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_dir(settings, tmp_path):
    """A directory of its own for each test: what one builds, the next does not find."""
    settings.DATA_PACKAGE_DIR = tmp_path / "data"
    return settings.DATA_PACKAGE_DIR


def built(tmp_path):
    """The package written to a file, and its descriptor."""
    path = tmp_path / "dprk-kb.zip"
    with path.open("wb") as file:
        _version, package = write_package(file)
    return path, package


def csv_rows(path, table):
    with zipfile.ZipFile(path) as archive:
        return list(csv.DictReader(io.TextIOWrapper(archive.open(f"{table}.csv"), encoding="utf-8", newline="")))


def download(client):
    response = client.get("/data/dprk-kb.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return response, zipfile.ZipFile(io.BytesIO(body(response)))


def test_the_package_holds_every_table_with_title_version_licence_and_sources(tmp_path):
    path, package = built(tmp_path)
    names = [table.name for table in tables()]
    expected = {"events", "actors", "places", "eras", "equipment", "designations", "transfers", "sources", "citations"}
    assert expected <= set(names)
    assert {"event_actors", "event_equipment", "source_cites"} <= set(names)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted([DESCRIPTOR, *(f"{name}.csv" for name in names)])
        assert json.loads(archive.read(DESCRIPTOR)) == package
    assert package["title"] == "DPRK Military History knowledge base"
    assert package["version"] == current_version().number
    assert package["version"].startswith(f"{RELEASE}.")
    assert package["licenses"] == [
        {
            "name": "ODC-By-1.0",
            "path": "https://opendatacommons.org/licenses/by/1-0/",
            "title": "Open Data Commons Attribution License 1.0",
        }
    ]
    assert "remain their authors'" in package["rights"]
    created = datetime.datetime.fromisoformat(package["created"])
    assert abs(created - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=5)
    titles = [source["title"] for source in package["sources"]]
    assert "Procurement: North Korea Delivers" in titles
    for resource in package["resources"]:
        assert resource["schema"]["fields"], resource["name"]
        assert resource["schema"]["primaryKey"], resource["name"]


def test_frictionless_validates_the_package_with_no_error(tmp_path):
    path, package = built(tmp_path)
    report = validate(str(path))
    errors = [error.message for task in report.tasks for error in task.errors][:10]
    assert report.valid, errors
    assert len(report.tasks) == len(package["resources"])
    # The checks ran: each table was read whole and its foreign keys looked up.
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["citations"] == package["resources"][-1]["rows"] > 1000


def test_a_broken_reference_is_what_frictionless_would_catch(tmp_path):
    """The foreign keys are declared, so validation is a real check of the references."""
    path, _package = built(tmp_path)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == DESCRIPTOR:
                descriptor = json.loads(data)
                for resource in descriptor["resources"]:
                    resource.pop("hash"), resource.pop("bytes")
                data = json.dumps(descriptor).encode()
            if name == "event_actors.csv":
                data = data.replace(b"\r\nkorean-war-outbreak,", b"\r\nno-such-event,", 1)
            target.writestr(name, data)
    report = validate(str(broken))
    assert not report.valid
    assert {error.type for task in report.tasks for error in task.errors} == {"foreign-key"}


def test_rows_per_table_are_the_database_counts(tmp_path):
    path, package = built(tmp_path)
    for table, resource in zip(tables(), package["resources"], strict=True):
        count = table.model._default_manager.count()
        assert resource["rows"] == count == len(csv_rows(path, table.name)), table.name
    assert {r["name"]: r["rows"] for r in package["resources"]}["events"] == Event.objects.count()


def test_every_field_of_every_model_is_a_described_and_typed_column():
    found = {table.name: table for table in tables()}
    for model in fixture_files().values():
        table = entry_table(model)
        columns = {field.name: field for field in table.fields}
        for name in knowledge_fields(model):
            model_field = model._meta.get_field(name)
            if name in LEFT_OUT.get(model, set()):
                assert name not in columns
                continue
            if model_field.many_to_many:
                link = found[f"{model._meta.model_name}_{name}"]
                assert [f.required for f in link.fields] == [True, True]
                continue
            own = [column for column in columns.values() if column.lookup.split("__")[0] == name]
            assert own, f"{model.__name__}.{name} is not in {table.name}"
            for column in own:
                if not model_field.is_relation:
                    assert column.type == TYPES[model_field.get_internal_type()], (table.name, column.name)
                    assert column.description == str(model_field.help_text) or name in ("aliases",)
                if model_field.choices:
                    assert column.codes == list(dict.fromkeys(code for code, _label in model_field.flatchoices if code))
    for table in found.values():
        for column in table.fields:
            assert column.description.strip(), (table.name, column.name)
            assert column.type in {"string", "integer", "number", "date", "boolean"}


def test_integers_are_integers_and_blanks_are_missing_values(tmp_path):
    make_equipment(slug="test-crewless", crew=None, first_observed=None)
    path, package = built(tmp_path)
    integer_columns = {
        resource["name"]: [f["name"] for f in resource["schema"]["fields"] if f["type"] == "integer"]
        for resource in package["resources"]
    }
    assert {"crew", "first_observed"} <= set(integer_columns["equipment"])
    assert {"quantity_low", "quantity_high", "order_year", "delivery_start"} <= set(integer_columns["transfers"])
    for table, columns in integer_columns.items():
        for row in csv_rows(path, table):
            for column in columns:
                assert re.fullmatch(r"\d*", row[column]), (table, column, row[column])
    # Read with the schema's types, as frictionless (or R's frictionless) does.
    resource = Package(str(path)).get_resource("equipment")
    years = [row["first_observed"] for row in resource.read_rows()]
    assert None in years
    assert {type(year) for year in years if year is not None} == {int}


def test_codes_are_enums_with_their_labels_and_dates_are_dates(tmp_path):
    _path, package = built(tmp_path)
    equipment = next(r for r in package["resources"] if r["name"] == "equipment")
    category = next(f for f in equipment["schema"]["fields"] if f["name"] == "category")
    assert "self_propelled_mortar" in category["constraints"]["enum"]
    assert {"value": "self_propelled_mortar", "label": "self-propelled mortar"} in category["categories"]
    events = next(r for r in package["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert fields["date_start"]["type"] == "date"
    assert fields["date_precision"]["constraints"]["enum"] == ["day", "month", "year", "decade"]
    assert events["schema"]["foreignKeys"] == [
        {"fields": ["place"], "reference": {"resource": "places", "fields": ["slug"]}}
    ]
    citations = next(r for r in package["resources"] if r["name"] == "citations")
    designation_key = {
        "fields": ["designation_code", "designation_scheme", "designation_equipment"],
        "reference": {"resource": "designations", "fields": ["code", "scheme", "equipment"]},
    }
    assert designation_key in citations["schema"]["foreignKeys"]


def test_the_archived_texts_are_left_out():
    sources = next(table for table in tables() if table.name == "sources")
    assert "text" not in [field.name for field in sources.fields]


def test_a_download_is_built_once_per_version_and_an_edit_shows_in_the_next(client, package_dir):
    response, archive = download(client)
    first = response["ETag"]
    assert response["Content-Disposition"].startswith('attachment; filename="dprk-kb-')
    assert [path.name for path in package_dir.glob("*.zip")] == [first.strip('"') + ".zip"]
    again, _archive = download(client)
    assert again["ETag"] == first
    event = Event.objects.get(slug="korean-war-outbreak")
    event.title = "The Korean War begins (edited)"
    event.save()
    edited, archive = download(client)
    assert edited["ETag"] != first
    assert "The Korean War begins (edited)" in archive.read("events.csv").decode()
    assert json.loads(archive.read(DESCRIPTOR))["version"] == current_version().number
    # The older version's file is gone: one file per server, the current one.
    assert [path.name for path in package_dir.glob("*.zip")] == [edited["ETag"].strip('"') + ".zip"]


def test_a_cached_download_and_the_data_page_cost_one_query(client, django_assert_num_queries):
    download(client)
    with django_assert_num_queries(1):
        download(client)
    with django_assert_num_queries(1):
        assert client.get("/data/").status_code == 200


def test_the_first_download_of_a_version_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The version, then in one snapshot the version again, one query per table and the sources.
    with django_assert_num_queries(2 + len(tables()) + 1):
        download(client)


def test_the_data_page_lists_every_table_column_and_code(client):
    response = client.get("/data/")
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert 'href="/data/dprk-kb.zip"' in text
    assert current_version().number in text
    assert "Open Data Commons Attribution License 1.0" in text
    for table in tables():
        assert f'id="table-{table.name}"' in text
        for field in table.fields:
            assert f"<code>{field.name}</code>" in text, (table.name, field.name)
            for code, label in field.choices:
                assert f"<code>{code or '(empty)'}</code></dt><dd>{label}</dd>" in text, (field.name, code)
    assert f'<td class="num">{Event.objects.count()}</td>' in text


def test_every_page_links_the_data_page(client):
    response = client.get("/equipment/")
    assert response.content.count(b'href="/data/"') == 2  # the footer, and beside the exports


def test_the_data_dictionary_in_the_repository_is_current():
    """docs/data-dictionary.md, which README points to, is written from the same tables."""
    path = Path(settings.BASE_DIR) / "docs" / "data-dictionary.md"
    assert path.read_text(encoding="utf-8") == dictionary_markdown()
    call_command("data_package", dictionary=str(path), check=True, stdout=io.StringIO())


def test_the_command_writes_the_package(tmp_path):
    out = io.StringIO()
    call_command("data_package", output=str(tmp_path / "kb.zip"), stdout=out)
    assert f"version {current_version()}" in out.getvalue()
    assert validate(str(tmp_path / "kb.zip")).valid
