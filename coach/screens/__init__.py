"""Screens: they present state and forward user intent; no I/O of their own."""
