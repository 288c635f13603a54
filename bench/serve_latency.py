#!/usr/bin/env python3
"""Measures `tebiki serve`: the time from saving a page to the reload signal.

Usage: bench/serve_latency.py [PAGES] [EDITS]     (defaults: 10000 pages, 30 edits)

Builds tebiki (release), generates the synthetic handbook (gen_corpus.py), starts
`tebiki serve --port 0` on it, and then, for each edit: opens the long-poll request
the browser's reload script makes (/__tebiki/wait?since=N), appends a paragraph to
a page, and times from just before the write to the answer. The page is then
fetched to check that it shows the new paragraph. A few title edits (which make
serve load the whole project again) are timed the same way for comparison.
Pages are restored afterwards.
"""

import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

import corpus


def get(port, path, timeout=60):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.read().decode("utf-8")


def timed_change(port, path, change):
    """Seconds from `change()` to the wait request's answer."""
    since = int(get(port, "/__tebiki/wait?since=0"))
    answer = {}

    def wait():
        answer["generation"] = int(get(port, f"/__tebiki/wait?since={since}"))
        answer["at"] = time.perf_counter()

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.15)  # let the request reach the server and block
    start = time.perf_counter()
    change()
    waiter.join()
    assert answer["generation"] > since, answer
    return answer["at"] - start


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    tebiki, work = corpus.prepare(pages)
    project = os.path.join(work, "tebiki")
    files = sorted(
        os.path.relpath(os.path.join(d, f), project)
        for d, _, fs in os.walk(os.path.join(project, "content"))
        for f in fs if f.endswith(".md") and f != "_index.md")
    chosen = files[:: max(1, len(files) // edits)][:edits]
    originals = {f: open(os.path.join(project, f), encoding="utf-8").read() for f in chosen}

    started = time.perf_counter()
    server = subprocess.Popen([tebiki, "--root", project, "serve", "--port", "0"],
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "TEBIKI_LOG": "info"})
    port = None
    for line in server.stderr:
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            break
    assert port, "serve did not start"
    threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
    print(f"tebiki serve on {pages} pages: ready in {time.perf_counter() - started:.2f} s")

    try:
        body, title = [], []
        for i, rel in enumerate(chosen):
            path = os.path.join(project, rel)
            text = originals[rel] + f"\n追記 {i} の段落。\n"

            def save(path=path, text=text):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)

            body.append(timed_change(port, "", save))
            url = "/" + rel[len("content/"):-3] + ".html"
            assert f"追記 {i} の段落。" in get(port, url), url
        for i, rel in enumerate(chosen[:3]):
            path = os.path.join(project, rel)
            text = originals[rel].replace('title: "', f'title: "改{i} ', 1)

            def retitle(path=path, text=text):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)

            title.append(timed_change(port, "", retitle))
    finally:
        server.terminate()
        server.wait()
        for rel, text in originals.items():
            with open(os.path.join(project, rel), "w", encoding="utf-8") as f:
                f.write(text)

    ms = lambda xs: [x * 1000 for x in xs]
    b = sorted(ms(body))
    print(f"edit a page's body → reload signal, {len(b)} edits: median {statistics.median(b):.0f} ms, "
          f"p90 {b[int(len(b) * 0.9) - 1]:.0f} ms, max {b[-1]:.0f} ms (goal < 100 ms)")
    t = ms(title)
    print(f"edit a page's title (whole project loaded again) → reload signal, {len(t)} edits: "
          f"median {statistics.median(t):.0f} ms")


if __name__ == "__main__":
    main()
