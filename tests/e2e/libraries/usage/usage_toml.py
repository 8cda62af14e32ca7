"""BurntSushi/toml as its README shows it: decode a document into a value, encode one."""

from typing import Any

from libs import toml

config = toml.GoRef({})  # Go's &config: the out-parameter Decode fills
meta = toml.Decode('title = "TOML"\n[owner]\nname = "Tom"\n', config)
title: Any = config.value["title"]
keys = [".".join(key) for key in meta.Keys()]
encoded: bytes = toml.Marshal({"title": "TOML", "owner": {"name": "Tom"}})
