"""The default engine parses articles a batch at a time; each article's frames must be what
parsing it alone gives, row for row and in manifest order."""

from __future__ import annotations

import pandas as pd

from analysis.frames import build
from benchmarks.make_corpus import make_corpus


def test_batched_frames_are_each_articles_own(tmp_path):
    folder = tmp_path / "corpus"
    make_corpus(build.BATCH + 5, folder, seed=1)  # one full batch and a short one
    entries = build.tasks(folder, keep_going=False, skipped=[])
    batched = list(build.run(entries, folder, keep_going=False, skipped=[],
                             on_warning=lambda err: None, progress=False))
    assert len(batched) == len(entries)
    for entry, got in zip(entries, batched, strict=True):
        alone = build.process(entry, folder)
        for name in build.FRAMES:
            pd.testing.assert_frame_equal(got[name].reset_index(drop=True),
                                          alone[name].reset_index(drop=True), obj=name)
        assert got["articles"]["id"].tolist() == [entry.id]
