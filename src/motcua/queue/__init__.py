"""The queue of a one-stop centre (lấy số thứ tự): tickets, counters, priority, statistics.

It needs nothing of dossiers or reports: a ticket links to a dossier only by its code.
The names were first published in :mod:`motcua.reports`, which still re-exports them.
"""

from motcua.queue._queue import Outcome, Priority, Queue, QueueStats, ServiceArea, Ticket

__all__ = ["Outcome", "Priority", "Queue", "QueueStats", "ServiceArea", "Ticket"]
