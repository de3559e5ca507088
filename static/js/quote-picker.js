/*
 * The quote picker of the editors' workplace (sources/admin.py).
 *
 * Beside each citation's quote box, once a source is chosen, the source's archived text:
 * selecting words in it fills the quote with exactly the words selected and the locator
 * with where they are (the section heading and paragraph, from sources/locators.py).
 * A "Find in the text" box narrows the paragraphs shown. Without this script the form
 * is the same and both fields are typed; the quote is checked against the text on save
 * in either case.
 */
(function () {
  "use strict";

  const texts = new Map(); // passages URL -> Promise of the source's paragraphs

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[\u2018\u2019'`]/g, "").toLowerCase();
  }

  function fieldsOf(quote) {
    const prefix = quote.name.slice(0, -"quote".length);
    return {
      prefix: prefix,
      source: quote.form.querySelector('[name="' + prefix + 'source"]'),
      locator: quote.form.querySelector('[name="' + prefix + 'locator"]'),
    };
  }

  function quoteFor(source) {
    if (!source.name || !/(^|-)source$/.test(source.name) || source.name.indexOf("__prefix__") >= 0) {
      return null;
    }
    const prefix = source.name.slice(0, -"source".length);
    const quote = source.form && source.form.querySelector('textarea[name="' + prefix + 'quote"][data-passages-url]');
    return quote || null;
  }

  function load(quote, sourceId) {
    const url = quote.dataset.passagesUrl + "?source=" + encodeURIComponent(sourceId);
    if (!texts.has(url)) {
      texts.set(
        url,
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (response) {
          if (!response.ok) {
            throw new Error("The source's text could not be loaded (" + response.status + ").");
          }
          return response.json();
        })
      );
    }
    return texts.get(url);
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function removePane(quote) {
    const old = document.getElementById(paneId(quote));
    if (old) {
      old.remove();
    }
  }

  function paneId(quote) {
    return (quote.id || quote.name) + "-picker";
  }

  function buildPane(quote, data, open) {
    removePane(quote);
    const id = paneId(quote);
    const pane = element("details", { id: id, class: "kb-picker" });
    const summary = element("summary", {}, "Pick the quote from the archived text of “" + data.title + "”");
    pane.appendChild(summary);
    const row = quote.closest(".form-row") || quote.parentNode;
    row.after(pane);
    if (!data.paragraphs.length) {
      pane.appendChild(
        element("p", { class: "help" }, "This source has no archived text: type the quote; it will be shown as not checked.")
      );
      pane.open = open;
      return pane;
    }
    const help = element(
      "p",
      { class: "help", id: id + "-help" },
      "Select words in the text below (with the mouse, or the keyboard’s Shift and arrow keys after clicking): " +
        "the quote and the locator are filled in with them. You can still type or correct both."
    );
    const find = element("input", { type: "search", id: id + "-find", "aria-describedby": id + "-found" });
    const findLabel = element("label", { for: id + "-find" }, "Find in the text");
    const found = element("p", { class: "kb-picker__found", id: id + "-found", "aria-live": "polite" });
    const list = element("ol", {
      class: "kb-picker__text",
      tabindex: "0",
      "aria-label": "Archived text of “" + data.title + "”",
      "aria-describedby": id + "-help",
    });
    data.paragraphs.forEach(function (paragraph) {
      const item = element("li", { value: String(paragraph.number), class: "kb-picker__" + paragraph.kind }, paragraph.text);
      item.dataset.locator = paragraph.locator;
      item.dataset.folded = fold(paragraph.text);
      list.appendChild(item);
    });
    const status = element("p", { class: "kb-picker__status", role: "status" });
    const findRow = element("p", { class: "kb-picker__find" });
    findRow.append(findLabel, " ", find);
    pane.append(help, findRow, found, list, status);
    find.addEventListener("input", function () {
      const words = fold(find.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      list.querySelectorAll("li").forEach(function (item) {
        const match = words.every(function (word) {
          return item.dataset.folded.indexOf(word) >= 0;
        });
        item.hidden = !match;
        shown += match ? 1 : 0;
      });
      found.textContent = words.length ? shown + " of " + data.paragraphs.length + " paragraphs hold these words." : "";
    });
    const pick = function () {
      picked(quote, list, status);
    };
    list.addEventListener("mouseup", pick);
    list.addEventListener("keyup", pick);
    pane.open = open;
    return pane;
  }

  function picked(quote, list, status) {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!list.contains(range.commonAncestorContainer)) {
      return;
    }
    const text = selection.toString().replace(/\s+/g, " ").trim();
    if (!text) {
      return;
    }
    const start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentNode;
    const item = start.closest("li");
    const fields = fieldsOf(quote);
    quote.value = text;
    quote.dispatchEvent(new Event("input", { bubbles: true }));
    let where = "";
    if (item && item.dataset.locator && fields.locator) {
      fields.locator.value = item.dataset.locator;
      fields.locator.dispatchEvent(new Event("input", { bubbles: true }));
      where = " Locator: " + item.dataset.locator + ".";
    }
    status.textContent = "Quote filled with the " + text.split(" ").length + " words selected." + where;
  }

  function sourceChanged(source, open) {
    const quote = quoteFor(source);
    if (!quote) {
      return;
    }
    if (quote.dataset.pickerSource === source.value) {
      return; // this source's text is there or on its way (the autocomplete announces itself again)
    }
    quote.dataset.pickerSource = source.value;
    if (!source.value) {
      removePane(quote);
      return;
    }
    load(quote, source.value)
      .then(function (data) {
        buildPane(quote, data, open);
      })
      .catch(function (error) {
        removePane(quote);
        delete quote.dataset.pickerSource;
        const note = element("p", { id: paneId(quote), class: "kb-picker errornote" }, error.message);
        (quote.closest(".form-row") || quote.parentNode).after(note);
      });
  }

  function onChange(event) {
    if (event.target && event.target.tagName === "SELECT") {
      sourceChanged(event.target, true);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    // The source is an autocomplete (select2), which announces its changes through jQuery.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(document).on("change", "select", onChange);
    } else {
      document.addEventListener("change", onChange);
    }
    // Citations already on the page: their text is at hand, closed unless the quote is still empty.
    document.querySelectorAll("textarea[data-passages-url]").forEach(function (quote) {
      if (quote.name.indexOf("__prefix__") >= 0) {
        return;
      }
      const fields = fieldsOf(quote);
      if (fields.source && fields.source.value) {
        sourceChanged(fields.source, !quote.value);
      }
    });
  });
})();
