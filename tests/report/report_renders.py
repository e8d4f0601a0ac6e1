#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`headroom-cli report` (issue 19).

  report_renders.py html HEADROOM_CLI SCENARIO
      The page parses with every element closed, fetches nothing (no script, link, src, external
      href or url()), has its sections and charts, and the same file gives the same bytes.
  report_renders.py chromium HEADROOM_CLI SCENARIO [SCREENSHOT]
      Debian's chromium, headless, renders it to a PNG that is not blank: many colours, and ink on
      a good share of the page. Skipped (77) without chromium, unless HEADROOM_REQUIRE_BROWSER=1.
"""
import html.parser
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "embed", "source", "track", "wbr"}
# SVG elements written self-closed (<line/>) are closed by the parser's startendtag.


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.check(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.check(tag, attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def check(self, tag, attrs):
        if tag in ("script", "link", "iframe", "object", "embed", "img"):
            self.problems.append(f"line {self.getpos()[0]}: <{tag}> (the report must fetch and run nothing)")
        for name, value in attrs:
            if name == "src" or name.startswith("on"):
                self.problems.append(f"line {self.getpos()[0]}: {name}= on <{tag}>")
            if name in ("href", "xlink:href") and not (value or "").startswith("#"):
                self.problems.append(f"line {self.getpos()[0]}: {name}={value!r} points elsewhere")
            if value and re.search(r"url\((?!#)", value):
                self.problems.append(f"line {self.getpos()[0]}: {name}={value!r} fetches a url()")


def report(cli, scenario, folder, name, *extra):
    out = Path(folder) / name
    run = subprocess.run([cli, "report", "-o", str(out), *extra, scenario], capture_output=True, text=True, timeout=600)
    if run.returncode not in (0, 3):
        sys.exit(f"report {' '.join(extra)}: exit {run.returncode}\n{run.stderr}")
    return out


def check_html(cli, scenario):
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        full = report(cli, scenario, folder, "full.html", "--simulate", "-j", "2", "--vary", "rate=100/s..3900/s:20", "--simulate-points", "5,15")
        text = full.read_text()
        checker = Checker()
        checker.feed(text)
        checker.close()
        problems += checker.problems
        if checker.stack:
            problems.append(f"unclosed: {checker.stack}")
        for pattern in (r"url\((?!#)", r"@import", r"<script", r"https?://[^\s\"<]*\.(js|css|woff2?|png|svg)\b"):
            if re.search(pattern, text, re.IGNORECASE):
                problems.append(f"the page has {pattern!r}")
        for section in ("The system", "Estimate", "Analysis", "Simulation", "Sweep", "knee "):
            if section not in text:
                problems.append(f"no {section!r} in the page")
        charts = checker.tags.count("svg")
        if charts < 5:  # the diagram, the distribution, two series over time, the sweep
            problems.append(f"{charts} svg elements, expected at least 5")
        # The same file and seed give the same bytes (analysis and an analytic sweep here).
        first = report(cli, scenario, folder, "a.html", "--vary", "rate=100/s..3900/s:20").read_bytes()
        second = report(cli, scenario, folder, "b.html", "--vary", "rate=100/s..3900/s:20").read_bytes()
        if first != second:
            problems.append("two reports of the same file differ")
        print(f"report: {len(text)} bytes, {charts} svg, {len(checker.tags)} elements")
    return problems


def png_pixels(path):
    """The RGB(A) pixels of an 8-bit PNG as rows of bytes (zlib and the five row filters)."""
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    at, chunks, header = 8, [], None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG form: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(b"".join(chunks)), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check_chromium(cli, scenario, screenshot):
    browser = shutil.which("chromium")
    if not browser:
        if os.environ.get("HEADROOM_REQUIRE_BROWSER") == "1":
            return ["chromium is missing (HEADROOM_REQUIRE_BROWSER=1)"]
        print("report in chromium skipped: chromium is not installed (packaging/install-build-deps.sh --ci installs it)")
        sys.exit(77)
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        page = report(cli, scenario, folder, "report.html", "--simulate", "-j", "2", "--vary", "rate=100/s..3900/s:20", "--simulate-points", "5,15")
        shot = Path(screenshot) if screenshot else Path(folder) / "report.png"
        # The flags this machine's notes give for a closed network, and a profile of its own.
        run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                              "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                              f"--user-data-dir={folder}/profile", "--window-size=1200,3400", f"--screenshot={shot}", page.as_uri()],
                             capture_output=True, text=True, timeout=120)
        if run.returncode != 0 or not shot.exists():
            return [f"chromium failed ({run.returncode}): {run.stderr[-800:]}"]
        width, height, channels, rows = png_pixels(shot)
        colours, inked = set(), 0
        for row in rows[::4]:
            for x in range(0, width * channels, channels * 4):
                pixel = row[x:x + 3]
                colours.add(pixel)
                inked += pixel != b"\xff\xff\xff"
        sampled = len(rows[::4]) * len(range(0, width * channels, channels * 4))
        share = inked / sampled
        print(f"chromium: {width}x{height} screenshot, {len(colours)} colours sampled, {share:.1%} of it inked")
        if len(colours) < 50:
            problems.append(f"only {len(colours)} colours: a blank or broken page")
        if share < 0.03:
            problems.append(f"only {share:.1%} of the page has ink")
    return problems


def main():
    mode, cli, scenario = sys.argv[1:4]
    problems = check_html(cli, scenario) if mode == "html" else check_chromium(cli, scenario, sys.argv[4] if len(sys.argv) > 4 else None)
    if problems:
        sys.exit("\n".join(problems))


if __name__ == "__main__":
    main()
