"""What a browser would submit for an HTML form left as it was rendered.

Tests and the editors' benchmark load an admin page, read its form as a browser does,
change a few fields and post it, so that hidden inputs (the edit version, the inline
management forms) travel as they do for a real editor.
"""

from html.parser import HTMLParser

SKIPPED_TYPES = {"submit", "button", "reset", "file", "image"}


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in SKIPPED_TYPES or (kind in {"checkbox", "radio"} and "checked" not in attrs):
                return
            self.fields.append((name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "chosen": [], "first": None, "multiple": "multiple" in attrs}
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "", "selected" in attrs]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value, text, selected = self._option
            value = text.strip() if value is None else value
            if self._select["first"] is None:
                self._select["first"] = value
            if selected:
                self._select["chosen"].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]  # a browser sends a single select's first option
            self.fields.extend((self._select["name"], value) for value in chosen)
            self._select = None


def form_data(html, form_id=None):
    """{name: [values]} of the form ``form_id`` (or every form) in ``html``, as a browser posts it."""
    parser = _FormParser(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data
