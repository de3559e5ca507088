"""URL converters shared by the apps' URL configurations."""


class ExportFormatConverter:
    """The extension of an export: csv or json (anything else is a 404)."""

    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
