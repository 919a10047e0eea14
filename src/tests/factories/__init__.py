"""Shared factory_boy factories, one module per app."""
