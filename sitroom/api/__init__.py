"""The REST API and web page of ``sitroom serve``."""

from sitroom.api.app import ApiConfig, create_app

__all__ = ["ApiConfig", "create_app"]
