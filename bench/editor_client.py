"""One editor of bench/editors.py: logs in through the login form of a running server,
then opens change pages and saves them as a browser would, recording each outcome."""

import http.cookiejar
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from common import ROOT

sys.path.insert(0, str(ROOT))
from tests.formdata import form_data  # what a browser posts for a form

PASSWORD = "bench-editor-password-2026"


class Editor(threading.Thread):
    def __init__(self, number, base, events, deadline, results, think):
        super().__init__(daemon=True)
        self.think = think
        self.name = f"bench-editor-{number}"
        self.base, self.events, self.deadline, self.results = base, events, deadline, results
        self.random = random.Random(number)
        jar = http.cookiejar.CookieJar(policy=LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        try:
            with self.opener.open(urllib.request.Request(self.base + path, body, headers), timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def log_in(self):
        _status, page = self.request("/admin/login/")
        data = form_data(page, "login-form")
        data.update(username=[self.name], password=[PASSWORD])
        status, _ = self.request("/admin/login/?next=/admin/", data)
        if status != 302:
            raise RuntimeError(f"{self.name} could not log in ({status})")

    def run(self):
        try:
            self.log_in()
        except Exception as error:  # reported, not raised: the other editors go on
            self.results.append({"editor": self.name, "outcome": "login failed", "detail": str(error)})
            return
        count = 0
        while time.monotonic() < self.deadline:
            count += 1
            event = self.random.choice(self.events)
            path = f"/admin/events/event/{event}/change/"
            status, page = self.request(path)
            loaded = time.monotonic()
            if status != 200:
                self.results.append({"editor": self.name, "outcome": outcome_of(status, page), "event": event})
                continue
            data = form_data(page, "event_form")
            time.sleep(self.random.uniform(0, self.think))  # an editor reads and types
            text = f"Saved by {self.name}, save {count}."
            data["summary"] = [text]
            inline = self.random.random() < 1 / 3 and "citations-0-locator" in data
            if inline:
                data["citations-0-locator"] = [text]
            started = time.monotonic()
            status, answer = self.request(path, data)
            self.results.append(
                {
                    "editor": self.name,
                    "event": event,
                    "text": text,
                    "inline": inline,
                    "outcome": outcome_of(status, answer),
                    "loaded": loaded,
                    "started": started,
                    "done": time.monotonic(),
                    "ms": (time.monotonic() - started) * 1000,
                }
            )


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Send secure cookies to the server on 127.0.0.1, as browsers do for a local address
    (production mode marks the session and CSRF cookies secure; there is no TLS here)."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def outcome_of(status, page):
    if status == 302:
        return "saved"
    if status >= 500:
        return "server error"
    if status == 200 and "Edit conflict: nothing was saved" in page:
        return "conflict"
    if status == 200 and "since you opened this page" in page:  # an inline row's conflict
        return "conflict"
    return f"refused ({status})"
