"""``python -m setuptools_golang_ext COMMAND``: the command line (:mod:`.frontends.cli`)."""

import sys

from setuptools_golang_ext.frontends.cli import main

if __name__ == "__main__":
    sys.exit(main())
