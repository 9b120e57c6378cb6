"""Error types that carry the offending file and a one-line reason."""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class: every error the suite raises for bad input or bad parameters."""

    def __init__(self, reason: str, file: str | None = None):
        self.reason = reason
        self.file = None if file is None else str(file)
        super().__init__(str(self))

    def __reduce__(self):
        # Keep the file and the reason when an error crosses a process boundary (Dask workers).
        return (type(self), (self.reason, self.file))

    def __str__(self) -> str:
        kind = type(self).__name__
        return f"{kind}: {self.file}: {self.reason}" if self.file else f"{kind}: {self.reason}"


class SourceError(AnalysisError):
    """A source file that cannot be read as article text (missing, empty, binary, ...)."""


class ManifestError(AnalysisError):
    """The manifest and the files of a sources folder disagree, or the manifest is malformed."""


class TableError(AnalysisError):
    """A markdown table that cannot be turned into a frame."""


class ModelError(AnalysisError, ValueError):
    """Parameters of a what-if model that make no sense (negative fleet, shares not summing to 1)."""


class ProcessedDataMissing(AnalysisError, FileNotFoundError):
    """The processed frames have not been built yet."""

    def __str__(self) -> str:
        return AnalysisError.__str__(self)


class FigureError(AnalysisError):
    """A figure that cannot be exported (bad name, unknown figure type, no browser for PNG)."""


class NotebookError(AnalysisError):
    """A notebook that cannot be executed: which one, which cell and what it raised."""
