from kezdesu.subscriptions.models.news import NewsItem, SentNotice
from kezdesu.subscriptions.models.subscriptions import Subscription

__all__ = ["NewsItem", "SentNotice", "Subscription"]
