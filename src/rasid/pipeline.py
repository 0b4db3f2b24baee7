"""Stages and how they are composed.

As in spaCy, a stage is a callable ``Document -> Document`` that declares the
layers it ``reads`` and ``writes``; a :class:`Pipeline` is just an ordered list
of stages, checked so that every layer a stage reads was written before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Protocol, runtime_checkable

from .document import Document

# Layers that exist before any stage runs (set by ingest).
INPUT_LAYERS = frozenset({"text", "title", "source", "url", "published"})


@runtime_checkable
class Stage(Protocol):
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(slots=True)
class FunctionStage:
    """Wrap a plain function ``f(doc) -> None | Document`` as a stage."""

    name: str
    func: Callable[[Document], Document | None]
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> Document:
        out = self.func(doc)
        return doc if out is None else out


def stage(*, name: str, reads: Iterable[str] = (), writes: Iterable[str] = ()):
    """Decorator: declare a function ``Document -> Document|None`` as a stage."""

    def wrap(func: Callable[[Document], Document | None]) -> FunctionStage:
        return FunctionStage(name=name, func=func, reads=tuple(reads), writes=tuple(writes))

    return wrap


@dataclass(slots=True)
class Pipeline:
    stages: list[Stage] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Every layer a stage reads must be an input layer or written earlier."""
        have = set(INPUT_LAYERS)
        for st in self.stages:
            missing = [r for r in st.reads if r not in have]
            if missing:
                raise ValueError(f"stage {st.name!r} reads {missing} before any stage writes them")
            have.update(st.writes)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for st in self.stages:
            doc = st(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The pipeline ``rasid analyze`` runs, built once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        from . import stages

        _DEFAULT = Pipeline(stages.default_stages())
    return _DEFAULT


def analyze(doc: Document) -> Document:
    """Run the default pipeline over one document."""
    return default_pipeline()(doc)
