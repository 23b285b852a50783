/* pkio-desk.h
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

#include "pkio-account.h"
#include "pkio-order.h"
#include "pkio-order-book.h"
#include "pkio-settings.h"

G_BEGIN_DECLS

#define PKIO_TYPE_DESK (pkio_desk_get_type ())

G_DECLARE_FINAL_TYPE (PkioDesk, pkio_desk, PKIO, DESK, GObject)

PkioDesk      *pkio_desk_new              (GApplication        *application,
                                           PkioSettings        *settings,
                                           PkioAccount         *account);
PkioSettings  *pkio_desk_get_settings     (PkioDesk            *self);
PkioAccount   *pkio_desk_get_account      (PkioDesk            *self);
PkioOrderBook *pkio_desk_get_order_book   (PkioDesk            *self);
gboolean       pkio_desk_get_opened       (PkioDesk            *self);
void           pkio_desk_open_async       (PkioDesk            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean       pkio_desk_open_finish      (PkioDesk            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void           pkio_desk_note_activity    (PkioDesk            *self);
gboolean       pkio_desk_get_idle_warning (PkioDesk            *self);
void           pkio_desk_set_idle_unit    (PkioDesk            *self,
                                           guint                unit_ms);
gboolean       pkio_desk_can_keep_draft   (PkioDesk            *self,
                                           PkioOrder           *order);
void           pkio_desk_clear_applicant_async  (PkioDesk            *self,
                                                 PkioOrder           *order,
                                                 const char          *draft_id,
                                                 const char          *step,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       pkio_desk_clear_applicant_finish (PkioDesk            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
