"""The neural NER option: a BiLSTM-CRF (compared with the CRF, not shipped).

Each word is represented by its corpus word vector (``scripts/
build_word_clusters.py --embeddings``: PPMI + SVD over the news corpus,
looked up by normalised form, then by stem; fine-tuned), a character CNN over
its normalised letters, and a small vector of lexical indicators shared with
the CRF (gazetteer/actor phrase position, trigger class, proclitics, article,
shape). A one-layer BiLSTM feeds a linear layer and a CRF transition matrix.

Training (:func:`train_bilstm`) needs PyTorch; the weights are exported to
``.npz`` and :class:`NumpyBiLstmCrf` runs inference in numpy alone, so torch
is never a run-time dependency.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from .ner_data import restrict
from .ner_features import phrase_marks, word_info

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
_MARKS = ("B-LOC", "I-LOC", "B-PER", "I-PER", "B-ORG", "I-ORG")
_TRIG = ("person_title", "person_name_part", "speech_verb", "org_head", "place_word", "place_prep")
_SHAPES = ("ar", "lat", "dig", "punc", "mix")
N_LEX = len(_MARKS) + 3 + len(_TRIG) + 2 + len(_SHAPES)
MAX_CHARS = 16


def lexical(words: list[str]) -> np.ndarray:
    """Indicator features ``(len(words), N_LEX)`` of a sentence."""
    infos = [word_info(w) for w in words]
    marks = phrase_marks(infos)
    x = np.zeros((len(words), N_LEX), dtype=np.float32)
    for i, (inf, m) in enumerate(zip(infos, marks)):
        if m:
            x[i, _MARKS.index(m)] = 1
        own = inf.own
        for f in own:
            if f.startswith("g1="):
                x[i, 6 + ("LOC", "PER", "ORG").index(f[3:])] = 1
            elif f.startswith("t="):
                x[i, 9 + _TRIG.index(f[2:])] = 1
            elif f.startswith("p="):
                x[i, 15] = 1
            elif f == "art":
                x[i, 16] = 1
            elif f.startswith("sh="):
                x[i, 17 + _SHAPES.index(f[3:])] = 1
    return x


class Vocab:
    """Word and character indices (0 = padding, 1 = unknown)."""

    def __init__(self, words: list[str], chars: list[str]):
        self.words = list(words)
        self.chars = list(chars)
        self.w = {w: i + 2 for i, w in enumerate(self.words)}
        self.c = {c: i + 2 for i, c in enumerate(self.chars)}

    def word_ids(self, words: list[str]) -> np.ndarray:
        out = []
        for w in words:
            inf = word_info(w)
            out.append(self.w.get(inf.norm) or self.w.get(inf.stem) or 1)
        return np.array(out, dtype=np.int64)

    def char_ids(self, words: list[str]) -> np.ndarray:
        out = np.zeros((len(words), MAX_CHARS), dtype=np.int64)
        for i, w in enumerate(words):
            norm = word_info(w).norm[:MAX_CHARS]
            for j, ch in enumerate(norm):
                out[i, j] = self.c.get(ch, 1)
        return out


# ------------------------------------------------------------ numpy inference

def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class NumpyBiLstmCrf:
    """Inference of an exported BiLSTM-CRF in numpy."""

    def __init__(self, params: dict[str, np.ndarray], vocab: Vocab):
        self.p = {k: v.astype(np.float32) for k, v in params.items()}
        self.vocab = vocab

    @classmethod
    def load(cls, path: Path) -> "NumpyBiLstmCrf":
        data = np.load(path, allow_pickle=False)
        vocab = Vocab(list(data["vocab_words"]), list(data["vocab_chars"]))
        params = {k[2:]: data[k] for k in data.files if k.startswith("p.")}
        return cls(params, vocab)

    def _lstm(self, x: np.ndarray, suffix: str) -> np.ndarray:
        p = self.p
        w_ih, w_hh = p["lstm.weight_ih_l0" + suffix], p["lstm.weight_hh_l0" + suffix]
        b = p["lstm.bias_ih_l0" + suffix] + p["lstm.bias_hh_l0" + suffix]
        hsz = w_hh.shape[1]
        gates_x = x @ w_ih.T + b
        h = np.zeros(hsz, dtype=np.float32)
        c = np.zeros(hsz, dtype=np.float32)
        out = np.empty((len(x), hsz), dtype=np.float32)
        for t in range(len(x)):
            g = gates_x[t] + w_hh @ h
            i, f, gg, o = (_sigmoid(g[:hsz]), _sigmoid(g[hsz:2 * hsz]),
                           np.tanh(g[2 * hsz:3 * hsz]), _sigmoid(g[3 * hsz:]))
            c = f * c + i * gg
            h = o * np.tanh(c)
            out[t] = h
        return out

    def emissions(self, words: list[str]) -> np.ndarray:
        p = self.p
        wid = self.vocab.word_ids(words)
        cid = self.vocab.char_ids(words)
        we = p["word_emb.weight"][wid]
        ce = p["char_emb.weight"][cid]                       # (n, L, dc)
        k = p["char_cnn.weight"]                             # (F, dc, 3)
        pad = np.pad(ce, ((0, 0), (1, 1), (0, 0)))
        windows = np.stack([pad[:, j:j + MAX_CHARS] for j in range(3)], axis=-1)  # (n,L,dc,3)
        conv = np.einsum("nldk,fdk->nlf", windows, k) + p["char_cnn.bias"]
        cf = np.maximum(conv, 0).max(axis=1)
        x = np.concatenate([we, cf, lexical(words)], axis=1)
        fw = self._lstm(x, "")
        bw = self._lstm(x[::-1], "_reverse")[::-1]
        h = np.concatenate([fw, bw], axis=1)
        return h @ p["out.weight"].T + p["out.bias"]

    def viterbi(self, em: np.ndarray) -> list[int]:
        p = self.p
        trans, start, end = p["crf.trans"], p["crf.start"], p["crf.end"]
        score = start + em[0]
        back = []
        for t in range(1, len(em)):
            s = score[:, None] + trans
            back.append(s.argmax(axis=0))
            score = s.max(axis=0) + em[t]
        score = score + end
        best = [int(score.argmax())]
        for bp in reversed(back):
            best.append(int(bp[best[-1]]))
        return best[::-1]

    def tag(self, words: list[str]) -> list[str]:
        if not words:
            return []
        return [TAGS[i] for i in self.viterbi(self.emissions(words))]


# ------------------------------------------------------------- training

def _torch_model(vocab: Vocab, emb: np.ndarray, *, hidden: int, char_dim: int, filters: int):
    import torch
    from torch import nn

    class BiLstmCrf(nn.Module):
        def __init__(self):
            super().__init__()
            self.word_emb = nn.Embedding(emb.shape[0], emb.shape[1], padding_idx=0)
            self.word_emb.weight.data.copy_(torch.from_numpy(emb))
            self.char_emb = nn.Embedding(len(vocab.chars) + 2, char_dim, padding_idx=0)
            self.char_cnn = nn.Conv1d(char_dim, filters, 3, padding=1)
            self.drop = nn.Dropout(0.4)
            self.lstm = nn.LSTM(emb.shape[1] + filters + N_LEX, hidden,
                                batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, len(TAGS))
            self.crf = nn.Module()
            self.crf.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.crf.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.crf.end = nn.Parameter(torch.zeros(len(TAGS)))

        def emissions(self, wid, cid, lex):
            b, n = wid.shape
            ce = self.char_emb(cid.view(b * n, -1)).transpose(1, 2)
            cf = torch.relu(self.char_cnn(ce)).max(dim=2).values.view(b, n, -1)
            x = torch.cat([self.word_emb(wid), cf, lex], dim=2)
            h, _ = self.lstm(self.drop(x))
            return self.out(self.drop(h))

        def nll(self, em, tags, mask):
            # log partition by the forward algorithm, minus the gold path score
            b, n, k = em.shape
            alpha = self.crf.start + em[:, 0]
            gold = self.crf.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
            for t in range(1, n):
                m = mask[:, t].unsqueeze(1)
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.crf.trans, dim=1) + em[:, t]
                alpha = torch.where(m, nxt, alpha)
                step = self.crf.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(
                    1, tags[:, t:t + 1]).squeeze(1)
                gold = gold + step * mask[:, t]
            last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
            gold = gold + self.crf.end[last]
            logz = torch.logsumexp(alpha + self.crf.end, dim=1)
            return (logz - gold).sum()

    return BiLstmCrf()


def train_bilstm(sentences, out: Path, *, shared: Path, embeddings: str | None = None,
                 epochs: int = 8, hidden: int = 128, char_dim: int = 32, filters: int = 48,
                 batch: int = 32, lr: float = 2e-3, chunk: int = 60, seed: int = 0, verbose: bool = True) -> Path:
    """Train on ``sentences`` and export the weights to ``out`` (``.npz``)."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = np.random.default_rng(seed)
    emb_path = Path(embeddings) if embeddings else (
        Path(__file__).resolve().parents[3] / "artifacts" / "ner" / "embeddings.npz")
    data = np.load(emb_path)
    words = [str(w) for w in data["words"]]
    vec = data["vectors"].astype(np.float32)
    chars = sorted({ch for s in sentences for w in s.words for ch in word_info(w).norm})
    vocab = Vocab(words, chars)
    emb = np.concatenate([np.zeros((2, vec.shape[1]), np.float32), vec], axis=0)
    model = _torch_model(vocab, emb, hidden=hidden, char_dim=char_dim, filters=filters)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    tag_ix = {t: i for i, t in enumerate(TAGS)}
    enc = []
    for s in sentences:
        ws = list(s.words)
        x = (vocab.word_ids(ws), vocab.char_ids(ws), lexical(ws),
             np.array([tag_ix[t] for t in restrict(s.tags)], dtype=np.int64))
        # long sentences are trained in chunks (the CRF loop is per position)
        for k in range(0, len(ws), chunk):
            enc.append(tuple(a[k:k + chunk] for a in x))
    order = np.argsort([len(e[0]) for e in enc], kind="stable")
    batches = [order[i:i + batch] for i in range(0, len(order), batch)]
    t0 = time.perf_counter()
    for ep in range(epochs):
        model.train()
        total = 0.0
        for bi in rng.permutation(len(batches)):
            idx = batches[bi]
            n = max(len(enc[i][0]) for i in idx)
            b = len(idx)
            wid = torch.zeros(b, n, dtype=torch.long)
            cid = torch.zeros(b, n, MAX_CHARS, dtype=torch.long)
            lex = torch.zeros(b, n, N_LEX)
            tags = torch.zeros(b, n, dtype=torch.long)
            mask = torch.zeros(b, n, dtype=torch.bool)
            for r, i in enumerate(idx):
                w, c, x, t = enc[i]
                k = len(w)
                wid[r, :k] = torch.from_numpy(w)
                cid[r, :k] = torch.from_numpy(c)
                lex[r, :k] = torch.from_numpy(x)
                tags[r, :k] = torch.from_numpy(t)
                mask[r, :k] = True
            loss = model.nll(model.emissions(wid, cid, lex), tags, mask) / b
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss.detach()) * b
        if verbose:
            print(f"epoch {ep + 1}: loss {total / len(enc):.3f} ({time.perf_counter() - t0:.0f}s)",
                  flush=True)
    return export(model, vocab, out)


def export(model, vocab: Vocab, out: Path) -> Path:
    """Write a trained torch model's weights and vocabulary to ``.npz``."""
    params = {"p." + k: v.detach().cpu().numpy().astype(np.float32)
              for k, v in model.state_dict().items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, vocab_words=np.array(vocab.words), vocab_chars=np.array(vocab.chars),
                        **params)
    return out
