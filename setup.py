"""Build hook: compile the translation catalogues and ship the resources.

``translations/*.po`` become ``recoveryplan/locale/<lang>/LC_MESSAGES/
recoveryplan.mo`` and the top-level ``resources/`` folder is copied into the
package as ``recoveryplan/_resources``, so an installed app has both.
An editable install (``pip install -e .``) runs the package from the source
folder, so there the catalogues are compiled into the source folder's
``recoveryplan/locale`` (ignored by git) and ``resources/`` is used in place.
Everything else lives in pyproject.toml.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        from recoveryplan.catalogues import compile_catalogues  # no Qt, Babel only

        if getattr(self, "editable_mode", False):
            compile_catalogues(HERE / "translations", HERE / "recoveryplan" / "locale")
            return
        package = Path(self.build_lib) / "recoveryplan"
        compile_catalogues(HERE / "translations", package / "locale")
        target = package / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(HERE / "resources", target)


setup(cmdclass={"build_py": BuildWithCatalogues})
