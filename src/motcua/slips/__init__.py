"""The official slips (mẫu 01–07 of TT 03/2025/TT-VPCP), built from dossiers and printed."""

from motcua.slips._render import render_html, render_text
from motcua.slips._slips import (
    ApologyLetter,
    ControlSheet,
    ControlSheetRow,
    Office,
    Receipt,
    ReceiptDocument,
    Refusal,
    Register,
    RegisterRow,
    StopNotice,
    SupplementRequest,
)

__all__ = [
    "ApologyLetter",
    "ControlSheet",
    "ControlSheetRow",
    "Office",
    "Receipt",
    "ReceiptDocument",
    "Refusal",
    "Register",
    "RegisterRow",
    "StopNotice",
    "SupplementRequest",
    "render_html",
    "render_text",
]
