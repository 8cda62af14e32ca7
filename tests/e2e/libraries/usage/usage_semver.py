"""Masterminds/semver as its README shows it: parse, compare, check constraints."""

from libs import semver

v = semver.NewVersion("1.2.3-beta.1+build.345")
major: int = v.Major()
c = semver.NewConstraint(">= 1.2.3")
ok: bool = c.Check(v)
older: bool = v.LessThan(semver.NewVersion("1.3.0"))
valid, reasons = c.Validate(v)
messages = [str(reason) for reason in reasons]
text: str = str(v)
