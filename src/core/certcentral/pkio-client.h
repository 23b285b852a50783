/* pkio-client.h
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
#include <json-glib/json-glib.h>

#include "pkio-order-response.h"
#include "pkio-rate-limiter.h"

G_BEGIN_DECLS

#define PKIO_TYPE_CLIENT (pkio_client_get_type ())

G_DECLARE_FINAL_TYPE (PkioClient, pkio_client, PKIO, CLIENT, GObject)

#define PKIO_CLIENT_ERROR (pkio_client_error_quark ())

/**
 * PkioClientError:
 * @PKIO_CLIENT_ERROR_UNAUTHORIZED: no API key, or CertCentral refused it (401/403)
 * @PKIO_CLIENT_ERROR_PERMISSION: the key may not do this (access_denied|missing_permission)
 * @PKIO_CLIENT_ERROR_VALIDATION: CertCentral refused the request's content (400);
 *   pkio_client_error_get_api_errors() has every entry
 * @PKIO_CLIENT_ERROR_NOT_FOUND: no such order, product or route (404)
 * @PKIO_CLIENT_ERROR_RATE_LIMITED: still refused with 429 after the bounded retries
 * @PKIO_CLIENT_ERROR_SERVER: CertCentral failed and said so (5xx with an error body)
 * @PKIO_CLIENT_ERROR_NETWORK: the server could not be reached
 * @PKIO_CLIENT_ERROR_TIMEOUT: no answer in time (for a request that changes nothing)
 * @PKIO_CLIENT_ERROR_TLS: the server's certificate was not trusted; nothing was sent
 * @PKIO_CLIENT_ERROR_BAD_RESPONSE: the answer is not the documented JSON
 * @PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN: an order was sent but whether it was placed is
 *   unknown (timeout or connection lost after sending, 5xx without a body, or a
 *   success whose body cannot be read). Never resend on your own: reconcile with
 *   pkio_client_find_orders_async() first.
 */
typedef enum
{
  PKIO_CLIENT_ERROR_UNAUTHORIZED,
  PKIO_CLIENT_ERROR_PERMISSION,
  PKIO_CLIENT_ERROR_VALIDATION,
  PKIO_CLIENT_ERROR_NOT_FOUND,
  PKIO_CLIENT_ERROR_RATE_LIMITED,
  PKIO_CLIENT_ERROR_SERVER,
  PKIO_CLIENT_ERROR_NETWORK,
  PKIO_CLIENT_ERROR_TIMEOUT,
  PKIO_CLIENT_ERROR_TLS,
  PKIO_CLIENT_ERROR_BAD_RESPONSE,
  PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN,
} PkioClientError;

typedef struct
{
  const char *status;            /* e.g. "pending" */
  const char *product_name_id;   /* e.g. "pkio_qualified_burger" */
  const char *email;
  const char *date_created;      /* passed through as CertCentral takes it */
  guint       offset;
  guint       limit;             /* 0: CertCentral's default */
} PkioOrderFilter;

#define PKIO_PRODUCT_NAME_ID "pkio_qualified_burger"

typedef enum
{
  PKIO_ORDER_PERMISSION_UNKNOWN,
  PKIO_ORDER_PERMISSION_ALLOWED,
  PKIO_ORDER_PERMISSION_DENIED,
} PkioOrderPermission;

GQuark           pkio_client_error_quark          (void);
GPtrArray       *pkio_client_error_get_api_errors (const GError         *error);

PkioClient      *pkio_client_new                  (const char           *base_url);
const char      *pkio_client_get_base_url         (PkioClient           *self);
void             pkio_client_set_api_key          (PkioClient           *self,
                                                   const char           *api_key);
gboolean         pkio_client_has_api_key          (PkioClient           *self);
void             pkio_client_set_practice         (PkioClient           *self,
                                                   gboolean              practice);
gboolean         pkio_client_get_practice         (PkioClient           *self);
void             pkio_client_set_tls_database     (PkioClient           *self,
                                                   GTlsDatabase         *database);
void             pkio_client_set_timeout          (PkioClient           *self,
                                                   guint                 seconds);
void             pkio_client_set_deadline         (PkioClient           *self,
                                                   guint                 seconds);
void             pkio_client_set_rate_limiter     (PkioClient           *self,
                                                   PkioRateLimiter      *limiter);
PkioRateLimiter *pkio_client_get_rate_limiter     (PkioClient           *self);

void             pkio_client_submit_order_async   (PkioClient           *self,
                                                   JsonNode             *body,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PkioOrderReceipt *pkio_client_submit_order_finish (PkioClient           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pkio_client_get_order_async      (PkioClient           *self,
                                                   guint64               order_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
JsonNode        *pkio_client_get_order_finish     (PkioClient           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pkio_client_list_orders_async    (PkioClient           *self,
                                                   const PkioOrderFilter *filter,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
JsonNode        *pkio_client_list_orders_finish   (PkioClient           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pkio_client_cancel_order_async   (PkioClient           *self,
                                                   guint64               order_id,
                                                   const char           *note,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pkio_client_cancel_order_finish  (PkioClient           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pkio_client_get_user_async       (PkioClient           *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
JsonNode        *pkio_client_get_user_finish      (PkioClient           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pkio_client_find_orders_async    (PkioClient           *self,
                                                   const char           *email,
                                                   GDateTime            *since,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
JsonArray       *pkio_client_find_orders_finish   (PkioClient           *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

PkioOrderPermission pkio_client_user_order_permission (JsonNode *user);

G_END_DECLS
