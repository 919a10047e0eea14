"""Russian formats where Django's differ from Russian usage; the rest come from Django's own (django.conf.locale.ru)."""

MONTH_DAY_FORMAT = "j E"  # "8 декабря", not Django's "8 Декабрь"
