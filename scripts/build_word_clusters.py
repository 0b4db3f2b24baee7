"""Build the word clusters used by the NER model from the news corpus.

Reads ``../shared/data/corpus/saudinewsnet.jsonl.gz`` (article ``title`` and
``text``), counts normalised word forms, and for the ``--vocab`` most
frequent words builds a co-occurrence matrix (window of ±2 words) against the
``--contexts`` most frequent words, weighs it by positive pointwise mutual
information (context distribution smoothed to the power 0.75), reduces it
with a truncated SVD to ``--dim`` dimensions and clusters the unit-length
vectors with spherical k-means at several granularities (``--k``).

Writes ``src/rasid/data/ner/clusters.tsv.gz``: a header line
``#rasid-word-clusters<TAB>k=64,256,1024<TAB>...`` then ``word<TAB>c1<TAB>c2<TAB>c3``
one word a line, most frequent first (read by
:func:`rasid.entities.ner_features.read_clusters`). With ``--embeddings``
the vectors are also saved (``.npz``: ``words``, ``vectors`` float16) for
the neural option. Deterministic (fixed seed).

    python scripts/build_word_clusters.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rasid.entities.ner_features import CLUSTER_HEADER  # noqa: E402
from rasid.text.normalise import normalise  # noqa: E402

WORD = re.compile(r"[^\W\d_]+")


def read_corpus(path: Path) -> list[list[str]]:
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = f"{rec.get('title') or ''}\n{rec.get('text') or rec.get('content') or ''}"
            docs.append(WORD.findall(normalise(text)))
    return docs


def cooccurrence(docs, vocab: dict[str, int], *, n_ctx: int, window: int) -> sparse.csr_matrix:
    rows, cols = [], []
    for words in docs:
        ids = np.fromiter((vocab.get(w, -1) for w in words), dtype=np.int64, count=len(words))
        for d in range(1, window + 1):
            a, b = ids[:-d], ids[d:]
            for x, y in ((a, b), (b, a)):
                m = (x >= 0) & (y >= 0) & (y < n_ctx)
                rows.append(x[m])
                cols.append(y[m])
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    data = np.ones(len(r), dtype=np.float64)
    return sparse.csr_matrix((data, (r, c)), shape=(len(vocab), n_ctx))


def ppmi(m: sparse.csr_matrix, *, alpha: float = 0.75) -> sparse.csr_matrix:
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel() ** alpha
    col = col / col.sum()
    m = m.tocoo()
    pmi = np.log((m.data / total) / ((row[m.row] / total) * col[m.col]))
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)


def kmeans(x: np.ndarray, k: int, *, iters: int = 25, seed: int = 0) -> np.ndarray:
    """Spherical k-means (rows of ``x`` are unit vectors); cluster per row."""
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        labels = np.argmax(x @ centres.T, axis=1)
        for j in range(k):
            members = x[labels == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / (np.linalg.norm(c) or 1.0)
            else:
                centres[j] = x[rng.integers(len(x))]
    return labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(REPO / "src/rasid/data/ner/clusters.tsv.gz"))
    ap.add_argument("--embeddings", default=None, help="also save vectors to this .npz")
    ap.add_argument("--vocab", type=int, default=50000)
    ap.add_argument("--contexts", type=int, default=10000)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--k", default="64,256,1024")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    corpus = Path(args.shared) / "data" / "corpus" / "saudinewsnet.jsonl.gz"
    docs = read_corpus(corpus)
    counts = Counter(w for d in docs for w in d)
    # Most frequent first; ties broken by the word, so the order is stable.
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:args.vocab]
    words = [w for w, _ in top]
    vocab = {w: i for i, w in enumerate(words)}
    print(f"{len(docs)} articles, {sum(counts.values())} words, {len(counts)} forms "
          f"({time.perf_counter() - t0:.0f}s)", file=sys.stderr)

    m = cooccurrence(docs, vocab, n_ctx=min(args.contexts, len(words)), window=args.window)
    p = ppmi(m)
    u, s, _ = svds(p, k=args.dim, random_state=0)
    order = np.argsort(-s)
    vec = u[:, order] * np.sqrt(s[order])
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    print(f"svd done ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)

    ks = [int(k) for k in args.k.split(",")]
    labels = [kmeans(vec, k, seed=i) for i, k in enumerate(ks)]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes.
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        head = [CLUSTER_HEADER, f"k={args.k}", f"dim={args.dim}", f"window={args.window}",
                "source=saudinewsnet"]
        lines = ["\t".join(head)]
        for i, w in enumerate(words):
            lines.append("\t".join([w, *(str(int(lab[i])) for lab in labels)]))
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    if args.embeddings:
        np.savez_compressed(args.embeddings, words=np.array(words),
                            vectors=vec.astype(np.float16))
    print(f"wrote {out} ({len(words)} words, {time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
