/* pkio-store-records-private.h
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

/* What the draft store, the history and the outbox do alike with their
 * records in memory and on disk, written once. The outbox's own rules
 * (claims, never sending twice) stay in the outbox. */

GPtrArray *_pkio_store_records_dup_sorted  (GHashTable          *entries,
                                            gsize                date_offset,
                                            gboolean             newest_first);

void       _pkio_store_records_add_string  (JsonBuilder         *builder,
                                            const char          *name,
                                            const char          *value);
void       _pkio_store_records_add_date    (JsonBuilder         *builder,
                                            const char          *name,
                                            GDateTime           *date);
void       _pkio_store_records_add_int     (JsonBuilder         *builder,
                                            const char          *name,
                                            gint64               value);
void       _pkio_store_records_add_boolean (JsonBuilder         *builder,
                                            const char          *name,
                                            gboolean             value);
char      *_pkio_store_records_dup_string  (JsonObject          *meta,
                                            const char          *name);
GDateTime *_pkio_store_records_get_date    (JsonObject          *meta,
                                            const char          *name);

typedef void (*PkioStoreRecordsPutFunc) (gpointer owner,
                                         gpointer item);

void       _pkio_store_records_load        (PkioStore           *store,
                                            PkioStoreKind        kind,
                                            PkioStoreMapFunc     map,
                                            GDestroyNotify       map_free,
                                            PkioStoreRecordsPutFunc put,
                                            guint                changed_signal,
                                            GTask               *task);
gboolean   _pkio_store_records_load_finish (gpointer             owner,
                                            GAsyncResult        *result,
                                            GPtrArray          **problems,
                                            GError             **error);

gboolean   _pkio_store_records_save_failed (GObject             *store,
                                            GAsyncResult        *result,
                                            GTask               *task);
void       _pkio_store_records_saved_cb    (GObject             *store,
                                            GAsyncResult        *result,
                                            gpointer             task);

void       _pkio_store_records_batch_begin (GTask               *task,
                                            guint                changed_signal);
void       _pkio_store_records_batch_add   (GTask               *task);
void       _pkio_store_records_batch_saved_cb (GObject          *store,
                                               GAsyncResult     *result,
                                               gpointer          task);
void       _pkio_store_records_batch_end   (GTask               *task);

G_END_DECLS
