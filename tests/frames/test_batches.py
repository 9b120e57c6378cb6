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


def test_checks_streamed_per_batch_equal_checks_of_the_whole_corpus(tmp_path):
    # The build computes the fact-check batch by batch as the frames stream (so memory does
    # not grow with the corpus); its rows must be those of one pass over the whole corpus.
    from analysis.evidence import facts

    folder = tmp_path / "corpus"
    make_corpus(2 * build.BATCH + 3, folder, seed=2)  # two full batches and a short one
    out = tmp_path / "out"
    result = build.build(folder, out, derived={"checks": facts.checks_of})
    streamed = pd.read_parquet(out / "checks.parquet")
    whole = facts.checks_of({name: pd.read_parquet(out / f"{name}.parquet")
                             for name in ("articles", "statements", "events")})
    assert result.counts["checks"] == len(whole) > 0
    assert streamed["article"].nunique() > build.BATCH
    pd.testing.assert_frame_equal(streamed, whole)
    csv = pd.read_csv(out / "checks.csv")
    assert len(csv) == len(whole) and csv["statement"].tolist() == whole["statement"].tolist()


def test_the_build_lets_go_of_each_manifest_entry_once_its_file_is_read(tmp_path):
    # A build of N files holds the entries not yet read, not all N to the end: the list the
    # build reads from shrinks as the batches go out, and the batches are the same.
    folder = tmp_path / "corpus"
    make_corpus(build.BATCH + 5, folder, seed=3)
    entries = build.tasks(folder, keep_going=False, skipped=[])
    expected = [[e.id for e in entries[:build.BATCH]], [e.id for e in entries[build.BATCH:]]]
    pending = list(entries)
    left, ids = [], []
    for batch_ids, _ in build.run_batches(build.drained(pending), folder, keep_going=False,
                                          skipped=[], on_warning=lambda err: None,
                                          progress=False, total=len(pending)):
        left.append(len(pending))
        ids.append(batch_ids)
    assert ids == expected
    assert left == [5, 0]
