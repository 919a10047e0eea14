"""The shape of an error answer, for the schema."""

from typing import Any

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField(help_text="What went wrong, translated into the request's language.")
    code = serializers.CharField(required=False, help_text="A stable code for the refusal, where there is one.")
