"""Visible text of a saved web page, for articles kept as HTML."""

from __future__ import annotations

import re

# Elements whose content a reader never sees.
HIDDEN = ("script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object")
# Elements that start a new line of text in a browser.
BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2",
    "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "blockquote", "pre", "figure",
    "figcaption", "dl", "dt", "dd", "br", "hr", "form", "address", "details", "summary",
}


def visible_text(html: str) -> str:
    """The text a browser shows: scripts, styles, comments and attributes removed, entities
    decoded, one line per block element, table rows as pipe-separated lines. The <title> comes
    first when the page has one."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for node in soup.find_all(HIDDEN):
        node.decompose()
    for node in soup.find_all(lambda t: t.has_attr("hidden") or "display:none" in
                              t.get("style", "").replace(" ", "").lower()):
        node.decompose()
    for row in soup.find_all("tr"):
        cells = [c.get_text(" ", strip=True).replace("|", "\\|") for c in row.find_all(["td", "th"])]
        row.replace_with(soup.new_string("\n| " + " | ".join(cells) + " |\n"))
    for node in soup.find_all(BLOCKS):
        node.insert_before("\n")
        node.insert_after("\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    body = "\n".join(line for line in lines if line)
    body = _rule_after_header(body)
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return body + "\n"


def _rule_after_header(text: str) -> str:
    """Put a markdown rule under the first row of each run of pipe rows, so tables parse."""
    out, prev_pipe = [], False
    for line in text.split("\n"):
        is_pipe = line.startswith("| ")
        out.append(line)
        if is_pipe and not prev_pipe:
            out.append("|" + "---|" * max(1, line.count(" | ") + 1))
        prev_pipe = is_pipe
    return "\n".join(out)
