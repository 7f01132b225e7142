"""Speed and memory of `delib run`, measured (never asserted by a test).

    python benchmarks/bench.py [--min-pages 300] [--json benchmarks/results.json]

Builds a corpus from data/raw and ../shared/corpus (when present), repeated until it
holds at least --min-pages pages (each copy made unique, so that no cache or
duplicate detection helps), then reports in one run:
- pdfplumber's bare `extract_text` over the same PDFs: the reference, in pages/s;
- `delib run` end to end with 1 and 2 workers: pages/s, documents/s, peak RSS of a
  worker (each worker is a process of its own, even alone) and of the process that
  merges and writes the tables, and the throughput on PDFs with a text layer next to the reference
  (their ratio; scans, and text PDFs with pages délib read by OCR, count in the end-to-end figures
  only: `documents.ocr_pages` says which);
- the speed-up from 1 to 2 workers;
- a second run over the unchanged corpus, as a share of the first;
- start-up: a run of two one-line texts with 2 workers, nearly all of it the models' load.
Each configuration runs in a fresh Python process, so its memory is its own.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "raw", ROOT.parent / "shared" / "corpus"]

CHILD = """
import json, resource, sys, time
from pathlib import Path
from delib.batch.runner import find_inputs, run_batch
folder, out, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
started = time.perf_counter()
report = run_batch(find_inputs([folder], exclude=out), out, workers=workers)
seconds = time.perf_counter() - started
def ocr_pages(o):
    return sum(row.get("ocr_pages") or 0 for row in o.rows.get("documents", []))
pdfs = [o for o in report.outputs if o.file_name.endswith(".pdf") and not ocr_pages(o)]
pdf_pages, pdf_seconds = sum(o.pages for o in pdfs), sum(o.seconds for o in pdfs)
print(json.dumps({
    "seconds": seconds, "documents": len(report.outputs), "pages": report.pages,
    "pdf_pages": pdf_pages, "pdf_cpu_seconds": pdf_seconds,
    "ocr_pages": sum(ocr_pages(o) for o in report.outputs),
    "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rss_workers_mb": max((o.peak_rss_mb for o in report.outputs), default=0.0),
}))
"""


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(path)))


def has_text_layer(path: Path) -> bool:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    return any(pdf[i].get_textpage().get_text_range().strip() for i in range(min(3, len(pdf))))


def build_corpus(folder: Path, min_pages: int) -> tuple[list[Path], int]:
    """Copies of the sample and real documents until `min_pages` pages, each copy unique."""
    originals = sorted(p for src in SOURCES if src.is_dir() for p in src.iterdir()
                       if p.suffix.lower() in (".pdf", ".txt", ".md") and not p.name.startswith("."))
    pages = {p: pdf_pages(p) if p.suffix.lower() == ".pdf" else max(1, math.ceil(p.stat().st_size / 3000))
             for p in originals}
    made, total, copy = [], 0, 0
    while total < min_pages:
        for original in originals:
            target = folder / f"{copy:02d}_{original.name}"
            data = original.read_bytes()
            # Bytes after the end of a PDF, or a last line of text, change the doc_id only.
            data += f"\n%copy {copy}\n".encode() if original.suffix == ".pdf" else f"\n{copy}\n".encode()
            target.write_bytes(data)
            made.append(target)
            total += pages[original]
        copy += 1
    return made, total


def tiny_corpus(folder: Path) -> Path:
    """Two texts of one line: a run over them is the time its workers take to start."""
    folder.mkdir()
    for n in (1, 2):
        (folder / f"tiny_{n}.txt").write_text(f"Séance du {n} mars 2024.\n", encoding="utf-8")
    return folder


def bare_pdfplumber(pdfs: list[Path]) -> dict:
    import pdfplumber

    started = time.perf_counter()
    pages = 0
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    seconds = time.perf_counter() - started
    return {"pages": pages, "seconds": seconds, "pages_per_s": pages / seconds}


def delib_run(folder: Path, out: Path, workers: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out), str(workers)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["pages_per_s"] = figures["pages"] / figures["seconds"]
    figures["documents_per_s"] = figures["documents"] / figures["seconds"]
    figures["peak_rss_worker_mb"] = figures["rss_workers_mb"]
    figures["peak_rss_writer_mb"] = figures["rss_self_mb"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-pages", type=int, default=300)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="delib-bench-"))
    try:
        folder = work / "corpus"
        folder.mkdir()
        files, pages = build_corpus(folder, args.min_pages)
        pdfs = [p for p in files if p.suffix == ".pdf"]
        # Scans are OCR'd by délib and read as nothing by extract_text: not comparable.
        scans = [p for p in pdfs if not has_text_layer(p)]
        pdfs = [p for p in pdfs if p not in scans]
        print(f"corpus: {len(files)} documents, about {pages} pages ({len(pdfs)} PDFs with text, "
              f"{len(scans)} scans)", flush=True)
        reference = bare_pdfplumber(pdfs)
        print(f"pdfplumber extract_text: {reference['pages_per_s']:.1f} pages/s", flush=True)
        one = delib_run(folder, work / "out1", 1)
        again = delib_run(folder, work / "out1", 1)
        two = delib_run(folder, work / "out2", 2)
        start_up = delib_run(tiny_corpus(work / "tiny"), work / "out_tiny", 2)
        pdf_rate = one["pdf_pages"] / one["pdf_cpu_seconds"] if one["pdf_cpu_seconds"] else float("nan")
        results = {
            "corpus_documents": len(files), "corpus_pages": one["pages"],
            "pdfplumber_extract_text_pages_per_s": round(reference["pages_per_s"], 2),
            "delib_1_worker": {k: round(v, 2) for k, v in one.items()},
            "delib_2_workers": {k: round(v, 2) for k, v in two.items()},
            "delib_pdf_pages_per_s_1_worker": round(pdf_rate, 2),
            "pdf_ratio_to_pdfplumber": round(pdf_rate / reference["pages_per_s"], 2),
            "speedup_1_to_2_workers": round(one["seconds"] / two["seconds"], 2),
            "second_run_share_of_first": round(again["seconds"] / one["seconds"], 4),
            "start_up_seconds_2_workers": round(start_up["seconds"], 2),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


def print_table(r: dict) -> None:
    one, two = r["delib_1_worker"], r["delib_2_workers"]
    rows = [
        ("corpus", f"{r['corpus_documents']} documents, {r['corpus_pages']} pages"),
        ("pages read by OCR", f"{one['ocr_pages']:.0f} (scans and image pages inside text PDFs)"),
        ("pdfplumber extract_text (reference)", f"{r['pdfplumber_extract_text_pages_per_s']} pages/s"),
        ("delib, PDFs with text, 1 worker", f"{r['delib_pdf_pages_per_s_1_worker']} pages/s "
                                       f"= {r['pdf_ratio_to_pdfplumber']}× the reference"),
        ("delib end to end, 1 worker", f"{one['pages_per_s']} pages/s, {one['documents_per_s']} documents/s, "
                                       f"peak RSS of the worker {one['peak_rss_worker_mb']:.0f} MB, "
                                       f"of the writer {one['peak_rss_writer_mb']:.0f} MB"),
        ("delib end to end, 2 workers", f"{two['pages_per_s']} pages/s, {two['documents_per_s']} documents/s, "
                                        f"peak RSS per worker {two['peak_rss_worker_mb']:.0f} MB, "
                                        f"of the writer {two['peak_rss_writer_mb']:.0f} MB"),
        ("speed-up 1 → 2 workers", f"{r['speedup_1_to_2_workers']}×"),
        ("second run, unchanged corpus", f"{100 * r['second_run_share_of_first']:.1f} % of the first"),
        ("start-up, 2 workers", f"{r['start_up_seconds_2_workers']} s (a run of two one-line texts)"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
