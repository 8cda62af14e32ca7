"""tidwall/gjson as its README shows it: get a value by path, then use the Result's methods."""

from libs import gjson

doc = '{"name": {"first": "Janet", "last": "Prichard"}, "age": 47, "friends": ["a", "b"]}'
last: str = gjson.Get(doc, "name.last").String()
age: int = gjson.Get(doc, "age").Int()
exists: bool = gjson.Get(doc, "name.middle").Exists()
friends = [item.String() for item in gjson.Get(doc, "friends").Array()]
nested: str = gjson.Get(doc, "name").Get("first").String()
