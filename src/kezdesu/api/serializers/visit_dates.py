"""The vote on a visit's date (R9): the options with their counts once visible, and the writes."""

from typing import Any

from rest_framework import serializers


class DistrictRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DateOptionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField(help_text="Start, with the Almaty offset (+05:00).")
    ends_at = serializers.DateTimeField()
    is_chosen = serializers.BooleanField(help_text="The date the ministry fixed.")
    votes = serializers.IntegerField(allow_null=True, help_text="Null while the counts are not visible to you.")
    percent = serializers.IntegerField(allow_null=True, help_text="Share of all votes, rounded; null when hidden.")


class DistrictVotesSerializer(serializers.Serializer[Any]):
    district = DistrictRefSerializer(allow_null=True, help_text="Null: the voters did not say.")
    votes = serializers.IntegerField()
    by_option = serializers.ListField(
        child=serializers.IntegerField(), help_text="Votes per option, in the order of `options`."
    )


class MyVoteSerializer(serializers.Serializer[Any]):
    option = serializers.IntegerField()
    district = serializers.IntegerField(allow_null=True)


class DateVoteSerializer(serializers.Serializer[Any]):
    visit = serializers.IntegerField()
    state = serializers.ChoiceField(
        choices=["not_opened", "open", "closed", "fixed"],
        help_text="not_opened, open (residents may vote), closed (awaiting the ministry) or fixed.",
    )
    vote_closes_at = serializers.DateTimeField(allow_null=True)
    date_fixed_at = serializers.DateTimeField(allow_null=True)
    results_visible = serializers.BooleanField(
        help_text="Counts are shown once you have voted (your cookie), when voting closes, and to the visit's staff."
    )
    total = serializers.IntegerField(allow_null=True)
    options = DateOptionSerializer(many=True)
    districts = DistrictVotesSerializer(many=True, allow_null=True)
    my_vote = MyVoteSerializer(allow_null=True, help_text="Your vote, when the request carries your voter cookie.")


class CastVoteSerializer(serializers.Serializer[Any]):
    option = serializers.IntegerField(help_text="The id of one of the visit's options.")
    district = serializers.IntegerField(
        required=False, allow_null=True, help_text="Your district or town of the visit's region (optional)."
    )


class AddDateOptionSerializer(serializers.Serializer[Any]):
    starts_at = serializers.DateTimeField(help_text="Without an offset, Astana time is assumed.")
    ends_at = serializers.DateTimeField(help_text="The same day as the start.")


class OpenVoteSerializer(serializers.Serializer[Any]):
    closes_at = serializers.DateTimeField(help_text="Before the earliest option; without an offset, Astana time.")


class FixedDateSerializer(serializers.Serializer[Any]):
    option = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    schedule = serializers.ChoiceField(
        choices=["amended", "pending", "draft_only", "blocked", "not_found", "unchanged"],
        help_text=(
            "amended: a new version of the schedule is frozen; pending: the change waits in the working draft "
            "for the coordinator's amendment; draft_only: no approved schedule yet; blocked: the draft is with "
            "the Government, the coordinator is told; not_found: the visit carries out no schedule item; "
            "unchanged: the schedule already has the dates chosen."
        ),
    )
    version = serializers.IntegerField(allow_null=True, help_text="The number of the new version, when amended.")
