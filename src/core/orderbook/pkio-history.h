/* pkio-history.h
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

#include "pkio-client.h"
#include "pkio-store.h"

G_BEGIN_DECLS

/* Every order the app placed, from the window or from `pkio-order submit`,
 * kept encrypted in the store's history folder. */

typedef struct
{
  char      *id;               /* the record id; the outbox entry's id, the order's identity */
  gint64     order_id;
  gint64     certificate_id;   /* 0 until known */
  char      *applicant;        /* NULL once personal data is removed */
  char      *email;            /* likewise */
  GDateTime *date;             /* when it was placed */
  char      *product;          /* CertCentral's name_id */
  char      *status;           /* CertCentral's order status, e.g. "pending" */
  gboolean   practice;         /* placed with the practice simulator, not CertCentral */
} PkioHistoryEntry;

#define PKIO_HISTORY_ERROR (pkio_history_error_quark ())

/**
 * PkioHistoryError:
 * @PKIO_HISTORY_ERROR_PRACTICE_MISMATCH: a practice entry and a client of
 *   the real CertCentral, or the other way round
 */
typedef enum
{
  PKIO_HISTORY_ERROR_PRACTICE_MISMATCH,
} PkioHistoryError;

#define PKIO_TYPE_HISTORY_ENTRY (pkio_history_entry_get_type ())
#define PKIO_TYPE_HISTORY (pkio_history_get_type ())

G_DECLARE_FINAL_TYPE (PkioHistory, pkio_history, PKIO, HISTORY, GObject)

GQuark            pkio_history_error_quark             (void);
GType             pkio_history_entry_get_type          (void) G_GNUC_CONST;
PkioHistoryEntry *pkio_history_entry_copy              (const PkioHistoryEntry *self);
void              pkio_history_entry_free              (PkioHistoryEntry       *self);
gboolean          pkio_history_entry_is_pending        (const PkioHistoryEntry *self);

PkioHistory      *pkio_history_new                     (PkioStore           *store);
GPtrArray        *pkio_history_dup_entries             (PkioHistory         *self);
const PkioHistoryEntry *pkio_history_lookup            (PkioHistory         *self,
                                                        const char          *id);

void              pkio_history_load_async              (PkioHistory         *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          pkio_history_load_finish             (PkioHistory         *self,
                                                        GAsyncResult        *result,
                                                        GPtrArray          **problems,
                                                        GError             **error);
void              pkio_history_add_async               (PkioHistory         *self,
                                                        const PkioHistoryEntry *entry,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          pkio_history_add_finish              (PkioHistory         *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void              pkio_history_refresh_status_async    (PkioHistory         *self,
                                                        const char          *id,
                                                        PkioClient          *client,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          pkio_history_refresh_status_finish   (PkioHistory         *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void              pkio_history_remove_personal_data_async  (PkioHistory     *self,
                                                            GDateTime       *before,
                                                            GCancellable    *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer         user_data);
gboolean          pkio_history_remove_personal_data_finish (PkioHistory     *self,
                                                            GAsyncResult    *result,
                                                            GError         **error);
void              pkio_history_cancel_order_async      (PkioHistory         *self,
                                                        const char          *id,
                                                        PkioClient          *client,
                                                        const char          *note,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          pkio_history_cancel_order_finish     (PkioHistory         *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void              pkio_history_watch_pending           (PkioHistory         *self,
                                                        PkioClient          *client,
                                                        guint                first_s,
                                                        guint                max_s);
gboolean          pkio_history_watch_now               (PkioHistory         *self);
char             *pkio_history_to_csv                  (PkioHistory         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioHistoryEntry, pkio_history_entry_free)

G_END_DECLS
