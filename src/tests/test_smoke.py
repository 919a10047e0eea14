import pytest


@pytest.mark.django_db
def test_public_home_answers_in_each_language(client):
    for language in ("kk", "ru", "en"):
        assert client.get(f"/{language}/").status_code == 200


def test_openapi_schema_is_served(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
