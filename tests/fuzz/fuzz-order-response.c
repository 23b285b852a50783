/* fuzz-order-response.c
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

#include "config.h"

#include <stdint.h>

#include "pkio-fuzz-utils.h"
#include "pkio-json-guard.h"
#include "pkio-order-response.h"

/* Feeds arbitrary bytes to the readers of CertCentral's answers: whatever
 * a server or a proxy in between sends must not crash us. */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  pkio_fuzz_abort_on_warnings ();

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  gboolean shallow;

  /* The guard counts only outside strings, whatever the escapes: a
   * document it passes is never deeper than it says, and one it refuses
   * is never read as a receipt. */
  shallow = pkio_json_depth_ok ((const char *) data, size, PKIO_JSON_MAX_DEPTH);

  receipt = pkio_order_receipt_new_from_json ((const char *) data, size, NULL);
  if (receipt != NULL)
    g_assert (shallow && receipt->id > 0 && receipt->requests != NULL);

  errors = pkio_api_errors_parse ((const char *) data, size);
  for (guint i = 0; i < errors->len; i++)
    {
      const PkioApiError *error = g_ptr_array_index (errors, i);

      /* Every error has something to show, in UTF-8. */
      g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      g_assert (error->code == NULL || error->base != NULL);
    }

  return 0;
}
