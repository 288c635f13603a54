#!/usr/bin/env python3
"""Search on the synthetic handbook in headless Chromium, from file://.

Usage: search_latency.py [PAGES] [ROUNDS]      (defaults: 10000 pages, 5 rounds)

Generates the corpus (gen_corpus.py), builds it with
`tebiki build --no-pdf` (3 times, to report the share of the build the search
index takes), then drives Chromium through chromedriver (WebDriver over plain
HTTP, no Python packages needed) and, for each query and round:

- search page: opens search.html?q=… and reads the times the page's script
  stamps on the result list: from the start of the search (before the index's
  first part is loaded) to the first results shown (data-search-first-ms) and
  to the final ranking (data-search-ms);
- header box: opens a page, focuses the search box (which loads the index's
  first part, as a user's click does), types the query and reads the same times.

Needs: python3, chromium, chromium-driver (Debian packages).
"""

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import corpus
QUERIES = ["夜間バッチ", "パラメータ", "稼働", "こくほ電算", "住所マスタ 外字", "ログ検索"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        driver = shutil.which("chromedriver")
        if not chromium or not driver:
            sys.exit("chromium と chromedriver が必要です: apt-get install chromium chromium-driver")
        self.port = free_port()
        self.proc = subprocess.Popen(
            [driver, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.profile = tempfile.mkdtemp()
        for _ in range(200):
            try:
                if self.call("GET", "/status")["value"]["ready"]:
                    break
            except OSError:
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking",
                f"--user-data-dir={self.profile}", "--window-size=1280,900", "--lang=ja"]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": {"binary": chromium, "args": args}}}}
        self.session = self.call("POST", "/session", caps)["value"]["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.loads(r.read())

    def open(self, url):
        self.call("POST", f"/session/{self.session}/url", {"url": url})

    def eval(self, script, *args):
        return self.call("POST", f"/session/{self.session}/execute/sync",
                         {"script": script, "args": list(args)})["value"]

    def wait(self, script, timeout=60):
        start = time.time()
        while time.time() - start < timeout:
            if self.eval(script):
                return
            time.sleep(0.01)
        raise RuntimeError(f"timed out: {script}")

    def close(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        finally:
            self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def build(tebiki, project, out):
    shutil.rmtree(out, ignore_errors=True)
    start = time.time()
    run = subprocess.run([tebiki, "-v", "--root", project, "build", "--no-pdf", "--output", out],
                         capture_output=True, text=True)
    wall = time.time() - start
    if run.returncode != 0:
        sys.exit(run.stderr)
    line = next((l for l in run.stderr.splitlines() if "検索索引:" in l), "")
    return wall, line


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    tebiki, work = corpus.prepare(pages)
    project = os.path.join(work, "tebiki")
    out = os.path.join(work, "search-out")

    walls, index_secs = [], []
    for _ in range(3):
        wall, line = build(tebiki, project, out)
        m = re.search(r"抽出 ([\d.]+) 秒（CPU 合計）、構築 ([\d.]+) 秒", line)
        walls.append(wall)
        if m:
            # Extraction runs on both cores beside rendering: its CPU time over
            # the cores is its share of the wall time; building is serial time.
            index_secs.append(float(m.group(1)) / os.cpu_count() + float(m.group(2)))
    site = os.path.join(out, "site")
    files = os.listdir(os.path.join(site, "assets/search"))
    sizes = [os.path.getsize(os.path.join(site, "assets/search", f)) for f in files]
    print(f"tebiki {pages} pages, {os.cpu_count()} cores")
    print(line.split("INFO ")[-1].strip())
    print(f"index: {len(files)} files, {sum(sizes) / 1e6:.1f} MB in all, "
          f"first part {os.path.getsize(os.path.join(site, 'assets/search/index.js')) / 1e6:.2f} MB, "
          f"largest {max(sizes) / 1e3:.0f} KB")
    build_wall = statistics.median(walls)
    if index_secs:
        share = statistics.median(index_secs)
        print(f"build: median {build_wall:.2f} s wall; search index ≈ {share:.2f} s of it "
              f"({100 * share / build_wall:.0f} %, goal < 20 %)")

    base = "file://" + urllib.parse.quote(site)
    attr = "document.querySelector('{}').getAttribute('{}')"
    d = Driver()
    rows = []
    try:
        for q in QUERIES:
            page_first, page_all, box_first, box_all = [], [], [], []
            for _ in range(rounds):
                d.open(f"{base}/search.html?q={urllib.parse.quote(q)}")
                d.wait("return document.querySelector('[data-search-results]').hasAttribute('data-search-ms')")
                page_first.append(float(d.eval("return " + attr.format("[data-search-results]", "data-search-first-ms"))))
                page_all.append(float(d.eval("return " + attr.format("[data-search-results]", "data-search-ms"))))
                count = d.eval("return document.querySelectorAll('.search-result').length")

                d.open(f"{base}/index.html")
                d.eval("document.getElementById('site-search-input').focus()")
                d.wait("return !!window.TEBIKI_SEARCH && !!window.TEBIKI_SEARCH.index")
                d.eval("var i = document.getElementById('site-search-input'); i.value = arguments[0];"
                       "i.dispatchEvent(new Event('input'))", q)
                d.wait("return document.getElementById('site-search-listbox').hasAttribute('data-search-ms')")
                box_first.append(float(d.eval("return " + attr.format("#site-search-listbox", "data-search-first-ms"))))
                box_all.append(float(d.eval("return " + attr.format("#site-search-listbox", "data-search-ms"))))
            rows.append((q, count, page_first, page_all, box_first, box_all))
    finally:
        d.close()
    med = statistics.median
    print(f"\nmedians of {rounds} rounds, ms (search page: from the start of the search, index "
          "not yet loaded; header box: from the query, first part loaded on focus):\n")
    print("| query | results | page: first results | page: final | box: first results | box: final |")
    print("|---|---:|---:|---:|---:|---:|")
    for q, count, pf, pa, bf, ba in rows:
        print(f"| {q} | {count} | {med(pf):.0f} | {med(pa):.0f} | {med(bf):.0f} | {med(ba):.0f} |")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
