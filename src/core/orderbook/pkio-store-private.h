/* pkio-store-private.h
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

#include "pkio-store.h"

G_BEGIN_DECLS

/* For tests and the crash-test writer: a store with a given key (or none:
 * in memory), and the envelope on its own. */
PkioStore *_pkio_store_new_with_key  (const char  *directory,
                                      GBytes      *key);
GBytes    *_pkio_store_seal          (GBytes      *key,
                                      const char  *plaintext,
                                      gsize        length,
                                      GError     **error);
char      *_pkio_store_unseal        (GBytes      *key,
                                      GBytes      *sealed,
                                      gsize       *length,
                                      GError     **error);
gboolean   _pkio_store_save_sync     (PkioStore   *self,
                                      PkioStoreKind kind,
                                      const PkioStoreRecord *record,
                                      GError     **error);
void       _pkio_store_fail_writes   (PkioStore   *self,
                                      int          saved_errno,
                                      guint        after);

G_END_DECLS
