#!/usr/bin/env python3
"""Checks the Flatpak manifest's structure, since no runtime can be fetched here.

  check-flatpak-manifest.py MANIFEST DESKTOP_FILE METAINFO_FILE

- valid JSON with the keys flatpak-builder needs;
- the app id equals the metainfo <id> and the desktop file's name and Icon;
- finish-args are exactly the ones the README explains, and nothing broader;
- every source is pinned: archives and files by sha256, git by commit; only
  the app itself may come from a local directory.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

EXPECTED_FINISH_ARGS = {
    '--share=network',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--socket=pcsc',
}
APP_MODULE = 'pkio-order'


def main():
    manifest_path, desktop_path, metainfo_path = sys.argv[1:4]
    problems = []

    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)

    for key in ('id', 'runtime', 'runtime-version', 'sdk', 'command', 'finish-args', 'modules'):
        if key not in manifest:
            problems.append(f'missing key "{key}"')

    app_id = manifest.get('id')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    if manifest.get('command') != 'pkio-order':
        problems.append('command must be pkio-order')

    metainfo_id = ET.parse(metainfo_path).getroot().findtext('id')
    if metainfo_id != app_id:
        problems.append(f'app id {app_id} differs from the metainfo id {metainfo_id}')
    desktop_name = os.path.basename(desktop_path)
    if desktop_name != f'{app_id}.desktop':
        problems.append(f'desktop file {desktop_name} is not named after {app_id}')
    with open(desktop_path, encoding='utf-8') as f:
        icon = [l.split('=', 1)[1].strip() for l in f if l.startswith('Icon=')]
    if icon != [app_id]:
        problems.append(f'desktop Icon {icon} is not {app_id}')

    finish_args = manifest.get('finish-args', [])
    if len(finish_args) != len(set(finish_args)):
        problems.append('finish-args has duplicates')
    extra = set(finish_args) - EXPECTED_FINISH_ARGS
    missing = EXPECTED_FINISH_ARGS - set(finish_args)
    for arg in sorted(extra):
        problems.append(f'finish-arg {arg} is not one the README explains')
    for arg in sorted(missing):
        problems.append(f'finish-arg {arg} is missing')

    names = []
    for module in manifest.get('modules', []):
        if isinstance(module, str):
            problems.append(f'module {module} is an external file; keep modules inline')
            continue
        name = module.get('name')
        names.append(name)
        for source in module.get('sources', []):
            kind = source.get('type')
            if kind in ('archive', 'file'):
                sha = source.get('sha256', '')
                if len(sha) != 64 or not all(c in '0123456789abcdef' for c in sha):
                    problems.append(f'{name}: {kind} source without a sha256')
                if not source.get('url', '').startswith('https://'):
                    problems.append(f'{name}: {kind} source not fetched over https')
            elif kind == 'git':
                if len(source.get('commit', '')) != 40:
                    problems.append(f'{name}: git source without a full commit')
            elif kind == 'dir':
                if name != APP_MODULE:
                    problems.append(f'{name}: only the app itself may be a local dir source')
            else:
                problems.append(f'{name}: unexpected source type {kind}')

    if not names or names[-1] != APP_MODULE:
        problems.append(f'the last module must be {APP_MODULE}, built after its dependencies')
    for dep in ('pcsc-lite', 'opensc'):
        if dep not in names:
            problems.append(f'module {dep} is missing: the runtime lacks it')
    app = next((m for m in manifest.get('modules', []) if isinstance(m, dict)
                and m.get('name') == APP_MODULE), {})
    if app.get('buildsystem') != 'meson':
        problems.append('the app must be built with meson')

    for p in problems:
        print(p)
    print(f'{len(problems)} manifest problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
