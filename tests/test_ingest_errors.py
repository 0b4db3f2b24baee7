"""Ingest: encodings detected from bytes, and bad input as one clear error line."""

from __future__ import annotations

import codecs
import gzip
import json
import shutil
import subprocess
import sys

import pytest

from rasid.errors import InputError
from rasid.ingest import decode_bytes, read_inputs

TITLE = "الجيش يعلن السيطرة على مدينة سرت"
BODY = ("أعلن الجيش الوطني الليبي يوم الخميس سيطرته الكاملة على مدينة سرت بعد معارك عنيفة "
        "استمرت ثلاثة أيام مع قوات حكومة الوفاق في ضواحي المدينة الجنوبية.")
PAGE = f"{TITLE}\n\n{BODY}\n\nمقالات ذات صلة\n"


# --- encodings ---------------------------------------------------------------

@pytest.mark.parametrize("encoding", [
    "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256",
])
def test_decode_bytes_encodings(encoding):
    data = PAGE.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert decode_bytes(data, name="x.txt") == PAGE


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-be", "cp1256"])
def test_encoded_files_read_the_same(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(PAGE.replace("\n", "\r\n").encode(encoding))
    [doc] = read_inputs([str(path)])
    assert doc.title == TITLE and doc.text == BODY


def test_decode_bytes_crlf_made_lf():
    assert decode_bytes("سطر أول\r\nسطر ثان\r".encode(), name="x") == "سطر أول\nسطر ثان\n"


@pytest.mark.parametrize("data, message", [
    (b"", "x.txt is empty"),
    (b" \n\t\r\n  ", "x.txt is empty"),
    ("\ufeff  \n".encode("utf-8"), "x.txt is empty"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "x.txt looks like a binary file"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", "x.txt looks like a binary file"),
    (bytes(range(256)) * 4, "x.txt looks like a binary file"),
    ("café crème brûlée déjà vu".encode("latin-1"),
     "cannot read x.txt: unknown encoding (expected UTF-8, UTF-16 or Windows-1256)"),
    ("Привет мир, это тест".encode("koi8-r"),
     "cannot read x.txt: unknown encoding (expected UTF-8, UTF-16 or Windows-1256)"),
])
def test_decode_bytes_refuses(data, message):
    with pytest.raises(InputError) as info:
        decode_bytes(data, name="x.txt")
    assert str(info.value) == message


# --- bad input through the CLI: exit 1, one line, no traceback ----------------

def _assert_one_error(res, *fragments):
    assert res.code == 1
    assert res.out == ""
    lines = res.err.splitlines()
    assert len(lines) == 1, res.err
    assert lines[0].startswith("rasid: error: ")
    assert "Traceback" not in res.err and "internal error" not in res.err
    for fragment in fragments:
        assert fragment in lines[0]


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, data, fragment", [
    ("empty.txt", b"", "empty.txt is empty"),
    ("blank.txt", b"  \n \xc2\xa0 \n", "blank.txt is empty"),
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "bin.txt looks like a binary file"),
    ("latin.txt", "déjà vu, ça va très bien".encode("latin-1"),
     "latin.txt: unknown encoding (expected UTF-8, UTF-16 or Windows-1256)"),
    ("english.txt", b"Breaking news\n\nThe army said on Thursday it had taken the city.\n",
     "english.txt has no Arabic text"),
    ("chrome.txt", "مقالات ذات صلة\nزر الذهاب إلى الأعلى\nجميع الحقوق محفوظة لصحيفة الأخبار اليومية\n"
     .encode(), "chrome.txt"),
    ("nobody.html", b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav>"
     b"<script>var a = 1;</script></body></html>", "no article text found in"),
    ("en.html", b"<html><body><article><p>The army said on Thursday that it had taken the city "
     b"after three days of heavy fighting in the southern suburbs.</p></article></body></html>",
     "en.html has no Arabic text"),
    ("bad.jsonl", b'{"id": "1", "text": "\xd9\x86\xd8\xb5"}\n{oops\n', "bad.jsonl line 1 has no Arabic text"),
    ("bad2.jsonl", ('{"id": "1", "text": "%s"}\n{oops\n' % BODY).encode(), "bad2.jsonl line 2: not valid JSON"),
    ("notext.jsonl", b'{"id": "1", "title": "x"}\n', "notext.jsonl line 1: record has no text or html"),
    ("empty.jsonl", b"\n\n", "empty.jsonl is empty"),
    ("notgz.jsonl.gz", b"\x1f\x8bnot really gzip at all", "not a valid gzip file"),
])
def test_cli_bad_input_one_error_line(run_cli, tmp_path, name, data, fragment):
    path = _write(tmp_path, name, data)
    _assert_one_error(run_cli("analyze", path), fragment)


def test_cli_chrome_only_page_names_no_article(run_cli, tmp_path):
    path = _write(tmp_path, "c.txt", "عنوان الخبر هنا\nمقالات ذات صلة\nزر الذهاب إلى الأعلى\n".encode())
    _assert_one_error(run_cli("analyze", path), "c.txt")


def test_cli_missing_file(run_cli, tmp_path):
    _assert_one_error(run_cli("analyze", tmp_path / "nope.txt"), "nope.txt: no such file or directory")


def test_cli_directory_without_inputs(run_cli, tmp_path):
    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    _assert_one_error(run_cli("analyze", tmp_path), "has no input files")


def test_cli_too_large_refused_by_size(run_cli, tmp_path):
    from rasid import settings

    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # a sparse 50 MB file: refused by stat, never read
        fh.truncate(50_000_000)
    assert settings.get("input", "max_file_bytes") < 50_000_000
    _assert_one_error(run_cli("analyze", path), "huge.txt is too large", "50.0 MB")


def test_cli_stdin_errors(run_cli):
    _assert_one_error(run_cli("analyze", "-", stdin=b""), "standard input is empty")
    _assert_one_error(run_cli("analyze", "-", stdin=b"just some english words here\n"),
                      "standard input has no Arabic text")


def test_cli_stdin_windows_1256(run_cli):
    res = run_cli("analyze", "-", stdin=PAGE.encode("cp1256"))
    assert res.code == 0, res.err
    assert res.json()["title"] == TITLE


def test_cli_bad_jsonl_gz_record(run_cli, tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "1", "text": "\xd9\x86\xd8\xb5 \xd9\x86\xd8\xb5"}\n'))
    _assert_one_error(run_cli("analyze", path), "a.jsonl.gz line 1")


def test_cli_first_bad_input_fails_before_output(run_cli, tmp_path):
    good = _write(tmp_path, "good.txt", PAGE.encode())
    bad = _write(tmp_path, "bad.txt", b"")
    _assert_one_error(run_cli("analyze", good, bad), "bad.txt is empty")


def test_read_inputs_bad_published_option():
    with pytest.raises(InputError, match="--published"):
        list(read_inputs(["-"], published="yesterday"))


def test_console_script_bad_input(tmp_path):
    exe = shutil.which("rasid")
    cmd = [exe] if exe else [sys.executable, "-m", "rasid.cli"]
    path = _write(tmp_path, "empty.txt", b"")
    proc = subprocess.run([*cmd, "analyze", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [f"rasid: error: {path} is empty"]


def test_console_script_reads_jsonl(tmp_path):
    exe = shutil.which("rasid")
    cmd = [exe] if exe else [sys.executable, "-m", "rasid.cli"]
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": BODY, "published": "2019-05-09"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    proc = subprocess.run([*cmd, "analyze", "--format", "jsonl", str(path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["id"] == "r1" and out["published"] == "2019-05-09" and out["text"] == BODY
