#!/usr/bin/python3
# pkio-test-vicc.py
#
# Copyright 2026 The Pkio Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A virtual smart card for the token tests: vicc's ISO 7816 card with a
# PKCS#15 file system (EF.DIR, ODF, TokenInfo, AODF with one PIN, CDF with
# one certificate), so that OpenSC's default driver lists it as a token.
# It connects to the vpcd reader of the test's own pcscd: running is
# "inserted", exiting is "removed".
#
#   pkio-test-vicc.py PORT LABEL SERIAL CERT.der PIN
#
# Debian 12's vicc needs two things it does not get: its modules are
# installed off sys.path, and it imports `Crypto`, which Debian ships as
# `Cryptodome` (python3-pycryptodome). Run it with Debian's /usr/bin/python3.

import sys

sys.path.insert(0, '/usr/lib/python3/site-packages/virtualsmartcard')

import Cryptodome  # noqa: E402

sys.modules['Crypto'] = Cryptodome

import logging  # noqa: E402

import virtualsmartcard.TLVutils as TLVutils  # noqa: E402
from virtualsmartcard.SmartcardFilesystem import MF, DF, TransparentStructureEF  # noqa: E402
from virtualsmartcard.SmartcardSAM import SAM  # noqa: E402
from virtualsmartcard.VirtualSmartcard import Iso7816OS, VirtualICC  # noqa: E402

PKCS15_AID = bytes.fromhex('A000000063504B43532D3135')


def tlv(tag, value):
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82, n >> 8, n & 0xff])
    return bytes([tag]) + length + value


def seq(*parts):
    return tlv(0x30, b''.join(parts))


def path(*fids):
    return tlv(0x04, b''.join(bytes.fromhex(f) for f in fids))


# vicc 0.8's TLV packer ends with b"".join() over bytes, which Python 3
# refuses: every SELECT that returns an FCP failed.

def _fixed_pack(tlv_data, recalculate_length=False):
    result = b''
    for data in tlv_data:
        tag, length, value = data[:3]
        if tag in (0xff, 0x00):
            result += bytes([tag])
            continue
        if not isinstance(value, bytes):
            value = _fixed_pack(value, recalculate_length)
        if recalculate_length:
            length = len(value)
        t = b''
        while tag > 0:
            t = bytes([tag & 0xff]) + t
            tag >>= 8
        if length < 0x7F:
            ln = bytes([length])
        else:
            ln = b''
            while length > 0:
                ln = bytes([length & 0xff]) + ln
                length >>= 8
            ln = bytes([0x80 | len(ln)]) + ln
        result += t + ln + value
    return result


TLVutils.pack = _fixed_pack


def main():
    port, label, serial, cert_path, pin = sys.argv[1:6]
    with open(cert_path, 'rb') as f:
        cert = f.read()

    ef_dir = tlv(0x61, tlv(0x4F, PKCS15_AID) + tlv(0x50, b'PKIo') +
                 tlv(0x51, bytes.fromhex('3F005015')))
    odf = (tlv(0xA8, seq(path('3F00', '5015', '4401'))) +
           tlv(0xA4, seq(path('3F00', '5015', '4402'))))
    token_info = seq(tlv(0x02, b'\x00'),
                     tlv(0x04, serial.encode()),
                     tlv(0x0C, b'PKIo Tests'),
                     tlv(0x80, label.encode()),
                     tlv(0x03, b'\x06\x40'))          # loginRequired
    aodf = seq(seq(tlv(0x0C, b'User PIN')),
               seq(tlv(0x04, b'\x01')),
               tlv(0xA1, seq(tlv(0x03, b'\x03\x48'),  # local, initialized
                             tlv(0x0A, b'\x01'),      # ascii-numeric
                             tlv(0x02, b'\x04'),      # minLength
                             tlv(0x02, b'\x08'),      # storedLength
                             tlv(0x02, b'\x08'),      # maxLength
                             tlv(0x80, b'\x00'))))    # pinReference
    cdf = seq(seq(tlv(0x0C, b'Signing')),
              seq(tlv(0x04, b'\x45')),
              tlv(0xA1, seq(seq(path('3F00', '5015', '4501')))))

    mf = MF()
    mf.append(TransparentStructureEF(parent=mf, fid=0x2F00, data=ef_dir))
    app = DF(parent=mf, fid=0x5015, dfname=PKCS15_AID)
    mf.append(app)
    for fid, data in ((0x5031, odf), (0x5032, token_info), (0x4401, aodf),
                      (0x4402, cdf), (0x4501, cert)):
        app.append(TransparentStructureEF(parent=app, fid=fid, data=data))

    sam = SAM(pin.encode(), serial.encode())
    sam.set_MF(mf)

    vicc = VirtualICC(None, 'iso7816', 'localhost', int(port),
                      logginglevel=logging.CRITICAL)
    vicc.os = Iso7816OS(mf, sam)
    # Tell the test the card is in the reader.
    print('inserted', flush=True)
    vicc.run()


if __name__ == '__main__':
    main()
