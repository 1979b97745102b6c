"""The package version, in a module of its own: the PDF builder names it as the generator, and
importing the package's `__init__` for it would import the package's whole surface."""

__version__ = "0.1.0"
