"""sergi/go-diff as its README shows it: diff two texts, print them coloured."""

from libs import diffmatchpatch

dmp = diffmatchpatch.New()
diffs = dmp.DiffMain("Lorem ipsum dolor.", "Lorem dolor sit amet.", False)
pretty: str = dmp.DiffPrettyText(diffs)
distance: int = dmp.DiffLevenshtein(diffs)
patches = dmp.PatchMake("Lorem ipsum dolor.", "Lorem dolor sit amet.")
patched: str = dmp.PatchToText(patches)
