"""The front ends: how users reach the tool.

* :mod:`.setuptools_ext`: the ``go_extensions`` keyword, the ``pyproject.toml`` tables and the
  setuptools commands (with :mod:`.extension`, the ``GoExtension`` object, and :mod:`.config`);
* :mod:`.build_meta`: the PEP 517 backend (public as ``setuptools_golang_ext.build_meta``);
* :mod:`.cli`: ``python -m setuptools_golang_ext`` (``api``, ``new`` (:mod:`.scaffold`),
  ``doctor`` (:mod:`.doctor`), ``rebuild`` (:mod:`.editable`)).
"""
