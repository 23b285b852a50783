/* pkio-draft-store.h
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

#include "pkio-order.h"
#include "pkio-store.h"

G_BEGIN_DECLS

/* Orders in progress, autosaved a moment after each change and on close,
 * in the store's drafts folder. What the wizard calls:
 *
 *   id = pkio_draft_store_create_id (drafts);          a new order
 *   pkio_draft_store_schedule_save (drafts, id, order, "applicant");
 *                                                      on every change
 *   pkio_draft_store_save_now_async (…);                on close / Submit later
 *   pkio_draft_store_get_latest (drafts);               "continue where you left off"
 *   order = pkio_draft_store_dup_order (drafts, id, …); reopen (no card number, no CVV)
 *   pkio_draft_store_delete_async (…);                  once the order is sent */

typedef struct
{
  char      *id;
  char      *applicant;   /* "first last", or NULL when not typed yet */
  GDateTime *modified;
  char      *step;        /* the wizard's step id reached, e.g. "shipping" */
  JsonNode  *order;       /* the order as PKIO_ORDER_JSON_DRAFT writes it */
  char      *identity;    /* the order's identity (PkioOrder:identity) */
} PkioDraft;

#define PKIO_TYPE_DRAFT (pkio_draft_get_type ())
#define PKIO_TYPE_DRAFT_STORE (pkio_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (PkioDraftStore, pkio_draft_store, PKIO, DRAFT_STORE, GObject)

GType            pkio_draft_get_type               (void) G_GNUC_CONST;
PkioDraft       *pkio_draft_copy                   (const PkioDraft     *self);
void             pkio_draft_free                   (PkioDraft           *self);

PkioDraftStore  *pkio_draft_store_new              (PkioStore           *store,
                                                    guint                delay_ms);
void             pkio_draft_store_set_delay        (PkioDraftStore      *self,
                                                    guint                delay_ms);
GPtrArray       *pkio_draft_store_dup_drafts       (PkioDraftStore      *self);
const PkioDraft *pkio_draft_store_lookup           (PkioDraftStore      *self,
                                                    const char          *id);
const PkioDraft *pkio_draft_store_get_latest       (PkioDraftStore      *self);
gboolean         pkio_draft_store_has_pending      (PkioDraftStore      *self);
char            *pkio_draft_store_create_id        (PkioDraftStore      *self);
PkioOrder       *pkio_draft_store_dup_order        (PkioDraftStore      *self,
                                                    const char          *id,
                                                    GPtrArray          **problems);

void             pkio_draft_store_load_async       (PkioDraftStore      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pkio_draft_store_load_finish      (PkioDraftStore      *self,
                                                    GAsyncResult        *result,
                                                    GPtrArray          **problems,
                                                    GError             **error);
void             pkio_draft_store_schedule_save    (PkioDraftStore      *self,
                                                    const char          *id,
                                                    PkioOrder           *order,
                                                    const char          *step);
void             pkio_draft_store_save_now_async   (PkioDraftStore      *self,
                                                    const char          *id,
                                                    PkioOrder           *order,
                                                    const char          *step,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pkio_draft_store_save_now_finish  (PkioDraftStore      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_draft_store_flush_async      (PkioDraftStore      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pkio_draft_store_flush_finish     (PkioDraftStore      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_draft_store_put_async        (PkioDraftStore      *self,
                                                    const PkioDraft     *draft,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pkio_draft_store_put_finish       (PkioDraftStore      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_draft_store_delete_async     (PkioDraftStore      *self,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
PkioDraft       *pkio_draft_store_delete_finish    (PkioDraftStore      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_draft_store_duplicate_async  (PkioDraftStore      *self,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char            *pkio_draft_store_duplicate_finish (PkioDraftStore      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
guint            pkio_draft_store_close_identity   (PkioDraftStore      *self,
                                                    const char          *identity);
guint            pkio_draft_store_close_identities (PkioDraftStore      *self,
                                                    GPtrArray           *identities);
gboolean         pkio_draft_store_is_closed        (PkioDraftStore      *self,
                                                    const char          *identity);
void             pkio_draft_store_reopen_identity  (PkioDraftStore      *self,
                                                    const char          *identity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioDraft, pkio_draft_free)

G_END_DECLS
