/* pkio-window.h
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

#include <adwaita.h>

#include "pkio-account.h"

#include "pkio-assistant.h"
#include "pkio-draft-store.h"
#include "pkio-order.h"
#include "pkio-order-book.h"
#include "pkio-outbox.h"
#include "pkio-settings.h"

G_BEGIN_DECLS

#define PKIO_TYPE_WINDOW (pkio_window_get_type ())

G_DECLARE_FINAL_TYPE (PkioWindow, pkio_window, PKIO, WINDOW, AdwApplicationWindow)

PkioWindow    *pkio_window_new               (GtkApplication *application,
                                              PkioSettings   *settings);
PkioWindow    *pkio_window_new_with_account  (GtkApplication *application,
                                              PkioSettings   *settings,
                                              PkioAccount    *account);
PkioSettings  *pkio_window_get_settings      (PkioWindow     *self);
PkioAccount   *pkio_window_get_account       (PkioWindow     *self);
PkioOrderBook *pkio_window_get_order_book    (PkioWindow     *self);
GtkWindow     *pkio_window_show_preferences  (PkioWindow     *self);
GtkWindow     *pkio_window_show_about        (PkioWindow     *self);
void           pkio_window_add_toast         (PkioWindow     *self,
                                              AdwToast       *toast);
GtkWidget     *pkio_window_get_token_panel   (PkioWindow     *self);
void           pkio_window_load_orders       (PkioWindow     *self,
                                              gboolean        present);
void           pkio_window_open_draft        (PkioWindow     *self,
                                              const char     *id);
PkioDraftStore *pkio_window_get_draft_store  (PkioWindow     *self);
PkioOutbox    *pkio_window_get_outbox        (PkioWindow     *self);
PkioOrder     *pkio_window_get_order         (PkioWindow     *self);
PkioAssistant *pkio_window_get_assistant     (PkioWindow     *self);
PkioPage      *pkio_window_get_page          (PkioWindow     *self,
                                              const char     *page_id);

G_END_DECLS
