/* pkio-wipe.c
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

#include <string.h>

#include "pkio-wipe.h"

/* The one way secrets (card number, CVV, the API key) and personal data are
 * cleared before their memory is given back. A plain memset before free is a
 * dead store the compiler may drop; explicit_bzero is kept. */

/**
 * pkio_wipe:
 * @data: (nullable): memory holding a secret
 * @length: its size in bytes
 *
 * Overwrites @length bytes at @data with zeros.
 */
void
pkio_wipe (gpointer data,
           gsize    length)
{
  if (data != NULL && length > 0)
    explicit_bzero (data, length);
}

/**
 * pkio_wipe_string:
 * @text: (nullable): a string holding a secret
 *
 * Overwrites @text, up to its terminating nul, with zeros.
 */
void
pkio_wipe_string (char *text)
{
  if (text != NULL)
    pkio_wipe (text, strlen (text));
}

/**
 * pkio_string_wipe_free:
 * @text: (nullable) (transfer full): a copy of a secret
 *
 * Overwrites @text before freeing it, so that card numbers do not linger
 * in freed memory (and in core dumps).
 */
void
pkio_string_wipe_free (char *text)
{
  pkio_wipe_string (text);
  g_free (text);
}
