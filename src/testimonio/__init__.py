"""Testimonio: offline, encrypted structured interviews for field research."""

__version__ = "0.1.0"
