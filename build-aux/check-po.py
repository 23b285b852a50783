#!/usr/bin/env python3
"""Checks the translations against the sources as they are now.

  check-po.py SRCDIR

Fails when a file with translatable strings is missing from po/POTFILES.in,
when POTFILES.in names a file that does not exist, or when a language in
po/LINGUAS has an untranslated or fuzzy string (after merging with a
template extracted from the current sources, so a stale .po is caught too).
"""
import os
import re
import subprocess
import sys
import tempfile

MARKERS = {
    '.c': re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"'),
    '.ui': re.compile(r'translatable="yes"'),
}
DATA_MARKERS = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')

# The same keywords as meson's i18n 'glib' preset.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]


def listed_files(srcdir):
    with open(os.path.join(srcdir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]


def needs_translation(srcdir, rel):
    path = os.path.join(srcdir, rel)
    if any(m in rel for m in DATA_MARKERS):
        return True
    for ext, marker in MARKERS.items():
        if rel.endswith(ext):
            with open(path, encoding='utf-8') as f:
                return bool(marker.search(f.read()))
    return False


def entry_ids(po_text):
    """The msgids of a .po text, multi-line ones joined, the header left out."""
    ids = []
    for entry in po_text.split('\n\n'):
        m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if m:
            msgid = ''.join(re.findall(r'"(.*)"', m.group(1)))
            if msgid:
                ids.append(msgid)
    return ids


def main():
    srcdir = sys.argv[1]
    problems = []
    listed = listed_files(srcdir)

    for rel in listed:
        if not os.path.exists(os.path.join(srcdir, rel)):
            problems.append(f'POTFILES.in lists {rel}, which does not exist')

    for top in ('src', 'data'):
        for dirpath, _, names in os.walk(os.path.join(srcdir, top)):
            for name in names:
                rel = os.path.relpath(os.path.join(dirpath, name), srcdir)
                if rel not in listed and needs_translation(srcdir, rel):
                    problems.append(f'{rel} has translatable strings but is not in po/POTFILES.in')

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'pkio-order.pot')
        subprocess.run(['xgettext', '--package-name=pkio-order', '-o', pot,
                        '--directory', srcdir, '--files-from',
                        os.path.join(srcdir, 'po', 'POTFILES.in')] + XGETTEXT_ARGS,
                       check=True, env=dict(os.environ, GETTEXTDATADIRS=os.path.join(srcdir, 'po')))
        with open(os.path.join(srcdir, 'po', 'LINGUAS'), encoding='utf-8') as f:
            langs = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        for lang in langs:
            merged = os.path.join(tmp, lang + '.po')
            subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                            os.path.join(srcdir, 'po', lang + '.po'), pot], check=True)
            for flag, what in (('--untranslated', 'untranslated'), ('--only-fuzzy', 'fuzzy')):
                out = subprocess.run(['msgattrib', flag, '--no-obsolete', '--no-wrap', merged],
                                     check=True, capture_output=True, text=True).stdout
                for msgid in entry_ids(out):
                    problems.append(f'{lang}.po: {what}: "{msgid}"')
            # msgfmt --check catches broken format strings and headers.
            subprocess.run(['msgfmt', '--check', '-o', os.devnull,
                            os.path.join(srcdir, 'po', lang + '.po')], check=True)

    for p in problems:
        print(p)
    print(f'{len(problems)} translation problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
