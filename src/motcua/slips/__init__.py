"""The official slips (mẫu 01–07 of TT 03/2025/TT-VPCP), built from dossiers and printed."""

from motcua.slips._base import Office, Slip
from motcua.slips._letters import ApologyLetter, Refusal, StopNotice, SupplementRequest
from motcua.slips._receipt import Receipt, ReceiptDocument
from motcua.slips._render import render_html, render_text
from motcua.slips._sheets import ControlSheet, ControlSheetRow, Register, RegisterRow

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
    "Slip",
    "StopNotice",
    "SupplementRequest",
    "render_html",
    "render_text",
]
