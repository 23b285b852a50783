/* pkio-order-response.h
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

#include <glib-object.h>

G_BEGIN_DECLS

/* What CertCentral answers to an order: a receipt on success, a list of
 * errors otherwise. Plain values, parsed off the main loop or on it; they
 * hold nothing secret. */

typedef struct
{
  gint64  id;
  char   *status;      /* "pending", "submitted", "approved", … */
} PkioOrderReceiptRequest;

typedef struct
{
  gint64     id;               /* the order */
  gint64     certificate_id;   /* 0 until the request is approved */
  GPtrArray *requests;         /* (element-type PkioOrderReceiptRequest) */
} PkioOrderReceipt;

/* One entry of {"errors":[{"code","message"}]}. The code comes as "base",
 * "base|detail" or "base:json.path"; the path names the field at fault. */
typedef struct
{
  char *code;      /* as sent, or NULL when the body had no errors array */
  char *base;      /* "required_param", "not_found", … */
  char *detail;    /* after "|": "order" in "not_found|order" */
  char *field;     /* after ":": "ship_info.zip" in "required_param:ship_info.zip" */
  char *message;   /* for people: message, else description, else the raw body */
} PkioApiError;

#define PKIO_TYPE_ORDER_RECEIPT (pkio_order_receipt_get_type ())
#define PKIO_TYPE_API_ERROR     (pkio_api_error_get_type ())

GType             pkio_order_receipt_get_type       (void) G_GNUC_CONST;
PkioOrderReceipt *pkio_order_receipt_new_from_json  (const char             *data,
                                                     gssize                  length,
                                                     GError                **error);
PkioOrderReceipt *pkio_order_receipt_copy           (const PkioOrderReceipt *self);
void              pkio_order_receipt_free           (PkioOrderReceipt       *self);

GType             pkio_api_error_get_type           (void) G_GNUC_CONST;
PkioApiError     *pkio_api_error_new                (const char             *code,
                                                     const char             *message);
PkioApiError     *pkio_api_error_copy               (const PkioApiError     *self);
void              pkio_api_error_free               (PkioApiError           *self);
GPtrArray        *pkio_api_errors_parse             (const char             *body,
                                                     gssize                  length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioOrderReceipt, pkio_order_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioApiError, pkio_api_error_free)

G_END_DECLS
