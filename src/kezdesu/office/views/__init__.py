"""The staff back office: small view modules, each calling domain functions and named queries."""
