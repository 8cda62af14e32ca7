"""dustin/go-humanize as its README shows it."""

from datetime import datetime, timedelta, timezone

from libs import humanize

size: str = humanize.Bytes(82854982)
parsed: int = humanize.ParseBytes("42 MB")
then = datetime.now(timezone.utc) - timedelta(hours=3)
ago: str = humanize.Time(then)
ordinal: str = humanize.Ordinal(3)
comma: str = humanize.Comma(6582491)
si: str = humanize.SI(0.00000000223, "M")
