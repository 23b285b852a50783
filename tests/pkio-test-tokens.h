/* pkio-test-tokens.h
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pkio-test-utils.h"

G_BEGIN_DECLS

/* Shared by the token tests: SoftHSM2 tokens and copies of our own PKCS#11
 * test module, all in a temporary directory of the test's own. */

#define PKIO_TEST_SOFTHSM_MODULE "/usr/lib/softhsm/libsofthsm2.so"
#define PKIO_TEST_SOFTHSM_PIN    "123456"
#define PKIO_TEST_SIGNING_LABEL  "PKIo QSCD"
#define PKIO_TEST_EMPTY_LABEL    "Empty token"
#define PKIO_TEST_SIGNER_CN      "Jan Jansen"
/* qcStatements DER: QcCompliance and QcSSCD */
#define PKIO_TEST_QC_STATEMENTS  "0x30143008060604008E4601013008060604008E460104"

typedef struct
{
  char *dir;
  char *softhsm_conf;
  char *cert_der;          /* qualified */
  char *plain_cert_der;    /* nonRepudiation, no qcStatements */
  char *expired_cert_der;  /* qualified statements, expired in 2020 */
  char *cert_serial;       /* as GnuTLS prints it: "12:34" */
  char *signing_serial;    /* the token serial SoftHSM gave */
  char *empty_serial;
} PkioTestTokens;

PkioTestTokens *pkio_test_tokens_setup          (void);
void            pkio_test_tokens_free           (PkioTestTokens *tokens);
char           *pkio_test_tokens_add_module     (PkioTestTokens *tokens,
                                                 const char     *name,
                                                 const char     *state);
void            pkio_test_tokens_set_state      (const char     *module_path,
                                                 const char     *state);
void            pkio_test_wait_for_threads      (void);

G_END_DECLS
