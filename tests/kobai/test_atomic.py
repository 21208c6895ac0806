import os
import stat

from kobai import atomic


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_files_and_folders_get_ordinary_modes(tmp_path):
    atomic.write_text(tmp_path / "a" / "index.json", "{}")
    assert _mode(tmp_path / "a" / "index.json") == 0o644
    target = tmp_path / "pages"
    tmp = atomic.temp_folder(target)
    atomic.write_text(tmp / "x.md", "x")
    atomic.swap_in(tmp, target)
    assert _mode(target) == 0o755 and (target / "x.md").read_text() == "x"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_replaced_file_is_whole_and_no_temporary_stays(tmp_path):
    path = tmp_path / "f.txt"
    atomic.write_text(path, "old")
    atomic.write_text(path, "new")
    assert path.read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_leftovers_of_a_killed_run_are_swept_by_the_next_writer(tmp_path):
    target = tmp_path / "fig"
    (tmp_path / ".fig.tmp-abc").mkdir()
    (tmp_path / ".fig.old-123").mkdir()
    (tmp_path / ".other.tmp-x").mkdir()
    tmp = atomic.temp_folder(target)
    atomic.swap_in(tmp, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.tmp-x", "fig"]


def test_a_killed_writes_temporary_copy_is_swept_once_it_is_stale(tmp_path):
    import os
    import time

    stale, fresh = tmp_path / ".data.json.k1lled.tmp", tmp_path / ".data.json.wr1ting.tmp"
    other = tmp_path / ".other.json.k1lled.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("half")
    old = time.time() - atomic.STALE_TEMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic.write_text(tmp_path / "data.json", "{}")
    assert not stale.exists()
    assert fresh.exists(), "a young temporary copy may be another process's write in progress"
    assert other.exists(), "only the temporary copies of the file being written"
