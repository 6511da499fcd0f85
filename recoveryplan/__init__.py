"""Recovery Plan: a personal recovery plan that the person owns."""

__version__ = "0.1.0"
