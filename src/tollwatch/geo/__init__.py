"""Offline geoparsing: the embedded gazetteer, toponyms and their resolution."""
