"""Time to build the module 06 package document for the case (HTML, and PDF when Chromium exists).

Run: .venv/bin/python benchmarks/bench_capstone.py [repeats]
Medians measured 2026-12-01 on the shared 2-core machine under load average about 13-15 (3 runs, case
package, warm imports): HTML nb 6.90 s, en 4.21 s; PDF nb 10.35 s, en 12.42 s. On an idle machine
expect a fraction of that; rerun for your own figures.
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

from course_lib import capstone as cp
from course_lib import package_doc as doc


def main(repeats: int = 3) -> None:
    cp.case_package()  # warm imports and content cache
    folder = Path(tempfile.mkdtemp())
    for lang in ("nb", "en"):
        for fmt in ("html", "pdf"):
            if fmt == "pdf" and doc.chromium_path() is None:
                print(f"{lang} pdf: skipped (no chromium)")
                continue
            times = []
            for i in range(repeats):
                t0 = time.perf_counter()
                doc.write_package(folder / f"p{i}.{fmt}", fmt, lang, pkg=cp.case_package(lang=lang))
                times.append(time.perf_counter() - t0)
            print(f"{lang} {fmt}: median {statistics.median(times):.2f} s over {repeats}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
