/* pkio-account.h
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
#include "pkio-settings.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ACCOUNT (pkio_account_get_type ())

G_DECLARE_FINAL_TYPE (PkioAccount, pkio_account, PKIO, ACCOUNT, GObject)

PkioAccount *pkio_account_new                (const char          *base_url);
PkioAccount *pkio_account_new_for_client     (PkioClient          *client);
PkioAccount *pkio_account_new_for_settings   (PkioSettings        *settings);
const char  *pkio_account_get_base_url       (PkioAccount         *self);
void         pkio_account_set_base_url       (PkioAccount         *self,
                                              const char          *base_url);
gboolean     pkio_account_get_practice       (PkioAccount         *self);
void         pkio_account_set_practice       (PkioAccount         *self,
                                              const char          *simulator_url);
gboolean     pkio_account_get_has_api_key    (PkioAccount         *self);
void         pkio_account_set_api_key        (PkioAccount         *self,
                                              const char          *api_key);
PkioClient  *pkio_account_get_client         (PkioAccount         *self);
void         pkio_account_load_api_key_async (PkioAccount         *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     pkio_account_load_api_key_finish (PkioAccount        *self,
                                               GAsyncResult       *result,
                                               GError            **error);
void         pkio_account_save_api_key_async (PkioAccount         *self,
                                              const char          *api_key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     pkio_account_save_api_key_finish (PkioAccount        *self,
                                               GAsyncResult       *result,
                                               GError            **error);
void         pkio_account_clear_api_key_async (PkioAccount        *self,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean     pkio_account_clear_api_key_finish (PkioAccount       *self,
                                                GAsyncResult      *result,
                                                GError           **error);

G_END_DECLS
