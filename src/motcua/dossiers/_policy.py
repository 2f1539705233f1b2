"""The clock's policy: the choices the law leaves open, each default with its basis."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ClockPolicy"]


class ClockPolicy(BaseModel):
    """Choices the law leaves open or sector laws decide; each default has its basis.

    Attributes:
        restart_on_supplement: Restart the whole time limit when a supplement arrives
            instead of resuming the remaining time. Default False: time already used
            still counts (NĐ 61/2018 and NĐ 107/2021 practice, kept by one-stop systems;
            some sector laws restart: set True for those procedures).
        payment_wait_counts: Count the wait for a financial obligation (tax, fees) toward
            the limit. Default False: land procedures exclude it (NĐ 101/2024, NĐ 151/2025).
        supplements_per_agency: Written supplement requests allowed per agency during
            processing. Default 1 (NĐ 107/2021; not re-read in NĐ 118/2025).
        max_extensions: Apology-and-extension letters allowed. Default 1 (TT 01/2018
            practice; motcua's policy where the current text is silent).
        extend_after_due: Allow an extension after the due time. Default False: the
            apology must be sent no later than one working day before the due time.
        late_step_makes_late: A late step makes the whole dossier late. Default True
            (the control sheet, Phiếu kiểm soát, TT 01/2018).
        max_days_past_due: An action dated more than this many days after the dossier's
            appointment (or, before the clock starts, after its last event) is refused as
            implausible — a typo year would otherwise be recorded and make every later
            real action "before the last event". Default 1,830 (five years: an
            uncollected result may wait at the desk for years, a decade-late action is a
            typo). At most 36,600 (a century). motcua's policy; no text sets a limit.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    restart_on_supplement: bool = False
    payment_wait_counts: bool = False
    supplements_per_agency: int = Field(default=1, ge=0, le=100, strict=True)
    max_extensions: int = Field(default=1, ge=0, le=100, strict=True)
    extend_after_due: bool = False
    late_step_makes_late: bool = True
    max_days_past_due: int = Field(default=1830, ge=1, le=36_600, strict=True)
