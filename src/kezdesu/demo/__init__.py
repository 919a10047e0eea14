"""The demo: accounts for every role and a plausible year of activity (`manage.py load_demo`).

Every demo person is marked in their name and by `User.is_demo`; they share one password.
"""
