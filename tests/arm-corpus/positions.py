#!/usr/bin/env python3
"""Positions of JSON values in a file, 1-based LINE:COLUMN (column counted in
characters), as used by the broken/*.expected files.

    positions.py locate FILE PATH     # PATH like resources[1].properties.sku.name
    positions.py verify [DIR]         # every DIR/*.expected line: shows the text at LINE:COLUMN
    positions.py dump FILE            # every value's path and position

A position is that of the first character of the value: `"` of a string, `{` of an
object, `[` of an array, the first digit of a number. Keys containing dots or
brackets are written ["key"] in PATH, e.g. outputs["a.b"].value."""
import json
import re
import sys
from pathlib import Path


class Parser:
    """A small JSON reader that records where every value starts."""

    def __init__(self, text):
        self.s, self.i, self.pos = text, 0, {}

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
            self.i += 1

    def value(self, path):
        self.ws()
        self.pos[path] = self.i
        c = self.s[self.i]
        if c == "{":
            self.i += 1
            self.ws()
            if self.s[self.i] == "}":
                self.i += 1
                return
            while True:
                self.ws()
                key = self.string()
                self.ws()
                assert self.s[self.i] == ":", self.i
                self.i += 1
                self.value(path + (key,))
                self.ws()
                if self.s[self.i] == ",":
                    self.i += 1
                    continue
                assert self.s[self.i] == "}", self.i
                self.i += 1
                return
        if c == "[":
            self.i += 1
            self.ws()
            if self.s[self.i] == "]":
                self.i += 1
                return
            n = 0
            while True:
                self.value(path + (n,))
                n += 1
                self.ws()
                if self.s[self.i] == ",":
                    self.i += 1
                    continue
                assert self.s[self.i] == "]", self.i
                self.i += 1
                return
        if c == '"':
            self.string()
            return
        m = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null").match(self.s, self.i)
        assert m, f"bad JSON at offset {self.i}"
        self.i = m.end()

    def string(self):
        start = self.i
        assert self.s[self.i] == '"', self.i
        self.i += 1
        while self.s[self.i] != '"':
            self.i += 2 if self.s[self.i] == "\\" else 1
        self.i += 1
        return json.loads(self.s[start:self.i])


def line_col(text, offset):
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def parse_path(p):
    out = []
    for m in re.finditer(r'\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|\.?([^.\[\]]+)', p):
        if m.group(1) is not None:
            out.append(json.loads('"' + m.group(1) + '"'))
        elif m.group(2) is not None:
            out.append(int(m.group(2)))
        else:
            out.append(m.group(3))
    return tuple(out)


def positions(text):
    p = Parser(text)
    p.value(())
    return {k: line_col(text, v) for k, v in p.pos.items()}


def locate(file, path):
    text = Path(file).read_text()
    return positions(text)[parse_path(path)]


def fmt_path(t):
    return "".join(f"[{k}]" if isinstance(k, int) else (f".{k}" if re.fullmatch(r"[A-Za-z_$][\w$-]*", k) else f"[{json.dumps(k)}]") for k in t).lstrip(".")


def verify(d):
    ok = True
    for exp in sorted(Path(d).glob("*.expected")):
        src = exp.with_suffix(".json")
        lines = src.read_text().split("\n")
        starts = {v for v in positions(src.read_text()).values()}
        for row in exp.read_text().splitlines():
            if not row.strip():
                continue
            m = re.match(r"(\d+):(\d+): (.*)", row)
            line, col = int(m.group(1)), int(m.group(2))
            snippet = lines[line - 1][col - 1:col + 69] if line <= len(lines) else "<past end>"
            mark = "ok " if (line, col) in starts else "BAD"
            ok &= mark == "ok "
            print(f"{mark} {src.name}:{line}:{col}: {m.group(3)}\n      {snippet}")
    return ok


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[:1] == ["locate"] and len(a) == 3:
        print("%d:%d" % locate(a[1], a[2]))
    elif a[:1] == ["verify"]:
        sys.exit(0 if verify(a[1] if len(a) > 1 else Path(__file__).parent / "broken") else 1)
    elif a[:1] == ["dump"] and len(a) == 2:
        for k, (l, c) in positions(Path(a[1]).read_text()).items():
            print(f"{l}:{c}\t{fmt_path(k)}")
    else:
        sys.exit(__doc__)
