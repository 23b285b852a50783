/* pkio-secret-store.h
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
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The API key lives in the keyring and nowhere else. Items use the schema
 * named after the application id, with the attributes
 *
 *   kind      "api-key"
 *   base-url  the CertCentral base URL the key belongs to
 *
 * The key that encrypts drafts, the outbox and history is another item of
 * the same schema, with kind "store-key" and no base-url: 32 random bytes,
 * base64-encoded, created on first use.
 *
 * so that, for example,
 *   secret-tool lookup xdg:schema io.github.pkioorder.PkioOrder kind api-key \
 *     base-url https://certcentral.digicert.eu/services/v2
 * finds it. */

/* A key as returned by the lookup: free it with pkio_api_key_free(), which
 * wipes it first. */
typedef char PkioApiKey;

#define PKIO_SECRET_STORE_ERROR (pkio_secret_store_error_quark ())

/* The length of the store key, for AES-256. */
#define PKIO_STORE_KEY_SIZE 32

typedef enum
{
  PKIO_SECRET_STORE_ERROR_LOCKED,
  PKIO_SECRET_STORE_ERROR_UNAVAILABLE,
  PKIO_SECRET_STORE_ERROR_FAILED,
} PkioSecretStoreError;

GQuark              pkio_secret_store_error_quark         (void);
const SecretSchema *pkio_secret_store_get_schema          (void);

void                pkio_secret_store_save_api_key_async   (const char           *base_url,
                                                            const char           *api_key,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            pkio_secret_store_save_api_key_finish  (GAsyncResult         *result,
                                                            GError              **error);
void                pkio_secret_store_lookup_api_key_async (const char           *base_url,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
char               *pkio_secret_store_lookup_api_key_finish (GAsyncResult        *result,
                                                            GError              **error);
void                pkio_secret_store_clear_api_key_async  (const char           *base_url,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean            pkio_secret_store_clear_api_key_finish (GAsyncResult         *result,
                                                            gboolean             *removed,
                                                            GError              **error);
void                pkio_api_key_free                      (char                 *api_key);

void                pkio_secret_store_lookup_or_create_store_key_async  (GCancellable        *cancellable,
                                                                         GAsyncReadyCallback  callback,
                                                                         gpointer             user_data);
GBytes             *pkio_secret_store_lookup_or_create_store_key_finish (GAsyncResult        *result,
                                                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioApiKey, pkio_api_key_free)

G_END_DECLS
