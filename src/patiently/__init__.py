"""patiently: analyse, score and coach patience in IT support conversations, offline."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ConfigError, InputError, ModelError, PatientlyError, PluginError, RecordError
from .model import Conversation, Finding, Message, Span

__all__ = [
    "ConfigError",
    "Conversation",
    "Finding",
    "InputError",
    "Message",
    "ModelError",
    "PatientlyError",
    "PluginError",
    "RecordError",
    "Span",
    "__version__",
]
