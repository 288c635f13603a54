"""Shared setup of the Python benchmarks: the release binary and a fresh corpus."""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def prepare(pages):
    """Builds tebiki (release) and generates the synthetic handbook of `pages`
    pages again (it holds a copy of templates/, which may have changed).
    Returns the binary's path and the corpus directory ($BENCH_DIR or
    /tmp/tebiki-bench-PAGES), whose tebiki/ folder is the project."""
    work = os.environ.get("BENCH_DIR", f"/tmp/tebiki-bench-{pages}")
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=REPO, check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(pages), work],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(REPO, "target/release/tebiki"), work
