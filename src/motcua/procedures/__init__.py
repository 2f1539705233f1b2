"""Administrative procedures: typed, sourced records, a catalog, and search."""

from motcua.procedures._catalog import Catalog
from motcua.procedures._fees import (
    Fee,
    FixedFee,
    FreeFee,
    PageTier,
    PerPageFee,
    PerUnitFee,
    ProvincialFee,
)
from motcua.procedures._models import OverrideRecord, Procedure
from motcua.procedures._parts import (
    Channel,
    ChannelOption,
    ClockStart,
    Document,
    DocumentGroup,
    Extension,
    ExtensionKind,
    Level,
    OnlineLevel,
    ProcedureCase,
    Step,
)
from motcua.procedures._provenance import FieldSource, Provenance
from motcua.procedures._search import SearchHit

__all__ = [
    "Catalog",
    "Channel",
    "ChannelOption",
    "ClockStart",
    "Document",
    "DocumentGroup",
    "Extension",
    "ExtensionKind",
    "Fee",
    "FieldSource",
    "FixedFee",
    "FreeFee",
    "Level",
    "OnlineLevel",
    "OverrideRecord",
    "PageTier",
    "PerPageFee",
    "PerUnitFee",
    "Procedure",
    "ProcedureCase",
    "Provenance",
    "ProvincialFee",
    "SearchHit",
    "Step",
]
