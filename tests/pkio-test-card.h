/* pkio-test-card.h
 *
 * Copyright 2026 The Pkio Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real smart-card stack for the token tests: a private pcscd with the
 * vpcd virtual reader, a vicc card with a PKCS#15 file system
 * (tests/pkio-test-vicc.py), and OpenSC's PKCS#11 module reading it. */

#define PKIO_TEST_OPENSC_MODULE "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so"
#define PKIO_TEST_CARD_LABEL    "Virtual Card"
/* OpenSC names the token after the card and its PIN. */
#define PKIO_TEST_CARD_TOKEN    "Virtual Card (User PIN)"
#define PKIO_TEST_CARD_PIN      "1234"

typedef struct _PkioTestCard PkioTestCard;

PkioTestCard *pkio_test_card_start          (const char   *dir,
                                             const char   *cert_der);
void          pkio_test_card_insert         (PkioTestCard *card);
void          pkio_test_card_remove         (PkioTestCard *card);
void          pkio_test_card_lock_pin       (PkioTestCard *card);
void          pkio_test_card_stop_pcscd     (PkioTestCard *card);
void          pkio_test_card_start_pcscd    (PkioTestCard *card);
void          pkio_test_card_free           (PkioTestCard *card);

G_END_DECLS
