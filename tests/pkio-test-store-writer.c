/* pkio-test-store-writer.c
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

#include <stdio.h>

#include "pkio-store-private.h"

/* The writer the crash test kills: it replaces the same few records as
 * fast as it can, with contents of changing size, until it is killed.
 * It says "writing" on its output once the first record is on disk.
 *
 *   pkio-test-store-writer DIRECTORY BASE64-KEY */

int
main (int    argc,
      char **argv)
{
  g_autoptr(PkioStore) store = NULL;
  g_autoptr(GBytes) key = NULL;
  guchar *raw;
  gsize len;

  if (argc != 3)
    return 2;

  raw = g_base64_decode (argv[2], &len);
  key = g_bytes_new_take (raw, len);
  store = _pkio_store_new_with_key (argv[1], key);

  for (guint64 n = 0; ; n++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) meta = NULL;
      g_autoptr(PkioStoreRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("record-%u", (guint) (n % 3));
      g_autofree char *pad = g_strnfill ((n * 7919) % 20000, 'x');

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "n");
      json_builder_add_int_value (builder, n);
      json_builder_set_member_name (builder, "pad");
      json_builder_add_string_value (builder, pad);
      json_builder_end_object (builder);
      meta = json_builder_get_root (builder);
      record = pkio_store_record_new (id, meta, NULL);

      if (!_pkio_store_save_sync (store, PKIO_STORE_KIND_DRAFTS, record, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* The test waits for this before its first kill. */
      if (n == 0)
        {
          g_print ("writing\n");
          fflush (stdout);
        }
    }
}
