"""github.com/dustin/go-humanize: the calls of native/humanize.go, through the module."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import ModuleType
from typing import Any

from recorder import Recorder


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    for i, n in enumerate(inputs["sizes"]):
        key = f"s{i}:"
        r.call(key + "Bytes", m.Bytes, n)
        r.call(key + "IBytes", m.IBytes, n)
        r.call(key + "BytesN", m.BytesN, n, 3)
        r.call(key + "BigBytes", m.BigBytes, n)
    for i, n in enumerate(inputs["ints"]):
        key = f"i{i}:"
        r.call(key + "Comma", m.Comma, n)
        r.call(key + "Ordinal", m.Ordinal, n)
        r.call(key + "BigComma", m.BigComma, n * n)
        r.call(key + "FormatInteger", m.FormatInteger, "#.###,", n)
    for i, f in enumerate(inputs["floats"]):
        key = f"f{i}:"
        r.call(key + "Commaf", m.Commaf, f)
        r.call(key + "CommafWithDigits", m.CommafWithDigits, f, 2)
        r.call(key + "Ftoa", m.Ftoa, f)
        r.call(key + "FtoaWithDigits", m.FtoaWithDigits, f, 3)
        r.call(key + "SI", m.SI, f, "B")
        r.call(key + "SIWithDigits", m.SIWithDigits, f, 2, "m")
        r.call(key + "ComputeSI", m.ComputeSI, f)
        r.call(key + "FormatFloat", m.FormatFloat, "#,###.##", f)
    for i, text in enumerate(inputs["texts"]):
        parse(f"t{i}:", m, text, r)
    base = datetime.fromtimestamp(inputs["base"], timezone.utc)
    magnitudes = [
        m.RelTimeMagnitude(D=timedelta(seconds=1), Format="now", DivBy=timedelta(seconds=1)),
        m.RelTimeMagnitude(
            D=timedelta(hours=1), Format="%d minutes %s", DivBy=timedelta(minutes=1)
        ),
        m.RelTimeMagnitude(D=timedelta(hours=48), Format="%d hours %s", DivBy=timedelta(hours=1)),
        m.RelTimeMagnitude(
            D=timedelta(microseconds=(1 << 62) // 1000),
            Format="%d days %s",
            DivBy=timedelta(days=1),
        ),
    ]
    for i, seconds in enumerate(inputs["seconds"]):
        key = f"d{i}:"
        later = base + timedelta(seconds=seconds)
        r.call(key + "RelTime", m.RelTime, base, later, "earlier", "later")
        r.call(key + "CustomRelTime", m.CustomRelTime, base, later, "ago", "ahead", magnitudes)


def parse(key: str, m: ModuleType, text: str, r: Recorder) -> None:
    r.call(key + "ParseBytes", m.ParseBytes, text)
    r.call(key + "ParseBigBytes", lambda: str(m.ParseBigBytes(text)))
    r.call(key + "ParseSI", m.ParseSI, text)
    r.call(key + "ParseCommaf", m.ParseCommaf, text)
    r.call(key + "ParseComma", m.ParseComma, text)
