"""Progress for a terminal (bars per running figure and overall) or plain log lines otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total, self.done = total, 0
        self.running: dict[str, float] = {}
        self._drawn_lines = 0
        self._last = 0.0

    @staticmethod
    def _bar(fraction: float, width: int = 24) -> str:
        filled = int(round(max(0.0, min(1.0, fraction)) * width))
        return "█" * filled + "░" * (width - filled)

    def start(self, figure_id: str) -> None:
        self.running[figure_id] = 0.0
        if self.tty:
            self._render(force=True)
        else:
            self._line(f"{figure_id}: building …")

    def update(self, figure_id: str, fraction: float) -> None:
        if figure_id in self.running:
            self.running[figure_id] = fraction
            if self.tty:
                self._render()

    def finish(self, figure_id: str, status: str, seconds: float) -> None:
        self.running.pop(figure_id, None)
        self.done += 1
        message = f"[{self.done}/{self.total}] {figure_id}: {status} in {seconds:.1f} s"
        if self.tty:
            self._clear()
            self._line(message)
            self._render(force=True)
        else:
            self._line(message)

    def close(self) -> None:
        if self.tty:
            self._clear()

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def _clear(self) -> None:
        if self._drawn_lines:
            self.stream.write("\x1b[1A\x1b[2K" * self._drawn_lines)
            self._drawn_lines = 0

    def _render(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        self._clear()
        lines = [f"  {fid:<26} {self._bar(f)} {f * 100:5.1f}%" for fid, f in self.running.items()]
        overall = self.done / self.total if self.total else 1.0
        lines.append(f"  {'all figures':<26} {self._bar(overall)} {self.done}/{self.total}")
        self.stream.write("\n".join(lines) + "\n")
        self.stream.flush()
        self._drawn_lines = len(lines)
