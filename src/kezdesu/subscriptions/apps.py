from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "kezdesu.subscriptions"
    verbose_name = _("Subscriptions: following a region, a ministry or a visit by e-mail and feeds")

    def ready(self) -> None:
        # Meetings and the follow-up tell what they publish through their signals; they never import this app.
        from kezdesu.followup.signals import progress_report_published, results_published
        from kezdesu.meetings.signals import visit_announced, visit_changed
        from kezdesu.subscriptions import receivers

        visit_announced.connect(receivers.on_visit_announced, dispatch_uid="subscriptions.visit_announced")
        visit_changed.connect(receivers.on_visit_changed, dispatch_uid="subscriptions.visit_changed")
        results_published.connect(receivers.on_results_published, dispatch_uid="subscriptions.results_published")
        progress_report_published.connect(
            receivers.on_progress_report_published, dispatch_uid="subscriptions.progress_report_published"
        )
