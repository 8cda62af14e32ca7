"""gosimple/slug as its README shows it."""

from libs import slug

text: str = slug.Make("Hellö Wörld хелло ворлд")
german: str = slug.MakeLang("Diese & Dass", "de")
ok: bool = slug.IsSlug(text)
