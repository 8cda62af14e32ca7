"""itchyny/gojq as its README shows it: parse a query, run it on a value, iterate the results."""

from typing import Any

from libs import gojq

query = gojq.Parse(".foo | ..")
values: list[Any] = []
iterator = query.Run({"foo": [1, 2, 3]})
while True:
    value, ok = iterator.Next()
    if not ok:
        break
    values.append(value)
code = gojq.Compile(query)
again = code.Run({"foo": 1})
